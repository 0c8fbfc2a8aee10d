-- GET /audit/events pages by keyset, oldest first: ORDER BY occurred_at, event_id, from the previous page's last
-- (occurred_at, event_id) on. Each search has an index in exactly that order, read from the cursor on, so a page
-- costs an index range of its own size, wherever it is in the trail, with no sort:
--   all types  idx_audit_entry_time_id       (occurred_at, event_id)
--   one type   idx_audit_entry_type_time_id  (event_type, occurred_at, event_id)
-- The event_id is named although InnoDB appends the primary key to every secondary index anyway: the order it
-- serves is then written down, and holds on any engine.
ALTER TABLE audit_entry
    DROP KEY idx_audit_entry_type_time,
    DROP KEY idx_audit_entry_time,
    ADD KEY idx_audit_entry_type_time_id (event_type, occurred_at, event_id),
    ADD KEY idx_audit_entry_time_id (occurred_at, event_id);
