package io.orderplatform.testsupport.monitoring;

import java.util.regex.Pattern;

/** One label matcher of a selector, {@code label op "value"}: op is {@code =}, {@code !=}, {@code =~} or {@code !~}. */
public record LabelMatcher(String label, String operator, String value) {

    /** Whether a label's value (empty when the series has no such label) satisfies this matcher. */
    public boolean matches(String labelValue) {
        return switch (operator) {
            case "=" -> labelValue.equals(value);
            case "!=" -> !labelValue.equals(value);
            // Prometheus anchors its regular expressions at both ends.
            case "=~" -> Pattern.compile("^(?:" + value + ")$").matcher(labelValue).matches();
            case "!~" -> !Pattern.compile("^(?:" + value + ")$").matcher(labelValue).matches();
            default -> throw new IllegalStateException("Unknown label matcher operator " + operator);
        };
    }

    @Override
    public String toString() {
        return label + operator + '"' + value + '"';
    }
}
