package io.orderplatform.consumer.tracing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.header.Header;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.orderplatform.consumer.ConsumedEvent;
import io.orderplatform.contract.EventHeaders;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.providers.MetadataInjectableMessage;

/**
 * A consumer's side of a trace. Every record continues the trace its {@code traceparent} header names
 * ({@link RecordTraceContext}): its event is applied in a span of that trace, and so are its dead-lettering and its
 * redrive. A batch, which serves many traces at once, gets a span of its own that links every record's context.
 * Spans name the event with {@code orderId} and {@code eventId} attributes, as order-service's do.
 */
@ApplicationScoped
public class ConsumerTracing {

    public static final AttributeKey<String> ORDER_ID = AttributeKey.stringKey("orderId");
    public static final AttributeKey<String> EVENT_ID = AttributeKey.stringKey("eventId");
    public static final AttributeKey<String> EVENT_TYPE = AttributeKey.stringKey("eventType");
    private static final AttributeKey<String> MESSAGING_SYSTEM = AttributeKey.stringKey("messaging.system");
    private static final AttributeKey<String> DESTINATION = AttributeKey.stringKey("messaging.destination.name");
    private static final AttributeKey<Long> BATCH_SIZE = AttributeKey.longKey("messaging.batch.message_count");
    private static final AttributeKey<String> DEAD_LETTER_KIND = AttributeKey.stringKey("deadLetter.kind");
    private static final AttributeKey<Long> REDRIVE_COUNT = AttributeKey.longKey("redrive.count");

    private final Tracer tracer;

    public ConsumerTracing(Tracer tracer) {
        this.tracer = tracer;
    }

    /**
     * Starts the span of a batch's processing: linked to every record's context; a batch of one record is simply
     * part of that record's trace.
     */
    public BatchSpan startBatch(List<? extends KafkaRecord<?, ?>> records) {
        String topic = records.isEmpty() ? "unknown" : records.get(0).getTopic();
        SpanBuilder builder = tracer.spanBuilder(topic + " process")
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute(MESSAGING_SYSTEM, "kafka")
                .setAttribute(DESTINATION, topic)
                .setAttribute(BATCH_SIZE, (long) records.size());
        if (records.size() == 1) {
            KafkaRecord<?, ?> only = records.get(0);
            builder.setParent(RecordTraceContext.of(only));
            nameEvent(builder, Objects.toString(only.getKey(), null), header(only.getHeaders(), EventHeaders.EVENT_ID));
        } else {
            builder.setNoParent();
            for (KafkaRecord<?, ?> record : records) {
                SpanContext context = Span.fromContext(RecordTraceContext.of(record)).getSpanContext();
                if (context.isValid()) {
                    builder.addLink(context);
                }
            }
        }
        return new BatchSpan(builder.startSpan(), topic, System.currentTimeMillis());
    }

    /** The running span of a batch. */
    public final class BatchSpan {

        private final Span span;
        private final String topic;
        private final long startedMillis;

        private BatchSpan(Span span, String topic, long startedMillis) {
            this.span = span;
            this.topic = topic;
            this.startedMillis = startedMillis;
        }

        /**
         * Records that the events were applied (or found applied before): one span each, in its record's trace,
         * from the start of the batch to now, linked to the batch's span.
         */
        public void applied(Map<ConsumedEvent, ? extends KafkaRecord<?, ?>> events) {
            for (Map.Entry<ConsumedEvent, ? extends KafkaRecord<?, ?>> applied : events.entrySet()) {
                ConsumedEvent event = applied.getKey();
                SpanBuilder builder = tracer.spanBuilder(topic + " apply")
                        .setSpanKind(SpanKind.INTERNAL)
                        .setParent(RecordTraceContext.of(applied.getValue()))
                        .setStartTimestamp(startedMillis, TimeUnit.MILLISECONDS)
                        .setAttribute(EVENT_TYPE, event.event().eventType().wireName());
                nameEvent(builder, event.event().orderId().toString(), event.event().eventId().toString());
                if (span.getSpanContext().isValid()) {
                    builder.addLink(span.getSpanContext());
                }
                builder.startSpan().end();
            }
        }

