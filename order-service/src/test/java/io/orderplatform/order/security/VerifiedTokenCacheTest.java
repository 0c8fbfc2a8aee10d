package io.orderplatform.order.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;

import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.Test;

import io.orderplatform.contract.Roles;
import io.orderplatform.testsupport.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;

/** The parser bearer-token authentication uses remembers what it verified, by exact text, never past expiry. */
@QuarkusTest
class VerifiedTokenCacheTest {

    @Inject
    JWTParser parser;

    @Test
    void theSameTokenIsVerifiedOnceAndAnsweredFromTheCacheAfterwards() throws ParseException {
        String token = Tokens.mint("cache-alice", Roles.ORDERS_WRITE);

        JsonWebToken first = parser.parse(token);

        assertThat(parser.parse(token)).isSameAs(first);
        assertThat(first.getSubject()).isEqualTo("cache-alice");
    }

    @Test
    void aTokenChangedInOneByteOfItsSignatureIsRefusedEvenRightAfterTheOriginalWasVerified() throws ParseException {
        String token = Tokens.mint("cache-bob", Roles.ORDERS_WRITE);
        parser.parse(token);
        char last = token.charAt(token.length() - 2);
        String tampered = token.substring(0, token.length() - 2) + (last == 'A' ? 'B' : 'A')
                + token.charAt(token.length() - 1);

        assertThatThrownBy(() -> parser.parse(tampered)).isInstanceOf(ParseException.class);
    }

    @Test
    void tokensOfDifferentSubjectsNeverAnswerForEachOther() throws ParseException {
        String alice = Tokens.mint("cache-carol", Roles.ORDERS_WRITE);
        String bob = Tokens.mint("cache-dave", Roles.ORDERS_READ);
        parser.parse(alice);
        parser.parse(bob);

        assertThat(parser.parse(alice).getSubject()).isEqualTo("cache-carol");
        assertThat(parser.parse(bob).getGroups()).containsExactly(Roles.ORDERS_READ);
    }

    @Test
    void aRememberedTokenIsVerifiedAgainOnceItsExpiryHasPassed() throws ParseException {
        JwtClaims claims = Tokens.claims("cache-erin", Roles.ORDERS_WRITE);
        claims.setExpirationTime(NumericDate.fromSeconds(Instant.now().plusSeconds(4).getEpochSecond()));
        String token = Tokens.sign(claims);
        JsonWebToken first = parser.parse(token);
        assertThat(parser.parse(token)).isSameAs(first);

        // After exp the cache no longer answers: the parser decides again (here it still accepts, within its clock
        // skew, and makes a new principal; a parser that refuses would throw).
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> parsedAnew(token, first));
    }

    private boolean parsedAnew(String token, JsonWebToken earlier) {
        try {
            return parser.parse(token) != earlier;
        } catch (ParseException refused) {
            return true;
        }
    }
}
