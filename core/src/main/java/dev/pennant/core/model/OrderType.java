package dev.pennant.core.model;

/** Order types Pennant sends (Binance's {@code type} field); later issues add stop and take-profit types. */
public enum OrderType {
    MARKET, LIMIT
}
