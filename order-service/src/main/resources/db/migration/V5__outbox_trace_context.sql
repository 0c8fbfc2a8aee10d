-- Issue 13: tracing through the outbox. The W3C trace context (traceparent, tracestate) of the request that wrote an
-- event is stored with it, so the relay's publication, however late (a Kafka outage, a retry a minute on), continues
-- the request's trace, and the record carries it on to the consumers as its traceparent header.
-- NULL when the request was not traced (tracing off, or a row written before this migration): the event then goes
-- out in a trace of its own. A traceparent is 55 characters (version 00); tracestate is at most 32 list members of
-- at most 256 characters each by the W3C spec, 512 is what propagators keep in practice.
ALTER TABLE outbox_event
    ADD COLUMN traceparent VARCHAR(55) CHARACTER SET ascii NULL DEFAULT NULL,
    ADD COLUMN tracestate  VARCHAR(512) CHARACTER SET ascii NULL DEFAULT NULL;
