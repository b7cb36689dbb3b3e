package dev.pennant.core.ai.record;

/** What became of a decision when it was made. */
public enum DecisionStatus {
    /** A valid AI decision. */
    ACCEPTED,
    /** The model answered, but the answer broke a rule (invalid JSON, out of range): recorded, never traded. */
    REJECTED,
    /** The model refused to answer. */
    REFUSED,
    /** No model answer (budget, rate limit, circuit open, timeout, error): the deterministic engine answered. */
    DEGRADED,
    /** A strategy signal. */
    SIGNAL,
    /** A risk veto. */
    VETO
}
