package io.orderplatform.order.messaging;

import java.time.Instant;

import org.apache.kafka.common.errors.RetriableException;

import io.orderplatform.order.domain.OutboxEvent;

/** What happened to one outbox row in a relay round. */
record SendResult(OutboxEvent row, Outcome outcome, Instant ackedAt, Throwable failure) {

    enum Outcome {
        /** Kafka acknowledged the record (acks=all): the row may be marked sent. */
        ACKED,
        /** Kafka did not acknowledge it: the row stays unsent. */
        FAILED,
        /** Not sent because an earlier event of the same order failed in this round: it must not overtake it. */
        HELD_BACK
    }

    static SendResult acked(OutboxEvent row, Instant ackedAt) {
        return new SendResult(row, Outcome.ACKED, ackedAt, null);
    }

    static SendResult failed(OutboxEvent row, Throwable failure) {
        return new SendResult(row, Outcome.FAILED, null, failure);
    }

    static SendResult heldBack(OutboxEvent row) {
        return new SendResult(row, Outcome.HELD_BACK, null, null);
    }

    boolean acked() {
        return outcome == Outcome.ACKED;
    }

    boolean failed() {
        return outcome == Outcome.FAILED;
    }

    /**
     * A failure Kafka itself calls transient (a {@link RetriableException} anywhere in the cause chain: timeouts,
     * leader elections, too few in-sync replicas), which another attempt may get past as it is. Any other failure is
     * Kafka refusing this record (e.g. {@code RecordTooLargeException}): it fails the same way until someone changes
     * the record or the topic.
     */
    boolean retriable() {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof RetriableException) {
                return true;
            }
        }
        return false;
    }

    /** The failure as stored in {@code last_error}: type and message, the stack trace goes to the log. */
    String error() {
        if (failure == null) {
            return null;
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = failure.getClass().getSimpleName() + ": " + failure.getMessage();
        return root == failure ? text : text + " (cause " + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
    }
}
