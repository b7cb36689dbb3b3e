package dev.pennant.core.analysis;

/** Direction of a trend reading. */
public enum TrendDirection {
    /** Rising: fast average above slow, price above the slow average, rising slope, positive momentum. */
    BULLISH,
    /** Falling: the mirror of {@link #BULLISH}. */
    BEARISH,
    /** No clear or no strong-enough trend. */
    NEUTRAL;

    /** +1, -1 or 0. */
    public int sign() {
        return this == BULLISH ? 1 : this == BEARISH ? -1 : 0;
    }
}
