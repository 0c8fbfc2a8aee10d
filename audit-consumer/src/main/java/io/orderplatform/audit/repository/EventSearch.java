package io.orderplatform.audit.repository;

import java.time.Instant;
import java.util.UUID;

import io.orderplatform.contract.EventType;
import io.orderplatform.problem.PageCursor;

/**
 * Which events to list, oldest first by {@code (occurredAt, eventId)}, a page at a time.
 *
 * @param type only events of this type; null for all
 * @param from only events that occurred at or after this instant; null for no lower bound
 * @param to only events that occurred before this instant; null for no upper bound
 * @param after only events after this cursor, the last event of the previous page; null for the first page
 * @param rows how many events at most
 */
public record EventSearch(EventType type, Instant from, Instant to, PageCursor<UUID> after, int rows) {
}
