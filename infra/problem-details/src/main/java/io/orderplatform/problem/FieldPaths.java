package io.orderplatform.problem;

import java.util.ArrayList;
import java.util.List;

import jakarta.validation.ElementKind;
import jakarta.validation.Path;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.JsonMappingException;

/**
 * The field a problem names, written the way the client wrote the request: {@code items[0].quantity} for a field
 * of the body, the parameter's name for a query or path parameter, {@value #BODY} for the body as a whole.
 */
public final class FieldPaths {

    /** The field name used for the request body as a whole. */
    public static final String BODY = "body";

    private FieldPaths() {
    }

    /**
     * From a Bean Validation path: {@code create.body.items[0].quantity} becomes {@code items[0].quantity}. The
     * method is dropped, and so is the parameter when the violation is inside it (the body); a violated parameter
     * itself keeps its name ({@code list.size} becomes {@code size}). Container elements ({@code <list element>})
     * are named by their index alone, map values by their key ({@code prices.EUR}), as in a Jackson path.
     */
    public static String of(Path path) {
        List<Path.Node> nodes = new ArrayList<>();
        path.forEach(nodes::add);
        nodes.removeIf(node -> node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.CONSTRUCTOR);
        if (nodes.size() > 1 && nodes.get(0).getKind() == ElementKind.PARAMETER) {
            nodes.remove(0);
        }
        StringBuilder field = new StringBuilder();
        for (Path.Node node : nodes) {
            if (node.isInIterable()) {
                if (node.getIndex() != null) {
                    field.append('[').append(node.getIndex()).append(']');
                } else if (node.getKey() != null) {
                    // A map is a JSON object: its keys are written like the fields Jackson reports.
                    field.append(field.isEmpty() ? "" : ".").append(node.getKey());
                } else {
                    field.append("[]");
                }
            }
            String name = node.getName();
            // "<list element>", "<map value>", "<return value>", "<cross-parameter>": not names the client wrote.
            if (name != null && !name.startsWith("<")) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(name);
            }
        }
        return field.isEmpty() ? BODY : field.toString();
    }

    /**
     * From a Jackson error: the binding path when Jackson has one (a value of the wrong type), else where the parser
     * stood (a syntax error, a number out of range); {@value #BODY} when it stood outside any field.
     */
    public static String of(JsonProcessingException error) {
        if (error instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            return of(mapping.getPath());
        }
        if (error.getProcessor() instanceof JsonParser parser) {
            return of(parser.getParsingContext());
        }
        return BODY;
    }

    /** {@code items[0].quantity} from Jackson's reference chain. */
    static String of(List<JsonMappingException.Reference> path) {
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

    /** {@code items[0]} from where the parser stands. */
    static String of(JsonStreamContext context) {
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
