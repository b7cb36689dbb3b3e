package dev.pennant.core.model;

/** Binance order status values ({@code status} in order responses and execution reports). */
public enum OrderStatus {
    NEW, PARTIALLY_FILLED, FILLED, CANCELED, REJECTED, EXPIRED;

    /** True when no further fill can happen. */
    public boolean isTerminal() {
        return this == FILLED || this == CANCELED || this == REJECTED || this == EXPIRED;
    }
}
