package io.orderplatform.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Clients that announce far more body than a service accepts, several at once, over raw sockets (an HTTP library
 * would stop at the first refusal or buffer the body itself). Each sends only the start of its body and then waits
 * for the answer without ever finishing it: with a declared Content-Length the first {@value #CHUNK} bytes, chunked
 * {@value #CHUNKED_PREFIX} bytes (16 times the orders' limit). An answer therefore proves the service refused on
 * what it had seen, without waiting for (or reading) the rest; a service that waited for the whole body never
 * answers and the client fails. (Sending the whole body "until the answer comes" measured the machine instead: under
 * load the kernel's socket buffers and a server draining a refused connection took all 9 MB before the answer.)
 */
public final class OversizedBodies {

    /** How one client fared. */
    public record Refusal(int status, String contentType, String body, long bytesSentBeforeAnswer) {
    }

    /** Whether the body's length is declared up front or only known as the chunks arrive. */
    public enum Framing {
        CONTENT_LENGTH, CHUNKED
    }

    private static final int CHUNK = 64 * 1024;
    /** How much of a chunked body is sent before waiting for the answer. */
    private static final int CHUNKED_PREFIX = 1024 * 1024;

    private final URI base;
    private final String token;

    /** @param base the application's base URI (RestAssured's, e.g. http://localhost:PORT) */
    public OversizedBodies(URI base) {
        this(base, null);
    }

    /** Clients whose requests carry {@code Authorization: Bearer token} (see {@link Tokens}); null for none. */
    public OversizedBodies(URI base, String token) {
        this.base = base;
        this.token = token;
    }

    /** {@code clients} concurrent POSTs of {@code bodyBytes} bytes of JSON-looking filler to {@code path}. */
    public List<Refusal> post(String path, int clients, long bodyBytes, Framing framing) {
        ExecutorService pool = Executors.newFixedThreadPool(clients * 2);
        try {
            List<Future<Refusal>> sent = new ArrayList<>();
            for (int client = 0; client < clients; client++) {
                sent.add(pool.submit(() -> send(pool, path, bodyBytes, framing)));
            }
            List<Refusal> refusals = new ArrayList<>();
            for (Future<Refusal> refusal : sent) {
                refusals.add(refusal.get(60, TimeUnit.SECONDS));
            }
            return refusals;
        } catch (Exception e) {
            throw new IllegalStateException("An oversized-body client failed", e);
        } finally {
            pool.shutdownNow();
        }
    }

    private Refusal send(ExecutorService pool, String path, long bodyBytes, Framing framing) throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5_000);
            socket.setSoTimeout(30_000);
            // The answer is read as it comes, while the body is still being sent.
            CompletableFuture<String[]> answer = CompletableFuture.supplyAsync(() -> readAnswer(socket), pool);
            OutputStream out = socket.getOutputStream();
            String framingHeader = framing == Framing.CONTENT_LENGTH ? "Content-Length: " + bodyBytes
                    : "Transfer-Encoding: chunked";
            out.write(("POST " + path + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                    + "\r\nContent-Type: application/json\r\n"
                    + (token == null ? "" : Tokens.AUTHORIZATION + ": " + Tokens.bearer(token) + "\r\n")
                    + framingHeader + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            long sent = 0;
            long prefix = Math.min(bodyBytes, framing == Framing.CONTENT_LENGTH ? CHUNK : CHUNKED_PREFIX);
            try {
                while (sent < prefix && !answer.isDone()) {
                    byte[] filler = filler(sent == 0);
                    int length = (int) Math.min(CHUNK, prefix - sent);
                    if (framing == Framing.CHUNKED) {
                        out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    }
                    out.write(filler, 0, length);
                    if (framing == Framing.CHUNKED) {
                        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                    out.flush();
                    sent += length;
                }
                if (sent >= bodyBytes && framing == Framing.CHUNKED) {
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
            } catch (IOException refusedMidBody) {
                // The service closed the connection after answering: the rest of the body was never wanted.
            }
            String[] response = answer.get(30, TimeUnit.SECONDS);
            return new Refusal(Integer.parseInt(response[0]), response[1], response[2], sent);
        }
    }

    /** Status, Content-Type and body (up to 4 KB) of the answer. */
    private static String[] readAnswer(Socket socket) {
        try {
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8));
            String statusLine = in.readLine();
            if (statusLine == null) {
                throw new IllegalStateException("The connection closed without an answer");
            }
            String contentType = null;
            int contentLength = 0;
            for (String header = in.readLine(); header != null && !header.isEmpty(); header = in.readLine()) {
                String name = header.substring(0, header.indexOf(':')).trim();
                String value = header.substring(header.indexOf(':') + 1).trim();
                if (name.equalsIgnoreCase("content-type")) {
                    contentType = value;
                } else if (name.equalsIgnoreCase("content-length")) {
                    contentLength = Integer.parseInt(value);
                }
            }
            char[] body = new char[Math.min(contentLength, 4096)];
            int read = 0;
            while (read < body.length) {
                int n = in.read(body, read, body.length - read);
                if (n < 0) {
                    break;
                }
                read += n;
            }
            return new String[] { statusLine.split(" ")[1], contentType, new String(body, 0, read) };
        } catch (IOException e) {
            throw new IllegalStateException("Could not read the answer", e);
        }
    }

    /**
     * A JSON object whose first string never ends: a parser reading it as it arrives cannot stop early, so only the
     * service's size limit ends the read.
     */
    private static byte[] filler(boolean first) {
        byte[] filler = new byte[CHUNK];
        java.util.Arrays.fill(filler, (byte) 'x');
        if (first) {
            byte[] opening = "{\"customerId\": \"".getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(opening, 0, filler, 0, opening.length);
        }
        return filler;
    }
}
