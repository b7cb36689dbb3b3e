package dev.pennant.core.backtest.optimize;

import dev.pennant.core.analytics.PerformanceMetrics;

/**
 * The figures of one trial that an optimisation ranks and reports (definitions in {@link PerformanceMetrics}).
 *
 * @param totalReturn  final / starting equity − 1, fraction
 * @param sharpe       annualised Sharpe (365-day year), NaN when undefined
 * @param sortino      annualised Sortino, NaN when undefined
 * @param calmar       CAGR / max drawdown, NaN when undefined
 * @param maxDrawdown  fraction of the peak
 * @param profitFactor gross profit / gross loss, NaN/∞ when undefined
 * @param winRate      0..1, NaN with no closed trade
 * @param trades       closed round trips
 * @param finalEquity  quote asset
 * @param bars         bars evaluated
 */
public record TrialMetrics(double totalReturn, double sharpe, double sortino, double calmar, double maxDrawdown,
                           double profitFactor, double winRate, int trades, double finalEquity, int bars) {

    /** The figures of a report's metrics over {@code bars} bars. */
    public static TrialMetrics of(PerformanceMetrics m, int bars) {
        return new TrialMetrics(m.totalReturn(), m.sharpe(), m.sortino(), m.calmar(), m.maxDrawdown(), m.profitFactor(),
                m.winRate(), m.closedTrades(), m.finalEquity(), bars);
    }
}
