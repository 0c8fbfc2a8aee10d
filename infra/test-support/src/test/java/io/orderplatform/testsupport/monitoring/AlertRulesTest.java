package io.orderplatform.testsupport.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * What promtool does not check in infra/deploy's alert rules: each alert waits ({@code for}), has a severity, tells
 * the operator what happened and what to do, and points at a section of the README's operator guide that exists.
 */
class AlertRulesTest {

    @Test
    void everyAlertWaitsHasASeverityAndPointsAtAnExistingRunbookSection() throws IOException {
        Path root = repositoryRoot();
        JsonNode rules = new ObjectMapper(new YAMLFactory()).readTree(root.resolve(MonitoredMetrics.RULES).toFile());
        Set<String> readmeAnchors = Files.readAllLines(root.resolve("README.md")).stream()
                .filter(line -> line.startsWith("#"))
                .map(AlertRulesTest::githubAnchor)
                .collect(Collectors.toSet());

        int alerts = 0;
        for (JsonNode group : rules.path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                String alert = rule.path("alert").asText();
                alerts++;
                assertThat(rule.path("for").asText()).as(alert + ": for").matches("\\d+[smh]");
                assertThat(rule.path("labels").path("severity").asText()).as(alert + ": severity")
                        .isIn("warning", "critical");
                assertThat(rule.path("annotations").path("summary").asText()).as(alert + ": summary").isNotBlank();
                assertThat(rule.path("annotations").path("description").asText()).as(alert + ": description")
                        .contains("README.md#");
                String runbook = rule.path("annotations").path("runbook").asText();
                assertThat(runbook).as(alert + ": runbook").startsWith("README.md#");
                assertThat(readmeAnchors).as(alert + ": README section of " + runbook)
                        .contains(runbook.substring("README.md#".length()));
            }
        }
        assertThat(alerts).isPositive();
    }

    /** The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens. */
    private static String githubAnchor(String heading) {
        return heading.replaceFirst("^#+\\s*", "").strip().toLowerCase(Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
    }

    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(MonitoredMetrics.RULES))) {
                return dir;
            }
        }
        throw new IllegalStateException("No " + MonitoredMetrics.RULES + " above " + Path.of("").toAbsolutePath());
    }
}
