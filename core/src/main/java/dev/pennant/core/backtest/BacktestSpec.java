package dev.pennant.core.backtest;

import dev.pennant.core.engine.EngineConfig;
import dev.pennant.core.engine.EngineListener;
import dev.pennant.core.engine.FundingMarks;
import dev.pennant.core.model.Bar;
import dev.pennant.core.model.Instrument;
import dev.pennant.core.strategy.SignalPipeline;
import dev.pennant.core.strategy.Strategy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * What one backtest runs: symbols with their bars (and funding), a strategy factory, the engine configuration
 * (cash, fees, risk), warm-up, the signal pipeline and listeners. Build with {@link #builder(EngineConfig)}; run with
 * {@link Backtester#run(BacktestSpec)}.
 *
 * @param config      cash, fee, risk limits; its instrument is only the default for {@link Builder#bars(List)}
 * @param symbols     per symbol, in the order added: instrument, bars in time order, funding or null
 * @param strategies  instrument → a fresh strategy for it (called once per symbol and run), or {@code null} for none
 * @param warmupBars  the first bars of each symbol only warm the strategies up (no trading), ≥ 0
 * @param pipeline    the signal pipeline
 * @param listeners   extra listeners
 */
public record BacktestSpec(EngineConfig config, List<SymbolData> symbols, Function<Instrument, Strategy> strategies,
                           int warmupBars, SignalPipeline pipeline, List<EngineListener> listeners) {

    /**
     * One symbol's data.
     *
     * @param instrument filters and market
     * @param bars       closed bars in time order, all of {@code instrument.symbol()}
     * @param funding    USDⓈ-M recorded funding as mark events, or {@code null}
     */
    public record SymbolData(Instrument instrument, List<Bar> bars, FundingMarks funding) {
        /** @throws IllegalArgumentException when a bar is of another symbol or out of time order */
        public SymbolData {
            Objects.requireNonNull(instrument, "instrument");
            bars = List.copyOf(bars);
            long prev = Long.MIN_VALUE;
            for (Bar b : bars) {
                if (!b.symbol().equals(instrument.symbol())) {
                    throw new IllegalArgumentException("bar of " + b.symbol() + " in the data of " + instrument.symbol());
                }
                if (b.openTime() <= prev) {
                    throw new IllegalArgumentException(instrument.symbol() + ": bars must be in increasing open time; "
                            + b.openTime() + " follows " + prev);
                }
                prev = b.openTime();
            }
        }
    }

    /** @throws IllegalArgumentException when there is no symbol, a symbol repeats, or warmupBars < 0 */
    public BacktestSpec {
        Objects.requireNonNull(config, "config");
        symbols = List.copyOf(symbols);
        Objects.requireNonNull(pipeline, "pipeline");
        listeners = List.copyOf(listeners);
        if (symbols.isEmpty()) {
            throw new IllegalArgumentException("a backtest needs at least one symbol");
        }
        if (symbols.stream().map(s -> s.instrument().symbol()).distinct().count() != symbols.size()) {
            throw new IllegalArgumentException("each symbol may appear once");
        }
        if (warmupBars < 0) {
            throw new IllegalArgumentException("warmupBars must be >= 0, was " + warmupBars);
        }
    }

    /** A builder with {@code config}'s cash, fees and risk. */
    public static Builder builder(EngineConfig config) {
        return new Builder(config);
    }

    /** Builder of a {@link BacktestSpec}. */
    public static final class Builder {
        private final EngineConfig config;
        private final Map<String, SymbolData> symbols = new LinkedHashMap<>();
        private Function<Instrument, Strategy> strategies;
        private int warmup;
        private SignalPipeline pipeline = SignalPipeline.passThrough();
        private final List<EngineListener> listeners = new ArrayList<>();

        private Builder(EngineConfig config) {
            this.config = Objects.requireNonNull(config, "config");
        }

        /** Bars of {@code config.instrument()}. */
        public Builder bars(List<Bar> bars) {
            return symbol(config.instrument(), bars, null);
        }

        /** Bars (and funding, or null) of one more instrument. */
        public Builder symbol(Instrument instrument, List<Bar> bars, FundingMarks funding) {
            symbols.put(instrument.symbol(), new SymbolData(instrument, bars, funding));
            return this;
        }

        /** A fresh strategy per symbol. */
        public Builder strategy(Function<Instrument, Strategy> factory) {
            strategies = Objects.requireNonNull(factory, "factory");
            return this;
        }

        /** The first {@code n} bars of each symbol only warm up. */
        public Builder warmupBars(int n) {
            warmup = n;
            return this;
        }

        /** The signal pipeline (default pass-through). */
        public Builder pipeline(SignalPipeline p) {
            pipeline = Objects.requireNonNull(p, "pipeline");
            return this;
        }

        /** An extra listener. */
        public Builder listener(EngineListener l) {
            listeners.add(Objects.requireNonNull(l, "listener"));
            return this;
        }

        /** The spec. @throws IllegalArgumentException as the record's constructor */
        public BacktestSpec build() {
            return new BacktestSpec(config, List.copyOf(symbols.values()), strategies, warmup, pipeline, listeners);
        }
    }
}
