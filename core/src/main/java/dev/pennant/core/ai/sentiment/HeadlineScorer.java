package dev.pennant.core.ai.sentiment;

/** Scores a headline's tone. */
public interface HeadlineScorer {

    /**
     * A score.
     *
     * @param score      −1 (bearish) .. 1 (bullish)
     * @param confidence 0..1
     */
    record Score(double score, double confidence) {
    }

    /** Scores {@code headline}. */
    Score score(String headline);

    /** The scorer's name, recorded with the aggregate (e.g. {@code "minilm-softmax"}). */
    String name();
}
