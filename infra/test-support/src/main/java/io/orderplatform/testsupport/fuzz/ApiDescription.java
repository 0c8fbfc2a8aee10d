package io.orderplatform.testsupport.fuzz;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What the fuzzer needs of an OpenAPI 3 document: each operation's method, path template, parameters and JSON
 * request body schema, with every {@code $ref} inlined. Read by walking the JSON tree: the documents are small,
 * and a full OpenAPI model library would add nothing the tree does not have.
 */
public record ApiDescription(List<Operation> operations) {

    /** Where a running Quarkus application serves its document. */
    public static final String DOCUMENT_PATH = "/q/openapi?format=json";

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch",
            "trace");
    /** A schema referring to itself is inlined this deep, then left open ({@code {}}). */
    private static final int MAX_REF_DEPTH = 8;

    /**
     * @param method     upper case
     * @param path       the template, e.g. {@code /orders/{id}/pay}
     * @param body       the JSON request body's schema; null when the operation takes no JSON body
     */
    public record Operation(String method, String path, List<Parameter> parameters, JsonNode body,
            boolean bodyRequired) {

        public Operation {
            parameters = List.copyOf(parameters);
        }

        List<Parameter> parameters(String in) {
            return parameters.stream().filter(parameter -> parameter.in().equals(in)).toList();
        }

        boolean hasBody() {
            return body != null;
        }
    }

    /** @param in {@code path}, {@code query}, {@code header} or {@code cookie} */
    public record Parameter(String name, String in, JsonNode schema, boolean required) {
    }

    public ApiDescription {
        operations = List.copyOf(operations);
    }

    /** The document the application at {@code baseUri} serves. */
    public static ApiDescription fetch(URI baseUri) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(baseUri.resolve(DOCUMENT_PATH))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + DOCUMENT_PATH + " answered " + response.statusCode());
            }
            return parse(new ObjectMapper().readTree(response.body()));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the OpenAPI document of " + baseUri, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading the OpenAPI document", e);
        }
    }

    public static ApiDescription parse(JsonNode document) {
        List<Operation> operations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : entries(document.path("paths"))) {
            List<JsonNode> pathParameters = list(path.getValue().path("parameters"));
            for (Map.Entry<String, JsonNode> method : entries(path.getValue())) {
                if (!METHODS.contains(method.getKey())) {
                    continue;
                }
                JsonNode operation = method.getValue();
                List<Parameter> parameters = new ArrayList<>();
                for (JsonNode parameter : concat(pathParameters, list(operation.path("parameters")))) {
                    JsonNode resolved = resolve(document, parameter, 0);
                    parameters.add(new Parameter(resolved.path("name").asText(), resolved.path("in").asText(),
                            resolve(document, resolved.path("schema"), 0),
                            resolved.path("required").asBoolean(false)));
                }
                JsonNode requestBody = resolve(document, operation.path("requestBody"), 0);
                operations.add(new Operation(method.getKey().toUpperCase(Locale.ROOT), path.getKey(), parameters,
                        jsonSchema(document, requestBody), requestBody.path("required").asBoolean(false)));
            }
        }
        return new ApiDescription(operations);
    }

    /** The schema of the first JSON media type of a request body, or null. */
    private static JsonNode jsonSchema(JsonNode document, JsonNode requestBody) {
        for (Map.Entry<String, JsonNode> media : entries(requestBody.path("content"))) {
            if (media.getKey().contains("json")) {
                return resolve(document, media.getValue().path("schema"), 0);
            }
        }
        return null;
    }

    /**
     * The node with every {@code $ref} replaced by what it names; keys beside a {@code $ref} (a description, a
     * type) are kept over the referenced ones.
     */
    private static JsonNode resolve(JsonNode document, JsonNode node, int depth) {
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(element -> copy.add(resolve(document, element, depth)));
            return copy;
        }
        if (!node.isObject()) {
            return node;
        }
        ObjectNode resolved = JsonNodeFactory.instance.objectNode();
        if (node.has("$ref")) {
            if (depth >= MAX_REF_DEPTH) {
                return resolved;
            }
            JsonNode target = document.at(node.get("$ref").asText().substring(1));
            resolved.setAll((ObjectNode) resolve(document, target, depth + 1));
        }
        for (Map.Entry<String, JsonNode> field : entries(node)) {
            if (!field.getKey().equals("$ref")) {
                resolved.set(field.getKey(), resolve(document, field.getValue(), depth));
            }
        }
        return resolved;
    }

    private static List<Map.Entry<String, JsonNode>> entries(JsonNode node) {
        List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext();) {
            entries.add(fields.next());
        }
        return entries;
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> elements = new ArrayList<>();
        array.forEach(elements::add);
        return elements;
    }

    private static List<JsonNode> concat(List<JsonNode> first, List<JsonNode> second) {
        List<JsonNode> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
