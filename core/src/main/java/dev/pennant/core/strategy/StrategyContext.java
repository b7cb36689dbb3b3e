package dev.pennant.core.strategy;

import dev.pennant.core.model.Bar;
import dev.pennant.core.model.Instrument;
import dev.pennant.core.model.Position;

/**
 * What a strategy may see when a bar of its symbol closes: that bar, the closed bars before it, the current position
 * and the instrument — nothing later. Orders from the decision reach the venue after this bar's close and fill at the
 * next bar's open at the earliest, so no decision can use a price it could not have known.
 */
public interface StrategyContext {

    /** The bar that just closed. */
    Bar bar();

    /** Closed bars of the symbol so far, {@link #bar()} at index 0. */
    BarHistory bars();

    /** The one-way (BOTH) position in the symbol before any order from this bar (flat when none). */
    Position position();

    /** Sign of {@link #position()}'s quantity: +1 long, -1 short, 0 flat (cheaper than reading the position). */
    int positionSign();

    /** The traded instrument (filters, market). */
    Instrument instrument();

    /**
     * Bid/ask size imbalance of the latest order book in [-1, 1]: {@code (bidQty - askQty) / (bidQty + askQty)} over
     * the levels the book carries; {@code NaN} when no book has been seen.
     */
    double bookImbalance();
}
