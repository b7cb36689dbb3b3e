package dev.pennant.core.ai.record;

import java.math.BigDecimal;

/**
 * Where automated decisions are recorded ({@link H2DecisionStore} stores them in the history database). Code that
 * makes a decision calls {@link #record}; code that sees its orders and positions calls {@link #linkOrder} and
 * {@link #attachOutcome}. Implementations are thread-safe and must not throw on the engine thread for storage
 * problems they can log instead.
 */
public interface DecisionRecorder {

    /** Stores {@code r} and returns its id. */
    long record(DecisionRecord r);

    /**
     * Links an order to a decision.
     *
     * @param role {@code "ENTRY"} or {@code "EXIT"}
     */
    void linkOrder(long decisionId, String clientOrderId, String role);

    /**
     * Attaches the outcome to every decision linked to {@code clientOrderId} (entry or exit) that has none yet.
     *
     * @return how many decisions got it
     */
    int attachOutcome(String clientOrderId, BigDecimal realizedPnl, long closedAt, String reflection);

    /** A recorder that keeps nothing. */
    static DecisionRecorder none() {
        return new DecisionRecorder() {
            @Override public long record(DecisionRecord r) { return 0; }
            @Override public void linkOrder(long decisionId, String clientOrderId, String role) { }
            @Override public int attachOutcome(String id, BigDecimal pnl, long at, String reflection) { return 0; }
        };
    }
}
