package io.orderplatform.order.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.orderplatform.order.domain.OrderLineItem;

class RequestFingerprintTest {

    private static final NewOrder ORDER = new NewOrder("customer-1", List.of(
            new OrderLineItem("sku-1", 2, new BigDecimal("19.99")),
            new OrderLineItem("sku-2", 1, new BigDecimal("5.00"))));

    @Test
    void isAHexSha256() {
        assertThat(RequestFingerprint.of(ORDER)).hasSize(64).matches("[0-9a-f]{64}");
    }

    @Test
    void theSameRequestHasTheSameFingerprintWhateverThePriceScale() {
        NewOrder same = new NewOrder("customer-1", List.of(
                new OrderLineItem("sku-1", 2, new BigDecimal("19.990")),
                new OrderLineItem("sku-2", 1, new BigDecimal("5"))));

        assertThat(RequestFingerprint.of(same)).isEqualTo(RequestFingerprint.of(ORDER));
    }

    @Test
    void anyDifferenceChangesIt() {
        String original = RequestFingerprint.of(ORDER);
        List<NewOrder> different = List.of(
                new NewOrder("customer-2", ORDER.lines()),
                new NewOrder("customer-1", List.of(ORDER.lines().get(1), ORDER.lines().get(0))),
                new NewOrder("customer-1", List.of(ORDER.lines().get(0))),
                new NewOrder("customer-1", List.of(new OrderLineItem("sku-1", 3, new BigDecimal("19.99")),
                        ORDER.lines().get(1))),
                new NewOrder("customer-1", List.of(new OrderLineItem("sku-1", 2, new BigDecimal("19.98")),
                        ORDER.lines().get(1))),
                new NewOrder("customer-1", List.of(new OrderLineItem("sku-9", 2, new BigDecimal("19.99")),
                        ORDER.lines().get(1))));

        assertThat(different).allSatisfy(order -> assertThat(RequestFingerprint.of(order)).isNotEqualTo(original));
    }

    @Test
    void fieldBoundariesCannotBeForged() {
        // A naive concatenation would make these two the same text.
        NewOrder a = new NewOrder("c\",\"x", List.of(new OrderLineItem("p", 1, BigDecimal.ONE)));
        NewOrder b = new NewOrder("c", List.of(new OrderLineItem("x\",\"p", 1, BigDecimal.ONE)));

        assertThat(RequestFingerprint.of(a)).isNotEqualTo(RequestFingerprint.of(b));
    }
}
