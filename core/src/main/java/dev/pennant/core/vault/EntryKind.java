package dev.pennant.core.vault;

/** What a vault entry holds. */
public enum EntryKind {
    /** Binance spot API key + secret. */
    BINANCE_SPOT,
    /** Binance USDⓈ-M futures API key + secret. */
    BINANCE_FUTURES,
    /** LLM provider API key (secret only, or key id + secret). */
    LLM,
    /** Telegram bot token (secret). */
    TELEGRAM,
    /** SMTP password (secret; user name in apiKey or notes). */
    SMTP,
    /** Anything else. */
    OTHER;

    /** True for the Binance kinds, whose keys are checked with {@link KeyHygiene}. */
    public boolean isBinance() {
        return this == BINANCE_SPOT || this == BINANCE_FUTURES;
    }
}
