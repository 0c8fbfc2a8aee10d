package io.orderplatform.testsupport.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.StreamSupport;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.api.trace.TraceId;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;

/**
 * The spans of one trace as a service's in-memory exporter captured them, and the W3C {@code traceparent} contract
 * of the Kafka records: what the trace tests assert on, and print so that a trace can be quoted.
 */
public final class CapturedTrace {

    public static final String TRACEPARENT = "traceparent";
    public static final AttributeKey<String> ORDER_ID = AttributeKey.stringKey("orderId");
    public static final AttributeKey<String> EVENT_ID = AttributeKey.stringKey("eventId");

    private static final java.util.Random RANDOM = new java.security.SecureRandom();

    private final String traceId;
    private final List<SpanData> spans;

    private CapturedTrace(String traceId, List<SpanData> spans) {
        this.traceId = traceId;
        this.spans = spans.stream().sorted(Comparator.comparingLong(SpanData::getStartEpochNanos)).toList();
    }

    /** The finished spans of the trace, as exported so far. */
    public static CapturedTrace of(InMemorySpanExporter exporter, String traceId) {
        return new CapturedTrace(traceId, exporter.getFinishedSpanItems().stream()
                .filter(span -> span.getTraceId().equals(traceId)).toList());
    }

    /** The record's one traceparent header (a second one would be a bug: consumers would pick either). */
    public static String traceparentOf(Headers headers) {
        List<Header> found = StreamSupport.stream(headers.headers(TRACEPARENT).spliterator(), false).toList();
        assertThat(found).as("traceparent headers of the record").hasSize(1);
        return new String(found.get(0).value(), StandardCharsets.UTF_8);
    }

    /** A traceparent of a new, sampled trace, as an upstream producer would send it: 00-{trace id}-{span id}-01. */
    public static String newTraceparent() {
        return "00-" + TraceId.fromLongs(RANDOM.nextLong(), RANDOM.nextLong() | 1) + "-"
                + SpanId.fromLong(RANDOM.nextLong() | 1) + "-01";
    }

    /** 00-{trace id}-{parent span id}-{flags} */
    public static String traceIdOf(String traceparent) {
        return parts(traceparent)[1];
    }

    public static String spanIdOf(String traceparent) {
        return parts(traceparent)[2];
    }

    private static String[] parts(String traceparent) {
        String[] parts = traceparent.split("-");
        assertThat(parts).as("W3C traceparent %s", traceparent).hasSize(4);
        return parts;
    }

    public String traceId() {
        return traceId;
    }

    public List<SpanData> spans() {
        return spans;
    }

    public Optional<SpanData> find(Predicate<SpanData> matching) {
        return spans.stream().filter(matching).findFirst();
    }

    public Optional<SpanData> bySpanId(String spanId) {
        return find(span -> span.getSpanId().equals(spanId));
    }

    public List<SpanData> named(String name) {
        return spans.stream().filter(span -> span.getName().equals(name)).toList();
    }

    /** The span and its captured parents up to the trace's root (or the first parent this service did not make). */
    public List<SpanData> ancestry(SpanData span) {
        List<SpanData> chain = new ArrayList<>();
        for (Optional<SpanData> at = Optional.of(span); at.isPresent();
                at = bySpanId(at.get().getParentSpanId())) {
            chain.add(at.get());
        }
        return chain;
    }

    /** The trace as a tree: each span with its id, kind, parent and the event's attributes. */
    public String describe() {
        Map<String, List<SpanData>> children = new HashMap<>();
        List<SpanData> roots = new ArrayList<>();
        for (SpanData span : spans) {
            if (bySpanId(span.getParentSpanId()).isPresent()) {
                children.computeIfAbsent(span.getParentSpanId(), ignored -> new ArrayList<>()).add(span);
            } else {
                roots.add(span);
            }
        }
        StringBuilder text = new StringBuilder("trace ").append(traceId).append(" (").append(spans.size())
                .append(" spans)\n");
        roots.forEach(root -> describe(root, 1, children, text));
        return text.toString();
    }

    private static void describe(SpanData span, int depth, Map<String, List<SpanData>> children, StringBuilder text) {
        text.append("  ".repeat(depth)).append(span.getName())
                .append(" [").append(span.getKind()).append("]")
                .append(" span=").append(span.getSpanId())
                .append(" parent=").append(SpanId.isValid(span.getParentSpanId()) ? span.getParentSpanId() : "-")
                .append(" trace=").append(span.getTraceId());
        String orderId = span.getAttributes().get(ORDER_ID);
        String eventId = span.getAttributes().get(EVENT_ID);
        if (orderId != null) {
            text.append(" orderId=").append(orderId);
        }
        if (eventId != null) {
            text.append(" eventId=").append(eventId);
        }
        if (!span.getLinks().isEmpty()) {
            text.append(" links=").append(span.getLinks().stream()
                    .map(link -> link.getSpanContext().getTraceId() + "/" + link.getSpanContext().getSpanId())
                    .toList());
        }
        text.append(" status=").append(span.getStatus().getStatusCode()).append('\n');
        children.getOrDefault(span.getSpanId(), List.of()).forEach(child -> describe(child, depth + 1, children, text));
    }
}
