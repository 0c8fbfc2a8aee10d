package io.orderplatform.order.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.orderplatform.order.domain.OrderLineItem;

/**
 * The SHA-256 of an order request in canonical form, so a retry with the same Idempotency-Key can be told from a
 * different request reusing it. Canonical: fixed field order and prices without trailing zeros, so {@code 10.5}
 * and {@code 10.50} are the same request, while any other difference (customer, product, quantity, line order)
 * is a different one.
 */
public final class RequestFingerprint {

    private static final ObjectMapper CANONICAL_JSON = new ObjectMapper();

    private RequestFingerprint() {
    }

    public static String of(NewOrder order) {
        Map<String, Object> canonical = new LinkedHashMap<>();
        canonical.put("customerId", order.customerId());
        canonical.put("items", order.lines().stream().map(RequestFingerprint::canonical).toList());
        try {
            return sha256(CANONICAL_JSON.writeValueAsString(canonical));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the canonical form of an order request", e);
        }
    }

    private static List<Object> canonical(OrderLineItem line) {
        return List.of(line.productId(), line.quantity(), line.unitPrice().stripTrailingZeros().toPlainString());
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }
}
