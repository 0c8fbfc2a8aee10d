package io.orderplatform.consumer;

/** Why events could not be applied, which decides what happens to them. */
public enum FailureKind {

    /** The record breaks the event contract: it can never be applied as it is. Dead-lettered at once. */
    CONTRACT_VIOLATION,

    /**
     * The database refused the data (too long, out of range, a check constraint). It may be one record's own
     * fault: a batch is narrowed down one event at a time, and only an event refused on its own is dead-lettered.
     */
    DATA_REJECTED,

    /**
     * Anything about the dependency rather than the record (unreachable, frozen, shutting down, read-only, full,
     * access denied, a missing table, deadlocks and lock waits) and any failure not recognised: the consumer
     * pauses and retries until it passes. Never dead-lettered: the dependency, not the record, is at fault.
     */
    SYSTEMIC
}
