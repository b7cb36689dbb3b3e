package dev.pennant.core.ai;

import java.util.List;

/**
 * Why the engine made a decision, in words a trader can check against the chart.
 *
 * @param signalId   the signal explained
 * @param text       the explanation, one paragraph
 * @param confidence 0..1 (a heuristic score, not a probability of profit; see the explainer for its formula)
 * @param factors    the individual facts the text is built from, one line each
 * @param source     who wrote it: {@code "rules"} for the deterministic explainer, a model name for an LLM
 */
public record Explanation(String signalId, String text, double confidence, List<String> factors, String source) {

    /** @throws IllegalArgumentException when confidence is outside 0..1 */
    public Explanation {
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("confidence must be within 0..1, was " + confidence);
        }
        factors = List.copyOf(factors);
    }

    /** Confidence as a whole percentage, e.g. 63. */
    public int confidencePercent() {
        return (int) Math.round(confidence * 100);
    }
}
