package io.orderplatform.consumer.tracing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;

/**
 * The trace context a record carries: the W3C {@code traceparent} (and {@code tracestate}) headers order-service's
 * relay writes, the contract between the services' traces.
 */
public final class RecordTraceContext {

    public static final String TRACEPARENT = "traceparent";
    public static final String TRACESTATE = "tracestate";

    private RecordTraceContext() {
    }

    /**
     * What work on the record continues: SmallRye's receive span for it when the channel's incoming tracing made one
     * (itself a child of the record's traceparent), else the traceparent header, else nothing (a new trace).
     */
    public static Context of(KafkaRecord<?, ?> record) {
        Context received = TracingMetadata.fromMessage(record).map(TracingMetadata::getCurrentContext).orElse(null);
        if (received != null && Span.fromContext(received).getSpanContext().isValid()) {
            return received;
        }
        return fromHeaders(record.getHeaders());
    }

    /** The context the headers name (the last value of each), or the root context when they name none. */
    public static Context fromHeaders(Iterable<Header> headers) {
        if (headers == null) {
            return Context.root();
        }
        return W3CTraceContextPropagator.getInstance().extract(Context.root(), headers, HeaderGetter.INSTANCE);
    }

    /** Whether the header is one of the trace context's (replaced, never repeated, when a record is sent on). */
    public static boolean isTraceHeader(Header header) {
        return TRACEPARENT.equals(header.key()) || TRACESTATE.equals(header.key());
    }

    /** The span's context as headers; none when the span is not recorded (tracing off). */
    public static List<Header> headersOf(Span span) {
        List<Header> headers = new ArrayList<>();
        if (span.getSpanContext().isValid()) {
            W3CTraceContextPropagator.getInstance().inject(Context.root().with(span), headers,
                    (carrier, key, value) -> carrier.add(new RecordHeader(key, value.getBytes(StandardCharsets.UTF_8))));
        }
        return headers;
    }

    private enum HeaderGetter implements TextMapGetter<Iterable<Header>> {
        INSTANCE;

        @Override
        public Iterable<String> keys(Iterable<Header> carrier) {
            List<String> keys = new ArrayList<>();
            carrier.forEach(header -> keys.add(header.key()));
            return keys;
        }

        @Override
        public String get(Iterable<Header> carrier, String key) {
            String value = null;
            if (carrier != null) {
                for (Header header : carrier) {
                    if (header.key().equals(key) && header.value() != null) {
                        value = new String(header.value(), StandardCharsets.UTF_8);
                    }
                }
            }
            return value;
        }
    }
}
