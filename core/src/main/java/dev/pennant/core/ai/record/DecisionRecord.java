package dev.pennant.core.ai.record;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * One automated decision as stored in {@code ai_decision} (migration V6). Secrets never go here: the inputs are the
 * market context, the raw output is the model's message content.
 *
 * @param id            store id (0 before it is stored)
 * @param decisionTime  market time the decision is about (bar close), epoch ms UTC
 * @param recordedAt    wall time it was stored, epoch ms UTC
 * @param kind          who decided
 * @param status        what became of it
 * @param symbol        symbol
 * @param strategy      strategy name, or {@code null}
 * @param sessionId     trading session id, or {@code null}
 * @param signalId      the strategy signal it concerns, or {@code null}
 * @param action        LONG/SHORT/CLOSE/HOLD for AI decisions, BUY/SELL for signals and vetoes
 * @param confidence    0..1, or {@code null}
 * @param inputsJson    the inputs: market context JSON (indicators, sentiment, book, position, risk)
 * @param model         model name, {@code "rules"} for the deterministic engine, or the strategy name
 * @param promptHash    prompt version hash, or {@code null}
 * @param rawOutput     the model's raw answer, or {@code null}
 * @param parsedJson    the validated decision as JSON, or {@code null}
 * @param reason        rejection / veto / degradation reason, or the signal's reason code
 * @param latencyMs     wall time of the call in ms (0 when cached or not an LLM)
 * @param inputTokens   prompt tokens from the response's usage
 * @param outputTokens  completion tokens from the response's usage
 * @param costUsd       USD by the profile's prices
 * @param cached        answered from the decision cache
 * @param orderIds      client order ids of the orders it led to
 * @param outcome       the outcome once the position closed, or {@code null}
 */
public record DecisionRecord(long id, long decisionTime, long recordedAt, DecisionKind kind, DecisionStatus status,
                             String symbol, String strategy, String sessionId, String signalId, String action,
                             Double confidence, String inputsJson, String model, String promptHash, String rawOutput,
                             String parsedJson, String reason, long latencyMs, int inputTokens, int outputTokens,
                             BigDecimal costUsd, boolean cached, List<String> orderIds, Outcome outcome) {

    /** @throws NullPointerException naming the missing field */
    public DecisionRecord {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(symbol, "symbol");
        costUsd = costUsd == null ? BigDecimal.ZERO : costUsd;
        orderIds = List.copyOf(orderIds == null ? List.of() : orderIds);
    }

    /**
     * What the position did.
     *
     * @param realizedPnl quote asset, after fees
     * @param result      WIN (pnl &gt; 0), LOSS (pnl &lt; 0) or FLAT
     * @param closedAt    epoch ms UTC
     * @param reflection  the AI's short reflection, or {@code null}
     */
    public record Outcome(BigDecimal realizedPnl, String result, long closedAt, String reflection) {
        /** The outcome of a realised P&L. */
        public static Outcome of(BigDecimal pnl, long closedAt, String reflection) {
            return new Outcome(pnl, pnl.signum() > 0 ? "WIN" : pnl.signum() < 0 ? "LOSS" : "FLAT", closedAt, reflection);
        }
    }

    /** A strategy signal's record. */
    public static DecisionRecord signal(long time, long recordedAt, String symbol, String strategy, String sessionId,
                                        String signalId, String side, double confidence, String inputsJson, String reason) {
        return new DecisionRecord(0, time, recordedAt, DecisionKind.STRATEGY_SIGNAL, DecisionStatus.SIGNAL, symbol,
                strategy, sessionId, signalId, side, confidence, inputsJson, strategy, null, null, null, reason, 0, 0, 0,
                BigDecimal.ZERO, false, List.of(), null);
    }

    /** A risk veto's record. */
    public static DecisionRecord veto(long time, long recordedAt, String symbol, String sessionId, String clientOrderId,
                                      String side, String reason) {
        return new DecisionRecord(0, time, recordedAt, DecisionKind.RISK_VETO, DecisionStatus.VETO, symbol, null,
                sessionId, null, side, null, null, "risk", null, null, null, reason, 0, 0, 0, BigDecimal.ZERO, false,
                clientOrderId == null ? List.of() : List.of(clientOrderId), null);
    }
}
