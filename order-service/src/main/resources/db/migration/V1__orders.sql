-- Schema of order-service: orders with their lines, the transactional outbox, the relay lease and the
-- idempotency keys of POST /orders.
--
-- utf8mb4_bin everywhere: ids, customer ids and idempotency keys compare byte for byte ("Key-1" and "key-1"
-- are different keys), and the server's default collation cannot change that.
-- TIMESTAMP(6) columns all carry an explicit default, so no server setting (explicit_defaults_for_timestamp)
-- can turn one into an auto-updating column behind Hibernate's back. Hibernate writes them in UTC.

CREATE TABLE orders (
    id            CHAR(36)       NOT NULL,
    customer_id   VARCHAR(64)    NOT NULL,
    status        VARCHAR(16)    NOT NULL,
    -- 100 lines x 10,000 x 1,000,000.00 needs 13 integer digits: DECIMAL(12,2) would overflow for a total.
    total_amount  DECIMAL(16, 2) NOT NULL,
    refunded      BOOLEAN        NOT NULL DEFAULT FALSE,
    -- Sequence of the last event of this order; incremented under the row lock, so events are 1, 2, 3 ...
    last_sequence BIGINT         NOT NULL,
    created_at    TIMESTAMP(6)   NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    updated_at    TIMESTAMP(6)   NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    PRIMARY KEY (id),
    INDEX ix_orders_customer_created (customer_id, created_at),
    INDEX ix_orders_status_created (status, created_at),
    INDEX ix_orders_created (created_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE order_line (
    order_id   CHAR(36)       NOT NULL,
    line_no    INT            NOT NULL,
    product_id VARCHAR(64)    NOT NULL,
    quantity   INT            NOT NULL,
    unit_price DECIMAL(12, 2) NOT NULL,
    PRIMARY KEY (order_id, line_no),
    CONSTRAINT fk_order_line_order FOREIGN KEY (order_id) REFERENCES orders (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Debezium-style outbox: written in the transaction of the state change, published by the relay, which sets
-- sent_at only after Kafka acknowledged the record.
CREATE TABLE outbox_event (
    id         BIGINT        NOT NULL AUTO_INCREMENT,
    event_id   CHAR(36)      NOT NULL,
    order_id   CHAR(36)      NOT NULL,
    event_type VARCHAR(32)   NOT NULL,
    sequence   BIGINT        NOT NULL,
    -- The whole envelope exactly as it goes on the wire (EventContract.toJson).
    payload    LONGTEXT      NOT NULL,
    created_at TIMESTAMP(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    sent_at    TIMESTAMP(6)  NULL DEFAULT NULL,
    attempts   INT           NOT NULL DEFAULT 0,
    last_error VARCHAR(1000) NULL,
    PRIMARY KEY (id),
    CONSTRAINT uq_outbox_event_event_id UNIQUE (event_id),
    -- A second event with the same sequence for one order would be a bug in the locking: refuse it.
    CONSTRAINT uq_outbox_event_order_sequence UNIQUE (order_id, sequence),
    -- The relay's query: unsent rows (sent_at IS NULL) in id order.
    INDEX ix_outbox_event_sent_id (sent_at, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- One row, locked FOR UPDATE SKIP LOCKED by the relay round of one instance: with several instances, exactly
-- one relays at a time, and the others skip their round instead of waiting.
CREATE TABLE outbox_relay_lease (
    id INT NOT NULL,
    PRIMARY KEY (id)
) ENGINE = InnoDB;

INSERT INTO outbox_relay_lease (id) VALUES (1);

-- Idempotency-Key of POST /orders: the first request with a key wins; retries with the same body get its order.
CREATE TABLE idempotency_key (
    idem_key     VARCHAR(128) NOT NULL,
    -- SHA-256 (hex) of the canonical request, to tell a retry from a different request reusing the key.
    request_hash CHAR(64)     NOT NULL,
    order_id     CHAR(36)     NOT NULL,
    created_at   TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    PRIMARY KEY (idem_key)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
