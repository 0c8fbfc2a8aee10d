package io.orderplatform.database;

import java.time.Duration;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

/**
 * Runs a REST request's database work (a Panache session or transaction) so that it always ends by itself and the
 * request gets an answer within {@code orderplatform.database.request-timeout}:
 * <ul>
 * <li>The work is subscribed on its own, not through the request's chain: when the client disconnects or the
 * request times out, RESTEasy Reactive cancels the request's Uni, but the transaction still runs to its commit or
 * rollback and its session closes normally, returning the connection. Cancelling Hibernate Reactive mid-transaction
 * is what leaked connections ("Connection being closed with a live transaction associated to it": Hibernate Reactive
 * issue hibernate/hibernate-reactive#2926 and quarkusio/quarkus#51576).</li>
 * <li>A database that gives no answer in time (frozen, overloaded) fails the request with
 * {@link DatabaseUnavailableException}: a 503 with Retry-After, at once rather than after 30 s.</li>
 * </ul>
 */
@ApplicationScoped
public class RequestDatabaseWork {

    private final Duration timeout;

    public RequestDatabaseWork(DatabaseBounds bounds) {
        this.timeout = bounds.requestTimeout();
    }

    /** The work, run to its own end, with its outcome within the request timeout or a 503. */
    public <T> Uni<T> run(Supplier<Uni<T>> work) {
        return UncancelledWork.waitAtMost(timeout, work, () -> new DatabaseUnavailableException(
                "The database did not answer within " + timeout.toSeconds() + " s"));
    }
}
