package io.orderplatform.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.orderplatform.testsupport.DatabasePrivileges;
import io.quarkus.test.junit.QuarkusTest;

/** order-service connects as its own database user, which may use its own database and nothing else. */
@QuarkusTest
class DatabaseUserTest {

    @ConfigProperty(name = "quarkus.datasource.username")
    String user;

    @ConfigProperty(name = "quarkus.datasource.password")
    String password;

    @Test
    void runsAsItsOwnUserThatCannotReachAnotherServicesDatabase() throws SQLException {
        assertThat(user).isEqualTo(OrderServiceTestResources.DATABASE);
        DatabasePrivileges.assertConfined(user, password, OrderServiceTestResources.DATABASE, "metrics_consumer");
    }
}
