package io.orderplatform.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

/**
 * The identity provider of local runs and tests: an RSA key pair kept in a folder (made on first use), whose
 * public half the services verify bearer tokens with, and whose private half signs them (RS256, with jose4j).
 * <p>
 * The folder holds {@value #PRIVATE_KEY_FILE} (PKCS#8 PEM, file mode 0600, never committed: it lives in the local
 * stack's data folder or a test's work dir), {@value #PUBLIC_KEY_FILE} and {@value #JWKS_FILE}, the JSON Web Key Set
 * an OIDC provider serves at its jwks_uri. The services are given the JWKS: what they would read from a real
 * provider.
 */
public final class LocalIdentityProvider {

    /** The {@code iss} of every local token, and what the services verify ({@code mp.jwt.verify.issuer}). */
    public static final String ISSUER = "https://identity.local.orderplatform.io";
    /** The {@code aud} of every local token, and what the services verify ({@code mp.jwt.verify.audiences}). */
    public static final String AUDIENCE = "order-platform";
    /** The claim the roles are in: {@code groups}, MicroProfile JWT's own ({@code smallrye.jwt.path.groups}). */
    public static final String ROLES_CLAIM = "groups";

    public static final String PRIVATE_KEY_FILE = "jwt-private-key.pem";
    public static final String PUBLIC_KEY_FILE = "jwt-public-key.pem";
    public static final String JWKS_FILE = "jwks.json";

    private final Path dir;
    private final RsaJsonWebKey key;

    private LocalIdentityProvider(Path dir, RsaJsonWebKey key) {
        this.dir = dir;
        this.key = key;
    }

    /** The key pair in {@code dir}, made there first if it has none. */
    public static synchronized LocalIdentityProvider in(Path dir) {
        try {
            Files.createDirectories(dir);
            Path privateKey = dir.resolve(PRIVATE_KEY_FILE);
            if (!Files.exists(privateKey)) {
                create(dir);
            }
            return new LocalIdentityProvider(dir, load(privateKey));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot make or read the token signing key in " + dir, e);
        }
    }

    /**
     * The token the local tools (benchmarks, chaos) call the API with: {@code API_TOKEN} when set, else one minted
     * with the key in {@code keyDir} for {@code subject}, valid for a day (a long chaos run must not outlive it).
     */
    public static String toolToken(Path keyDir, String subject, String... roles) {
        String given = System.getenv("API_TOKEN");
        if (given != null && !given.isBlank()) {
            return given.trim();
        }
        return in(keyDir).mint(subject, List.of(roles), Duration.ofDays(1));
    }

    /** The local stack's key folder under the repository root ({@code repo.root}, as infra/bin/stack-java sets it). */
    public static Path localStackKeys() {
        return Path.of(System.getProperty("repo.root", ".")).toAbsolutePath().normalize()
                .resolve("infra/local-stack/data/jwt");
    }

    public Path dir() {
        return dir;
    }

    /** The JSON Web Key Set with the public key: what the services verify tokens against. */
    public Path jwksFile() {
        return dir.resolve(JWKS_FILE);
    }

    public Path publicKeyFile() {
        return dir.resolve(PUBLIC_KEY_FILE);
    }

