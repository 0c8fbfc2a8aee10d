package io.orderplatform.audit.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.orderplatform.consumer.ConsumedEvent;
import io.orderplatform.contract.OrderEvent;

/**
 * The out-of-order rule: an event arrived out of order when its sequence is lower than the highest sequence
 * already recorded for its order at the moment it arrives. An event with a sequence equal to the highest is not
 * out of order (it is a second event claiming the same step, visible in the trail as two entries); a missing
 * sequence is a gap, found when the trail is read ({@link SequenceGaps}), not here.
 */
public final class ArrivalOrder {

    private ArrivalOrder() {
    }

    /**
     * @param highestRecorded the highest sequence recorded so far per order (orders with none are absent)
     * @param events new events in the order they arrived (the events earlier in the list count as recorded)
     * @return the events in the same order, each marked
     */
    public static List<Arrival> mark(Map<UUID, Long> highestRecorded, List<ConsumedEvent> events) {
        Map<UUID, Long> highest = new HashMap<>(highestRecorded);
        List<Arrival> arrivals = new ArrayList<>(events.size());
        for (ConsumedEvent consumed : events) {
            OrderEvent event = consumed.event();
            Long before = highest.get(event.orderId());
            arrivals.add(new Arrival(consumed, before != null && event.sequence() < before));
            highest.merge(event.orderId(), event.sequence(), Math::max);
        }
        return arrivals;
    }
}
