-- The idempotent consumer's message log (one row per applied event), written in the same transaction as the
-- event's effect: an event whose eventId is here has been applied and is skipped when delivered again.
-- Version 0.x: runs before each consumer service's own migrations (V1 onwards).
CREATE TABLE processed_event (
    event_id         CHAR(36)     NOT NULL,
    order_id         CHAR(36)     NOT NULL,
    event_type       VARCHAR(32)  NOT NULL,
    sequence         BIGINT       NOT NULL,
    source_partition INT          NOT NULL,
    source_offset    BIGINT       NOT NULL,
    processed_at     TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    PRIMARY KEY (event_id),
    KEY idx_processed_event_order (order_id, sequence)
) ENGINE = InnoDB;
