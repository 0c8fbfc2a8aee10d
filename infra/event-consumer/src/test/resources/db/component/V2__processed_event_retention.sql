-- As the services' own migrations add it (metrics-consumer V2, audit-consumer V3): the retention purge's index.
ALTER TABLE processed_event ADD KEY idx_processed_event_processed_at (processed_at);
