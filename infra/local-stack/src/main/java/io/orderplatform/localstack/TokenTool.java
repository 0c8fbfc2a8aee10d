package io.orderplatform.localstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * infra/bin/token: prints a bearer token signed with the local stack's key (made at its first start, in its data
 * folder), for curl and the other tools:
 * <pre>
 * curl -H "Authorization: Bearer $(infra/bin/token --sub alice --roles orders:write)" localhost:8080/orders
 * </pre>
 */
public final class TokenTool {

    static final String USAGE = """
            usage: infra/bin/token --sub SUBJECT --roles ROLE[,ROLE...] [--ttl 1h] [--data-dir DIR]

            Prints a bearer token (JWT, RS256) signed with the local stack's key, valid for --ttl (default 1h;
            30s, 15m, 8h, 2d or ISO-8601 PT1H). The subject is the customer id for a customer's token.
            Roles: orders:write  orders:read  metrics:read  audit:read  operator
            (orders:write without orders:read: only the subject's own orders)""";

    private TokenTool() {
    }

    public static void main(String[] args) {
        // jose4j logs through SLF4J, which has no provider here: keep its start-up notice off the terminal.
        System.setProperty("slf4j.internal.verbosity", "ERROR");
        Path repoRoot = Path.of(System.getProperty("repo.root", ".")).toAbsolutePath().normalize();
        Path dataDir = repoRoot.resolve("infra/local-stack/data");
        String subject = null;
        List<String> roles = null;
        Duration ttl = Duration.ofHours(1);
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--sub" -> subject = args[++i];
                    case "--roles" -> roles = Arrays.stream(args[++i].split(",")).map(String::trim)
                            .filter(role -> !role.isEmpty()).toList();
                    case "--ttl" -> ttl = parseDuration(args[++i]);
                    case "--data-dir" -> dataDir = Path.of(args[++i]).toAbsolutePath();
                    case "-h", "--help" -> {
                        System.out.println(USAGE);
                        return;
                    }
                    default -> throw new IllegalArgumentException("unknown argument '" + args[i] + "'");
                }
            }
            if (subject == null || subject.isBlank() || roles == null) {
                throw new IllegalArgumentException("--sub and --roles are required");
            }
        } catch (ArrayIndexOutOfBoundsException | IllegalArgumentException e) {
            System.err.println("token: " + (e instanceof ArrayIndexOutOfBoundsException ? "a value is missing"
                    : e.getMessage()) + "\n" + USAGE);
            System.exit(2);
        }
        Path keys = dataDir.resolve("jwt");
        if (!java.nio.file.Files.exists(keys.resolve(LocalIdentityProvider.PRIVATE_KEY_FILE))) {
            // Normally the local stack's first start makes it; made here, dev mode can use it before any stack ran.
            System.err.println("token: no signing key yet, made one in " + keys + " (services started before "
                    + "verify with another key: restart them)");
        }
        System.out.println(LocalIdentityProvider.in(keys).mint(subject, roles, ttl));
    }

    /** 30s, 15m, 8h, 2d, or ISO-8601 (PT1H). */
    static Duration parseDuration(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (value.startsWith("p")) {
                return Duration.parse(value.toUpperCase(Locale.ROOT));
            }
            long amount = Long.parseLong(value.substring(0, value.length() - 1));
            Duration ttl = switch (value.charAt(value.length() - 1)) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                case 'd' -> Duration.ofDays(amount);
                default -> throw new IllegalArgumentException();
            };
            if (ttl.isNegative() || ttl.isZero()) {
                throw new IllegalArgumentException();
            }
            return ttl;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("--ttl takes 30s, 15m, 8h, 2d or PT1H, not '" + text + "'");
        }
    }
}
