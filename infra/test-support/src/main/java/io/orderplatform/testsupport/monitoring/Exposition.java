package io.orderplatform.testsupport.monitoring;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.orderplatform.testsupport.monitoring.Selector.ExportedSeries;

/** Reads the series of a Prometheus text exposition ({@code /q/metrics}): the sample lines' names and labels. */
public final class Exposition {

    private Exposition() {
    }

    public static List<ExportedSeries> series(String exposition) {
        List<ExportedSeries> series = new ArrayList<>();
        for (String line : exposition.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            series.add(sample(line.strip()));
        }
        return series;
    }

    private static ExportedSeries sample(String line) {
        int brace = line.indexOf('{');
        int space = line.indexOf(' ');
        if (brace < 0 || (space >= 0 && space < brace)) {
            return new ExportedSeries(line.substring(0, space), Map.of());
        }
        Map<String, String> labels = new LinkedHashMap<>();
        int at = brace + 1;
        while (line.charAt(at) != '}') {
            int equals = line.indexOf('=', at);
            String label = line.substring(at, equals).strip();
            at = equals + 2; // past ="
            StringBuilder value = new StringBuilder();
            while (line.charAt(at) != '"') {
                char c = line.charAt(at++);
                if (c == '\\') {
                    char escaped = line.charAt(at++);
                    value.append(escaped == 'n' ? '\n' : escaped);
                } else {
                    value.append(c);
                }
            }
            labels.put(label, value.toString());
            at++; // past the closing quote
            if (line.charAt(at) == ',') {
                at++;
            }
        }
        return new ExportedSeries(line.substring(0, brace), labels);
    }
}
