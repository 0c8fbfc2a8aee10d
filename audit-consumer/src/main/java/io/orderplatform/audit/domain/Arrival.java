package io.orderplatform.audit.domain;

import io.orderplatform.consumer.ConsumedEvent;

/**
 * A consumed event about to enter the audit trail, and whether it arrived out of order.
 *
 * @param arrivedOutOfOrder its sequence was below the highest one already recorded (or earlier in its batch)
 *        for its order when it arrived
 */
public record Arrival(ConsumedEvent event, boolean arrivedOutOfOrder) {
}
