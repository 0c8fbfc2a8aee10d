package io.orderplatform.order.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import io.orderplatform.contract.EventHeaders;
import io.orderplatform.contract.Topics;
import io.orderplatform.order.domain.OutboxEvent;
import io.orderplatform.order.tracing.OutboxTracing;
import io.orderplatform.order.tracing.OutboxTracing.PublishSpan;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Sends outbox rows to {@value Topics#ORDER_EVENTS}: key = order id (one order, one partition, in order),
 * headers eventId and eventType, value = the stored envelope byte for byte; and the W3C {@code traceparent} of the
 * publish span, which continues the trace of the request that wrote the row ({@link OutboxTracing}).
 */
@ApplicationScoped
public class OutboxPublisher {

    private final MutinyEmitter<String> emitter;
    private final OutboxTracing tracing;

    // A round sends at most order.outbox.batch-size (500) records before awaiting them all; the buffer only has to
    // absorb the moments the Kafka sink has not requested more yet.
    public OutboxPublisher(@Channel("order-events") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 1024)
            MutinyEmitter<String> emitter, OutboxTracing tracing) {
        this.emitter = emitter;
        this.tracing = tracing;
    }

    /**
     * Sends the rows and completes, never with a failure, once each has an outcome. Different orders are sent
     * concurrently; the events of one order strictly one after the other, each only after the previous one was
     * acknowledged, so a failed event is never overtaken by a later one of its order, even across partition
     * leader changes and the connector's own retries.
     */
    public Uni<List<SendResult>> publish(List<OutboxEvent> rows) {
        Map<UUID, List<OutboxEvent>> byOrder = new LinkedHashMap<>();
        for (OutboxEvent row : rows) {
            byOrder.computeIfAbsent(row.orderId(), ignored -> new ArrayList<>()).add(row);
        }
        List<Uni<List<SendResult>>> perOrder = byOrder.values().stream().map(this::sendInOrder).toList();
        return Uni.join().all(perOrder).andFailFast()
                .map(results -> results.stream().flatMap(List::stream).toList());
    }

    private Uni<List<SendResult>> sendInOrder(List<OutboxEvent> eventsOfOneOrder) {
        Uni<List<SendResult>> chain = Uni.createFrom().item(() -> new ArrayList<>());
        for (OutboxEvent row : eventsOfOneOrder) {
            chain = chain.flatMap(results -> {
                boolean earlierFailed = results.stream().anyMatch(result -> !result.acked());
                if (earlierFailed) {
                    results.add(SendResult.heldBack(row));
                    return Uni.createFrom().item(results);
                }
                return send(row).map(result -> {
                    results.add(result);
                    return results;
                });
            });
        }
        return chain;
    }

    /** Completes when the broker acknowledged the record (acks=all), or with a FAILED result. */
    private Uni<SendResult> send(OutboxEvent row) {
        PublishSpan span = tracing.startPublish(row);
        List<Header> headers = new ArrayList<>();
        headers.add(header(EventHeaders.EVENT_ID, row.eventId().toString()));
        headers.add(header(EventHeaders.EVENT_TYPE, row.eventType()));
        headers.addAll(span.headers());
        Message<String> message = Message.of(row.payload()).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(row.orderId().toString())
                .withHeaders(new RecordHeaders(headers))
                .build());
        // Deferred: the emitter may also refuse synchronously (e.g. while the application shuts down).
        return Uni.createFrom().deferred(() -> emitter.sendMessage(message))
                .map(ignored -> {
                    span.acked();
                    return SendResult.acked(row, Instant.now());
                })
                .onFailure().recoverWithItem(failure -> {
                    span.failed(failure);
                    return SendResult.failed(row, failure);
                });
    }

    private static RecordHeader header(String name, String value) {
        return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
