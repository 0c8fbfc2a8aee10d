package io.orderplatform.localstack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free ports for servers started here (brokers, the controller, MariaDB, services) taken below the kernel's ephemeral
 * range. A port the kernel hands out as the local end of outgoing connections (what {@code new ServerSocket(0)}
 * returns) can be taken by any client between the check and the server's bind, or while a broker is stopped in a
 * fault test and before it starts again on the same port: seen as "Address already in use" when a broker started.
 * Below the range, only another server picking at random collides, and the bind check catches that.
 */
public final class FreePorts {

    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    /** Linux's default start of the ephemeral range, when the range cannot be read. */
    private static final int DEFAULT_EPHEMERAL_START = 32768;
    /** Above the well-known and most registered ports that local tools listen on. */
    private static final int LOWEST = 10_000;
    private static final int ATTEMPTS = 200;

    private FreePorts() {
    }

    /** A port nothing listens on now, outside the ephemeral range. */
    public static int next() {
        int below = ephemeralStart();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, below);
            if (bindable(port)) {
                return port;
            }
        }
        throw new IllegalStateException("No free port between " + LOWEST + " and " + below + " after " + ATTEMPTS
                + " tries");
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress("127.0.0.1", port));
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    private static int ephemeralStart() {
        try {
            int start = Integer.parseInt(Files.readString(EPHEMERAL_RANGE).trim().split("\\s+")[0]);
            return start > LOWEST + 1_000 ? start : DEFAULT_EPHEMERAL_START;
        } catch (IOException | RuntimeException unreadable) {
            return DEFAULT_EPHEMERAL_START;
        }
    }
}
