package io.orderplatform.order.support;

import static io.orderplatform.order.support.OrderRequests.newCustomerId;
import static io.orderplatform.order.support.OrderRequests.validBody;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.orderplatform.contract.EventContract;
import io.orderplatform.contract.Roles;
import io.orderplatform.testsupport.Tokens;

/** Many valid orders placed at the same time by the order desk (which places orders for any customer). */
public final class ParallelOrders {

    private ParallelOrders() {
    }

    /**
     * Places {@code orders} orders, each for a new customer, from {@code clients} threads released together once
     * every request is queued; asserts each was answered 201 and returns their ids in the order they were sent.
     */
    public static List<UUID> place(URI ordersUri, int orders, int clients) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        String authorization = Tokens.bearer(Tokens.mint("order-desk", Roles.ORDERS_WRITE, Roles.ORDERS_READ));
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<HttpResponse<String>>> responses = new ArrayList<>();
            for (int i = 0; i < orders; i++) {
                HttpRequest request = HttpRequest.newBuilder(ordersUri)
                        .header("Content-Type", "application/json")
                        .header(Tokens.AUTHORIZATION, authorization)
                        .timeout(Duration.ofSeconds(60))
                        .POST(HttpRequest.BodyPublishers.ofString(validBody(newCustomerId())))
                        .build();
                responses.add(pool.submit(() -> {
                    start.await();
                    return http.send(request, HttpResponse.BodyHandlers.ofString());
                }));
            }
            start.countDown();
            List<UUID> ids = new ArrayList<>();
            for (Future<HttpResponse<String>> response : responses) {
                HttpResponse<String> created = response.get(120, TimeUnit.SECONDS);
                assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
                ids.add(UUID.fromString(EventContract.readTree(created.body()).get("id").asText()));
            }
            return ids;
        } finally {
            pool.shutdownNow();
        }
    }
}
