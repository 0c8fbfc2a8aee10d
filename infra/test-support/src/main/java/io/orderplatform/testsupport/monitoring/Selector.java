package io.orderplatform.testsupport.monitoring;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** A PromQL instant or range vector selector: a metric name and its label matchers ({@code name{job="x"}}). */
public record Selector(String metric, List<LabelMatcher> matchers) {

    /** The labels Prometheus adds to every scraped series: a service cannot export them. */
    private static final List<String> TARGET_LABELS = List.of("job", "instance");

    /** The matcher on {@code job}, which says which service the series comes from. */
    public Optional<LabelMatcher> job() {
        return matchers.stream().filter(matcher -> matcher.label().equals("job")).findFirst();
    }

    /** Whether this selector reads series scraped from the job named {@code job}. */
    public boolean selectsJob(String job) {
        return job().map(matcher -> matcher.matches(job)).orElse(false);
    }

    /**
     * Whether a series a service exports (before Prometheus adds its target labels) is one this selector reads. A
     * matcher holding a Grafana variable ({@code $group}) is left out: its value is chosen in the dashboard.
     */
    public boolean selects(ExportedSeries series) {
        return series.name().equals(metric) && matchers.stream()
                .filter(matcher -> !TARGET_LABELS.contains(matcher.label()))
                .filter(matcher -> !matcher.value().contains("$"))
                .allMatch(matcher -> matcher.matches(series.labels().getOrDefault(matcher.label(), "")));
    }

    @Override
    public String toString() {
        return metric + matchers.stream().map(LabelMatcher::toString).collect(Collectors.joining(",", "{", "}"));
    }

    /** One series of a Prometheus text exposition: its name and labels (the value does not matter here). */
    public record ExportedSeries(String name, Map<String, String> labels) {
    }
}
