package dev.pennant.core.ai.llm;

import java.util.List;
import java.util.Objects;

/**
 * The analyst's structured proposal, after {@link DecisionParser} validated it. Prices in the quote asset.
 * For {@link AiAction#HOLD} and {@link AiAction#CLOSE} the levels may be 0 (not applicable).
 *
 * @param action            LONG, SHORT, CLOSE or HOLD
 * @param confidence        0..1, the model's own (uncalibrated) confidence; see the record's hit-rate query
 * @param entry             proposed entry price (&gt; 0 for LONG/SHORT)
 * @param stopLoss          stop-loss price: below entry for LONG, above for SHORT
 * @param takeProfit        take-profit price: above entry for LONG, below for SHORT
 * @param leverage          suggested leverage, 1..the context's maximum
 * @param sizeFraction      suggested share of the risk engine's allocation, 0..1
 * @param horizonMinutes    expected holding time in minutes, 0..43,200 (30 days)
 * @param reasoning         a short paragraph, why
 * @param keyFactors        the facts it rests on, 1..8 short lines
 */
public record AiDecision(AiAction action, double confidence, double entry, double stopLoss, double takeProfit,
                         int leverage, double sizeFraction, int horizonMinutes, String reasoning,
                         List<String> keyFactors) {

    /** Copies the list; @throws NullPointerException naming the missing field. */
    public AiDecision {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(reasoning, "reasoning");
        keyFactors = List.copyOf(keyFactors);
    }

    /** Whether this decision asks for a new or bigger position. */
    public boolean opens() {
        return action == AiAction.LONG || action == AiAction.SHORT;
    }
}
