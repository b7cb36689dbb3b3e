package dev.pennant.core.ai.llm;

import java.math.BigDecimal;

/**
 * What a run over many bars would cost before it starts: how many analyses are not in the decision cache and the
 * tokens / USD they would take at most (input estimated at 4 characters per token, output at the profile's
 * {@code maxTokens}).
 *
 * @param total          analyses asked for
 * @param uncached       of those, not in the cache (these would call the model)
 * @param inputTokens    estimated input tokens of the uncached calls
 * @param outputTokens   upper bound of their output tokens
 * @param costUsd        USD at the profile's prices
 */
public record CostEstimate(int total, int uncached, long inputTokens, long outputTokens, BigDecimal costUsd) {

    /** One line, e.g. {@code "120 of 500 analyses uncached: ~96,000 input + ≤72,000 output tokens, ≤0.0576 USD"}. */
    public String describe() {
        return String.format(java.util.Locale.ROOT, "%d of %d analyses uncached: ~%,d input + ≤%,d output tokens, ≤%s USD",
                uncached, total, inputTokens, outputTokens, costUsd.stripTrailingZeros().toPlainString());
    }
}
