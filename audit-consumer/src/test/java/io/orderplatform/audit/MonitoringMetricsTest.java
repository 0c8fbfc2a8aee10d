package io.orderplatform.audit;

import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.orderplatform.testsupport.ServiceMetrics;
import io.orderplatform.testsupport.monitoring.MonitoredMetrics;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Every series that infra/deploy's alert rules and Grafana dashboard read from job="audit-consumer" is exported
 * here: a metric renamed, removed or registered only on first use (which an alert reads as "no data") fails this
 * build.
 */
@QuarkusTest
class MonitoringMetricsTest {

    @Test
    void exportsEverySeriesTheAlertRulesAndDashboardsRead() {
        MonitoredMetrics.awaitExportedByServiceUnderTest("audit-consumer");
    }

    /** health_readiness_up follows /q/health/ready: 1 in a healthy service (0 until its first check). */
    @Test
    void reportsItselfReady() {
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1))
                .until(() -> ServiceMetrics.exported("health_readiness_up") == 1.0);
    }
}
