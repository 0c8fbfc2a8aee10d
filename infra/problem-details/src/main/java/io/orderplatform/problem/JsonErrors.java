package io.orderplatform.problem;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/** Turns Jackson's errors into a message a client can act on, without Java type names. */
public final class JsonErrors {

    private JsonErrors() {
    }

    /**
     * Jackson reports content after the JSON value ({@code FAIL_ON_TRAILING_TOKENS}) as a mismatch, but for the
     * client it is malformed JSON, not a wrong type.
     */
    public static boolean isTrailingContent(MismatchedInputException error) {
        return error.getOriginalMessage() != null && error.getOriginalMessage().startsWith("Trailing token");
    }

    /** What a value of the wrong type should have been, e.g. {@code must be a whole number}. */
    public static String expectation(MismatchedInputException error) {
        return expectation(error.getTargetType());
    }

    static String expectation(Class<?> target) {
        if (target == null || target == Object.class) {
            return "has the wrong type";
        }
        if (target == Integer.class || target == int.class || target == Long.class || target == long.class
                || target == Short.class || target == short.class || target == Byte.class || target == byte.class
                || target == BigInteger.class) {
            return "must be a whole number";
        }
        if (target == BigDecimal.class || target == Double.class || target == double.class || target == Float.class
                || target == float.class) {
            return "must be a number";
        }
        if (CharSequence.class.isAssignableFrom(target) || target == Character.class || target == char.class) {
            return "must be a string";
        }
        if (target == Boolean.class || target == boolean.class) {
            return "must be true or false";
        }
        if (target.isEnum()) {
            return "must be one of " + Arrays.stream(target.getEnumConstants()).map(c -> ((Enum<?>) c).name())
                    .collect(Collectors.joining(", "));
        }
        if (Collection.class.isAssignableFrom(target) || target.isArray()) {
            return "must be an array";
        }
        if (Map.class.isAssignableFrom(target) || !target.getName().startsWith("java.")) {
            return "must be an object";
        }
        // A JDK value type read from a string, e.g. a UUID or an Instant.
        return "has an invalid value";
    }

    /** Where in the body the parser stood, e.g. {@code " (line 1, column 12)"}; empty when unknown. */
    public static String location(JsonProcessingException error) {
        return error.getLocation() == null ? ""
                : " (line " + error.getLocation().getLineNr() + ", column " + error.getLocation().getColumnNr() + ")";
    }
}
