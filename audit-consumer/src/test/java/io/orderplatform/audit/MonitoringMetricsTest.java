package io.orderplatform.audit;

import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
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

    /**
     * Waits for what a running service registers after its start: the readiness gauge's first check, and the Kafka
     * clients' metrics, per partition once the group has assigned them.
     */
    @Test
    void exportsEverySeriesTheAlertRulesAndDashboardsRead() {
        MonitoredMetrics monitored = MonitoredMetrics.ofDeployment();
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            String exposition = ServiceMetrics.exposition();
            // What the service exported at the last look, to compare with a failure's list.
            Files.writeString(Path.of("target/q-metrics.prom"), exposition);
            monitored.assertExportedBy("audit-consumer", exposition);
        });
    }

    /** health_readiness_up follows /q/health/ready: 1 in a healthy service (0 until its first check). */
    @Test
    void reportsItselfReady() {
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1))
                .until(() -> ServiceMetrics.exported("health_readiness_up") == 1.0);
    }
}
