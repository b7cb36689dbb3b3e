package dev.pennant.core.strategy;

import java.util.List;
import java.util.Map;

/**
 * A kind of strategy the terminal offers: its CLI/UI id, its parameter space and a factory. An optimiser enumerates
 * {@link #parameters()} and calls {@link #create} once per trial and symbol (a fresh instance: strategies keep state).
 */
public interface StrategyDefinition {

    /** CLI id, e.g. {@code reference}, {@code ema-adx} ({@code [a-z0-9-]+}). */
    String id();

    /** One-line description for {@code --help} and the UI, with the rules. */
    String description();

    /** The tunable parameters, in display order. */
    List<ParameterSpec> parameters();

    /** A new instance for one symbol. @throws IllegalArgumentException when parameters break a cross-rule (fast ≥ slow…) */
    BarStrategy create(ParameterSet parameters);

    /** Every parameter at its default. */
    default ParameterSet defaults() {
        return ParameterSet.defaults(parameters());
    }

    /** Defaults overridden by {@code overrides}. @throws IllegalArgumentException naming a bad parameter */
    default ParameterSet parameters(Map<String, ? extends Number> overrides) {
        return ParameterSet.of(parameters(), overrides);
    }

    /** A new instance with default parameters. */
    default BarStrategy create() {
        return create(defaults());
    }

    /**
     * A definition from its parts.
     *
     * @throws NullPointerException naming the missing part
     */
    static StrategyDefinition of(String id, String description, List<ParameterSpec> parameters,
                                 java.util.function.Function<ParameterSet, BarStrategy> factory) {
        java.util.Objects.requireNonNull(id, "id");
        java.util.Objects.requireNonNull(description, "description");
        List<ParameterSpec> specs = List.copyOf(parameters);
        java.util.Objects.requireNonNull(factory, "factory");
        return new StrategyDefinition() {
            @Override public String id() { return id; }
            @Override public String description() { return description; }
            @Override public List<ParameterSpec> parameters() { return specs; }
            @Override public BarStrategy create(ParameterSet p) { return factory.apply(p); }
            @Override public String toString() { return id; }
        };
    }
}
