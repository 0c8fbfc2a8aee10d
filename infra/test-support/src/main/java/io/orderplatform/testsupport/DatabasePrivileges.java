package io.orderplatform.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a service's database user against the real server: it works in its own database and is refused everywhere
 * else. Another service's database gets a table first, so a refusal means "no right", not "no such table".
 */
public final class DatabasePrivileges {

    /** MySQL's and MariaDB's "command denied to user" (a table) and "access denied for user to database". */
    private static final List<Integer> ACCESS_DENIED = List.of(1142, 1044);
    private static final String OTHER_TABLE = """
            CREATE TABLE IF NOT EXISTS `%s`.privilege_probe (id INT PRIMARY KEY)""";

    private DatabasePrivileges() {
    }

    /** Asserts that {@code user} can read its own database and cannot read, write or drop anything in {@code other}. */
    public static void assertConfined(String user, String password, String ownDatabase, String otherDatabase)
            throws SQLException {
        TestInfrastructure infra = TestInfrastructure.get();
        infra.provisionDatabase(otherDatabase);
        try (Connection admin = DriverManager.getConnection(infra.jdbcUrl(""), infra.dbUser(), infra.dbPassword());
                Statement statement = admin.createStatement()) {
            statement.execute(OTHER_TABLE.formatted(otherDatabase));
        }
        try (Connection connection = DriverManager.getConnection(infra.jdbcUrl(ownDatabase), user, password);
                Statement statement = connection.createStatement()) {
            try (ResultSet own = statement.executeQuery("SELECT COUNT(*) FROM information_schema.tables"
                    + " WHERE table_schema = DATABASE()")) {
                assertThat(own.next()).isTrue();
            }
            assertThat(visibleDatabases(statement)).as("databases %s can see", user)
                    .contains(ownDatabase).doesNotContain(otherDatabase, "mysql");
            for (String refused : List.of(
                    "SELECT * FROM `" + otherDatabase + "`.privilege_probe",
                    "INSERT INTO `" + otherDatabase + "`.privilege_probe VALUES (1)",
                    "DROP TABLE `" + otherDatabase + "`.privilege_probe",
                    "SELECT * FROM mysql.global_priv")) {
                assertThatThrownBy(() -> statement.execute(refused)).as(refused)
                        .isInstanceOfSatisfying(SQLException.class,
                                e -> assertThat(e.getErrorCode()).as(e.getMessage()).isIn(ACCESS_DENIED));
            }
            assertThatThrownBy(() -> statement.execute("CREATE USER 'intruder'@'%' IDENTIFIED BY 'x'"))
                    .as("creating a user").isInstanceOf(SQLException.class)
                    .hasMessageContaining("denied");
        }
    }

    private static List<String> visibleDatabases(Statement statement) throws SQLException {
        List<String> names = new ArrayList<>();
        try (ResultSet databases = statement.executeQuery("SHOW DATABASES")) {
            while (databases.next()) {
                names.add(databases.getString(1));
            }
        }
        return names;
    }
}