    /** The environment that points a service (its %prod configuration) at this provider. */
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("JWT_PUBLIC_KEY_LOCATION", jwksFile().toAbsolutePath().toString());
        env.put("JWT_ISSUER", ISSUER);
        env.put("JWT_AUDIENCE", AUDIENCE);
        env.put("JWT_ROLES_CLAIM", ROLES_CLAIM);
        return env;
    }

    /** The same as configuration properties, for a Quarkus application under test. */
    public Map<String, String> verificationConfig() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("mp.jwt.verify.publickey.location", jwksFile().toAbsolutePath().toUri().toString());
        config.put("mp.jwt.verify.issuer", ISSUER);
        config.put("mp.jwt.verify.audiences", AUDIENCE);
        config.put("smallrye.jwt.path.groups", ROLES_CLAIM);
        return config;
    }

    /** A token for {@code subject} with these roles, valid for {@code ttl} from now. */
    public String mint(String subject, Collection<String> roles, Duration ttl) {
        Instant now = Instant.now();
        return sign(claims(subject, roles, now, now.plus(ttl)));
    }

    /** A token for {@code subject} that expired an hour ago (beyond any clock skew a verifier allows). */
    public String mintExpired(String subject, Collection<String> roles) {
        Instant now = Instant.now();
        return sign(claims(subject, roles, now.minus(Duration.ofHours(2)), now.minus(Duration.ofHours(1))));
    }

    /** The claims this provider puts in a token: iss, aud, sub, the roles, iat, exp and a unique jti. */
    public static JwtClaims claims(String subject, Collection<String> roles, Instant issuedAt, Instant expiresAt) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setAudience(AUDIENCE);
        claims.setSubject(subject);
        claims.setStringListClaim(ROLES_CLAIM, List.copyOf(roles));
        claims.setIssuedAt(NumericDate.fromSeconds(issuedAt.getEpochSecond()));
        claims.setExpirationTime(NumericDate.fromSeconds(expiresAt.getEpochSecond()));
        claims.setJwtId(UUID.randomUUID().toString());
        return claims;
    }

    /** Any claims, signed with this provider's key (RS256, its key id in the header). */
    public String sign(JwtClaims claims) {
        return sign(claims, key);
    }

    /**
     * The claims signed with a key pair made for this call, under this provider's key id: a token that looks right
     * in every way but its signature.
     */
    public String signWithAnotherKey(JwtClaims claims) {
        KeyPair pair = generate();
        RsaJsonWebKey other = toJwk((RSAPublicKey) pair.getPublic());
        other.setPrivateKey(pair.getPrivate());
        other.setKeyId(key.getKeyId());
        return sign(claims, other);
    }

    private static String sign(JwtClaims claims, RsaJsonWebKey signingKey) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(signingKey.getPrivateKey());
        jws.setKeyIdHeaderValue(signingKey.getKeyId());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setHeader("typ", "JWT");
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("Cannot sign a token", e);
        }
    }

    private static void create(Path dir) throws IOException {
        KeyPair pair = generate();
        Path privateKey = dir.resolve(PRIVATE_KEY_FILE);
        Path temporary = dir.resolve(PRIVATE_KEY_FILE + ".new");
        Files.deleteIfExists(temporary);
        // Owner-only from its creation, before the key is written to it: never readable by others, even briefly.
        LocalSecrets.writeOwnerOnly(temporary, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        RsaJsonWebKey jwk = toJwk((RSAPublicKey) pair.getPublic());
        Files.writeString(dir.resolve(PUBLIC_KEY_FILE), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        Files.writeString(dir.resolve(JWKS_FILE), new JsonWebKeySet(jwk).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
        // The private key last: its presence means the set is complete.
        Files.move(temporary, privateKey);
    }

    private static RsaJsonWebKey load(Path privateKeyFile) throws IOException {
        String pem = Files.readString(privateKeyFile, StandardCharsets.US_ASCII);
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            RSAPrivateCrtKey privateKey = (RSAPrivateCrtKey) rsa.generatePrivate(
                    new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
            RSAPublicKey publicKey = (RSAPublicKey) rsa.generatePublic(
                    new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
            RsaJsonWebKey jwk = toJwk(publicKey);
            jwk.setPrivateKey(privateKey);
            return jwk;
        } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            throw new IOException("Not an RSA private key in PKCS#8 PEM: " + privateKeyFile, e);
        }
    }

    /** The public key as a JWK, its key id the key's RFC 7638 thumbprint: a new key pair gets a new id. */
    private static RsaJsonWebKey toJwk(RSAPublicKey publicKey) {
        try {
            RsaJsonWebKey jwk = (RsaJsonWebKey) JsonWebKey.Factory.newJwk(publicKey);
            jwk.setKeyId(jwk.calculateBase64urlEncodedThumbprint("SHA-256"));
            jwk.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
            jwk.setUse("sig");
            return jwk;
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
