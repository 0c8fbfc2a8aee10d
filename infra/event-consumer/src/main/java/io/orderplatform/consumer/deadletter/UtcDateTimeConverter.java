package io.orderplatform.consumer.deadletter;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/**
 * An instant in a {@code DATETIME(6)} column, as the UTC wall-clock time: a DATETIME is never shifted by the
 * server's, the connection's or this JVM's time zone (the reactive MySQL client sets none), so what is written is
 * exactly what is read back, and SQL date functions (hour, day) see UTC.
 */
@Converter
public class UtcDateTimeConverter implements AttributeConverter<Instant, LocalDateTime> {

    @Override
    public LocalDateTime convertToDatabaseColumn(Instant instant) {
        return instant == null ? null : LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    @Override
    public Instant convertToEntityAttribute(LocalDateTime utc) {
        return utc == null ? null : utc.toInstant(ZoneOffset.UTC);
    }
}
