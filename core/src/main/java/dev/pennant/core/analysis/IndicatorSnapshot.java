package dev.pennant.core.analysis;

import java.util.Map;

/**
 * Indicator values at the close of one bar.
 *
 * @param time   the bar's open time, epoch ms UTC (the chart's x coordinate)
 * @param values indicator name → value; {@code NaN} while an indicator is still in its unstable warm-up
 */
public record IndicatorSnapshot(long time, Map<String, Double> values) {

    /** Copies {@code values} (insertion order kept when given a LinkedHashMap). */
    public IndicatorSnapshot {
        values = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
    }

    /** The value of {@code name}, or {@code NaN} when absent. */
    public double value(String name) {
        Double v = values.get(name);
        return v == null ? Double.NaN : v;
    }
}
