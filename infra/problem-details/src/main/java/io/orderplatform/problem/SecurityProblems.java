package io.orderplatform.problem;

import jakarta.inject.Singleton;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * 401 and 403 as problems, like every other error: Quarkus' own answers are empty bodies. The services authenticate
 * lazily ({@code quarkus.http.auth.proactive=false}), only for endpoints that name roles, so a missing, expired or
 * wrongly signed token fails inside the REST layer and reaches these mappers.
 * <p>
 * A 401 carries {@code WWW-Authenticate: Bearer} (RFC 6750), with {@code error="invalid_token"} when a token was sent
 * and refused. The detail never says why a token was refused: that helps only someone forging one (the service's
 * log says, at DEBUG of io.quarkus.smallrye.jwt).
 */
@Singleton
public class SecurityProblems {

    static final String MISSING_DETAIL = "This request needs a bearer token: Authorization: Bearer <JWT>";
    static final String REFUSED_DETAIL = "The bearer token was refused: it is expired, not validly signed, or not "
            + "issued for this service";
    static final String FORBIDDEN_DETAIL = "The bearer token does not grant the role this request needs";

    private static final Logger LOG = Logger.getLogger(SecurityProblems.class);

    /** No credentials at all, for an endpoint that needs a role. */
    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, UriInfo uri) {
        return unauthenticated(MISSING_DETAIL, "Bearer", uri);
    }

    /** A token that was sent and refused: malformed, expired, wrongly signed, another issuer or audience. */
    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
        LOG.debugf(e, "Request %s: bearer token refused", ProblemResponses.instance(uri));
        return unauthenticated(REFUSED_DETAIL, "Bearer error=\"invalid_token\"", uri);
    }

    /** A valid token without the role. */
    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return ProblemResponses.of(ProblemType.FORBIDDEN, FORBIDDEN_DETAIL, uri);
    }

    private static Response unauthenticated(String detail, String challenge, UriInfo uri) {
        return ProblemResponses.builder(new Problem(ProblemType.UNAUTHORIZED, detail, ProblemResponses.instance(uri),
                null)).header(HttpHeaders.WWW_AUTHENTICATE, challenge).build();
    }
}
