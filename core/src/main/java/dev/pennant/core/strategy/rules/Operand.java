package dev.pennant.core.strategy.rules;

import java.util.Locale;
import java.util.Objects;

/**
 * One side of a {@link Comparison}: a price field of the current bar, a constant, or an indicator with its period.
 * {@link #toString()} is the text {@link RuleParser} reads back (e.g. {@code close}, {@code 30}, {@code SMA(200)}).
 */
public sealed interface Operand {

    /** A field of the bar that just closed. */
    enum Field { OPEN, HIGH, LOW, CLOSE, VOLUME }

    /** Indicators a rule can use; all periods are in bars. */
    enum Kind {
        /** Simple moving average of the close. */ SMA,
        /** Exponential moving average of the close (ta4j conventions). */ EMA,
        /** RSI with Wilder's smoothing, 0..100. */ RSI,
        /** Wilder's ADX, 0..100. */ ADX,
        /** Wilder's average true range, quote asset. */ ATR,
        /** Bollinger upper band: SMA + 2 population σ. */ BB_UPPER,
        /** Bollinger lower band: SMA − 2 population σ. */ BB_LOWER,
        /** Highest high of the previous n bars (current bar excluded). */ DONCHIAN_HIGH,
        /** Lowest low of the previous n bars (current bar excluded). */ DONCHIAN_LOW,
        /** Simple moving average of the base volume. */ VOLUME_SMA
    }

    /** The bar's {@code field}. */
    record Price(Field field) implements Operand {
        /** @throws NullPointerException when field is null */
        public Price {
            Objects.requireNonNull(field, "field");
        }

        @Override
        public String toString() {
            return field.name().toLowerCase(Locale.ROOT);
        }
    }

    /** A number. */
    record Constant(double value) implements Operand {
        /** @throws IllegalArgumentException when not finite */
        public Constant {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("constant must be a finite number, was " + value);
            }
        }

        @Override
        public String toString() {
            return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
        }
    }

    /** {@code kind(period)}. */
    record Indicator(Kind kind, int period) implements Operand {
        /** @throws IllegalArgumentException when period is outside 1..5000 */
        public Indicator {
            Objects.requireNonNull(kind, "kind");
            if (period < 1 || period > 5000) {
                throw new IllegalArgumentException(kind + " period must be within 1..5000 bars, was " + period);
            }
        }

        @Override
        public String toString() {
            return kind.name() + "(" + period + ")";
        }
    }
}
