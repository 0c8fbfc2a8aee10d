package io.orderplatform.testsupport.fuzz;

import java.util.Objects;

import io.orderplatform.testsupport.Tokens;

/**
 * The bearer tokens of a fuzz run: the valid one every request carries (with the roles that let the requests reach
 * the API's validation), and the bad ones of the {@link Category#AUTHORIZATION} category.
 */
public record FuzzTokens(String valid, String expired, String wronglySigned) {

    public FuzzTokens {
        Objects.requireNonNull(valid, "valid");
        Objects.requireNonNull(expired, "expired");
        Objects.requireNonNull(wronglySigned, "wronglySigned");
    }

    /** Tokens of the test JVM's key ({@link Tokens}) for {@code subject} with these roles. */
    public static FuzzTokens of(String subject, String... roles) {
        return new FuzzTokens(Tokens.mint(subject, roles), Tokens.expired(subject, roles),
                Tokens.wronglySigned(subject, roles));
    }
}
