package dev.pennant.core.ai.sentiment;

/** The three sentiment families the panel shows apart. */
public enum SentimentCategory {
    /** News headlines (RSS/Atom feeds). */
    NEWS,
    /** Social posts (sources with a user-provided API key). */
    SOCIAL,
    /** Market positioning: Fear &amp; Greed index, Binance long/short ratios, funding, open interest, taker volume. */
    MARKET
}
