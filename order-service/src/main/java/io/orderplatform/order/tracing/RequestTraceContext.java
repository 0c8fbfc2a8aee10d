package io.orderplatform.order.tracing;

import java.util.HashMap;
import java.util.Map;

import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;

/**
 * The W3C trace context of the request that wrote an outbox event, as stored with the row ({@code traceparent},
 * {@code tracestate} columns): what lets the relay's publication, seconds or hours later, continue the request's
 * trace. Both null when the request was not traced.
 */
public record RequestTraceContext(String traceparent, String tracestate) {

    public static final String TRACEPARENT = "traceparent";
    public static final String TRACESTATE = "tracestate";

    /** Longest tracestate the column holds; a longer one is dropped, which the W3C spec allows a hop to do. */
    static final int MAX_TRACESTATE_LENGTH = 512;

    public static final RequestTraceContext NONE = new RequestTraceContext(null, null);

    /** The calling request's context (its server span), or {@link #NONE} when nothing is traced. */
    public static RequestTraceContext current() {
        Map<String, String> carrier = new HashMap<>();
        W3CTraceContextPropagator.getInstance().inject(Context.current(), carrier, Map::put);
        String traceparent = carrier.get(TRACEPARENT);
        if (traceparent == null) {
            return NONE;
        }
        String tracestate = carrier.get(TRACESTATE);
        return new RequestTraceContext(traceparent,
                tracestate == null || tracestate.isEmpty() || tracestate.length() > MAX_TRACESTATE_LENGTH
                        ? null
                        : tracestate);
    }

    public boolean isPresent() {
        return traceparent != null;
    }

    /** The stored context as a parent for a new span: the root context (a new trace) when none was stored. */
    public Context asParent() {
        if (!isPresent()) {
            return Context.root();
        }
        return W3CTraceContextPropagator.getInstance().extract(Context.root(), this, Getter.INSTANCE);
    }

    private enum Getter implements TextMapGetter<RequestTraceContext> {
        INSTANCE;

        @Override
        public Iterable<String> keys(RequestTraceContext carrier) {
            return java.util.List.of(TRACEPARENT, TRACESTATE);
        }

        @Override
        public String get(RequestTraceContext carrier, String key) {
            if (carrier == null) {
                return null;
            }
            return switch (key) {
                case TRACEPARENT -> carrier.traceparent();
                case TRACESTATE -> carrier.tracestate();
                default -> null;
            };
        }
    }
}
