package dev.pennant.core.model;

/** Binance USDⓈ-M {@code workingType}: which price a stop's trigger watches. Spot stops watch the last trade price. */
public enum WorkingType {
    /** Last traded price (Binance's default). */
    CONTRACT_PRICE,
    /** Mark price. */
    MARK_PRICE
}
