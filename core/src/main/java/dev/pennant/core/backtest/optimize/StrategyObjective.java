package dev.pennant.core.backtest.optimize;

import dev.pennant.core.analytics.PerformanceTracker;
import dev.pennant.core.backtest.Backtester;
import dev.pennant.core.engine.EngineConfig;
import dev.pennant.core.model.Bar;
import dev.pennant.core.strategy.ParameterSpec;
import dev.pennant.core.strategy.StrategyDefinition;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The {@link Objective} of any strategy of the v2 registry ({@link StrategyDefinition}, e.g. {@code reference},
 * {@code ema-adx}): a full {@link Backtester} run (strategy → risk → paper venue) of
 * {@code definition.create(parameters)} with instrument, interval, cash, fee and risk from {@code base}. Parameters a
 * trial does not name keep the definition's defaults.
 *
 * @param definition the strategy
 * @param base       instrument, interval, cash, fee and risk of every trial
 */
public record StrategyObjective(StrategyDefinition definition, EngineConfig base) implements Objective {

    /** @throws NullPointerException when an argument is null */
    public StrategyObjective {
        Objects.requireNonNull(definition, "definition");
        Objects.requireNonNull(base, "base");
    }

    /**
     * The strategy's parameters for a trial.
     *
     * @throws IllegalArgumentException naming an unknown parameter or a value outside the parameter's range
     */
    public dev.pennant.core.strategy.ParameterSet parameters(ParameterSet p) {
        return parameters(definition, p);
    }

    /**
     * {@code definition}'s parameters for a trial's set (defaults where the set names none).
     *
     * @throws IllegalArgumentException naming an unknown parameter or a value outside the parameter's range
     */
    public static dev.pennant.core.strategy.ParameterSet parameters(StrategyDefinition definition, ParameterSet p) {
        Map<String, Number> overrides = new LinkedHashMap<>();
        p.values().forEach((k, v) -> overrides.put(k, (Number) v));
        return dev.pennant.core.strategy.ParameterSet.of(definition.parameters(), overrides);
    }

    /** True when {@code definition} accepts {@code p}: every value in range and its own rules (e.g. slow &gt; fast). */
    public static boolean accepts(StrategyDefinition definition, ParameterSet p) {
        try {
            definition.create(parameters(definition, p));
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public TrialMetrics evaluate(ParameterSet p, List<Bar> bars) {
        PerformanceTracker tracker = new PerformanceTracker(base.startingCash(), base.interval().millis());
        Backtester.run(bars, base, definition.create(parameters(p)), null, tracker);
        return TrialMetrics.of(tracker.report(null).metrics(), bars.size());
    }

    /**
     * A search space over {@code definition}'s parameters: each named in {@code narrowed} takes that range, every other
     * one its declared min..max by its step; candidates failing {@code constraint} are never evaluated.
     *
     * @param narrowed       ranges that replace declared ones (names must be the strategy's)
     * @param constraint     e.g. {@code p -> p.getInt("slowPeriod") > p.getInt("fastPeriod")}
     * @param constraintText the constraint in words, for messages
     * @throws IllegalArgumentException naming a narrowed range the strategy does not have
     */
    public static ParameterSpace space(StrategyDefinition definition, List<ParameterRange> narrowed,
                                       Predicate<ParameterSet> constraint, String constraintText) {
        Map<String, ParameterRange> byName = new LinkedHashMap<>();
        narrowed.forEach(r -> byName.put(r.name(), r));
        List<ParameterRange> ranges = new ArrayList<>();
        for (ParameterSpec s : definition.parameters()) {
            ParameterRange r = byName.remove(s.name());
            ranges.add(r != null ? r : s.type() == ParameterSpec.Type.INT
                    ? ParameterRange.ofInt(s.name(), (int) s.min(), (int) s.max(), (int) Math.max(1, s.step()))
                    : ParameterRange.ofDouble(s.name(), s.min(), s.max(), s.step()));
        }
        if (!byName.isEmpty()) {
            throw new IllegalArgumentException("strategy " + definition.id() + " has no parameter " + byName.keySet()
                    + "; known: " + definition.parameters().stream().map(ParameterSpec::name).toList());
        }
        return new ParameterSpace(ranges, constraint, constraintText);
    }
}
