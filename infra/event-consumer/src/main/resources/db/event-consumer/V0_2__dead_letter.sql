-- The operator's index of this consumer group's dead-letter topic: one row per record on that topic, written by
-- the group's dead-letters channel (DeadLetterIndexer) and read by /admin/dead-letters. The topic stays the source
-- of truth; this table can be emptied and rebuilt by reading the topic again (its own consumer group, from the start).
--
-- Times are DATETIME(6) holding UTC (written and read through UtcDateTimeConverter): a DATETIME is never shifted by
-- the server's or the connection's time zone, which the reactive MySQL client does not set.
-- ids and topic names compare byte for byte (utf8mb4_bin); the reason and kind are searched without regard to case.
CREATE TABLE dead_letter (
    id                     BIGINT       NOT NULL AUTO_INCREMENT,
    -- Where the dead letter itself is: the group's dead-letter topic. Unique: reading the topic again adds nothing.
    dlq_topic              VARCHAR(249) NOT NULL,
    dlq_partition          INT          NOT NULL,
    dlq_offset             BIGINT       NOT NULL,
    -- The record as it was: key, value bytes and every header (JSON list of {key, base64 value}, in order).
    record_key             MEDIUMTEXT   NULL,
    record_value           LONGBLOB     NULL,
    headers_json           LONGTEXT     NOT NULL,
    -- Read from the value when it parses as JSON far enough and they are UUIDs; null otherwise.
    event_id               CHAR(36)     NULL,
    order_id               CHAR(36)     NULL,
    -- The dead-letter-reason header, and dead-letter-kind (a contract violation kind such as SCHEMA_VIOLATION, or
    -- DATA_REJECTED; absent on records dead-lettered before that header existed).
    reason                 MEDIUMTEXT   COLLATE utf8mb4_unicode_ci NULL,
    kind                   VARCHAR(64)  COLLATE utf8mb4_unicode_ci NULL,
    -- Where the record was first consumed from (order-events): for a record that failed again after a redrive, the
    -- coordinates carried by its redrive-original-* headers, not the redrive topic's. Null when no header says.
    original_topic         VARCHAR(249) NULL,
    original_partition     INT          NULL,
    original_offset        BIGINT       NULL,
    -- The dead letter's record timestamp, and that of the first dead letter of the same original record.
    dead_lettered_at       DATETIME(6)  NOT NULL,
    first_dead_lettered_at DATETIME(6)  NOT NULL,
    -- How many times the record had been redriven: from its redrive-count header when stored, then the count sent
    -- with its last redrive.
    redrive_count          INT          NOT NULL DEFAULT 0,
    status                 VARCHAR(16)  NOT NULL,
    last_redriven_at       DATETIME(6)  NULL,
    PRIMARY KEY (id),
    CONSTRAINT uq_dead_letter_dlq_record UNIQUE (dlq_topic, dlq_partition, dlq_offset),
    -- Newest first, a page at a time (keyset on dead_lettered_at, id), with or without a status.
    INDEX ix_dead_letter_time (dead_lettered_at, id),
    INDEX ix_dead_letter_status_time (status, dead_lettered_at, id),
    INDEX ix_dead_letter_event (event_id),
    INDEX ix_dead_letter_order (order_id),
    INDEX ix_dead_letter_original (original_topic, original_partition, original_offset)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
