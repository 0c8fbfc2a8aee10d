-- Issue 12: a relay that never stalls behind a failing event, a bounded backlog gauge, and retention.
--
-- next_attempt_at: when the relay may try an unsent event again after Kafka failed or refused it (exponential
-- backoff per event, capped). NULL until the first failure, meaning "due now": a new row is due whatever the clocks
-- of the instances say. The relay reads only due rows, and no row of an order whose earlier unsent row is not due
-- (OutboxEventRepository.findDue), so one failing event delays its own order only.
-- ix_outbox_event_sent_next: the count of events waiting for a retry (outbox_retrying gauge) is a range of this index
-- (sent_at IS NULL, next_attempt_at IS NOT NULL), not a scan of the backlog.
ALTER TABLE outbox_event
    ADD COLUMN next_attempt_at TIMESTAMP(6) NULL DEFAULT NULL AFTER attempts,
    ADD INDEX ix_outbox_event_sent_next (sent_at, next_attempt_at);

-- Retention (RetentionJob) deletes idempotency keys by age, oldest first, a few thousand at a time: this index makes
-- each batch a range read instead of a scan of the table. Sent outbox rows are purged by ix_outbox_event_sent_id.
CREATE INDEX ix_idempotency_key_created ON idempotency_key (created_at);
