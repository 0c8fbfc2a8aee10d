package io.orderplatform.consumer.deadletter;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * One record of this consumer group's dead-letter topic, as the operator's index holds it (table
 * {@code dead_letter}, migration {@code db/event-consumer/V0_2__dead_letter.sql}): the record as it was, why it was
 * dead-lettered, where it first came from, and what was done with it since. Built from a Kafka record by
 * {@link DeadLetterRecords}; stored once per dead-letter coordinates by {@link DeadLetterRepository}.
 */
@Entity
@Table(name = "dead_letter")
public class DeadLetter {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id")
    private Long id;

    @Column(name = "dlq_topic", nullable = false)
    private String dlqTopic;

    @Column(name = "dlq_partition", nullable = false)
    private int dlqPartition;

    @Column(name = "dlq_offset", nullable = false)
    private long dlqOffset;

    @Column(name = "record_key")
    private String recordKey;

    @Column(name = "record_value")
    private byte[] recordValue;

    /** Every header of the dead letter, in order: see {@link DeadLetterHeaders}. */
    @Column(name = "headers_json", nullable = false)
    private String headersJson;

    @JdbcTypeCode(SqlTypes.CHAR)
    @Column(name = "event_id", length = 36)
    private UUID eventId;

    @JdbcTypeCode(SqlTypes.CHAR)
    @Column(name = "order_id", length = 36)
    private UUID orderId;

    @Column(name = "reason")
    private String reason;

    @Column(name = "kind", length = DeadLetterRecords.MAX_KIND_LENGTH)
    private String kind;

    @Column(name = "original_topic")
    private String originalTopic;

    @Column(name = "original_partition")
    private Integer originalPartition;

    @Column(name = "original_offset")
    private Long originalOffset;

    @Convert(converter = UtcDateTimeConverter.class)
    @Column(name = "dead_lettered_at", nullable = false)
    private Instant deadLetteredAt;

    @Convert(converter = UtcDateTimeConverter.class)
    @Column(name = "first_dead_lettered_at", nullable = false)
    private Instant firstDeadLetteredAt;

    @Column(name = "redrive_count", nullable = false)
    private int redriveCount;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false, length = 16)
    private DeadLetterStatus status;

    @Convert(converter = UtcDateTimeConverter.class)
    @Column(name = "last_redriven_at")
    private Instant lastRedrivenAt;

    protected DeadLetter() {
        // for Hibernate
    }

    /** A dead letter read from the topic, not stored yet: {@link DeadLetterStatus#NEW}. */
    DeadLetter(String dlqTopic, int dlqPartition, long dlqOffset, String recordKey, byte[] recordValue,
            String headersJson, UUID eventId, UUID orderId, String reason, String kind, String originalTopic,
            Integer originalPartition, Long originalOffset, Instant deadLetteredAt, Instant firstDeadLetteredAt,
            int redriveCount) {
        this.dlqTopic = dlqTopic;
        this.dlqPartition = dlqPartition;
        this.dlqOffset = dlqOffset;
        this.recordKey = recordKey;
        this.recordValue = recordValue;
        this.headersJson = headersJson;
        this.eventId = eventId;
        this.orderId = orderId;
        this.reason = reason;
        this.kind = kind;
        this.originalTopic = originalTopic;
        this.originalPartition = originalPartition;
        this.originalOffset = originalOffset;
        this.deadLetteredAt = deadLetteredAt;
        this.firstDeadLetteredAt = firstDeadLetteredAt;
        this.redriveCount = redriveCount;
        this.status = DeadLetterStatus.NEW;
    }

    public Long id() {
        return id;
    }

    public String dlqTopic() {
        return dlqTopic;
    }

    public int dlqPartition() {
        return dlqPartition;
    }

    public long dlqOffset() {
        return dlqOffset;
    }

    public String recordKey() {
        return recordKey;
    }

    public byte[] recordValue() {
        return recordValue;
    }

    public String headersJson() {
        return headersJson;
    }

    public UUID eventId() {
        return eventId;
    }

    public UUID orderId() {
        return orderId;
    }

    public String reason() {
        return reason;
    }

    public String kind() {
        return kind;
    }

    public String originalTopic() {
        return originalTopic;
    }

    public Integer originalPartition() {
        return originalPartition;
    }

    public Long originalOffset() {
        return originalOffset;
    }

    public Instant deadLetteredAt() {
        return deadLetteredAt;
    }

    public Instant firstDeadLetteredAt() {
        return firstDeadLetteredAt;
    }

    public int redriveCount() {
        return redriveCount;
    }

    public DeadLetterStatus status() {
        return status;
    }

    public Instant lastRedrivenAt() {
        return lastRedrivenAt;
    }
}
