package io.orderplatform.testsupport;

import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * The content of every table of a service's database, as {@code CHECKSUM TABLE} sees it (MariaDB and MySQL):
 * taken before and after requests that must change nothing, two equal snapshots show that nothing changed.
 *
 * @param checksums table name to the checksum of all its rows
 */
public record DatabaseSnapshot(String database, Map<String, Long> checksums) {

    public DatabaseSnapshot {
        checksums = Map.copyOf(checksums);
    }

    /** The tables' content now. */
    public static DatabaseSnapshot take(String database) {
        TestInfrastructure infra = TestInfrastructure.get();
        try (Connection connection = DriverManager.getConnection(infra.jdbcUrl(database), infra.dbUser(),
                infra.dbPassword())) {
            List<String> tables = tables(connection, database);
            Map<String, Long> checksums = new TreeMap<>();
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("CHECKSUM TABLE " + tables.stream()
                            .map(table -> "`" + table + "`").collect(Collectors.joining(", ")))) {
                while (rows.next()) {
                    String qualified = rows.getString(1);
                    checksums.put(qualified.substring(qualified.indexOf('.') + 1), rows.getLong(2));
                }
            }
            return new DatabaseSnapshot(database, checksums);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot take a snapshot of database " + database, e);
        }
    }

    /**
     * The tables' content once it stops changing: work an earlier test left running (a relay publishing, a
     * consumer applying events) must not be mistaken for a change made by the requests under test.
     */
    public static DatabaseSnapshot settled(String database) {
        AtomicReference<DatabaseSnapshot> previous = new AtomicReference<>(take(database));
        return await("database " + database + " settled").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    DatabaseSnapshot now = take(database);
                    return now.equals(previous.getAndSet(now)) ? now : null;
                }, Objects::nonNull);
    }

    /** The tables whose content differs from the earlier snapshot's (or that were added or dropped since). */
    public List<String> tablesChangedSince(DatabaseSnapshot earlier) {
        TreeMap<String, Long> all = new TreeMap<>(earlier.checksums);
        all.putAll(checksums);
        return all.keySet().stream()
                .filter(table -> !Objects.equals(checksums.get(table), earlier.checksums.get(table)))
                .toList();
    }

    private static List<String> tables(Connection connection, String database) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT table_name FROM information_schema.tables "
                + "WHERE table_schema = ? AND table_type = 'BASE TABLE' ORDER BY table_name")) {
            query.setString(1, database);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
        }
        if (tables.isEmpty()) {
            throw new IllegalStateException("Database " + database + " has no tables");
        }
        return tables;
    }
}
