package io.orderplatform.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.List;

import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.orderplatform.localstack.LocalIdentityProvider;

/** The key pair of local runs and tests: private key 0600, kept across runs, and tokens its JWKS verifies. */
class LocalIdentityProviderTest {

    @TempDir
    Path dir;

    @Test
    void thePrivateKeyIsReadableByItsOwnerOnly() throws Exception {
        LocalIdentityProvider.in(dir);

        assertThat(Files.getPosixFilePermissions(dir.resolve(LocalIdentityProvider.PRIVATE_KEY_FILE)))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    }

    @Test
    void theKeyPairIsKeptAcrossRuns() throws Exception {
        LocalIdentityProvider.in(dir);
        String jwks = Files.readString(dir.resolve(LocalIdentityProvider.JWKS_FILE));

        // A later run (infra/bin/token, a restarted stack) loads the same key: its tokens verify against the JWKS.
        String token = LocalIdentityProvider.in(dir).mint("alice", List.of("orders:write"), Duration.ofMinutes(5));
        JwtClaims claims = consumer(dir).processToClaims(token);

        assertThat(Files.readString(dir.resolve(LocalIdentityProvider.JWKS_FILE))).isEqualTo(jwks);

        assertThat(claims.getSubject()).isEqualTo("alice");
        assertThat(claims.getStringListClaimValue(LocalIdentityProvider.ROLES_CLAIM)).containsExactly("orders:write");
    }

    @Test
    void aTokenSignedWithAnotherKeyFailsAgainstTheJwks() throws Exception {
        LocalIdentityProvider identity = LocalIdentityProvider.in(dir);
        String forged = identity.signWithAnotherKey(LocalIdentityProvider.claims("alice", List.of("operator"),
                java.time.Instant.now(), java.time.Instant.now().plusSeconds(300)));

        assertThatThrownBy(() -> consumer(dir).processToClaims(forged)).isInstanceOf(InvalidJwtException.class);
    }

    @Test
    void anExpiredTokenFails() {
        String expired = LocalIdentityProvider.in(dir).mintExpired("alice", List.of("orders:write"));

        assertThatThrownBy(() -> consumer(dir).processToClaims(expired)).isInstanceOf(InvalidJwtException.class);
    }

    /** A verifier as a service is configured: this JWKS (read anew, as another process would), issuer, audience. */
    private static JwtConsumer consumer(Path dir) throws Exception {
        JsonWebKeySet jwks = new JsonWebKeySet(Files.readString(dir.resolve(LocalIdentityProvider.JWKS_FILE)));
        return new JwtConsumerBuilder()
                .setVerificationKeyResolver(new JwksVerificationKeyResolver(jwks.getJsonWebKeys()))
                .setExpectedIssuer(LocalIdentityProvider.ISSUER)
                .setExpectedAudience(LocalIdentityProvider.AUDIENCE)
                .setRequireExpirationTime()
                .build();
    }
}
