package io.orderplatform.metrics.rest;

import io.orderplatform.contract.Roles;
import io.orderplatform.testsupport.ConsumerSecurityChecks;
import io.quarkus.test.junit.QuarkusTest;

/** Who may call metrics-consumer: metrics:read for the sales figures, operator for the dead-letter API (checks in {@link ConsumerSecurityChecks}). */
@QuarkusTest
class MetricsSecurityTest extends ConsumerSecurityChecks {

    MetricsSecurityTest() {
        super("/metrics/summary", Roles.METRICS_READ);
    }
}
