package io.orderplatform.order.service;

import static io.orderplatform.order.support.OrderRequests.largestValidBody;
import static io.orderplatform.order.support.OrderRequests.newCustomerId;
import static io.orderplatform.order.support.OrderRequests.post;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.orderplatform.contract.EventContract;
import io.orderplatform.contract.Roles;
import io.orderplatform.order.domain.OutboxEvent;
import io.orderplatform.order.repository.OutboxEventRepository;
import io.orderplatform.order.support.OutboxRows;
import io.orderplatform.order.support.ParallelOrders;
import io.orderplatform.testsupport.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The intake stores the orders that arrive together in shared transactions ({@link OrderIntake}), one statement
 * per table: what it writes must read back exactly as answered, and grouping must really happen.
 */
@QuarkusTest
class OrderIntakeTest {

    private static final int ORDERS = 60;

    @Inject
    MeterRegistry registry;

    @Inject
    OutboxEventRepository outbox;

    @TestHTTPResource("/orders")
    URI ordersUri;

    @BeforeEach
    void callAsTheOrderDesk() {
        Tokens.callAs("intake-tests", Roles.ORDERS_WRITE, Roles.ORDERS_READ);
    }

    @Test
    void ordersPlacedTogetherAreStoredInFewerTransactionsThanOrders() throws Exception {
        DistributionSummary groups = registry.get("order_intake_group_orders").summary();
        long groupsBefore = groups.count();
        double ordersBefore = groups.totalAmount();

        List<UUID> ids = ParallelOrders.place(ordersUri, ORDERS, ORDERS);

        assertThat(ids).doesNotHaveDuplicates().hasSize(ORDERS);
        assertThat(groups.totalAmount() - ordersBefore).as("orders stored").isEqualTo(ORDERS);
        assertThat(groups.count() - groupsBefore).as("transactions for %d orders sent at once", ORDERS)
                .isLessThan(ORDERS);
        List<OutboxEvent> events = OutboxRows.of(outbox, ids);
        assertThat(events).hasSize(ORDERS).allSatisfy(event -> {
            assertThat(event.eventType()).isEqualTo("OrderCreated");
            assertThat(event.sequence()).isEqualTo(1);
        });
    }

    @Test
    void anOrderReadsBackExactlyAsItWasAnswered() {
        // Not ASCII, and at the limits of its columns: what JSON_TABLE converts must come back unchanged.
        String customerId = "kunde-ä漢字-" + newCustomerId().substring(0, 20);
        String body = largestValidBody(customerId);
        JsonNode created = EventContract.readTree(post(body).statusCode(201).extract().asString());

        JsonNode read = EventContract.readTree(given().get("/orders/{id}", created.get("id").asText())
                .then().statusCode(200).extract().asString());

        assertThat(read).isEqualTo(created);
        assertThat(read.get("customerId").asText()).isEqualTo(customerId);
        assertThat(read.get("items")).hasSize(100);
    }

    @Test
    void theLinesOfEveryOrderOfAGroupStayWithTheirOrder() throws Exception {
        List<UUID> ids = ParallelOrders.place(ordersUri, 20, 20);

        for (UUID id : ids) {
            JsonNode order = EventContract.readTree(given().get("/orders/{id}", id).then().statusCode(200)
                    .extract().asString());
            // validBody's two lines, in their order, with the total they make.
            assertThat(order.get("items")).hasSize(2);
            assertThat(order.get("items").get(0).get("productId").asText()).isEqualTo("sku-1");
            assertThat(order.get("items").get(1).get("productId").asText()).isEqualTo("sku-2");
            assertThat(order.get("totalAmount").decimalValue()).isEqualByComparingTo("44.98");
        }
    }
}
