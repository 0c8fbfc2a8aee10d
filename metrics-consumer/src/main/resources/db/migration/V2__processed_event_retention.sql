-- The retention purge of the shared consumer path (infra/event-consumer, ProcessedEventRetention) deletes the oldest
-- processed_event rows a batch at a time, "WHERE processed_at < ? ORDER BY processed_at LIMIT n": this index makes
-- each batch a short range read from the oldest row instead of a scan of the whole log.
-- Here, not in db/event-consumer (version 0.x): a 0.x migration added now would sort before this service's applied
-- migrations, and Flyway refuses to run one out of order.
ALTER TABLE processed_event ADD KEY idx_processed_event_processed_at (processed_at);
