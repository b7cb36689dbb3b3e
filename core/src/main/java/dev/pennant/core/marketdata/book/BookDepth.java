package dev.pennant.core.marketdata.book;

import java.util.List;
import java.util.Objects;

/**
 * An immutable copy of the top of an order book, safe to hand to another thread (e.g. the JavaFX thread).
 *
 * @param symbol       symbol
 * @param lastUpdateId order book update id the copy reflects
 * @param bids         best (highest) bid first
 * @param asks         best (lowest) ask first
 */
public record BookDepth(String symbol, long lastUpdateId, List<BookLevel> bids, List<BookLevel> asks) {

    /** Copies the lists. @throws NullPointerException naming the missing component */
    public BookDepth {
        Objects.requireNonNull(symbol, "symbol");
        bids = List.copyOf(bids);
        asks = List.copyOf(asks);
    }
}
