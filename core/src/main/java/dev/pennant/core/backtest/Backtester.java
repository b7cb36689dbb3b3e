package dev.pennant.core.backtest;

import dev.pennant.core.analytics.PerformanceTracker;
import dev.pennant.core.engine.EngineConfig;
import dev.pennant.core.engine.EngineListener;
import dev.pennant.core.engine.FundingMarks;
import dev.pennant.core.engine.SimulatedClock;
import dev.pennant.core.engine.TradingEngine;
import dev.pennant.core.model.Bar;
import dev.pennant.core.model.Instrument;
import dev.pennant.core.strategy.Strategy;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs the paper engine ({@link TradingEngine#paper}) over historical bars on the calling thread with a
 * {@link SimulatedClock}: the same strategy, risk and execution code as replay and live sessions. Orders a strategy
 * sends at a bar's close reach the paper venue before the next bar, whose open (and intra-bar path, decision 0011) fill
 * them — never the bar that produced the signal.
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
    public static BacktestResult run(List<Bar> bars, EngineConfig config, FundingMarks funding,
                                     EngineListener... listeners) {
        TradingEngine engine = TradingEngine.paper("bt", config, new SimulatedClock());
        return runSingle(engine, bars, config, funding, listeners);
    }

    /**
     * One symbol, {@code config}'s instrument, with {@code strategy} instead of the configured EMA-cross+RSI.
     *
     * @param strategy a fresh strategy instance (strategies keep state)
     */
    public static BacktestResult run(List<Bar> bars, EngineConfig config, Strategy strategy, FundingMarks funding,
                                     EngineListener... listeners) {
        TradingEngine engine = TradingEngine.paper("bt", config, new SimulatedClock(), strategy);
        return runSingle(engine, bars, config, funding, listeners);
    }

    private static BacktestResult runSingle(TradingEngine engine, List<Bar> bars, EngineConfig config,
                                            FundingMarks funding, EngineListener... listeners) {
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
        engine.endSlice();
        long elapsed = System.nanoTime() - t0;
        return new BacktestResult(engine.barsProcessed(), tracker.fills(), tracker.stats(), elapsed);
    }

    /**
     * Runs {@code spec}: every symbol on one engine and one account; bars merged by close time (ties in the order the
     * symbols were added), each time slice ended ({@link TradingEngine#endSlice}) before the next, so ranked entries
     * reach the venue before the next bars open. The first {@code spec.warmupBars()} bars of each symbol only warm the
     * strategies up. Futures symbols with funding get its mark events around each bar.
     *
     * @return fills of all symbols, statistics of the account (equity sampled at every bar of every symbol), throughput
     */
    public static BacktestResult run(BacktestSpec spec) {
        List<Instrument> instruments = spec.symbols().stream().map(BacktestSpec.SymbolData::instrument).toList();
        TradingEngine engine = TradingEngine.paper("bt", spec.config(), new SimulatedClock(), instruments);
        engine.setSignalPipeline(spec.pipeline());
        if (spec.strategies() != null) {
            for (Instrument i : instruments) {
                Strategy s = spec.strategies().apply(i);
                if (s != null) {
                    engine.addStrategy(i.symbol(), s);
                }
            }
        }
        PerformanceTracker tracker = new PerformanceTracker(spec.config().startingCash(), spec.config().interval().millis());
        engine.addListener(tracker);
        spec.listeners().forEach(engine::addListener);
        int n = spec.symbols().size();
        int[] cursor = new int[n];
        List<List<Bar>> bars = new ArrayList<>();
        List<FundingMarks> funding = new ArrayList<>();
        for (BacktestSpec.SymbolData d : spec.symbols()) {
            bars.add(d.bars());
            funding.add(d.funding());
        }
        long t0 = System.nanoTime();
        while (true) {
            int pick = -1;
            long best = Long.MAX_VALUE;
            for (int i = 0; i < n; i++) {
                if (cursor[i] < bars.get(i).size()) {
                    long t = bars.get(i).get(cursor[i]).closeTime();
                    if (t < best) {
                        best = t;
                        pick = i;
                    }
                }
            }
            if (pick < 0) {
                break;
            }
            // one time slice: every symbol's bar closing at `best`, in symbol order
            for (int i = pick; i < n; i++) {
                if (cursor[i] < bars.get(i).size() && bars.get(i).get(cursor[i]).closeTime() == best) {
                    Bar bar = bars.get(i).get(cursor[i]);
                    FundingMarks f = funding.get(i);
                    if (cursor[i] < spec.warmupBars()) {
                        engine.onWarmupBar(bar);
                        if (f != null) {
                            f.after(bar);
                        }
                    } else {
                        var before = f == null ? null : f.before(bar);
                        if (before != null) {
                            engine.onMarkPrice(before);
                        }
                        engine.onBar(bar);
                        if (f != null) {
                            engine.onMarkPrice(f.after(bar));
                        }
                    }
                    cursor[i]++;
                }
            }
            engine.endSlice();
        }
        long elapsed = System.nanoTime() - t0;
        return new BacktestResult(engine.barsProcessed(), tracker.fills(), tracker.stats(), elapsed);
    }
}
