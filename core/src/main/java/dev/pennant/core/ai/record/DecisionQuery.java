package dev.pennant.core.ai.record;

/**
 * A filter of stored decisions; {@code null} fields match everything.
 *
 * @param symbol   symbol
 * @param strategy strategy name
 * @param kind     kind
 * @param outcome  WIN, LOSS, FLAT, or {@code "OPEN"} for decisions without an outcome yet
 * @param limit    newest first, at most this many (1..10,000)
 */
public record DecisionQuery(String symbol, String strategy, DecisionKind kind, String outcome, int limit) {

    /** @throws IllegalArgumentException when limit is outside 1..10,000 */
    public DecisionQuery {
        if (limit < 1 || limit > 10_000) throw new IllegalArgumentException("limit: must be within 1..10000, was " + limit);
    }

    /** The newest {@code limit} decisions of every kind. */
    public static DecisionQuery latest(int limit) {
        return new DecisionQuery(null, null, null, null, limit);
    }

    /** Copy limited to {@code s}. */
    public DecisionQuery symbol(String s) {
        return new DecisionQuery(s, strategy, kind, outcome, limit);
    }

    /** Copy limited to {@code k}. */
    public DecisionQuery kind(DecisionKind k) {
        return new DecisionQuery(symbol, strategy, k, outcome, limit);
    }

    /** Copy limited to strategy {@code s}. */
    public DecisionQuery strategy(String s) {
        return new DecisionQuery(symbol, s, kind, outcome, limit);
    }

    /** Copy limited to outcome {@code o}. */
    public DecisionQuery outcome(String o) {
        return new DecisionQuery(symbol, strategy, kind, o, limit);
    }
}
