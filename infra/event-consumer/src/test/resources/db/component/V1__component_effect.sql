-- The component tests' effect: one row per applied event. customer_id is narrower than the contract allows (64),
-- so an event with a longer customerId is valid yet refused by the database: a record-specific data error.
CREATE TABLE applied_event (
    event_id    CHAR(36)    NOT NULL,
    order_id    CHAR(36)    NOT NULL,
    customer_id VARCHAR(32) NOT NULL,
    PRIMARY KEY (event_id)
) ENGINE = InnoDB;
