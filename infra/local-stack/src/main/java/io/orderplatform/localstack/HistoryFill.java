package io.orderplatform.localstack;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Gives the databases a history, to show that the platform stays as fast with millions of old rows as with none: N
 * outbox rows already sent (order-service) and N applied events in each consumer's {@code processed_event}, made up
 * in the database itself (MariaDB's sequence engine, {@value #CHUNK} rows per statement) with time-ordered ids from
 * the last two days, as the services write them. Younger than every retention period, so the purge leaves them.
 * Prints its progress; run through {@code infra/bin/fill-history} against the running local stack, or from a
 * benchmark against its own database.
 */
public final class HistoryFill {

    static final int CHUNK = 250_000;
    /** The history spans the two days before the fill: inside every retention period (sent outbox rows: 7 days). */
    private static final Duration SPAN = Duration.ofDays(2);

    /**
     * Sent outbox rows: ids as the services make them (version 7 UUID text, the millisecond first), then a payload of
     * an ordinary OrderCreated's size (~600 bytes). Parameters: first sequence number, last, start millis, step millis.
     */
    private static final String FILL_OUTBOX = """
            INSERT INTO outbox_event (event_id, order_id, event_type, sequence, payload, created_at, sent_at, attempts)
            SELECT uuid7(millis, seq, 7), uuid7(millis, seq, 8), 'OrderCreated', 1,
                   CONCAT('{"history":"', REPEAT('x', 580), '"}'), FROM_UNIXTIME(millis / 1000), FROM_UNIXTIME(millis / 1000), 1
            FROM (SELECT seq, ? + seq * ? AS millis FROM seq_%d_to_%d) AS history
            """;

    private static final String FILL_PROCESSED_EVENTS = """
            INSERT INTO processed_event (event_id, order_id, event_type, sequence, source_partition, source_offset, processed_at)
            SELECT uuid7(millis, seq, 7), uuid7(millis, seq, 8), 'OrderCreated', 1, seq MOD 6, seq, FROM_UNIXTIME(millis / 1000)
            FROM (SELECT seq, ? + seq * ? AS millis FROM seq_%d_to_%d) AS history
            """;

    /**
     * RFC 9562 version 7 text from a millisecond and a sequence number (unique per row); {@code tag} tells event ids
     * (7) from order ids (8) apart. A stored function, so the fill statements stay readable.
     */
    private static final String CREATE_UUID7 = """
            CREATE FUNCTION IF NOT EXISTS uuid7(millis BIGINT, seq BIGINT, tag INT) RETURNS CHAR(36) DETERMINISTIC
            RETURN LOWER(CONCAT(LEFT(LPAD(HEX(millis), 12, '0'), 8), '-', RIGHT(LPAD(HEX(millis), 12, '0'), 4), '-7',
                LPAD(HEX(seq & 4095), 3, '0'), '-', HEX(tag), LPAD(HEX(seq & 4095), 3, '0'), '-', LPAD(HEX(seq), 12, '0')))
            """;

    private static final String DROP_UUID7 = "DROP FUNCTION IF EXISTS uuid7";

    private HistoryFill() {
    }

    public static void main(String[] args) throws Exception {
        long rows = 10_000_000;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rows" -> rows = Long.parseLong(args[++i].replace("_", ""));
                default -> throw new IllegalArgumentException("usage: HistoryFill [--rows 10000000]");
            }
        }
        Path repoRoot = Path.of(System.getProperty("repo.root", ".")).toAbsolutePath().normalize();
        Path mariaDbDir = repoRoot.resolve("infra/local-stack/data/mariadb");
        String password = LocalMariaDb.secretsOf(mariaDbDir).password(LocalMariaDb.ADMIN_USER);
        fill(database -> DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + LocalStack.DB_PORT + "/" + database,
                LocalMariaDb.ADMIN_USER, password), rows);
    }

    /** Connections as the administrator, per database. */
    @FunctionalInterface
    public interface AdminConnections {
        Connection open(String database) throws SQLException;
    }

    /** Fills the outbox and both consumers' processed-event logs with {@code rows} rows each. */
    public static void fill(AdminConnections connections, long rows) throws SQLException {
        fillTable(connections, "order_service", FILL_OUTBOX, rows);
        for (String database : List.of("metrics_consumer", "audit_consumer")) {
            fillTable(connections, database, FILL_PROCESSED_EVENTS, rows);
        }
    }

    private static void fillTable(AdminConnections connections, String database, String sql, long rows)
            throws SQLException {
        long startMillis = Instant.now().minus(SPAN).toEpochMilli();
        long stepMillis = Math.max(1, SPAN.toMillis() / Math.max(1, rows));
        long started = System.nanoTime();
        try (Connection connection = connections.open(database)) {
            connection.createStatement().execute(CREATE_UUID7);
            // The ids are unique by construction (the sequence number is in each): no secondary unique-index lookups.
            connection.createStatement().execute("SET SESSION unique_checks = 0");
            // Each chunk commits on its own: one statement of 10 million rows would build an undo log of gigabytes.
            connection.setAutoCommit(true);
            for (long first = 1; first <= rows; first += CHUNK) {
                long last = Math.min(rows, first + CHUNK - 1);
                try (PreparedStatement insert = connection.prepareStatement(sql.formatted(first, last))) {
                    insert.setLong(1, startMillis);
                    insert.setLong(2, stepMillis);
                    insert.executeUpdate();
                }
                double seconds = (System.nanoTime() - started) / 1e9;
                System.out.printf("%s: %,d of %,d rows (%,.0f rows/s)%n", database, last, rows, last / seconds);
            }
            connection.createStatement().execute(DROP_UUID7);
        }
    }
}
