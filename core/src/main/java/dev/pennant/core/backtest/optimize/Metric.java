package dev.pennant.core.backtest.optimize;

import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** What an optimisation maximises. An undefined figure (NaN) ranks below every defined one. */
public enum Metric {
    /** Annualised Sharpe ratio. */
    SHARPE(TrialMetrics::sharpe),
    /** Annualised Sortino ratio. */
    SORTINO(TrialMetrics::sortino),
    /** Total return (fraction). */
    RETURN(TrialMetrics::totalReturn),
    /** Calmar ratio. */
    CALMAR(TrialMetrics::calmar),
    /** Profit factor (capped at 100 so a single lucky winner does not rank as ∞). */
    PROFIT_FACTOR(m -> Math.min(100, m.profitFactor()));

    private final ToDoubleFunction<TrialMetrics> f;

    Metric(ToDoubleFunction<TrialMetrics> f) {
        this.f = f;
    }

    /** The score of {@code m}: the figure, or −∞ when it is NaN. */
    public double score(TrialMetrics m) {
        double v = f.applyAsDouble(m);
        return Double.isNaN(v) ? Double.NEGATIVE_INFINITY : v;
    }

    /** Parses {@code sharpe}, {@code sortino}, {@code return}, {@code calmar}, {@code profit_factor} (any case). */
    public static Metric parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("metric '" + s + "' is not one of sharpe, sortino, return, calmar, profit_factor");
        }
    }
}
