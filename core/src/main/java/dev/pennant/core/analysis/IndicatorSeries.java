package dev.pennant.core.analysis;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The values of one {@link IndicatorDefinition} at every bar of a series: what a chart draws and a strategy or
 * backtest reads. {@code double} on purpose: indicator math is a hot loop and holds no money.
 *
 * @param definition the indicator and its parameters
 * @param times      bar open times, epoch ms UTC, ascending (index i ↔ the i-th bar)
 * @param lines      line name ({@link IndicatorDefinition#lineNames()}) → one value per bar, {@code NaN} during the
 *                   line's warm-up (ta4j's unstable bars); arrays are as long as {@code times}
 */
public record IndicatorSeries(IndicatorDefinition definition, long[] times, Map<String, double[]> lines) {

    /** Copies the arrays. @throws IllegalArgumentException when a line's length differs from {@code times} */
    public IndicatorSeries {
        Objects.requireNonNull(definition, "definition");
        times = times.clone();
        Map<String, double[]> copy = new LinkedHashMap<>();
        for (var e : lines.entrySet()) {
            if (e.getValue().length != times.length) {
                throw new IllegalArgumentException("line " + e.getKey() + " has " + e.getValue().length
                        + " values for " + times.length + " bars");
            }
            copy.put(e.getKey(), e.getValue().clone());
        }
        lines = Collections.unmodifiableMap(copy);
    }

    /** Number of bars. */
    public int size() {
        return times.length;
    }

    /** A copy of the values of line {@code name}. @throws IllegalArgumentException naming the known lines */
    public double[] line(String name) {
        return values(name).clone();
    }

    /** The first (main) line's values, a copy (e.g. MACD itself, Ichimoku's tenkan). */
    public double[] mainLine() {
        return line(mainName());
    }

    /** Name of the first (main) line. */
    public String mainName() {
        return lines.keySet().iterator().next();
    }

    /** The value of line {@code name} at bar {@code index}; {@code NaN} in warm-up. */
    public double value(String name, int index) {
        return values(name)[index];
    }

    /** The main line's value at the last bar, {@code NaN} when empty or still warming up. */
    public double last() {
        double[] v = values(mainName());
        return v.length == 0 ? Double.NaN : v[v.length - 1];
    }

    /** Every line's value at bar {@code index}, keyed by line name, stamped with the bar's open time. */
    public IndicatorSnapshot snapshot(int index) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (var e : lines.entrySet()) {
            m.put(e.getKey(), e.getValue()[index]);
        }
        return new IndicatorSnapshot(times[index], m);
    }

    /** Chart descriptors of the lines. */
    public List<IndicatorSpec> specs() {
        return definition.specs();
    }

    private double[] values(String name) {
        double[] v = lines.get(name);
        if (v == null) {
            throw new IllegalArgumentException(definition.name() + " has no line '" + name + "' (lines: " + lines.keySet() + ")");
        }
        return v;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof IndicatorSeries s) || !definition.equals(s.definition) || !Arrays.equals(times, s.times)
                || !lines.keySet().equals(s.lines.keySet())) {
            return false;
        }
        for (var e : lines.entrySet()) {
            if (!Arrays.equals(e.getValue(), s.lines.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return definition.hashCode() * 31 + Arrays.hashCode(times);
    }

    @Override
    public String toString() {
        return "IndicatorSeries[" + definition.name() + ", " + times.length + " bars, lines=" + lines.keySet() + "]";
    }
}
