package io.orderplatform.testsupport.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The check that each service exports what the alert rules and dashboards read: it must be able to fail. */
class MonitoredMetricsTest {

    private static final String ORDER_SERVICE_EXPOSITION = """
            # HELP outbox_backlog Outbox events not yet acknowledged by Kafka
            # TYPE outbox_backlog gauge
            outbox_backlog 0.0
            outbox_publish_failures_total 3.0
            outbox_publish_latency_seconds{quantile="0.99"} 0.012
            outbox_publish_latency_seconds_count 7.0
            order_retention_purged_rows_total{table="idempotency_key"} 0.0
            order_retention_purged_rows_total{table="outbox_event"} 12.0
            """;

    @Test
    void findsEveryMetricNameAndSkipsFunctionsKeywordsLabelListsRangesAndStrings() {
        List<Selector> selectors = PromQl.selectors("""
                sum by (job, topic) (rate(foo_total{job="a", reason=~"x|y"}[5m])) > bool 3
                and on (job) group_left (topic) bar offset 5m
                or label_replace(baz{job="b"}, "dst", "$1", "src", "(.*)")
                unless histogram_quantile(0.99, sum without (instance) (rate(qux_bucket[$__rate_interval])))
                """);

        assertThat(selectors).extracting(Selector::metric).containsExactly("foo_total", "bar", "baz", "qux_bucket");
        assertThat(selectors.get(0).matchers()).containsExactly(new LabelMatcher("job", "=", "a"),
                new LabelMatcher("reason", "=~", "x|y"));
    }

    @Test
    void refusesWhatItCannotAttributeToAName() {
        assertThatThrownBy(() -> PromQl.selectors("sum(rate({__name__=~\"outbox_.*\", job=\"order-service\"}[5m]))"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("without a metric name");
    }

    @Test
    void reportsAMadeUpNameMeantForTheService(@TempDir Path dir) throws IOException {
        MonitoredMetrics metrics = new MonitoredMetrics(MonitoredMetrics.fromRules(rules(dir, """
                max(outbox_backlog{job="order-service"}) > 10
                  and rate(outbox_publish_failures_total{job="order-service"}[5m]) > 0
                  and rate(made_up_events_total{job="order-service"}[5m]) > 0""")));

        assertThat(metrics.missingFrom("order-service", ORDER_SERVICE_EXPOSITION))
                .extracting(used -> used.selector().metric()).containsExactly("made_up_events_total");
        assertThatThrownBy(() -> metrics.assertExportedBy("order-service", ORDER_SERVICE_EXPOSITION))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("made_up_events_total{job=\"order-service\"} (alert-rules.yaml, TestAlert)")
                .hasMessageNotContaining("outbox_backlog");
    }

    /** A name is not enough: the series' suffix and the labels the selector asks for must exist as well. */
    @Test
    void reportsAWrongSuffixOrALabelValueTheServiceDoesNotExport(@TempDir Path dir) throws IOException {
        MonitoredMetrics metrics = new MonitoredMetrics(MonitoredMetrics.fromRules(rules(dir, """
                outbox_publish_failures{job="order-service"}
                  + outbox_publish_latency_seconds{job="order-service",quantile="0.42"}
                  + outbox_publish_latency_seconds{job="order-service",quantile="0.99"}
                  + order_retention_purged_rows_total{job="order-service",table=~"outbox_.*"}
                  + order_retention_purged_rows_total{job="order-service",table="orders"}""")));

        assertThat(metrics.missingFrom("order-service", ORDER_SERVICE_EXPOSITION))
                .extracting(used -> used.selector().toString()).containsExactly(
                        "outbox_publish_failures{job=\"order-service\"}",
                        "outbox_publish_latency_seconds{job=\"order-service\",quantile=\"0.42\"}",
                        "order_retention_purged_rows_total{job=\"order-service\",table=\"orders\"}");
    }

    /** Each service checks only the selectors whose job matcher selects it; a regular expression is anchored. */
    @Test
    void attributesEachSelectorToTheServicesItsJobMatcherSelects(@TempDir Path dir) throws IOException {
        MonitoredMetrics metrics = new MonitoredMetrics(MonitoredMetrics.fromRules(rules(dir, """
                order_events_consumer_paused{job=~"metrics-consumer|audit-consumer"}
                  + outbox_backlog{job="order-service"}""")));

        assertThat(metrics.missingFrom("order-service", ORDER_SERVICE_EXPOSITION)).isEmpty();
        assertThat(metrics.missingFrom("metrics-consumer", "")).extracting(used -> used.selector().metric())
                .containsExactly("order_events_consumer_paused");
        assertThat(metrics.countFor("audit-consumer")).isEqualTo(1);
        assertThat(metrics.countFor("consumer")).isZero();
        assertThatThrownBy(() -> metrics.assertExportedBy("consumer", ""))
                .hasMessageContaining("No alert rule or dashboard query selects job=\"consumer\"");
    }

    @Test
    void readsTheSeriesOfAnExpositionWithEscapedLabelValues() {
        List<Selector.ExportedSeries> series = Exposition.series("""
                # TYPE x counter
                x_total{reason="a \\"quoted\\", b",group="g"} 1.0
                y 2.0
                """);

        assertThat(series).containsExactly(
                new Selector.ExportedSeries("x_total", java.util.Map.of("reason", "a \"quoted\", b", "group", "g")),
                new Selector.ExportedSeries("y", java.util.Map.of()));
    }

    /** The real files: every selector names its service, and each service has some to check. */
    @Test
    void everySelectorOfTheDeploymentNamesItsService() {
        MonitoredMetrics deployment = MonitoredMetrics.ofDeployment();

        assertThat(deployment.withoutJob()).isEmpty();
        assertThat(deployment.selectors()).extracting(used -> used.usedIn())
                .anyMatch(usedIn -> usedIn.startsWith("alert-rules.yaml"))
                .anyMatch(usedIn -> usedIn.startsWith("order-platform.json"));
        for (String job : List.of("order-service", "metrics-consumer", "audit-consumer")) {
            assertThat(deployment.countFor(job)).as(job).isPositive();
        }
    }

    private static Path rules(Path dir, String expression) throws IOException {
        Path file = dir.resolve("alert-rules.yaml");
        Files.writeString(file, """
                groups:
                  - name: test
                    rules:
                      - alert: TestAlert
                        expr: |
                %s
                """.formatted(expression.indent(10).stripTrailing()));
        return file;
    }
}
