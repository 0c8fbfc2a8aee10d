package io.orderplatform.consumer.deadletter;

/** Where a dead letter stands for the operator. */
public enum DeadLetterStatus {
    /** Stored, never sent back. */
    NEW,
    /** Sent back to the group's redrive topic at least once (the broker acknowledged it). */
    REDRIVEN
}
