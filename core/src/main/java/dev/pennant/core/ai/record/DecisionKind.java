package dev.pennant.core.ai.record;

/** Who made an automated decision. */
public enum DecisionKind {
    /** The LLM analyst (or its deterministic fallback) proposed something. */
    AI_ANALYSIS,
    /** A strategy emitted a signal. */
    STRATEGY_SIGNAL,
    /** The risk engine denied an order. */
    RISK_VETO
}
