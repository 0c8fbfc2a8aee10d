package io.orderplatform.problem;

import java.util.Objects;

/**
 * A kind of problem, with a stable type URI clients can switch on, its title and its HTTP status. The generic kinds
 * every service answers with are constants here; a service defines its domain kinds with {@link #of}.
 *
 * @param uri {@value #BASE} followed by a slug, or {@code about:blank} for a plain HTTP error
 */
public record ProblemType(String uri, String title, int status) {

    /** Where every type URI of the platform starts. */
    public static final String BASE = "https://orderplatform.io/problems/";

    /** A request that fails validation: a bad field, parameter or header; the violations name each one. */
    public static final ProblemType INVALID_REQUEST = of("invalid-request", "Invalid request", 400);
    /** A body that is not JSON at all (syntax error, trailing content). */
    public static final ProblemType MALFORMED_JSON = of("malformed-json", "Malformed JSON", 400);
    /** A body larger than the service accepts (quarkus.http.limits.max-body-size): refused before it is read. */
    public static final ProblemType PAYLOAD_TOO_LARGE = of("payload-too-large", "Payload too large", 413);
    /** No bearer token, or one that was refused (expired, wrongly signed, another issuer): with WWW-Authenticate. */
    public static final ProblemType UNAUTHORIZED = of("unauthorized", "Unauthorized", 401);
    /** A valid token without the role the request needs, or acting for someone else (a named field says who). */
    public static final ProblemType FORBIDDEN = of("forbidden", "Forbidden", 403);
    /** The named thing does not exist. */
    public static final ProblemType NOT_FOUND = of("not-found", "Not found", 404);
    /** The request conflicts with the current state of the resource. */
    public static final ProblemType CONFLICT = of("conflict", "Conflict", 409);
    /** Our own fault: logged, never explained to the client. */
    public static final ProblemType INTERNAL_ERROR = of("internal-error", "Internal error", 500);

    /** A dependency (the database) cannot serve the request now: retry after the Retry-After header's seconds. */
    public static final ProblemType SERVICE_UNAVAILABLE = of("service-unavailable", "Service unavailable", 503);

    public ProblemType {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(title, "title");
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("A problem is a 4xx or 5xx, not " + status);
        }
    }

    /** A type of this platform: {@value #BASE} + {@code slug}. */
    public static ProblemType of(String slug, String title, int status) {
        return new ProblemType(BASE + slug, title, status);
    }

    /** A plain HTTP error without a type of its own (e.g. 405, 415): {@code about:blank} and the reason phrase. */
    public static ProblemType generic(int status, String reasonPhrase) {
        return new ProblemType("about:blank", reasonPhrase, status);
    }
}
