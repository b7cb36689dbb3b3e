package dev.pennant.core.ai.llm;

/** What the analyst proposes. It never sends an order itself: the risk engine decides. */
public enum AiAction {
    /** Open or add to a long position. */
    LONG,
    /** Open or add to a short position (USDⓈ-M only; on spot the risk engine denies it). */
    SHORT,
    /** Close the open position. */
    CLOSE,
    /** Do nothing. */
    HOLD
}
