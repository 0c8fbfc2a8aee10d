package io.orderplatform.consumer.component;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;

/**
 * The tests' span exporter: every span the application finishes, kept in memory. Filled only where a test profile
 * turns tracing on (ConsumerTraceTest). Being a SpanExporter bean, it also stands in for the OTLP exporter.
 */
public class SpanCapture {

    @Produces
    @Singleton
    InMemorySpanExporter inMemorySpanExporter() {
        return InMemorySpanExporter.create();
    }
}
