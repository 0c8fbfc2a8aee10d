-- GET /orders pages by keyset, newest first: ORDER BY created_at DESC, id DESC, from the previous page's last
-- (created_at, id) on. Each filter gets an index in exactly that order, read backwards from the cursor, so a page
-- costs an index range of its own size, wherever it is in the list, with no sort:
--   no filter          ix_orders_created_id           (created_at, id)
--   customerId         ix_orders_customer_created_id  (customer_id, created_at, id)
--   status             ix_orders_status_created_id    (status, created_at, id)
--   customerId+status  ix_orders_customer_created_id, the status checked on the customer's orders as they are read
-- The id is named although InnoDB appends the primary key to every secondary index anyway: the order it serves is
-- then written down, and holds on any engine.
ALTER TABLE orders
    DROP INDEX ix_orders_customer_created,
    DROP INDEX ix_orders_status_created,
    DROP INDEX ix_orders_created,
    ADD INDEX ix_orders_customer_created_id (customer_id, created_at, id),
    ADD INDEX ix_orders_status_created_id (status, created_at, id),
    ADD INDEX ix_orders_created_id (created_at, id);
