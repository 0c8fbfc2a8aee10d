package io.orderplatform.order.security;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Duration;

import javax.crypto.SecretKey;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import org.eclipse.microprofile.jwt.JsonWebToken;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * The bearer-token parser of order-service: smallrye-jwt's own, with what it verified remembered for a short while.
 * <p>
 * Why: a client sends the same token on every request until it expires, and verifying its RS256 signature again each
 * time was the largest single cost of an order (a fifth of the service's CPU under the intake benchmark, in
 * {@code BigInteger}). So a token that passed every check (signature, issuer, audience, expiry) is remembered by its
 * exact text, and the same text is answered with the same verified token, until the earlier of {@code ttl} and the
 * token's own {@code exp}. A changed byte is another key and is verified in full; a token that failed is never
 * remembered, so refusals are unchanged. What this gives up: a key withdrawn from the identity provider's JWKS stops
 * tokens it signed only after {@code ttl} (60 s), not at once.
 * <p>
 * Replaces the {@link JWTParser} that Quarkus' bearer-token authentication uses (alternative with priority); every
 * other parsing method goes straight to smallrye-jwt's parser.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class VerifiedTokenCache implements JWTParser {

    private final DefaultJWTParser verifier;
    private final Cache<String, JsonWebToken> verified;

    public VerifiedTokenCache(DefaultJWTParser verifier, VerifiedTokenConfig config) {
        this.verifier = verifier;
        this.verified = Caffeine.newBuilder()
                .maximumSize(config.maxSize())
                .expireAfter(new UntilTtlOrExpiry(config.ttl()))
                .build();
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        JsonWebToken known = verified.getIfPresent(token);
        if (known != null) {
            return known;
        }
        JsonWebToken parsed = verifier.parse(token);
        verified.put(token, parsed);
        return parsed;
    }

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        return verifier.parse(token, context);
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        return verifier.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return verifier.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return verifier.verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        return verifier.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return verifier.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return verifier.decrypt(token, secret);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return verifier.parseOnly(token);
    }

    /** A verified token is kept for the ttl, and never past its own {@code exp} (the parser decides after that). */
    private record UntilTtlOrExpiry(Duration ttl) implements Expiry<String, JsonWebToken> {

        @Override
        public long expireAfterCreate(String token, JsonWebToken verified, long currentTime) {
            long untilExpiry = Duration.ofSeconds(verified.getExpirationTime()).toNanos()
                    - System.currentTimeMillis() * 1_000_000;
            return Math.max(0, Math.min(ttl.toNanos(), untilExpiry));
        }

        @Override
        public long expireAfterUpdate(String token, JsonWebToken verified, long currentTime, long currentDuration) {
            return expireAfterCreate(token, verified, currentTime);
        }

        @Override
        public long expireAfterRead(String token, JsonWebToken verified, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }
}
