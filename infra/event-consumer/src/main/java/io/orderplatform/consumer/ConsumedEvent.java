package io.orderplatform.consumer;

import java.time.Instant;
import java.util.Map;

import io.orderplatform.contract.OrderEvent;

/**
 * A valid order event together with where it came from: what a consumer's domain code needs to apply it and,
 * for an audit trail, to record it as received.
 *
 * @param event the parsed, contract-valid envelope
 * @param rawValue the record value exactly as received (UTF-8)
 * @param key the record key (the order id)
 * @param headers the record headers, as UTF-8 strings (last value wins for a repeated header)
 */
public record ConsumedEvent(OrderEvent event, String rawValue, String key, Map<String, String> headers, String topic,
        int partition, long offset, Instant timestamp) {
}
