package io.orderplatform.database;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Readiness of the database, answered within {@link #ANSWER_WITHIN} whatever the database does. It replaces
 * Quarkus' own datasource check ({@code quarkus.datasource.health.enabled=false}), which blocks up to 20 s on a
 * server that accepts connections but answers nothing (frozen, stalled disk), so that the readiness endpoint
 * itself stalled and probes piled up.
 */
@Readiness
@ApplicationScoped
public class DatabaseHealthCheck implements AsyncHealthCheck {

    static final Duration ANSWER_WITHIN = Duration.ofSeconds(2);
    private static final String NAME = "database";

    private final Pool pool;

    public DatabaseHealthCheck(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return pool.query("SELECT 1").execute()
                .map(rows -> HealthCheckResponse.up(NAME))
                .ifNoItem().after(ANSWER_WITHIN).failWith(() -> new IllegalStateException(
                        "no answer within " + ANSWER_WITHIN.toSeconds() + " s"))
                .onFailure().recoverWithItem(failure -> HealthCheckResponse.named(NAME).down()
                        .withData("reason", String.valueOf(failure.getMessage())).build());
    }
}
