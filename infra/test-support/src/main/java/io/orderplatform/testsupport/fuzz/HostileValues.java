package io.orderplatform.testsupport.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;

/**
 * Values that have broken services before: injection strings, control and odd Unicode characters, numbers at and
 * past every limit, dates past every calendar, ids that are almost ids, byte sequences that are not UTF-8. Every
 * choice is drawn from the run's {@link Random}, so a seed names the same values again.
 */
final class HostileValues {

    private static final List<String> TEXTS = List.of(
            "", " ", "\t", "null", "undefined", "true", "[]", "{}",
            "' OR '1'='1", "'; DROP TABLE orders; --", "\" OR \"\"=\"", "%", "_", "%_%", "!", "!%", "\\", "\\'",
            "\u0000", "a\u0000b", "\u0001\u001f\u007f", "\r\n\r\nX-Injected: 1", "<script>alert(1)</script>",
            "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>",
            "../../../../etc/passwd", "..\\..\\windows\\win.ini", "${jndi:ldap://127.0.0.1/x}", "#{7*7}", "{{7*7}}",
            "%s%n%x%d", "\u202Eevil", "\u200B", "\uFEFFbom", "\uD83D\uDE00", "e\u0301\u0301\u0301", "\u2126\u2248",
            "\uFF21\uFF22\uFF23\uFF11\uFF12", "\u0661\u0662\u0663", "NaN", "Infinity", "-0", "1e400",
            // Words the platform's APIs take, in the right and the wrong case: they get a request past the first check.
            "SCHEMA_VIOLATION", "NEW", "REDRIVEN", "CREATED", "paid", "units", "REVENUE", "hour", "DAY");

    private static final List<String> NUMBERS = List.of(
            "0", "-0", "-1", "1", "1.5", "0.001", "-0.0", "2147483647", "2147483648", "-2147483649",
            "9223372036854775807", "9223372036854775808", "-9223372036854775809", "1e400", "-1e400", "1E3", "0x10",
            "010", "+1", " 1", "1 ", "1_000", "1,000", "\u0661\u0662", "\uFF11\uFF12", "NaN", "Infinity",
            "-Infinity", "99999999999999999999999999999999999999", "4.9e-324", "0.0000000001", "1000001", "10001",
            "101", "201", "1000000");

    private static final List<String> DATES = List.of(
            "2026-01-31T10:00:00Z", "2026-02-30T00:00:00Z", "2026-13-01T00:00:00Z", "2026-01-31T25:00:00Z",
            "2026-01-31", "yesterday", "now", "+999999999-12-31T23:59:59.999999999Z", "-999999999-01-01T00:00:00Z",
            "+10000-01-01T00:00:00Z", "0000-01-01T00:00:00Z", "0001-01-01T00:00:00Z", "1000-01-01T00:00:00Z",
            "1969-12-31T23:59:59Z", "1970-01-01T00:00:00Z", "2038-01-19T03:14:08Z", "9999-12-31T23:59:59.999999Z",
            "2026-01-31T10:00:00+18:00", "2026-01-31T10:00:00-18:00", "2026-01-31T10:00:00+19:00",
            "2026-01-31T10:00:00.1234567891Z", "2026-01-31T10:00:00", "2026-W05-6", "1738317600");

    /** Byte sequences no UTF-8 decoder may accept. */
    private static final List<byte[]> NOT_UTF8 = List.of(
            bytes(0xFF), bytes(0xFE, 0xFF), bytes(0x80), bytes(0xC3, 0x28), bytes(0xE2, 0x82),
            bytes(0xC0, 0xAF), bytes(0xED, 0xA0, 0x80), bytes(0xF4, 0x90, 0x80, 0x80),
            bytes(0xF8, 0x88, 0x80, 0x80, 0x80), bytes('c', 'a', 'f', 0xE9));

    private static final int[] LONG_LENGTHS = { 65, 129, 257, 1_000, 5_000, 20_000, 100_000 };

    private HostileValues() {
    }

