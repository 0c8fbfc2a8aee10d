package io.orderplatform.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.orderplatform.testsupport.DatabasePrivileges;
import io.quarkus.test.junit.QuarkusTest;

/** audit-consumer connects as its own database user, which may use its own database and nothing else. */
@QuarkusTest
class DatabaseUserTest {

    @ConfigProperty(name = "quarkus.datasource.username")
    String user;

    @ConfigProperty(name = "quarkus.datasource.password")
    String password;

    @Test
    void runsAsItsOwnUserThatCannotReachAnotherServicesDatabase() throws SQLException {
        assertThat(user).isEqualTo(AuditConsumerTestResources.DATABASE);
        DatabasePrivileges.assertConfined(user, password, AuditConsumerTestResources.DATABASE, "order_service");
    }
}
