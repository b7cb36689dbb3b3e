package dev.pennant.core.strategy.rules;

import java.util.Objects;

/**
 * {@code left op right}, e.g. {@code RSI(14) < 30} or {@code EMA(12) crosses_above EMA(26)}.
 *
 * @param left  left operand
 * @param op    comparison
 * @param right right operand
 */
public record Comparison(Operand left, Operator op, Operand right) {

    /** Comparison operators; crosses compare this bar with the previous one. */
    public enum Operator {
        LT("<"), LE("<="), GT(">"), GE(">="),
        /** left was ≤ right on the previous bar and is > right now. */ CROSSES_ABOVE("crosses_above"),
        /** left was ≥ right on the previous bar and is < right now. */ CROSSES_BELOW("crosses_below");

        private final String text;

        Operator(String text) {
            this.text = text;
        }

        /** The operator as written in rule text. */
        public String text() {
            return text;
        }
    }

    /** @throws NullPointerException naming the missing part */
    public Comparison {
        Objects.requireNonNull(left, "left");
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(right, "right");
    }

    @Override
    public String toString() {
        return left + " " + op.text() + " " + right;
    }
}
