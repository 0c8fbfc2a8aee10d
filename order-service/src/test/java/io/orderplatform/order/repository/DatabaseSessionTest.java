package io.orderplatform.order.repository;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;

/**
 * The sessions the service's pool hands out (infra/database's BoundedMySqlPool) run READ COMMITTED: under InnoDB's
 * default REPEATABLE READ, locking reads of rows not inserted yet take gap locks, on which concurrent inserters of
 * new time-ordered ids deadlock.
 */
@QuarkusTest
class DatabaseSessionTest {

    @Test
    void everyTransactionRunsReadCommitted() throws Throwable {
        String isolation = VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> Panache.getSession()
                .flatMap(session -> session.createNativeQuery("SELECT @@transaction_isolation", String.class)
                        .getSingleResult())));

        assertThat(isolation).isEqualTo("READ-COMMITTED");
    }
}