        public void end(Throwable failure) {
            if (failure != null) {
                span.recordException(failure);
                span.setStatus(StatusCode.ERROR, failure.getClass().getSimpleName());
            }
            span.end();
        }
    }

    /** Starts the span in which a record is sent to the dead-letter topic, in the record's trace. */
    public Span startDeadLetter(KafkaRecord<?, ?> record, String kind) {
        SpanBuilder builder = tracer.spanBuilder(record.getTopic() + " dead-letter")
                .setSpanKind(SpanKind.PRODUCER)
                .setParent(RecordTraceContext.of(record))
                .setAttribute(MESSAGING_SYSTEM, "kafka")
                .setAttribute(DEAD_LETTER_KIND, kind);
        nameEvent(builder, Objects.toString(record.getKey(), null), header(record.getHeaders(), EventHeaders.EVENT_ID));
        return builder.startSpan();
    }

    /**
     * Prepares a record for SmallRye's dead-letter producer so that the dead letter carries exactly one traceparent,
     * of the record's trace. That producer copies the record's headers and then writes a traceparent of its own
     * publish span (at SmallRye 4.31 whatever the channel's {@code tracing-enabled} says): the record's own header
     * would be a second one. So, when tracing is on here, the record's trace headers are dropped and the producer is
     * handed the dead-letter span as parent. With tracing off nothing is written, and the record's header stays.
     */
    public static void handOverToDeadLetterProducer(KafkaRecord<?, ?> record, Span deadLetterSpan) {
        if (!deadLetterSpan.getSpanContext().isValid() || !(record instanceof MetadataInjectableMessage<?> injectable)) {
            return;
        }
        record.getHeaders().remove(RecordTraceContext.TRACEPARENT);
        record.getHeaders().remove(RecordTraceContext.TRACESTATE);
        injectable.injectMetadata(TracingMetadata.withCurrent(Context.root().with(deadLetterSpan)));
    }

    /**
     * Starts the span in which a dead letter is sent back to the redrive topic, in the trace of the original record
     * (its stored headers).
     */
    public Span startRedrive(String redriveTopic, List<Header> originalHeaders, String orderId, String eventId,
            int redriveCount) {
        SpanBuilder builder = tracer.spanBuilder(redriveTopic + " redrive")
                .setSpanKind(SpanKind.PRODUCER)
                .setParent(RecordTraceContext.fromHeaders(originalHeaders))
                .setAttribute(MESSAGING_SYSTEM, "kafka")
                .setAttribute(DESTINATION, redriveTopic)
                .setAttribute(REDRIVE_COUNT, (long) redriveCount);
        nameEvent(builder, orderId, eventId);
        return builder.startSpan();
    }

    /**
     * The headers a record is sent on with: the original ones, with the trace context replaced by the span's (when
     * tracing is on here; else kept as they were, so the trace still reaches the next consumer), never repeated.
     */
    public static List<Header> continuing(List<Header> original, Span span) {
        List<Header> spanContext = RecordTraceContext.headersOf(span);
        if (spanContext.isEmpty()) {
            return original;
        }
        List<Header> headers = new ArrayList<>();
        for (Header header : original) {
            if (!RecordTraceContext.isTraceHeader(header)) {
                headers.add(header);
            }
        }
        headers.addAll(spanContext);
        return headers;
    }

    public static void ended(Span span, Throwable failure) {
        if (failure != null) {
            span.recordException(failure);
            span.setStatus(StatusCode.ERROR, failure.getClass().getSimpleName());
        }
        span.end();
    }

    private static void nameEvent(SpanBuilder builder, String orderId, String eventId) {
        if (orderId != null) {
            builder.setAttribute(ORDER_ID, orderId);
        }
        if (eventId != null) {
            builder.setAttribute(EVENT_ID, eventId);
        }
    }

    private static String header(Iterable<Header> headers, String key) {
        String value = null;
        if (headers != null) {
            for (Header header : headers) {
                if (header.key().equals(key) && header.value() != null) {
                    value = new String(header.value(), StandardCharsets.UTF_8);
                }
            }
        }
        return value;
    }
}
