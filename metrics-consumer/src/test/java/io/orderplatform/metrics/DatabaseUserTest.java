package io.orderplatform.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.orderplatform.testsupport.DatabasePrivileges;
import io.quarkus.test.junit.QuarkusTest;

/** metrics-consumer connects as its own database user, which may use its own database and nothing else. */
@QuarkusTest
class DatabaseUserTest {

    @ConfigProperty(name = "quarkus.datasource.username")
    String user;

    @ConfigProperty(name = "quarkus.datasource.password")
    String password;

    @Test
    void runsAsItsOwnUserThatCannotReachAnotherServicesDatabase() throws SQLException {
        assertThat(user).isEqualTo(MetricsConsumerTestResources.DATABASE);
        DatabasePrivileges.assertConfined(user, password, MetricsConsumerTestResources.DATABASE, "order_service");
    }
}
