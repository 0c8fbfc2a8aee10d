package io.orderplatform.order.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;

import io.orderplatform.order.OrderServiceTestResources;
import io.orderplatform.testsupport.TestInfrastructure;

/**
 * The outbox table written directly, as the database's administrator: rows no REST call can make (a record Kafka
 * refuses, an old backlog), and their removal. Tests that add rows must remove them: a row that is never sent keeps
 * the outbox from draining for every later test of the JVM.
 */
public final class OutboxTable {

    /** Bigger than the producer's max.request.size (1 MiB): Kafka refuses the record (RecordTooLargeException). */
    public static final int TOO_LARGE_PAYLOAD = 1_200_000;

    private static final String INSERT = """
            INSERT INTO outbox_event (event_id, order_id, event_type, sequence, payload, created_at)
            VALUES (?, ?, 'OrderCreated', ?, ?, UTC_TIMESTAMP(6) - INTERVAL ? MICROSECOND)
            """;

    private static final String INSERT_SENT = """
            INSERT INTO outbox_event (event_id, order_id, event_type, sequence, payload, created_at, sent_at)
            VALUES (?, ?, 'OrderCreated', ?, '{}', UTC_TIMESTAMP(6) - INTERVAL ? SECOND,
                    UTC_TIMESTAMP(6) - INTERVAL ? SECOND)
            """;

    private static final String LOCK_RELAY_LEASE = """
            SELECT id FROM outbox_relay_lease WHERE id = 1 FOR UPDATE
            """;

    private static final String DELETE_ORDER = """
            DELETE FROM outbox_event WHERE order_id = ?
            """;

    private static final String REPAIR_PAYLOAD = """
            UPDATE outbox_event SET payload = ? WHERE order_id = ? AND sequence = ?
            """;

    private OutboxTable() {
    }

    /** A payload Kafka refuses: too large for any record. */
    public static String tooLargePayload() {
        return "x".repeat(TOO_LARGE_PAYLOAD);
    }

    /**
     * Appends the events {@code firstSequence .. firstSequence + count - 1} of an order, in one transaction, created
     * {@code age} ago, each with the given payload.
     */
    public static void append(UUID orderId, long firstSequence, int count, String payload, Duration age) {
        try (Connection connection = connect()) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                for (int i = 0; i < count; i++) {
                    insert.setString(1, UUID.randomUUID().toString());
                    insert.setString(2, orderId.toString());
                    insert.setLong(3, firstSequence + i);
                    insert.setString(4, payload);
                    insert.setLong(5, age.toNanos() / 1000);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            connection.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot append outbox rows of order " + orderId, e);
        }
    }

    /** Appends the events {@code firstSequence ..} of an order, created and sent {@code sentAgo} ago. */
    public static void appendSent(UUID orderId, long firstSequence, int count, Duration sentAgo) {
        try (Connection connection = connect(); PreparedStatement insert = connection.prepareStatement(INSERT_SENT)) {
            for (int i = 0; i < count; i++) {
                insert.setString(1, UUID.randomUUID().toString());
                insert.setString(2, orderId.toString());
                insert.setLong(3, firstSequence + i);
                insert.setLong(4, sentAgo.toSeconds());
                insert.setLong(5, sentAgo.toSeconds());
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot append sent outbox rows of order " + orderId, e);
        }
    }

    /** Replaces one event's payload, as an operator repairing a refused record would. */
    public static void repairPayload(UUID orderId, long sequence, String payload) {
        execute(REPAIR_PAYLOAD, orderId, sequence, payload);
    }

    /** Removes every outbox row of an order. */
    public static void deleteOrder(UUID orderId) {
        execute(DELETE_ORDER, orderId, null, null);
    }

    private static void execute(String sql, UUID orderId, Long sequence, String payload) {
        try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            int index = 1;
            if (payload != null) {
                statement.setString(index++, payload);
            }
            statement.setString(index++, orderId.toString());
            if (sequence != null) {
                statement.setLong(index, sequence);
            }
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot change the outbox rows of order " + orderId, e);
        }
    }

    /**
     * A connection whose open transaction holds the relay lease, as another instance's round would: the relay sends
     * nothing until it is rolled back and closed.
     */
    public static Connection holdRelayLease() throws SQLException {
        Connection otherInstance = connect();
        otherInstance.setAutoCommit(false);
        try (PreparedStatement lock = otherInstance.prepareStatement(LOCK_RELAY_LEASE);
                ResultSet lease = lock.executeQuery()) {
            if (!lease.next()) {
                otherInstance.close();
                throw new IllegalStateException("No relay lease row to hold");
            }
        }
        return otherInstance;
    }

    /** A connection to the service's database as its administrator. */
    public static Connection connect() throws SQLException {
        TestInfrastructure infra = TestInfrastructure.get();
        return DriverManager.getConnection("jdbc:mysql://" + infra.dbHost() + ":" + infra.dbPort() + "/"
                + OrderServiceTestResources.DATABASE, infra.dbUser(), infra.dbPassword());
    }
}
