package io.orderplatform.order.rest;

import static io.orderplatform.order.support.OrderRequests.cancel;
import static io.orderplatform.order.support.OrderRequests.newCustomerId;
import static io.orderplatform.order.support.OrderRequests.pay;
import static io.orderplatform.order.support.OrderRequests.placeOrder;
import static io.orderplatform.testsupport.KeysetPages.items;
import static io.orderplatform.testsupport.KeysetPages.page;
import static io.orderplatform.testsupport.KeysetPages.walk;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.orderplatform.contract.Roles;
import io.orderplatform.order.domain.Order;
import io.orderplatform.order.domain.OrderLineItem;
import io.orderplatform.order.repository.OrderRepository;
import io.orderplatform.problem.PageCursor;
import io.orderplatform.testsupport.Tokens;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Sort;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.path.json.JsonPath;

/** GET /orders a page at a time: newest first, each order once, whatever is placed between two pages. */
@QuarkusTest
class OrderPagingTest {

    /** Every call of these tests carries a bearer token: the order desk's, which may act for any customer. */
    @BeforeEach
    void callAsTheOrderDesk() {
        Tokens.callAs("order-tests", Roles.ORDERS_WRITE, Roles.ORDERS_READ);
    }

    private static final String ORDERS = "/orders";

    @Inject
    OrderRepository orders;

    @Test
    void walkingEveryPageGivesEachOrderOnceNewestFirst() {
        String customerId = newCustomerId();
        List<String> placed = place(customerId, 5);

        List<JsonPath> pages = walk(ORDERS, Map.of("customerId", customerId, "limit", 2));

        assertThat(pages).extracting(page -> page.getList("items").size()).containsExactly(2, 2, 1);
        assertThat(items(pages, "id")).containsExactlyElementsOf(newestFirst(placed));
    }

    @Test
    void ordersPlacedBetweenTwoPagesNeitherRepeatNorHideAnother() {
        String customerId = newCustomerId();
        List<String> placed = place(customerId, 4);
        JsonPath first = page(ORDERS, Map.of("customerId", customerId, "limit", 2));

        List<String> placedMeanwhile = place(customerId, 2);
        List<JsonPath> rest = walk(ORDERS, Map.of("customerId", customerId, "limit", 2), first.getString("nextCursor"));

        List<String> walked = new ArrayList<>(first.getList("items.id", String.class));
        walked.addAll(items(rest, "id"));
        assertThat(walked).containsExactlyElementsOf(newestFirst(placed));
        // Newer than the walk's start, they lead the next walk.
        assertThat(items(walk(ORDERS, Map.of("customerId", customerId, "limit", 2)), "id"))
                .startsWith(newestFirst(placedMeanwhile).toArray(String[]::new));
    }

    @Test
    void ordersPlacedInTheSameMicrosecondPageByIdWithoutOverlap() throws Throwable {
        String customerId = newCustomerId();
        Instant sameTime = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<Order> placed = IntStream.range(0, 5).mapToObj(i -> Order.place(UUID.randomUUID(), customerId,
                List.of(new OrderLineItem("sku-1", 1, new BigDecimal("1.00"))), sameTime)).toList();
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> orders.persist(placed)));

        List<JsonPath> pages = walk(ORDERS, Map.of("customerId", customerId, "limit", 2));

        // Newest first, and among equals by id, descending too: the order of the index read backwards.
        assertThat(items(pages, "id")).containsExactlyElementsOf(placed.stream().map(o -> o.id().toString())
                .sorted(Comparator.reverseOrder()).toList());
    }

    @Test
    void aCursorWalksWithinTheFiltersItIsUsedWith() {
        String customerId = newCustomerId();
        List<String> placed = place(customerId, 5);
        List<String> paid = List.of(placed.get(0), placed.get(2), placed.get(3));
        paid.forEach(id -> pay(id).statusCode(200));

        List<JsonPath> pages = walk(ORDERS, Map.of("customerId", customerId, "status", "PAID", "limit", 1));

        assertThat(items(pages, "id")).containsExactlyElementsOf(newestFirst(paid));
        assertThat(items(pages, "status")).containsOnly("PAID");
    }

    @Test
    void aStatusAloneWalksEveryCustomersOrdersInThatStatus() {
        // Placed last, this test's orders are the newest: they lead the list of every customer's cancelled orders.
        List<String> placed = place(newCustomerId(), 3);
        placed.forEach(id -> cancel(id).statusCode(200));

        JsonPath first = page(ORDERS, Map.of("status", "CANCELLED", "limit", 2));
        JsonPath second = page(ORDERS, Map.of("status", "CANCELLED", "limit", 2, "cursor", first.getString("nextCursor")));

        assertThat(first.getList("items.id", String.class)).containsExactly(placed.get(2), placed.get(1));
        assertThat(second.getList("items.id", String.class)).first().isEqualTo(placed.get(0));
        assertThat(second.getList("items.status", String.class)).containsOnly("CANCELLED");
    }

    @Test
    void theWholeListWalksInTheOrderOfASingleQuery() throws Throwable {
        place(newCustomerId(), 3);

        List<String> walked = items(walk(ORDERS, Map.of("limit", 100)), "id");

        List<Order> all = VertxContextSupport.subscribeAndAwait(
                () -> Panache.withSession(() -> orders.listAll(Sort.descending("createdAt", "id"))));
        assertThat(walked).containsExactlyElementsOf(all.stream().map(o -> o.id().toString()).toList());
    }

    @Test
    void aPageCarriesEachOrdersLines() {
        String customerId = newCustomerId();
        place(customerId, 3);

        List<JsonPath> pages = walk(ORDERS, Map.of("customerId", customerId, "limit", 2));

        assertThat(pages).allSatisfy(page -> assertThat(page.getList("items.items.productId", List.class))
                .containsOnly(List.of("sku-1", "sku-2")));
    }

    @Test
    void anEditedCursorOnlyStartsTheListElsewhere() {
        String customerId = newCustomerId();
        List<String> placed = place(customerId, 2);
        String afterTheLastTime = new PageCursor<>(Instant.parse("9999-12-31T23:59:59.999999Z"), UUID.randomUUID())
                .encode();
        String beforeTheFirstTime = new PageCursor<>(Instant.parse("0000-01-01T00:00:00Z"), UUID.randomUUID())
                .encode();

        assertThat(page(ORDERS, Map.of("customerId", customerId, "cursor", afterTheLastTime))
                .getList("items.id", String.class)).containsExactlyElementsOf(newestFirst(placed));
        assertThat(page(ORDERS, Map.of("customerId", customerId, "cursor", beforeTheFirstTime))
                .getList("items")).isEmpty();
    }

    private static List<String> newestFirst(List<String> oldestFirst) {
        List<String> ids = new ArrayList<>(oldestFirst);
        Collections.reverse(ids);
        return ids;
    }

    /** Places orders one after the other: their ids, oldest first. */
    private static List<String> place(String customerId, int count) {
        return IntStream.range(0, count).mapToObj(i -> placeOrder(customerId).toString()).toList();
    }
}
