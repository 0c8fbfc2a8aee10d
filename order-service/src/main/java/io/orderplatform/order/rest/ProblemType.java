package io.orderplatform.order.rest;

/** The kinds of problem this API reports, each with a stable type URI clients can switch on. */
public enum ProblemType {
    INVALID_REQUEST("invalid-request", "Invalid request", 400),
    MALFORMED_JSON("malformed-json", "Malformed JSON", 400),
    ORDER_NOT_FOUND("order-not-found", "Order not found", 404),
    TRANSITION_NOT_ALLOWED("transition-not-allowed", "Transition not allowed", 409),
    IDEMPOTENCY_KEY_REUSED("idempotency-key-reused", "Idempotency key reused", 422),
    INTERNAL_ERROR("internal-error", "Internal error", 500);

    private static final String BASE = "https://orderplatform.io/problems/";

    private final String slug;
    private final String title;
    private final int status;

    ProblemType(String slug, String title, int status) {
        this.slug = slug;
        this.title = title;
        this.status = status;
    }

    public String uri() {
        return BASE + slug;
    }

    public String title() {
        return title;
    }

    public int status() {
        return status;
    }
}
