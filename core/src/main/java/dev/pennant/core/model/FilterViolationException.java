package dev.pennant.core.model;

import java.util.Objects;

/**
 * An order would break one of the symbol's exchange filters (Binance would answer -1013 / -1111 / -4003 …).
 * The message names the filter and the figures, e.g.
 * {@code "BTCUSDT NOTIONAL: 0.0001 × 30000 = 3 USDT is below minNotional 5"}.
 */
public class FilterViolationException extends IllegalArgumentException {

    private final String filter;

    /** @param filter Binance's {@code filterType}, e.g. {@code LOT_SIZE}; @param message the figures */
    public FilterViolationException(String filter, String message) {
        super(message);
        this.filter = Objects.requireNonNull(filter, "filter");
    }

    /** Binance's {@code filterType} that the order breaks, e.g. {@code PRICE_FILTER}. */
    public String filter() {
        return filter;
    }
}
