package dev.pennant.core.strategy.rules;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Comparisons joined by one connective: all must hold (AND) or any (OR). Flat on purpose — a list a UI can show as
 * rows with one AND/OR switch. {@link #toString()} is the text {@link RuleParser#parse} reads back.
 *
 * @param join  AND or OR
 * @param terms at least one comparison
 */
public record RuleGroup(Join join, List<Comparison> terms) {

    /** Connective. */
    public enum Join { AND, OR }

    /** @throws IllegalArgumentException when there are no terms */
    public RuleGroup {
        Objects.requireNonNull(join, "join");
        terms = List.copyOf(terms);
        if (terms.isEmpty()) {
            throw new IllegalArgumentException("a rule needs at least one comparison");
        }
    }

    /** All of {@code terms}. */
    public static RuleGroup all(Comparison... terms) {
        return new RuleGroup(Join.AND, List.of(terms));
    }

    @Override
    public String toString() {
        return terms.stream().map(Comparison::toString).collect(Collectors.joining(" " + join + " "));
    }
}
