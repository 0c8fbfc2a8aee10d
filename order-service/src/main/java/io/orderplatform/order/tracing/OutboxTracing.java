package io.orderplatform.order.tracing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.orderplatform.contract.Topics;
import io.orderplatform.order.domain.OutboxEvent;

/**
 * The relay's side of a trace: each outbox row is published in a producer span whose parent is the context of the
 * request that wrote the row (stored with it, {@link RequestTraceContext}), so the request, the publication however
 * late, and the consumers' work share one trace id. The record carries that span's context as its single W3C
 * {@code traceparent} header (SmallRye's own outgoing tracing is off on the channel: it would add a second one).
 */
@ApplicationScoped
public class OutboxTracing {

    /** Span attributes naming the event, as every service's spans do. */
    public static final AttributeKey<String> ORDER_ID = AttributeKey.stringKey("orderId");
    public static final AttributeKey<String> EVENT_ID = AttributeKey.stringKey("eventId");
    public static final AttributeKey<String> EVENT_TYPE = AttributeKey.stringKey("eventType");
    private static final AttributeKey<String> MESSAGING_SYSTEM = AttributeKey.stringKey("messaging.system");
    private static final AttributeKey<String> DESTINATION = AttributeKey.stringKey("messaging.destination.name");
    private static final AttributeKey<String> OPERATION = AttributeKey.stringKey("messaging.operation.type");
    private static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("outbox.attempt");

    private final Tracer tracer;

    public OutboxTracing(Tracer tracer) {
        this.tracer = tracer;
    }

    /** Starts the span in which a row is sent; end it with the send's outcome. */
    public PublishSpan startPublish(OutboxEvent row) {
        RequestTraceContext stored = row.traceContext();
        Span span = tracer.spanBuilder(Topics.ORDER_EVENTS + " publish")
                .setSpanKind(SpanKind.PRODUCER)
                .setParent(stored.asParent())
                .setAttribute(MESSAGING_SYSTEM, "kafka")
                .setAttribute(DESTINATION, Topics.ORDER_EVENTS)
                .setAttribute(OPERATION, "send")
                .setAttribute(ORDER_ID, row.orderId().toString())
                .setAttribute(EVENT_ID, row.eventId().toString())
                .setAttribute(EVENT_TYPE, row.eventType())
                .setAttribute(ATTEMPT, row.attempts() + 1L)
                .startSpan();
        return new PublishSpan(span, stored);
    }

    /** A running publish span. */
    public static final class PublishSpan {

        private final Span span;
        private final RequestTraceContext stored;

        PublishSpan(Span span, RequestTraceContext stored) {
            this.span = span;
            this.stored = stored;
        }

        /**
         * The record's trace headers: this span's context; with tracing off here, the stored context as it is, so
         * that a trace begun while tracing was on still reaches the consumers. None when neither exists.
         */
        public List<Header> headers() {
            List<Header> headers = new ArrayList<>();
            if (span.getSpanContext().isValid()) {
                W3CTraceContextPropagator.getInstance().inject(Context.root().with(span), headers,
                        (carrier, key, value) -> carrier.add(header(key, value)));
            } else if (stored.isPresent()) {
                headers.add(header(RequestTraceContext.TRACEPARENT, stored.traceparent()));
                if (stored.tracestate() != null) {
                    headers.add(header(RequestTraceContext.TRACESTATE, stored.tracestate()));
                }
            }
            return headers;
        }

        public void acked() {
            span.end();
        }

        public void failed(Throwable failure) {
            span.recordException(failure);
            span.setStatus(StatusCode.ERROR, "not acknowledged by Kafka: " + failure.getClass().getSimpleName());
            span.end();
        }

        private static Header header(String key, String value) {
            return new RecordHeader(key, value.getBytes(StandardCharsets.UTF_8));
        }
    }
}
