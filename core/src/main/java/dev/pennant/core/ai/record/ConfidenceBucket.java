package dev.pennant.core.ai.record;

/**
 * Realised results of decisions whose confidence fell in {@code [from, to)} (the last bucket includes 1.0).
 *
 * @param from    lower bound, 0..1
 * @param to      upper bound, 0..1
 * @param closed  decisions with an outcome
 * @param wins    of those, with realised P&amp;L &gt; 0
 */
public record ConfidenceBucket(double from, double to, int closed, int wins) {

    /** wins / closed, or NaN with no closed decision. */
    public double hitRate() {
        return closed == 0 ? Double.NaN : (double) wins / closed;
    }
}
