package io.orderplatform.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.Statement;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Proves the test database is a real MySQL-compatible server: keys, upserts and restarts behave as MySQL's do. */
class MariaDbTest {

    private static final String DATABASE = "infra_check";

    @BeforeAll
    static void database() throws SQLException {
        TestInfrastructure.get().provisionDatabase(DATABASE);
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS processed_event");
            s.execute("CREATE TABLE processed_event (event_id CHAR(36) PRIMARY KEY, applied INT NOT NULL)");
        }
    }

    @Test
    void aUniqueKeyViolationIsRefusedWithMySqlsErrorCode() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO processed_event VALUES ('unique-1', 1)");
            SQLException duplicate = assertThrows(SQLException.class,
                    () -> s.execute("INSERT INTO processed_event VALUES ('unique-1', 2)"));
            assertThat((Throwable) duplicate).isInstanceOf(SQLIntegrityConstraintViolationException.class);
            assertThat(duplicate.getErrorCode()).isEqualTo(1062);
            assertThat(duplicate.getSQLState()).isEqualTo("23000");
        }
    }

    @Test
    void insertOnDuplicateKeyUpdateUpsertsAndReportsRowsAsMySqlDoes() throws SQLException {
        String upsert = "INSERT INTO processed_event (event_id, applied) VALUES ('upsert-1', 1) "
                + "ON DUPLICATE KEY UPDATE applied = applied + VALUES(applied)";
        try (Connection c = connect(); Statement s = c.createStatement()) {
            assertThat(s.executeUpdate(upsert)).isEqualTo(1);
            assertThat(s.executeUpdate(upsert)).isEqualTo(2);
            String keep = "INSERT INTO processed_event (event_id, applied) VALUES ('upsert-1', 5) "
                    + "ON DUPLICATE KEY UPDATE applied = applied";
            assertThat(s.executeUpdate(keep)).isZero();
            try (ResultSet rs = s.executeQuery("SELECT applied FROM processed_event WHERE event_id = 'upsert-1'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(2);
            }
        }
    }

    @Test
    void committedDataSurvivesARestartOfTheServer() throws SQLException {
        var mariaDb = TestInfrastructure.get().mariaDb()
                .orElseThrow(() -> new org.opentest4j.TestAbortedException("needs the local database"));
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO processed_event VALUES ('durable-1', 7)");
        }
        mariaDb.stop();
        assertThrows(SQLException.class, MariaDbTest::connect);
        mariaDb.start();
        try (Connection c = connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT applied FROM processed_event WHERE event_id = 'durable-1'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(7);
        }
    }

    @Test
    void committedDataSurvivesAServerKilledWithSigkill() throws SQLException {
        var mariaDb = TestInfrastructure.get().mariaDb()
                .orElseThrow(() -> new org.opentest4j.TestAbortedException("needs the local database"));
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO processed_event VALUES ('crash-1', 3)");
        }
        mariaDb.kill();
        assertThrows(SQLException.class, MariaDbTest::connect);
        mariaDb.start();
        try (Connection c = connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT applied FROM processed_event WHERE event_id = 'crash-1'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(3);
        }
    }

    @Test
    void aFrozenServerAcceptsConnectionsButAnswersNothingUntilThawed() throws Exception {
        var mariaDb = TestInfrastructure.get().mariaDb()
                .orElseThrow(() -> new org.opentest4j.TestAbortedException("needs the local database"));
        mariaDb.freeze();
        try {
            // The kernel still completes the TCP handshake; the server's greeting never comes.
            assertTimeoutPreemptively(java.time.Duration.ofSeconds(10), () -> assertThrows(SQLException.class,
                    () -> DriverManager.getConnection(
                            TestInfrastructure.get().jdbcUrl(DATABASE) + "?connectTimeout=1000&socketTimeout=1000",
                            TestInfrastructure.get().dbUser(), TestInfrastructure.get().dbPassword())));
        } finally {
            mariaDb.thaw();
        }
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
            assertThat(rs.next()).isTrue();
        }
    }

    private static Connection connect() throws SQLException {
        TestInfrastructure infra = TestInfrastructure.get();
        // Affected rows as MySQL counts them (1 inserted, 2 updated, 0 unchanged), not rows found.
        return DriverManager.getConnection(infra.jdbcUrl(DATABASE) + "?useAffectedRows=true", infra.dbUser(),
                infra.dbPassword());
    }
}
