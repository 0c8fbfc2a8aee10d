package io.orderplatform.localstack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

import org.jboss.logging.Logger;

/**
 * The control channel of a running local stack: a Unix domain socket in its data folder, one command line in, one
 * answer line out ({@code ok ...} or {@code error ...}).
 * <p>
 * It exists so that a tool outside the stack's JVM (infra/bin/chaos, or {@code LocalStack start ...}) can start
 * again a component it killed and have the stack itself start it: the new process then gets the same command line
 * and environment as at {@code up}, a broker's lifeline (its stdin pipe) is the stack's JVM, and
 * infra/bin/stop-local stops it like every other part. A process started by the tool instead would die with the
 * tool (brokers) or outlive the stack (services). A Unix socket, not a TCP port: only local users with access to the
 * data folder can reach it.
 */
public final class StackControl implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(StackControl.class);
    public static final String SOCKET_FILE = "control.sock";

    private final Path socket;
    private final ServerSocketChannel server;

    private StackControl(Path socket, ServerSocketChannel server) {
        this.socket = socket;
        this.server = server;
    }

    /**
     * Listens on {@code <dataDir>/control.sock}; each connection's command is answered by {@code handler} on a thread
     * of its own (a command can take a while: a service is answered for once it is ready).
     */
    public static StackControl serve(Path dataDir, UnaryOperator<String> handler) {
        Path socket = dataDir.resolve(SOCKET_FILE);
        try {
            // A socket file left by a stack that was killed: the caller has checked that no stack runs on this folder.
            Files.deleteIfExists(socket);
            ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(socket));
            StackControl control = new StackControl(socket, server);
            Thread acceptor = new Thread(() -> control.accept(handler), "stack-control");
            acceptor.setDaemon(true);
            acceptor.start();
            return control;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the control socket " + socket, e);
        }
    }

    /**
     * Sends one command to the stack running on {@code dataDir} and returns its answer without the {@code ok} word.
     *
     * @throws IllegalStateException when no stack listens there, or it answered with an error
     */
    public static String send(Path dataDir, String command) {
        Path socket = dataDir.resolve(SOCKET_FILE);
        if (!Files.exists(socket)) {
            throw new IllegalStateException("No local stack control socket at " + socket
                    + ": is the stack running (infra/bin/run-local)?");
        }
        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            Writer out = Channels.newWriter(channel, StandardCharsets.UTF_8);
            out.write(command.replace('\n', ' ') + "\n");
            out.flush();
            BufferedReader in = new BufferedReader(Channels.newReader(channel, StandardCharsets.UTF_8));
            String answer = in.readLine();
            if (answer == null) {
                throw new IllegalStateException("The local stack closed the control connection without answering");
            }
            if (answer.startsWith("ok")) {
                return answer.substring(2).trim();
            }
            throw new IllegalStateException(answer.startsWith("error ") ? answer.substring(6) : answer);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot reach the local stack through " + socket + ": " + e, e);
        }
    }

    private void accept(UnaryOperator<String> handler) {
        while (server.isOpen()) {
            try {
                SocketChannel channel = server.accept();
                Thread worker = new Thread(() -> answer(channel, handler), "stack-control-command");
                worker.setDaemon(true);
                worker.start();
            } catch (IOException e) {
                if (server.isOpen()) {
                    LOG.warnf("Control socket: %s", e);
                }
            }
        }
    }

    private static void answer(SocketChannel channel, UnaryOperator<String> handler) {
        try (channel) {
            String command = new BufferedReader(Channels.newReader(channel, StandardCharsets.UTF_8)).readLine();
            String answer;
            try {
                answer = command == null ? "error empty command" : "ok " + handler.apply(command.trim());
            } catch (RuntimeException e) {
                answer = "error " + e.getMessage();
            }
            Writer out = Channels.newWriter(channel, StandardCharsets.UTF_8);
            out.write(answer.replace('\n', ' ') + "\n");
            out.flush();
        } catch (IOException e) {
            LOG.warnf("Control socket: the client went away: %s", e);
        }
    }

    /** Stops listening; commands being carried out finish on their own. */
    @Override
    public void close() {
        try {
            server.close();
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            LOG.warnf("Closing the control socket: %s", e);
        }
    }
}
