package dev.pennant.core.analysis;

import java.util.Objects;

/**
 * One tunable parameter of an {@link IndicatorKind}, with its allowed range and default, so a strategy optimiser and
 * the chart's indicator picker can offer it without knowing the indicator.
 *
 * @param name         key in {@link IndicatorDefinition#parameters()}, e.g. {@code "period"}
 * @param description  one line for the UI, with the unit (bars, multiple of ATR, standard deviations)
 * @param min          smallest allowed value (inclusive)
 * @param max          largest allowed value (inclusive)
 * @param defaultValue the value used when a definition does not give one; inside {@code [min, max]}
 * @param integral     true when only whole numbers are allowed (bar counts)
 */
public record IndicatorParameter(String name, String description, double min, double max, double defaultValue,
                                 boolean integral) {

    /** @throws IllegalArgumentException when the range is empty or the default lies outside it */
    public IndicatorParameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        if (!(min <= max)) {
            throw new IllegalArgumentException("parameter " + name + ": min " + min + " must be <= max " + max);
        }
        if (!(defaultValue >= min && defaultValue <= max)) {
            throw new IllegalArgumentException("parameter " + name + ": default " + defaultValue + " outside [" + min + ", " + max + "]");
        }
    }

    /** A whole-number bar count in {@code [min, max]}. */
    static IndicatorParameter bars(String name, String description, int min, int max, int defaultValue) {
        return new IndicatorParameter(name, description, min, max, defaultValue, true);
    }

    /** A real-valued parameter in {@code [min, max]}. */
    static IndicatorParameter real(String name, String description, double min, double max, double defaultValue) {
        return new IndicatorParameter(name, description, min, max, defaultValue, false);
    }

    /**
     * Checks a value against this parameter's rules.
     *
     * @param indicator the indicator's code, for the message
     * @throws IllegalArgumentException naming the indicator, the parameter and the rule broken
     */
    public void check(String indicator, double value) {
        if (Double.isNaN(value) || value < min || value > max) {
            throw new IllegalArgumentException(indicator + " parameter " + name + " must be in [" + format(min) + ", "
                    + format(max) + "], was " + format(value));
        }
        if (integral && value != Math.rint(value)) {
            throw new IllegalArgumentException(indicator + " parameter " + name + " must be a whole number, was " + value);
        }
    }

    /** A number without a trailing {@code .0}: {@code 20}, {@code 2.5}. */
    static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }
}
