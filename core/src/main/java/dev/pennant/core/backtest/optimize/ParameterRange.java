package dev.pennant.core.backtest.optimize;

import java.util.Locale;

/**
 * The values one strategy parameter may take in an optimisation: {@code min, min + step, …} up to {@code max}.
 *
 * @param name    parameter name, as the objective reads it (e.g. {@code fastPeriod})
 * @param min     smallest value
 * @param max     largest value (≥ min)
 * @param step    spacing (&gt; 0); integer parameters need a whole step
 * @param integer true for whole-number parameters (values are handed out as {@link Integer})
 */
public record ParameterRange(String name, double min, double max, double step, boolean integer) {

    /** @throws IllegalArgumentException naming the parameter and the rule */
    public ParameterRange {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("parameter name must not be blank");
        }
        if (!(step > 0)) {
            throw new IllegalArgumentException(name + ": step must be > 0, was " + step);
        }
        if (!(max >= min)) {
            throw new IllegalArgumentException(name + ": max (" + max + ") must be >= min (" + min + ")");
        }
        if (integer && (min != Math.rint(min) || max != Math.rint(max) || step != Math.rint(step))) {
            throw new IllegalArgumentException(name + ": an integer parameter needs whole min, max and step");
        }
    }

    /** A whole-number range. */
    public static ParameterRange ofInt(String name, int min, int max, int step) {
        return new ParameterRange(name, min, max, step, true);
    }

    /** A real-valued range on a grid of {@code step}. */
    public static ParameterRange ofDouble(String name, double min, double max, double step) {
        return new ParameterRange(name, min, max, step, false);
    }

    /**
     * Parses {@code name=min:max:step} (e.g. {@code fastPeriod=5:30:1}, {@code rsiEntryMax=50:80:2.5}); a range whose
     * three numbers are whole is an integer range.
     *
     * @throws IllegalArgumentException naming the text and the expected form
     */
    public static ParameterRange parse(String text) {
        int eq = text.indexOf('=');
        String[] parts = eq < 0 ? new String[0] : text.substring(eq + 1).split(":");
        if (eq <= 0 || parts.length != 3) {
            throw new IllegalArgumentException("range '" + text + "' must look like name=min:max:step, e.g. fastPeriod=5:30:1");
        }
        try {
            double lo = Double.parseDouble(parts[0]);
            double hi = Double.parseDouble(parts[1]);
            double st = Double.parseDouble(parts[2]);
            boolean whole = lo == Math.rint(lo) && hi == Math.rint(hi) && st == Math.rint(st) && !parts[2].contains(".");
            return new ParameterRange(text.substring(0, eq).trim(), lo, hi, st, whole);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("range '" + text + "': min, max and step must be numbers", e);
        }
    }

    /** Number of grid values. */
    public int count() {
        return (int) Math.floor((max - min) / step + 1e-9) + 1;
    }

    /** The i-th grid value, {@code 0 ≤ i < count()}, as Integer or Double. */
    public Object value(int i) {
        double v = min + i * step;
        return integer ? (Object) (int) Math.round(v) : (Object) (Math.round(v * 1e10) / 1e10); // no 0.30000000000000004
    }

    /** The grid value nearest {@code unit × (max − min) + min} for {@code unit} in [0, 1] (clamped). */
    public Object at(double unit) {
        double u = Math.max(0, Math.min(1, unit));
        return value((int) Math.round(u * (count() - 1)));
    }

    @Override
    public String toString() {
        return integer ? String.format(Locale.ROOT, "%s=%d:%d:%d", name, (long) min, (long) max, (long) step)
                : String.format(Locale.ROOT, "%s=%s:%s:%s", name, min, max, step);
    }
}
