-- The latest known state of each order, as the metrics see it: what it contributes to the sales figures.
-- last_sequence makes later state win whatever order events arrive in (see README: "out-of-order events").
CREATE TABLE metrics_order (
    order_id      CHAR(36)      NOT NULL,
    customer_id   VARCHAR(64)   NOT NULL,
    status        VARCHAR(16)   NOT NULL,
    last_sequence BIGINT        NOT NULL,
    items_json    TEXT          NOT NULL,
    total_amount  DECIMAL(14,2) NOT NULL,
    refunded      BOOLEAN       NOT NULL,
    paid_day      DATE          NULL,
    updated_at    TIMESTAMP(6)  NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),
    PRIMARY KEY (order_id),
    KEY idx_metrics_order_status (status)
) ENGINE = InnoDB;

-- Net sales per product over all time: paid orders count, refunded ones are taken back out.
CREATE TABLE product_sales (
    product_id VARCHAR(64)   NOT NULL,
    units      BIGINT        NOT NULL,
    revenue    DECIMAL(18,2) NOT NULL,
    orders     BIGINT        NOT NULL,
    PRIMARY KEY (product_id),
    KEY idx_product_sales_units (units),
    KEY idx_product_sales_revenue (revenue)
) ENGINE = InnoDB;

-- The same per UTC day of payment.
CREATE TABLE product_daily_sales (
    product_id VARCHAR(64)   NOT NULL,
    sales_day  DATE          NOT NULL,
    units      BIGINT        NOT NULL,
    revenue    DECIMAL(18,2) NOT NULL,
    orders     BIGINT        NOT NULL,
    PRIMARY KEY (product_id, sales_day),
    KEY idx_product_daily_sales_day (sales_day)
) ENGINE = InnoDB;
