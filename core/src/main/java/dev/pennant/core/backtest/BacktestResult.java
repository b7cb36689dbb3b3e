package dev.pennant.core.backtest;

import dev.pennant.core.analytics.PerformanceStats;
import dev.pennant.core.model.Fill;

import java.util.List;

/**
 * Outcome of a backtest.
 *
 * @param barsProcessed closed bars fed to the engine
 * @param fills         every fill, in order
 * @param stats         performance statistics
 * @param elapsedNanos  wall time of the engine loop (import excluded), ns
 */
public record BacktestResult(long barsProcessed, List<Fill> fills, PerformanceStats stats, long elapsedNanos) {

    /** Throughput of the engine loop, bars per second. */
    public double barsPerSecond() {
        return elapsedNanos <= 0 ? Double.POSITIVE_INFINITY : barsProcessed * 1e9 / elapsedNanos;
    }
}
