package io.orderplatform.order.support;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;

/**
 * The tests' span exporter: every span the service finishes, kept in memory. Used only where a test profile turns
 * tracing on (OrderTraceTest); elsewhere the SDK is off and it stays empty. Being a SpanExporter bean, it also
 * stands in for the OTLP exporter, so no test tries to reach a collector.
 */
public class SpanCapture {

    @Produces
    @Singleton
    InMemorySpanExporter inMemorySpanExporter() {
        return InMemorySpanExporter.create();
    }
}
