package io.orderplatform.testsupport.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One generated HTTP/1.1 request, byte for byte as it goes on the wire: the method, target and header values may
 * hold bytes no HTTP client library would send (non-UTF-8, control characters, malformed percent-escapes).
 *
 * @param index    its position in the run: with the run's seed, it names the request for reproduction
 * @param category the kind of hostility it carries
 */
public record HostileRequest(int index, Category category, String method, byte[] target, List<Header> headers,
        byte[] body) {

    /** Methods that change nothing: any other one must be refused (see {@link #mustBeRejected()}). */
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    private static final int EXCERPT = 300;
    private static final int MAX_HEADERS_DESCRIBED = 12;

    /** A header line; the value is raw bytes, sent as they are. */
    public record Header(String name, byte[] value) {

        public Header(String name, String value) {
            this(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }

    public HostileRequest {
        headers = List.copyOf(headers);
    }

    /**
     * Every request that could change something is built to be refused (its body breaks the API's schema, its
     * method or path is not in the API, ...): a 2xx means the API let hostile input through.
     */
    public boolean mustBeRejected() {
        return !isSafe(method);
    }

    /** GET, HEAD and OPTIONS change nothing. */
    static boolean isSafe(String method) {
        return SAFE_METHODS.contains(method);
    }

    boolean isHead() {
        return method.equals("HEAD");
    }

    /** The whole request as sent. */
    byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128 + body.length);
        out.writeBytes(method.getBytes(StandardCharsets.ISO_8859_1));
        out.write(' ');
        out.writeBytes(target);
        out.writeBytes(" HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
        for (Header header : headers) {
            out.writeBytes(header.name().getBytes(StandardCharsets.ISO_8859_1));
            out.writeBytes(": ".getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(header.value());
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(body);
        return out.toByteArray();
    }

    /** The request for a failure report: request line, headers and body, shortened, with odd bytes escaped. */
    public String describe() {
        StringBuilder text = new StringBuilder();
        text.append('#').append(index).append(" [").append(category.label()).append("] ")
                .append(printable(method.getBytes(StandardCharsets.ISO_8859_1), EXCERPT)).append(' ')
                .append(printable(target, EXCERPT));
        for (Header header : headers.subList(0, Math.min(headers.size(), MAX_HEADERS_DESCRIBED))) {
            text.append("\n    ").append(printable(header.name().getBytes(StandardCharsets.ISO_8859_1), EXCERPT))
                    .append(": ").append(printable(header.value(), EXCERPT));
        }
        if (headers.size() > MAX_HEADERS_DESCRIBED) {
            text.append("\n    ... (").append(headers.size() - MAX_HEADERS_DESCRIBED).append(" more headers)");
        }
        if (body.length > 0) {
            text.append("\n    body (").append(body.length).append(" bytes): ").append(printable(body, EXCERPT));
        }
        return text.toString();
    }

    /** Printable ASCII as is, every other byte as \xNN, cut after {@code max} bytes. */
    static String printable(byte[] bytes, int max) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < Math.min(bytes.length, max); i++) {
            int b = bytes[i] & 0xFF;
            if (b >= 0x20 && b < 0x7F && b != '\\') {
                text.append((char) b);
            } else {
                text.append(String.format(Locale.ROOT, "\\x%02X", b));
            }
        }
        if (bytes.length > max) {
            text.append("... (").append(bytes.length - max).append(" more bytes)");
        }
        return text.toString();
    }

    /** Assembles a request: the standard headers (Host, Connection, Content-Length) unless told otherwise. */
    static final class Builder {

        private final int index;
        private final Category category;
        private final String authority;
        private String method = "GET";
        private byte[] target = "/".getBytes(StandardCharsets.US_ASCII);
        private final List<Header> headers = new ArrayList<>();
        private byte[] body = new byte[0];
        private boolean withHost = true;
        private boolean withContentLength = true;
        private String defaultAuthorization;

        Builder(int index, Category category, String authority) {
            this.index = index;
            this.category = category;
            this.authority = authority;
        }

        Builder method(String method) {
            this.method = method;
            return this;
        }

        Builder target(byte[] target) {
            this.target = target;
            return this;
        }

        Builder header(String name, String value) {
            headers.add(new Header(name, value));
            return this;
        }

        Builder header(String name, byte[] value) {
            headers.add(new Header(name, value));
            return this;
        }

        Builder body(String contentType, byte[] body) {
            if (contentType != null) {
                header("Content-Type", contentType);
            }
            this.body = body;
            return this;
        }

        /** Every request carries this Authorization value unless it sets one itself or drops it. */
        Builder defaultAuthorization(String value) {
            this.defaultAuthorization = value;
            return this;
        }

        /** No Authorization header at all. */
        Builder withoutAuthorization() {
            this.defaultAuthorization = null;
            return this;
        }

        Builder withoutHost() {
            withHost = false;
            return this;
        }

        /** The request frames its body itself (its own Content-Length or Transfer-Encoding header). */
        Builder ownFraming() {
            withContentLength = false;
            return this;
        }

        boolean hasHeader(String name) {
            return headers.stream().anyMatch(header -> header.name().equalsIgnoreCase(name));
        }

        HostileRequest build() {
            List<Header> all = new ArrayList<>();
            if (withHost) {
                all.add(new Header("Host", authority));
            }
            if (defaultAuthorization != null && !hasHeader("Authorization")) {
                all.add(new Header("Authorization", defaultAuthorization));
            }
            all.addAll(headers);
            if (withContentLength && (body.length > 0 || !isSafe(method))) {
                all.add(new Header("Content-Length", Integer.toString(body.length)));
            }
            // One request per connection: a request that confuses the server's parser cannot affect the next one.
            all.add(new Header("Connection", "close"));
            return new HostileRequest(index, category, method, target, all, body);
        }
    }
}
