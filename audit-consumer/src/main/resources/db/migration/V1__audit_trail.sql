-- The audit trail: one immutable row per order event, keyed on its eventId, written once and never updated
-- (the insert is "ON DUPLICATE KEY UPDATE event_id = event_id": a redelivery changes nothing).
--
-- Times are DATETIME(6) holding UTC, written and read as UTC text by the application: unlike TIMESTAMP, a
-- DATETIME is never shifted by the connection's time zone (which differs between servers and is not set by the
-- reactive client), and it has no 2038 limit. Microsecond precision, as order-service's occurredAt.
CREATE TABLE audit_entry (
    event_id             CHAR(36)     NOT NULL,
    order_id             CHAR(36)     NOT NULL,
    event_type           VARCHAR(32)  NOT NULL,
    sequence             BIGINT       NOT NULL,
    occurred_at          DATETIME(6)  NOT NULL,
    -- The record value exactly as received (UTF-8 JSON), not re-serialized: what the producer really wrote.
    envelope             LONGTEXT     NOT NULL,
    record_key           VARCHAR(255) NULL,
    -- The record headers as a JSON object of UTF-8 strings.
    headers_json         TEXT         NOT NULL,
    topic                VARCHAR(255) NOT NULL,
    kafka_partition      INT          NOT NULL,
    kafka_offset         BIGINT       NOT NULL,
    record_timestamp     DATETIME(6)  NOT NULL,
    -- When this consumer recorded the event (the database's UTC clock at insert).
    recorded_at          DATETIME(6)  NOT NULL,
    -- The event's sequence was below the highest one already recorded for its order when it arrived.
    arrived_out_of_order BOOLEAN      NOT NULL,
    PRIMARY KEY (event_id),
    -- An order's trail in sequence order, and the highest sequence recorded per order.
    KEY idx_audit_entry_order (order_id, sequence),
    -- Events of a type within a time range, in time order.
    KEY idx_audit_entry_type_time (event_type, occurred_at),
    -- Events of all types within a time range.
    KEY idx_audit_entry_time (occurred_at)
) ENGINE = InnoDB;
