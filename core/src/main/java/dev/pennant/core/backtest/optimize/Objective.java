package dev.pennant.core.backtest.optimize;

import dev.pennant.core.model.Bar;

import java.util.List;

/**
 * One optimisation trial: a pure function of (parameters, bars) → figures, so trials can run in any order, on any
 * thread (or, later, any machine) and give the same result. Implementations must not keep state between calls.
 */
@FunctionalInterface
public interface Objective {

    /**
     * Runs the strategy with {@code parameters} over {@code bars}.
     *
     * @throws IllegalArgumentException when the parameters are invalid for the strategy
     */
    TrialMetrics evaluate(ParameterSet parameters, List<Bar> bars);
}
