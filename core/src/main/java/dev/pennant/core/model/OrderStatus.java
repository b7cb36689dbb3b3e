package dev.pennant.core.model;

/**
 * Binance order status values ({@code status} in order responses, {@code X} in execution reports).
 * {@code EXPIRED_IN_MATCH}: expired by self-trade prevention. {@code PENDING_CANCEL} is documented by Binance but
 * unused by its matching engine today; Pennant uses it for a cancel sent to a live venue and not yet confirmed.
 */
public enum OrderStatus {
    NEW, PARTIALLY_FILLED, FILLED, CANCELED, PENDING_CANCEL, REJECTED, EXPIRED, EXPIRED_IN_MATCH;

    /** True when no further fill can happen. */
    public boolean isTerminal() {
        return this == FILLED || this == CANCELED || this == REJECTED || this == EXPIRED || this == EXPIRED_IN_MATCH;
    }

    /** True while the order can still fill (NEW, PARTIALLY_FILLED, PENDING_CANCEL). */
    public boolean isOpen() {
        return !isTerminal();
    }
}
