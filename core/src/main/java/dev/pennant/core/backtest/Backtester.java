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
        return run(bars, config, null, listeners);
    }

    /**
     * As {@link #run(List, EngineConfig, EngineListener...)}, with USDⓈ-M funding: {@code funding}'s mark events are
     * delivered around each bar (before: a funding time passed since the last close; after: the close as mark), so the
     * paper venue settles the recorded funding rates on the positions held at each funding time.
     *
     * @param funding recorded funding for the traded symbol, or {@code null} for none (spot, or no recording)
     */
    public static BacktestResult run(List<Bar> bars, EngineConfig config, dev.pennant.core.engine.FundingMarks funding,
                                     EngineListener... listeners) {
        TradingEngine engine = TradingEngine.paper("bt", config, new SimulatedClock());
        PerformanceTracker tracker = new PerformanceTracker(config.startingCash(), config.interval().millis());
        engine.addListener(tracker);
        for (EngineListener l : listeners) {
            engine.addListener(l);
        }
        long t0 = System.nanoTime();
        if (funding == null) {
            for (Bar bar : bars) {
                engine.onBar(bar);
            }
        } else {
            for (Bar bar : bars) {
                var before = funding.before(bar);
                if (before != null) {
                    engine.onMarkPrice(before);
                }
                engine.onBar(bar);
                engine.onMarkPrice(funding.after(bar));
            }
        }
        long elapsed = System.nanoTime() - t0;
        return new BacktestResult(engine.barsProcessed(), tracker.fills(), tracker.stats(), elapsed);
    }
}
