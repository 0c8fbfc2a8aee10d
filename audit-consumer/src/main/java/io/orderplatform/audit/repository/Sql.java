package io.orderplatform.audit.repository;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * UTC times in the audit queries (text columns are {@link io.orderplatform.consumer.NativeSql}'s).
 * Times go to the database as {@code yyyy-MM-dd HH:mm:ss.SSSSSS} UTC text and come back as ISO-8601 UTC text ({@link #instant(String)}): a DATETIME column
 * then holds exactly the instant, whatever the time zone of the server, the connection or this JVM.
 */
final class Sql {

    /** The ends of a DATETIME's range: what a search's absent bound stands for. */
    static final Instant EARLIEST = Instant.parse("0000-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

    /** uuuu, the year as a DATETIME counts it (yyyy, the year of the era, would write year 0 as 1). */
    private static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS");

    private Sql() {
    }

    /** The DATETIME literal of an instant, in UTC, to the microsecond. */
    static String utc(Instant instant) {
        return DATETIME.format(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
    }

    /**
     * The last time a DATETIME holds before an instant: it holds microseconds, and {@link #utc(Instant)} drops what
     * is finer, so {@code column <= utc(justBefore(t))} is {@code column < utc(t)}.
     */
    static Instant justBefore(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS).minus(1, ChronoUnit.MICROS);
    }

    /** A DATETIME column read as ISO-8601 UTC text ({@code DATE_FORMAT(column, '%Y-%m-%dT%H:%i:%s.%fZ')}). */
    static Instant instant(String utcText) {
        return Instant.parse(utcText);
    }
}
