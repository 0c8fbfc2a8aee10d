package io.orderplatform.problem;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** Builds the HTTP answer for a problem; for a service's own exception mappers as much as for {@link ProblemMappers}. */
public final class ProblemResponses {

    private ProblemResponses() {
    }

    /** The problem's status with the problem as an {@value Problem#MEDIA_TYPE} body. */
    public static Response of(Problem problem) {
        return builder(problem).build();
    }

    /** A problem of {@code type} answering the current request. */
    public static Response of(ProblemType type, String detail, UriInfo request) {
        return of(new Problem(type, detail, instance(request), null));
    }

    /** To add headers (e.g. {@code Allow}) before building. */
    public static Response.ResponseBuilder builder(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem);
    }

    /** The problem's {@code instance}: the request's path as the client sent it ({@code /orders/42/pay}). */
    public static String instance(UriInfo request) {
        return request == null ? null : request.getRequestUri().getRawPath();
    }
}
