package io.orderplatform.order.rest;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.List;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/** Turns Jackson's errors into the field they concern and a message a client can act on. */
final class JsonErrors {

    /** The field name used for the request body as a whole. */
    static final String BODY = "body";

    private JsonErrors() {
    }

    /**
     * The field an error concerns, as {@code items[0].quantity}: from the binding path when Jackson has one, else
     * from where the parser stood; {@value #BODY} for the body as a whole.
     */
    static String field(JsonProcessingException error) {
        if (error instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            return fromPath(mapping.getPath());
        }
        if (error.getProcessor() instanceof JsonParser parser) {
            return fromContext(parser.getParsingContext());
        }
        return BODY;
    }

    /**
     * Jackson reports content after the JSON value ({@code FAIL_ON_TRAILING_TOKENS}) as a mismatch, but for the
     * client it is malformed JSON, not a wrong type.
     */
    static boolean isTrailingContent(MismatchedInputException error) {
        return error.getOriginalMessage() != null && error.getOriginalMessage().startsWith("Trailing token");
    }

    /** What a value of the wrong type should have been. */
    static String expectation(MismatchedInputException error) {
        Class<?> target = error.getTargetType();
        if (target == null) {
            return "has the wrong type";
        }
        if (target == Integer.class || target == int.class || target == Long.class || target == long.class
                || target == Short.class || target == short.class || target == BigInteger.class) {
            return "must be a whole number";
        }
        if (target == BigDecimal.class || target == Double.class || target == double.class || target == Float.class
                || target == float.class) {
            return "must be a number";
        }
        if (target == String.class) {
            return "must be a string";
        }
        if (target == Boolean.class || target == boolean.class) {
            return "must be true or false";
        }
        if (Collection.class.isAssignableFrom(target) || target.isArray()) {
            return "must be an array";
        }
        return "must be an object";
    }

    /** Where in the body the parser stood, e.g. at a syntax error or a number out of range. */
    static String location(JsonProcessingException error) {
        return error.getLocation() == null ? ""
                : " (line " + error.getLocation().getLineNr() + ", column " + error.getLocation().getColumnNr() + ")";
    }

    private static String fromPath(List<JsonMappingException.Reference> path) {
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference reference : path) {
            if (reference.getFieldName() != null) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                field.append('[').append(reference.getIndex()).append(']');
            }
        }
        return field.isEmpty() ? BODY : field.toString();
    }

    private static String fromContext(JsonStreamContext context) {
        if (context == null) {
            return BODY;
        }
        JsonPointer pointer = context.pathAsPointer();
        StringBuilder field = new StringBuilder();
        for (JsonPointer segment = pointer; segment != null && !segment.matches(); segment = segment.tail()) {
            if (segment.mayMatchElement()) {
                field.append('[').append(segment.getMatchingIndex()).append(']');
            } else {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(segment.getMatchingProperty());
            }
        }
        return field.isEmpty() ? BODY : field.toString();
    }
}
