package io.orderplatform.testsupport.tracing;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The profile of the trace tests: tracing on (off in every other test, as in production unless asked for), spans
 * handed to the in-memory exporter within 50 ms. A profile restarts Quarkus, so each trace test class runs in a
 * surefire execution of its own (one test infrastructure per JVM).
 */
public class TracingOn implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "quarkus.otel.sdk.disabled", "false",
                "quarkus.otel.bsp.schedule.delay", "50ms");
    }
}
