package io.orderplatform.order.domain;

/** What a client can do to an existing order. */
public enum OrderAction {
    PAY("pay"),
    CANCEL("cancel");

    private final String verb;

    OrderAction(String verb) {
        this.verb = verb;
    }

    /** The action as spelled in the URL ({@code /orders/{id}/pay}) and in error messages. */
    public String verb() {
        return verb;
    }
}
