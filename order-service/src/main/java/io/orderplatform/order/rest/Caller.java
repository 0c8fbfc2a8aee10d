package io.orderplatform.order.rest;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.orderplatform.contract.Roles;
import io.orderplatform.order.domain.IdempotencyKey;
import io.orderplatform.problem.ProblemException;
import io.orderplatform.problem.ProblemType;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * Who calls, as far as orders care: the token's subject (a customer id for a customer's token) and whether the token
 * reads every customer's orders ({@value Roles#ORDERS_READ}).
 */
record Caller(String subject, boolean readsAll) {

    static Caller of(SecurityIdentity identity) {
        // The subject claim itself: the principal's name would be upn or preferred_username when the token has one.
        String subject = identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getSubject() != null
                ? jwt.getSubject() : identity.getPrincipal().getName();
        if (subject == null || subject.isEmpty() || subject.length() > IdempotencyKey.MAX_SUBJECT_LENGTH) {
            throw new ProblemException(ProblemType.FORBIDDEN, "The bearer token names no subject of 1 to "
                    + IdempotencyKey.MAX_SUBJECT_LENGTH + " characters");
        }
        return new Caller(subject, identity.hasRole(Roles.ORDERS_READ));
    }

    /** Null when every customer's orders are the caller's to see; else the only customer whose orders are. */
    String confinedTo() {
        return readsAll ? null : subject;
    }

    /** Whether the caller may place or change orders of {@code customerId}. */
    boolean mayActFor(String customerId) {
        return readsAll || subject.equals(customerId);
    }
}
