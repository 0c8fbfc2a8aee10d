package io.orderplatform.testsupport.monitoring;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Finds the series selectors of a PromQL expression, as written in alert rules and Grafana panels: every metric name
 * with its label matchers. Functions and aggregations ({@code rate(}, {@code sum by (job) (}), keywords
 * ({@code offset}, {@code and}, {@code bool}), the label lists of {@code by}/{@code without}/{@code on}/
 * {@code ignoring}/{@code group_left}/{@code group_right}, strings, numbers, durations, ranges and subqueries
 * ({@code [5m]}, {@code [$__rate_interval]}) and Grafana variables are skipped.
 * <p>
 * Not a full parser: what it does not understand it refuses ({@link IllegalArgumentException}) rather than guess, so
 * a name cannot slip past the check unseen. A selector without a metric name ({@code {__name__=~"..."}}) is refused
 * too: its series could not be attributed to a name.
 */
public final class PromQl {

    private static final Set<String> LABEL_LIST_KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left",
            "group_right");
    /** Aggregations may put their label list before their argument: {@code sum by (job) (x)}. */
    private static final Set<String> AGGREGATIONS = Set.of("sum", "min", "max", "avg", "group", "stddev", "stdvar",
            "count", "count_values", "bottomk", "topk", "quantile", "limitk", "limit_ratio");
    private static final Set<String> OTHER_KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "inf", "nan");

    private final String expression;
    private int at;

    private PromQl(String expression) {
        this.expression = expression;
    }

    /** Every selector of {@code expression}, in order of appearance. */
    public static List<Selector> selectors(String expression) {
        return new PromQl(expression).parse();
    }

    private List<Selector> parse() {
        List<Selector> selectors = new ArrayList<>();
        while (at < expression.length()) {
            char c = expression.charAt(at);
            if (Character.isWhitespace(c) || "()+-*/%^,=!<>@:".indexOf(c) >= 0) {
                at++;
            } else if (c == '"' || c == '\'' || c == '`') {
                string();
            } else if (c == '#') {
                while (at < expression.length() && expression.charAt(at) != '\n') {
                    at++;
                }
            } else if (c == '[') {
                skipPast(']');
            } else if (c == '{') {
                throw refused("a selector without a metric name");
            } else if (c == '$') {
                grafanaVariable();
            } else if (Character.isDigit(c) || c == '.') {
                while (at < expression.length() && (Character.isLetterOrDigit(expression.charAt(at))
                        || expression.charAt(at) == '.' || expression.charAt(at) == '_')) {
                    at++;
                }
            } else if (isNameStart(c)) {
                identifier(selectors);
            } else {
                throw refused("the character '" + c + "'");
            }
        }
        return selectors;
    }

    private void identifier(List<Selector> selectors) {
        String name = name();
        if (LABEL_LIST_KEYWORDS.contains(name)) {
            if (peek() == '(') {
                skipPast(')');
            }
        } else if (OTHER_KEYWORDS.contains(name.toLowerCase())) {
            return;
        } else if (peek() == '(' || AGGREGATIONS.contains(name) && followedByLabelList()) {
            return; // a function or aggregation: its arguments are read next
        } else {
            List<LabelMatcher> matchers = peek() == '{' ? matchers() : List.of();
            selectors.add(new Selector(name, matchers));
        }
    }

    private boolean followedByLabelList() {
        int start = at;
        String next = isNameStart(peek()) ? name() : "";
        at = start;
        return next.equals("by") || next.equals("without");
    }

    private List<LabelMatcher> matchers() {
        List<LabelMatcher> matchers = new ArrayList<>();
        at = expression.indexOf('{', at) + 1;
        while (true) {
            char next = peek();
            if (next == '}') {
                at++;
                return matchers;
            }
            if (next == ',') {
                at++;
                continue;
            }
            if (!isNameStart(next)) {
                throw refused("a label matcher");
            }
            String label = name();
            peek();
            String operator = operator();
            peek();
            matchers.add(new LabelMatcher(label, operator, string()));
        }
    }

    private String operator() {
        for (String operator : List.of("=~", "!~", "!=", "=")) {
            if (expression.startsWith(operator, at)) {
                at += operator.length();
                return operator;
            }
        }
        throw refused("a label matcher's operator");
    }

    /** A quoted string, its escapes resolved; {@code at} is on its opening quote. */
    private String string() {
        if (at >= expression.length() || "\"'`".indexOf(expression.charAt(at)) < 0) {
            throw refused("a quoted string");
        }
        char quote = expression.charAt(at++);
        StringBuilder value = new StringBuilder();
        while (at < expression.length()) {
            char c = expression.charAt(at++);
            if (c == quote) {
                return value.toString();
            }
            if (c == '\\' && quote != '`' && at < expression.length()) {
                char escaped = expression.charAt(at++);
                value.append(switch (escaped) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    default -> escaped;
                });
            } else {
                value.append(c);
            }
        }
        throw refused("an unterminated string");
    }

    private void grafanaVariable() {
        at++;
        if (peekRaw() == '{') {
            skipPast('}');
        } else {
            while (at < expression.length() && isNameChar(expression.charAt(at))) {
                at++;
            }
        }
    }

    private String name() {
        int start = at;
        while (at < expression.length() && isNameChar(expression.charAt(at))) {
            at++;
        }
        return expression.substring(start, at);
    }

    /** Skips to the matching {@code close}, nested pairs and strings included. */
    private void skipPast(char close) {
        char open = expression.charAt(at);
        int depth = 0;
        while (at < expression.length()) {
            char c = expression.charAt(at);
            if (c == '"' || c == '\'' || c == '`') {
                string();
                continue;
            }
            at++;
            if (c == open) {
                depth++;
            } else if (c == close && --depth == 0) {
                return;
            }
        }
        throw refused("no closing '" + close + "'");
    }

    /** The next character that is not white space (without consuming it), or 0 at the end. */
    private char peek() {
        while (at < expression.length() && Character.isWhitespace(expression.charAt(at))) {
            at++;
        }
        return peekRaw();
    }

    private char peekRaw() {
        return at < expression.length() ? expression.charAt(at) : 0;
    }

    private static boolean isNameStart(char c) {
        return Character.isLetter(c) && c < 128 || c == '_' || c == ':';
    }

    private static boolean isNameChar(char c) {
        return isNameStart(c) || Character.isDigit(c);
    }

    private IllegalArgumentException refused(String what) {
        return new IllegalArgumentException(
                "Cannot read " + what + " at position " + at + " of the PromQL expression: " + expression);
    }
}
