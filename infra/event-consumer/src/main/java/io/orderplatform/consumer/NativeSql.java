package io.orderplatform.consumer;

import java.sql.Clob;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Helpers for the multi-row native statements of the consumers (one statement per batch, not per event), run
 * through Hibernate Reactive's {@code createNativeQuery} with positional parameters.
 */
public final class NativeSql {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
            .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

    private NativeSql() {
    }

    /** {@code ?first,?first+1,...}, {@code count} of them. */
    public static String placeholders(int count, int first) {
        return IntStream.range(first, first + count).mapToObj(i -> "?" + i).collect(Collectors.joining(","));
    }

    /** {@code (?1,?2),(?3,?4)} for {@code rows} rows of {@code columns} parameters each. */
    public static String rows(int rows, int columns) {
        return rows(rows, columns, "");
    }

    /**
     * {@code (?1,?2,tail),(?3,?4,tail)} for {@code rows} rows of {@code columns} parameters each, followed in
     * every row by the SQL of {@code tail} (which may be empty).
     */
    public static String rows(int rows, int columns, String tail) {
        List<String> tuples = new ArrayList<>(rows);
        for (int r = 0; r < rows; r++) {
            tuples.add("(" + placeholders(columns, r * columns + 1) + tail + ")");
        }
        return String.join(",", tuples);
    }

    /**
     * The rows as one JSON array of arrays, for a statement that reads them with {@code JSON_TABLE}: a batch
     * becomes a single parameter, so the statement's text (and its prepared form) is the same for every batch,
     * and neither Hibernate nor the server handles thousands of placeholders. JSON_TABLE runs on MySQL 8 and
     * MariaDB 10.6+.
     */
    public static String jsonRows(List<List<Object>> rows) {
        try {
            return JSON.writeValueAsString(rows);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot write rows as JSON", e);
        }
    }

    /** A text column's value: Hibernate hands TEXT and LONGTEXT columns over as a {@link Clob}, shorter ones as String. */
    public static String text(Object value) {
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
}
