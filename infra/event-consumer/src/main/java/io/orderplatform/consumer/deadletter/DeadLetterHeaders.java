package io.orderplatform.consumer.deadletter;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A dead letter's headers as the {@code headers_json} column keeps them: a JSON list of {@code {"key", "value"}} with
 * the value's bytes in base64 (null for a null value), in record order, repeats included. Header values are bytes:
 * kept as they were, a redrive sends them back exactly.
 */
final class DeadLetterHeaders {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<Map<String, String>>> LIST = new TypeReference<>() {
    };

    private DeadLetterHeaders() {
    }

    static String toJson(Headers headers) {
        List<Map<String, String>> list = new ArrayList<>();
        if (headers != null) {
            for (Header header : headers) {
                Map<String, String> entry = new LinkedHashMap<>();
                entry.put("key", header.key());
                entry.put("value", header.value() == null ? null : Base64.getEncoder().encodeToString(header.value()));
                list.add(entry);
            }
        }
        try {
            return JSON.writeValueAsString(list);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write record headers as JSON", e);
        }
    }

    static List<Header> fromJson(String json) {
        try {
            return JSON.readValue(json, LIST).stream()
                    .<Header>map(entry -> new RecordHeader(entry.get("key"),
                            entry.get("value") == null ? null : Base64.getDecoder().decode(entry.get("value"))))
                    .toList();
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalStateException("Unreadable headers_json in dead_letter", e);
        }
    }

    /**
     * The first value of a header as UTF-8 text, or null. SmallRye writes its {@code dead-letter-*} headers before
     * the record's own: the first one is that of this dead-lettering, even if the record carried an older one.
     */
    static String first(Headers headers, String key) {
        if (headers == null) {
            return null;
        }
        for (Header header : headers.headers(key)) {
            return text(header);
        }
        return null;
    }

    /** The last value of a header as UTF-8 text, or null: for headers added after the record's own. */
    static String last(Headers headers, String key) {
        return headers == null ? null : text(headers.lastHeader(key));
    }

    static String text(Header header) {
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
