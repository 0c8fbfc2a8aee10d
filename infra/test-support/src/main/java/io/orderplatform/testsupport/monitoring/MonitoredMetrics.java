package io.orderplatform.testsupport.monitoring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.awaitility.Awaitility;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.orderplatform.testsupport.ServiceMetrics;
import io.orderplatform.testsupport.monitoring.Selector.ExportedSeries;

/**
 * The series that infra/deploy's alert rules and Grafana dashboards read, and the check that a service exports those
 * meant for it. Each selector names its service with a {@code job} matcher ({@code job="order-service"},
 * {@code job=~"metrics-consumer|audit-consumer"}): the suite of each service checks the selectors whose job matches
 * it against its own {@code /q/metrics}, so a metric renamed or removed in a service fails that service's build.
 * <p>
 * A selector matches when the service exports a series of exactly that name (so {@code _total}, {@code _count},
 * {@code _sum}, {@code _bucket} or {@code _max} must be right as well) whose labels satisfy the selector's matchers,
 * except {@code job} and {@code instance}, which Prometheus adds, and matchers on Grafana variables.
 */
public final class MonitoredMetrics {

    /** infra/deploy's rule files and dashboards, relative to the repository's root. */
    public static final Path RULES = Path.of("infra/deploy/prometheus/alert-rules.yaml");
    public static final Path DASHBOARDS = Path.of("infra/deploy/grafana/dashboards");

    /** Series Prometheus makes itself, about scrapes and alerts: no service exports them. */
    private static boolean isPrometheusOwn(String metric) {
        return metric.equals("up") || metric.startsWith("scrape_") || metric.equals("ALERTS")
                || metric.equals("ALERTS_FOR_STATE");
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A selector and where it is written (file, alert or panel). */
    public record UsedSelector(Selector selector, String usedIn) {

        @Override
        public String toString() {
            return selector + " (" + usedIn + ")";
        }
    }

    private final List<UsedSelector> used;

    public MonitoredMetrics(List<UsedSelector> used) {
        this.used = List.copyOf(used);
    }

    /** Every selector of the repository's alert rules and dashboards (found from the working directory upwards). */
    public static MonitoredMetrics ofDeployment() {
        Path root = repositoryRoot();
        List<UsedSelector> used = new ArrayList<>(fromRules(root.resolve(RULES)));
        try (Stream<Path> dashboards = Files.list(root.resolve(DASHBOARDS))) {
            dashboards.filter(file -> file.toString().endsWith(".json")).sorted()
                    .forEach(dashboard -> used.addAll(fromDashboard(dashboard)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new MonitoredMetrics(used);
    }

    /** The selectors of every rule's {@code expr} in a Prometheus rule file. */
    public static List<UsedSelector> fromRules(Path ruleFile) {
        List<UsedSelector> used = new ArrayList<>();
        for (JsonNode group : read(YAML, ruleFile).path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                String name = rule.has("alert") ? rule.path("alert").asText() : rule.path("record").asText();
                String usedIn = ruleFile.getFileName() + ", " + name;
                PromQl.selectors(rule.path("expr").asText())
                        .forEach(selector -> used.add(new UsedSelector(selector, usedIn)));
            }
        }
        return used;
    }

    /** The selectors of every query ({@code expr}) of a Grafana dashboard, in its panels and rows. */
    public static List<UsedSelector> fromDashboard(Path dashboard) {
        List<UsedSelector> used = new ArrayList<>();
        collectQueries(read(JSON, dashboard), dashboard.getFileName().toString(), used);
        return used;
    }

    private static void collectQueries(JsonNode node, String usedIn, List<UsedSelector> used) {
        String here = node.has("title") ? usedIn.replaceFirst(", .*", "") + ", " + node.path("title").asText() : usedIn;
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getKey().equals("expr") && field.getValue().isTextual()) {
                PromQl.selectors(field.getValue().asText())
                        .forEach(selector -> used.add(new UsedSelector(selector, here)));
            } else {
                collectQueries(field.getValue(), here, used);
            }
        }
        if (node.isArray()) {
            node.forEach(element -> collectQueries(element, here, used));
        }
    }

    public List<UsedSelector> selectors() {
        return used;
    }

    /** Selectors that name no service: they cannot be checked against one (Prometheus' own series excepted). */
    public List<UsedSelector> withoutJob() {
        return used.stream()
                .filter(use -> use.selector().job().isEmpty() && !isPrometheusOwn(use.selector().metric()))
                .toList();
    }

    /** The selectors meant for {@code job} that no series of its exposition satisfies. */
    public List<UsedSelector> missingFrom(String job, String exposition) {
        List<ExportedSeries> exported = Exposition.series(exposition);
        return used.stream()
                .filter(use -> !isPrometheusOwn(use.selector().metric()))
                .filter(use -> use.selector().selectsJob(job))
                .filter(use -> exported.stream().noneMatch(use.selector()::selects))
                .toList();
    }

    /** How many selectors are meant for {@code job}: a check of none would pass without checking anything. */
    public long countFor(String job) {
        return used.stream().filter(use -> use.selector().selectsJob(job)).count();
    }

    /**
     * Waits (up to 2 minutes) until the service under test exports every series meant for {@code job}, else fails
     * with the last list of what is missing. Waits for what a running service registers after its start: the
     * readiness gauge's first check, and the Kafka clients' metrics, per partition once the group has assigned them.
     * Each look's exposition is kept in {@code target/q-metrics.prom}, to compare with a failure's list.
     */
    public static void awaitExportedByServiceUnderTest(String job) {
        MonitoredMetrics monitored = ofDeployment();
        Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            String exposition = ServiceMetrics.exposition();
            Files.writeString(Path.of("target/q-metrics.prom"), exposition);
            monitored.assertExportedBy(job, exposition);
        });
    }

    /** Fails, listing every selector meant for {@code job} that its exposition does not satisfy. */
    public void assertExportedBy(String job, String exposition) {
        if (countFor(job) == 0) {
            throw new AssertionError("No alert rule or dashboard query selects job=\"" + job + "\"");
        }
        List<UsedSelector> missing = missingFrom(job, exposition);
        if (!missing.isEmpty()) {
            throw new AssertionError(job + " exports no series for " + missing.size()
                    + " selector(s) of infra/deploy's alert rules and dashboards:\n  "
                    + missing.stream().map(UsedSelector::toString).collect(Collectors.joining("\n  ")));
        }
    }

    private static JsonNode read(ObjectMapper mapper, Path file) {
        try {
            return mapper.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(RULES))) {
                return dir;
            }
        }
        throw new IllegalStateException("No " + RULES + " in " + Path.of("").toAbsolutePath() + " or above");
    }
}
