-- Idempotency keys are scoped per client: the subject of the caller's bearer token. The same key from two clients
-- makes two orders, and a key reused with a different request (422) names only the caller's own order. Keys stored
-- before this migration (no subject) get the empty subject, which no token has: they are never matched again, and
-- a retry of such a request across this upgrade creates its order once more.
-- 255 characters hold any subject an identity provider issues (Keycloak's are UUIDs; customer ids here are <= 64);
-- the key (255 + 128) * 4 bytes = 1532 bytes is within InnoDB's 3072.
ALTER TABLE idempotency_key
    ADD COLUMN subject VARCHAR(255) NOT NULL DEFAULT '' FIRST,
    DROP PRIMARY KEY,
    ADD PRIMARY KEY (subject, idem_key);
