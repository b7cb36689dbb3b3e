package dev.pennant.core.strategy;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Values for a strategy's {@link ParameterSpec}s: every parameter present, each within its range. Immutable.
 * One optimisation trial is a pure function of (a {@code ParameterSet}, the data).
 */
public final class ParameterSet {

    private final List<ParameterSpec> specs;
    private final Map<String, Double> values;

    private ParameterSet(List<ParameterSpec> specs, Map<String, Double> values) {
        this.specs = specs;
        this.values = Collections.unmodifiableMap(values);
    }

    /** Every parameter at its default. */
    public static ParameterSet defaults(List<ParameterSpec> specs) {
        return of(specs, Map.of());
    }

    /**
     * Defaults overridden by {@code overrides}.
     *
     * @throws IllegalArgumentException naming an unknown parameter (and the known ones) or a value out of range
     */
    public static ParameterSet of(List<ParameterSpec> specs, Map<String, ? extends Number> overrides) {
        Objects.requireNonNull(specs, "specs");
        Map<String, Double> v = new LinkedHashMap<>();
        for (ParameterSpec s : specs) {
            v.put(s.name(), s.defaultValue());
        }
        for (var e : overrides.entrySet()) {
            ParameterSpec s = specs.stream().filter(p -> p.name().equals(e.getKey())).findFirst().orElseThrow(() ->
                    new IllegalArgumentException("unknown parameter '" + e.getKey() + "'; known: "
                            + specs.stream().map(ParameterSpec::name).toList()));
            v.put(s.name(), s.check(e.getValue().doubleValue()));
        }
        return new ParameterSet(List.copyOf(specs), v);
    }

    /** A copy with {@code name} set to {@code value}. @throws IllegalArgumentException as {@link #of} */
    public ParameterSet with(String name, double value) {
        Map<String, Double> o = new LinkedHashMap<>(values);
        o.put(name, value);
        return of(specs, o);
    }

    /** The value of {@code name}. @throws IllegalArgumentException when there is no such parameter */
    public double get(String name) {
        Double d = values.get(name);
        if (d == null) {
            throw new IllegalArgumentException("unknown parameter '" + name + "'; known: " + values.keySet());
        }
        return d;
    }

    /** The value of an INT parameter. @throws IllegalArgumentException when there is no such parameter */
    public int getInt(String name) {
        return (int) Math.round(get(name));
    }

    /** Parameter name → value, in spec order. */
    public Map<String, Double> values() {
        return values;
    }

    /** The specs these values satisfy. */
    public List<ParameterSpec> specs() {
        return specs;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ParameterSet p && p.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    /** {@code name=value, …} with INT values as whole numbers. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (ParameterSpec s : specs) {
            if (!b.isEmpty()) {
                b.append(", ");
            }
            double d = values.get(s.name());
            b.append(s.name()).append('=').append(s.type() == ParameterSpec.Type.INT ? Long.toString((long) d) : Double.toString(d));
        }
        return b.toString();
    }
}
