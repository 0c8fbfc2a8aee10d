package io.orderplatform.order.rest;

import java.util.regex.Pattern;

import io.orderplatform.order.domain.IdempotencyKey;
import io.orderplatform.problem.InvalidRequestException;

/** The optional {@code Idempotency-Key} header of POST /orders: 1 to 128 visible ASCII characters. */
final class IdempotencyKeyHeader {

    static final String NAME = "Idempotency-Key";

    // Visible ASCII only: keys are compared byte for byte and must survive logs and proxies unchanged.
    private static final Pattern VALID = Pattern.compile("[\\x21-\\x7E]{1," + IdempotencyKey.MAX_LENGTH + "}");

    private IdempotencyKeyHeader() {
    }

    /** The key, or null without the header; fails with 400 for a malformed one. */
    static String validated(String value) {
        if (value == null) {
            return null;
        }
        if (!VALID.matcher(value).matches()) {
            throw new InvalidRequestException(NAME,
                    "must be 1 to " + IdempotencyKey.MAX_LENGTH + " visible ASCII characters");
        }
        return value;
    }
}
