package dev.pennant.core.backtest.optimize;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * One point of a {@link ParameterSpace}: parameter name → value ({@link Integer} or {@link Double}), in the
 * space's order. Immutable; equal when the values are equal, so it keys result maps.
 *
 * @param values the values, in parameter order
 */
public record ParameterSet(Map<String, Object> values) {

    /** Copies {@code values} keeping its order. */
    public ParameterSet {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** An integer parameter. @throws IllegalArgumentException naming the parameter when missing */
    public int getInt(String name) {
        return ((Number) require(name)).intValue();
    }

    /** A numeric parameter as a double. @throws IllegalArgumentException naming the parameter when missing */
    public double getDouble(String name) {
        return ((Number) require(name)).doubleValue();
    }

    /** An integer parameter, or {@code fallback} when the set does not have it. */
    public int getInt(String name, int fallback) {
        Object v = values.get(name);
        return v == null ? fallback : ((Number) v).intValue();
    }

    /** A numeric parameter, or {@code fallback} when the set does not have it. */
    public double getDouble(String name, double fallback) {
        Object v = values.get(name);
        return v == null ? fallback : ((Number) v).doubleValue();
    }

    private Object require(String name) {
        Object v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("parameter '" + name + "' is not in the set " + this);
        }
        return v;
    }

    /** {@code fastPeriod=9 slowPeriod=21 …}: stable, used to break score ties deterministically. */
    @Override
    public String toString() {
        StringJoiner j = new StringJoiner(" ");
        values.forEach((k, v) -> j.add(k + "=" + v));
        return j.toString();
    }
}
