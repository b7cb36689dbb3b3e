package dev.pennant.core.backtest.optimize;

/**
 * One evaluated parameter set.
 *
 * @param index      order in which the search produced it (grid / random: list position; CMA-ES: run × budget +
 *                   evaluation), independent of threads
 * @param parameters the parameters
 * @param metrics    the backtest figures
 * @param score      the ranked figure ({@link Metric#score}), −∞ when undefined
 */
public record Trial(int index, ParameterSet parameters, TrialMetrics metrics, double score) {
}
