package io.orderplatform.audit.repository;

import java.time.Instant;

import io.orderplatform.contract.EventType;

/**
 * Which events to list, a page at a time, in {@code occurredAt} order.
 *
 * @param type only events of this type; null for all
 * @param from only events that occurred at or after this instant; null for no lower bound
 * @param to only events that occurred before this instant; null for no upper bound
 * @param page the page, from 0
 * @param size events per page
 */
public record EventSearch(EventType type, Instant from, Instant to, int page, int size) {

    public long offset() {
        return (long) page * size;
    }
}
