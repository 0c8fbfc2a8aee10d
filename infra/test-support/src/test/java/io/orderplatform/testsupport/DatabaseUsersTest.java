package io.orderplatform.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.DriverManager;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;

import io.orderplatform.localstack.DatabaseAccount;

/** Each service's database user may use its own schema and nothing else; the server checks every password. */
class DatabaseUsersTest {

    private final TestInfrastructure infra = TestInfrastructure.get();

    @Test
    void orderServicesUserCannotReachTheConsumersDatabases() throws SQLException {
        DatabaseAccount orderService = infra.provisionDatabase("order_service");
        DatabasePrivileges.assertConfined(orderService.user(), orderService.password(), "order_service",
                "metrics_consumer");
        DatabasePrivileges.assertConfined(orderService.user(), orderService.password(), "order_service",
                "audit_consumer");
    }

    @Test
    void eachConsumersUserCannotReachOrderServicesDatabase() throws SQLException {
        for (String consumer : new String[] {"metrics_consumer", "audit_consumer"}) {
            DatabaseAccount account = infra.provisionDatabase(consumer);
            DatabasePrivileges.assertConfined(account.user(), account.password(), consumer, "order_service");
        }
    }

    @Test
    void aWrongPasswordIsRefused() {
        DatabaseAccount account = infra.provisionDatabase("order_service");
        assertThatThrownBy(() -> DriverManager.getConnection(infra.jdbcUrl("order_service"), account.user(),
                account.password() + "-wrong").close())
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(1045));
    }

    @Test
    void provisioningTwiceKeepsTheSamePasswordWorking() throws SQLException {
        DatabaseAccount first = infra.provisionDatabase("order_service");
        DatabaseAccount second = infra.provisionDatabase("order_service");
        try (var connection = DriverManager.getConnection(infra.jdbcUrl("order_service"), second.user(),
                first.password())) {
            assertThat(connection.isValid(2)).isTrue();
        }
    }
}