    static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** Any hostile text: a nasty string, a number, a date, an id, an opaque token or a long string. */
    static String text(Random random) {
        return switch (random.nextInt(7)) {
            case 0, 1 -> shortText(random);
            case 2 -> number(random);
            case 3 -> date(random);
            case 4 -> id(random);
            case 5 -> token(random);
            default -> longText(random);
        };
    }

    /**
     * An opaque token (a paging cursor, say) as an API might make one, base64url of parts joined by '/' or ':',
     * built from hostile parts: it gets past the decoding to the parsing of what is inside.
     */
    static String token(Random random) {
        String parts = switch (random.nextInt(3)) {
            case 0 -> shortText(random);
            case 1 -> date(random) + pick(random, List.of("/", ":")) + number(random);
            default -> number(random) + pick(random, List.of("/", ":")) + date(random);
        };
        return Base64.getUrlEncoder().withoutPadding().encodeToString(parts.getBytes(StandardCharsets.UTF_8));
    }

    /** One of the short nasty strings: injection, control and odd Unicode characters, words the APIs know. */
    static String shortText(Random random) {
        return pick(random, TEXTS);
    }

    static String number(Random random) {
        return pick(random, NUMBERS);
    }

    static String date(Random random) {
        return pick(random, DATES);
    }

    /** UUIDs and numbers, right and almost right. */
    static String id(Random random) {
        String uuid = uuid(random).toString();
        return switch (random.nextInt(12)) {
            case 0 -> uuid;
            case 1 -> uuid.toUpperCase(Locale.ROOT);
            case 2 -> "00000000-0000-0000-0000-000000000000";
            case 3 -> "1-1-1-1-1";
            case 4 -> "{" + uuid + "}";
            case 5 -> uuid + "0";
            case 6 -> uuid.replace("-", "");
            case 7 -> "urn:uuid:" + uuid;
            case 8 -> "zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz";
            case 9 -> uuid.substring(0, 35);
            default -> number(random);
        };
    }

    /** A UUID drawn from the run's random numbers, unlike {@link UUID#randomUUID()}. */
    static UUID uuid(Random random) {
        return new UUID(random.nextLong(), random.nextLong());
    }

    /** From a bit past a typical maximum length to 100 KB (in UTF-16 units) of one ASCII or non-ASCII piece. */
    static String longText(Random random) {
        int length = LONG_LENGTHS[random.nextInt(LONG_LENGTHS.length)];
        String unit = pick(random, List.of("x", "\u00E9", "\uD83D\uDE00", "' OR 1=1 -- ", "%", "\\u0000"));
        StringBuilder text = new StringBuilder(length + 1);
        while (text.length() < length) {
            text.append(unit);
        }
        // Never half a surrogate pair: that is no text, and it would be sent as '?'.
        int end = Character.isHighSurrogate(text.charAt(length - 1)) ? length + 1 : length;
        return text.substring(0, end);
    }

    static byte[] notUtf8(Random random) {
        return pick(random, NOT_UTF8).clone();
    }

    /** Text with a sequence that is not UTF-8 somewhere in it. */
    static byte[] textWithNotUtf8(Random random) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(pick(random, List.of("", "a", "sku-", "2026-01-31")).getBytes(StandardCharsets.UTF_8));
        out.writeBytes(notUtf8(random));
        out.writeBytes(pick(random, List.of("", "z", "-1")).getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /** Every byte that is not an RFC 3986 unreserved character as %XX. */
    static byte[] percentEncoded(byte[] raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte b : raw) {
            int c = b & 0xFF;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "-._~".indexOf(c) >= 0) {
                out.write(c);
            } else {
                out.writeBytes(String.format(Locale.ROOT, "%%%02X", c).getBytes(StandardCharsets.US_ASCII));
            }
        }
        return out.toByteArray();
    }

    /**
     * Percent-escapes that trip decoders: not hex, cut short, not UTF-8, double-encoded, or encoding what a path
     * must not hold (control characters, dot segments, slashes).
     */
    static String brokenEscape(Random random) {
        return pick(random, List.of("%", "%Z", "%ZZ", "%4", "%G0", "%%", "%u0041", "%C3", "%E2%82", "%FF%FE",
                "%C0%AF", "%00", "%0D%0A", "%2e%2e", "%252F", "%2F"));
    }

    private static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }
}
