package dev.pennant.core.backtest;

import dev.pennant.core.analytics.PerformanceTracker;
import dev.pennant.core.engine.EngineConfig;
import dev.pennant.core.engine.EngineListener;
import dev.pennant.core.engine.SimulatedClock;
import dev.pennant.core.engine.TradingEngine;
import dev.pennant.core.model.Bar;

import java.util.List;

/**
 * Runs the standard paper engine ({@link TradingEngine#paper}) over historical bars on the calling thread with a
 * {@link SimulatedClock}: the same strategy, risk and execution code as replay and live sessions.
 */
public final class Backtester {

    private Backtester() {
    }

    /**
     * @param bars      closed bars in time order
     * @param config    engine configuration
     * @param listeners extra listeners (e.g. a fill printer); may be empty
     * @return fills, statistics and throughput
     */
    public static BacktestResult run(List<Bar> bars, EngineConfig config, EngineListener... listeners) {
        TradingEngine engine = TradingEngine.paper("bt", config, new SimulatedClock());
        PerformanceTracker tracker = new PerformanceTracker(config.startingCash(), config.interval().millis());
        engine.addListener(tracker);
        for (EngineListener l : listeners) {
            engine.addListener(l);
        }
        long t0 = System.nanoTime();
        for (Bar bar : bars) {
            engine.onBar(bar);
        }
        long elapsed = System.nanoTime() - t0;
        return new BacktestResult(engine.barsProcessed(), tracker.fills(), tracker.stats(), elapsed);
    }
}
