package io.orderplatform.audit.repository;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * UTC times in the audit queries (placeholders and text columns are {@link io.orderplatform.consumer.NativeSql}'s).
 * Times go to the database as {@code yyyy-MM-dd HH:mm:ss.SSSSSS} UTC text and come back through {@link #utcText(String)}: a DATETIME column
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
}
