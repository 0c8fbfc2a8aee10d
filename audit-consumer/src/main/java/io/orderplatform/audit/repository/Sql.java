package io.orderplatform.audit.repository;

import java.sql.Clob;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * SQL text shared by the audit queries: positional placeholders, and UTC times. Times go to the database as
 * {@code yyyy-MM-dd HH:mm:ss.SSSSSS} UTC text and come back through {@link #utcText(String)}: a DATETIME column
 * then holds exactly the instant, whatever the time zone of the server, the connection or this JVM.
 */
final class Sql {

    private static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    private Sql() {
    }

    /** The DATETIME literal of an instant, in UTC, to the microsecond. */
    static String utc(Instant instant) {
        return DATETIME.format(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
    }

    /** A select expression reading a DATETIME column as ISO-8601 UTC text, for {@link #instant(Object)}. */
    static String utcText(String column) {
        return "DATE_FORMAT(" + column + ", '%Y-%m-%dT%H:%i:%s.%fZ')";
    }

    static Instant instant(Object utcText) {
        return Instant.parse((String) utcText);
    }

    /** A text column's value: Hibernate hands a LONGTEXT column over as a {@link Clob}, shorter ones as String. */
    static String text(Object value) {
        if (value == null || value instanceof String) {
            return (String) value;
        }
        if (value instanceof Clob clob) {
            try {
                return clob.getSubString(1, Math.toIntExact(clob.length()));
            } catch (SQLException e) {
                throw new IllegalStateException("Cannot read a text column", e);
            }
        }
        throw new IllegalStateException("Not a text column value: " + value.getClass().getName());
    }

    /** {@code ?first,?first+1,...}, {@code count} of them. */
    static String placeholders(int count, int first) {
        return IntStream.range(first, first + count).mapToObj(i -> "?" + i).collect(Collectors.joining(","));
    }

    /**
     * {@code (?1,?2,tail),(?3,?4,tail)} for {@code rows} rows of {@code columns} parameters each, followed in
     * every row by the SQL of {@code tail} (which may be empty).
     */
    static String rows(int rows, int columns, String tail) {
        List<String> tuples = new ArrayList<>(rows);
        for (int r = 0; r < rows; r++) {
            tuples.add("(" + placeholders(columns, r * columns + 1) + tail + ")");
        }
        return String.join(",", tuples);
    }
}
