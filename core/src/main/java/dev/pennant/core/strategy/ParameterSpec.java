package dev.pennant.core.strategy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One tunable parameter of a strategy: its type, range, grid step and default — what an optimiser enumerates and a UI
 * edits.
 *
 * @param name         identifier, e.g. {@code fastPeriod} ({@code [A-Za-z][A-Za-z0-9]*})
 * @param type         INT (whole numbers, e.g. a period in bars) or DECIMAL
 * @param min          smallest allowed value (inclusive)
 * @param max          largest allowed value (inclusive)
 * @param step         grid step for enumeration (> 0); an INT parameter's step is a whole number
 * @param defaultValue value used when none is given; within [min, max]
 * @param description  one line for the UI and {@code --help}, with the unit (bars, percent, fraction…)
 */
public record ParameterSpec(String name, Type type, double min, double max, double step, double defaultValue,
                            String description) {

    /** Value type. */
    public enum Type { INT, DECIMAL }

    /** @throws IllegalArgumentException naming the parameter and the broken rule */
    public ParameterSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(description, "description");
        if (!name.matches("[A-Za-z][A-Za-z0-9]*")) {
            throw new IllegalArgumentException("parameter name must match [A-Za-z][A-Za-z0-9]*, was '" + name + "'");
        }
        if (!(min <= max)) {
            throw new IllegalArgumentException(name + ": min " + min + " must be <= max " + max);
        }
        if (!(step > 0)) {
            throw new IllegalArgumentException(name + ": step must be > 0, was " + step);
        }
        if (type == Type.INT && (min != Math.rint(min) || max != Math.rint(max) || step != Math.rint(step)
                || defaultValue != Math.rint(defaultValue))) {
            throw new IllegalArgumentException(name + ": an INT parameter needs whole min, max, step and default");
        }
        if (!(defaultValue >= min && defaultValue <= max)) {
            throw new IllegalArgumentException(name + ": default " + defaultValue + " is outside [" + min + ", " + max + "]");
        }
    }

    /** An INT parameter. */
    public static ParameterSpec ofInt(String name, int min, int max, int step, int defaultValue, String description) {
        return new ParameterSpec(name, Type.INT, min, max, step, defaultValue, description);
    }

    /** A DECIMAL parameter. */
    public static ParameterSpec ofDecimal(String name, double min, double max, double step, double defaultValue,
                                          String description) {
        return new ParameterSpec(name, Type.DECIMAL, min, max, step, defaultValue, description);
    }

    /**
     * The grid {@code min, min + step, …} up to {@code max} (inclusive, {@code max} itself always included), in
     * increasing order; DECIMAL values are rounded to 10 decimals so that steps like 0.1 do not drift.
     */
    public List<Double> values() {
        List<Double> out = new ArrayList<>();
        long n = (long) Math.floor((max - min) / step + 1e-9);
        for (long i = 0; i <= n; i++) {
            double v = min + i * step;
            out.add(type == Type.INT ? Math.rint(v) : Math.round(v * 1e10) / 1e10);
        }
        if (out.getLast() < max) {
            out.add(max);
        }
        return out;
    }

    /**
     * Checks a value.
     *
     * @throws IllegalArgumentException naming the parameter, the value and the rule (range, whole number)
     */
    public double check(double value) {
        if (Double.isNaN(value) || value < min || value > max) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s must be within [%s, %s], was %s",
                    name, fmt(min), fmt(max), fmt(value)));
        }
        if (type == Type.INT && value != Math.rint(value)) {
            throw new IllegalArgumentException(name + " must be a whole number, was " + value);
        }
        return value;
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
