package io.orderplatform.audit.rest;

import java.util.Arrays;
import java.util.stream.Collectors;

import io.orderplatform.contract.EventType;
import io.orderplatform.problem.ProblemException;

/** The audit API's own parameters (the generic ones are {@link io.orderplatform.problem.QueryParameters}). */
final class RequestParameters {

    static final int DEFAULT_PAGE_SIZE = 50;
    static final int MAX_PAGE_SIZE = 200;

    private RequestParameters() {
    }

    /** The event type by its wire name, or null when absent (all types). */
    static EventType eventType(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return EventType.fromWireName(value.trim());
        } catch (IllegalArgumentException e) {
            String known = Arrays.stream(EventType.values()).map(EventType::wireName).collect(Collectors.joining(", "));
            throw ProblemException.badRequest(name, "must be one of " + known + ", was '" + value + "'");
        }
    }
}
