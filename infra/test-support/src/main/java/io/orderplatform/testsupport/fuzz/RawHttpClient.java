package io.orderplatform.testsupport.fuzz;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Sends a {@link HostileRequest} over a plain socket, one connection per request, and reads the answer. A socket,
 * not {@link java.net.http.HttpClient}: that client refuses to send most of what the fuzzer is about (invalid
 * methods and targets, raw non-UTF-8 bytes, duplicated or restricted headers, a wrong Content-Length).
 */
final class RawHttpClient {

    private static final int MAX_LINE = 64 * 1024;

    private final String host;
    private final int port;
    private final int timeoutMillis;

    RawHttpClient(String host, int port, Duration timeout) {
        this.host = host;
        this.port = port;
        this.timeoutMillis = Math.toIntExact(timeout.toMillis());
    }

    /**
     * The server's answer; empty when the server closed the connection, without an answer, before it had the
     * whole request: it stopped reading a request it refused (e.g. a body over its limit), which is no hang.
     *
     * @throws IOException no answer although the whole request was sent, within the timeout per read
     */
    Optional<RawResponse> send(HostileRequest request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            boolean sentCompletely = true;
            try {
                OutputStream out = socket.getOutputStream();
                out.write(request.toBytes());
                out.flush();
            } catch (IOException e) {
                sentCompletely = false;
            }
            try {
                return Optional.of(read(new BufferedInputStream(socket.getInputStream()), request.isHead()));
            } catch (IOException e) {
                if (sentCompletely) {
                    throw e;
                }
                return Optional.empty();
            }
        }
    }

    private static RawResponse read(InputStream in, boolean head) throws IOException {
        try {
            return readFramed(in, head);
        } catch (NumberFormatException e) {
            throw new IOException("Malformed answer: " + e.getMessage(), e);
        }
    }

    private static RawResponse readFramed(InputStream in, boolean head) throws IOException {
        int status;
        Map<String, List<String>> headers;
        do {
            // Interim answers (100 Continue) come before the real one.
            status = parseStatus(readLine(in));
            headers = readHeaders(in);
        } while (status >= 100 && status < 200);
        byte[] body;
        if (head || status == 204 || status == 304) {
            body = new byte[0];
        } else if (headerValue(headers, "transfer-encoding").toLowerCase(Locale.ROOT).contains("chunked")) {
            body = readChunked(in);
        } else if (!headerValue(headers, "content-length").isEmpty()) {
            body = in.readNBytes(Integer.parseInt(headerValue(headers, "content-length").trim()));
        } else {
            body = in.readAllBytes();
        }
        return new RawResponse(status, headers, body);
    }

    private static int parseStatus(String statusLine) throws IOException {
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
            throw new IOException("Not an HTTP status line: " + statusLine);
        }
        return Integer.parseInt(parts[1]);
    }

    private static Map<String, List<String>> readHeaders(InputStream in) throws IOException {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.computeIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        name -> new ArrayList<>()).add(line.substring(colon + 1).trim());
            }
        }
        return headers;
    }

    private static String headerValue(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null ? "" : values.get(0);
    }

    private static byte[] readChunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine(in);
            int semicolon = sizeLine.indexOf(';');
            int size = Integer.parseInt((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
            if (size == 0) {
                readHeaders(in); // trailers
                return body.toByteArray();
            }
            body.writeBytes(in.readNBytes(size));
            readLine(in);
        }
    }

    /** A line up to LF, without its CR LF, read as ISO-8859-1 (one char per byte). */
    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new EOFException("Connection closed" + (line.isEmpty() ? "" : " after: " + line));
            }
            if (line.length() > MAX_LINE) {
                throw new IOException("Line longer than " + MAX_LINE + " bytes");
            }
            line.append((char) b);
        }
        int end = line.length() > 0 && line.charAt(line.length() - 1) == '\r' ? line.length() - 1 : line.length();
        return line.substring(0, end);
    }

    /** An HTTP answer; header names in lower case. */
    record RawResponse(int status, Map<String, List<String>> headers, byte[] body) {

        String contentType() {
            return headerValue(headers, "content-type");
        }

        /** The first value of a header (its name in lower case), or "". */
        String header(String name) {
            return headerValue(headers, name);
        }

        String bodyExcerpt(int max) {
            return new String(body, 0, Math.min(body.length, max), StandardCharsets.UTF_8);
        }
    }
}
