package dev.pennant.core.strategy;

import dev.pennant.core.analysis.IndicatorSnapshot;
import dev.pennant.core.analysis.IndicatorSpec;
import dev.pennant.core.model.Bar;
import dev.pennant.core.model.Instrument;
import dev.pennant.core.model.Interval;
import dev.pennant.core.model.Position;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * Runs a strategy on a coarser timeframe than the bars the engine receives: finer bars (e.g. 1m) are aggregated into
 * coarse bars (e.g. 1h, aligned to UTC like Binance's klines) and the inner strategy sees a coarse bar only once it has
 * closed. The engine, venue and brackets keep working on the finer bars, so an order from a coarse close fills at the
 * next finer bar's open and stops / take-profits trigger on the finer path (the intra-bar model gets the finer truth).
 * Several of these on one symbol, combined by the {@link SignalPipeline}, give a multi-timeframe strategy.
 *
 * <p>A coarse period that the data starts in the middle of is not emitted (it would be a partial bar); a period whose
 * last finer bar is missing is emitted when the first bar of a later period arrives. Between coarse closes the
 * decision is HOLD.
 */
public final class ResampledStrategy implements BarStrategy {

    private final BarStrategy inner;
    private final Interval coarse;
    private final long millis;
    private final BarHistory history;
    private final Ctx ctx = new Ctx();
    private long periodOpen = Long.MIN_VALUE;
    private boolean complete;
    private Bar first;
    private BigDecimal high, low, volume, quoteVolume, takerBase, takerQuote;
    private long trades;
    private Bar lastFine;

    /**
     * @param inner  the strategy deciding on coarse bars (a fresh instance)
     * @param coarse its timeframe: 1m..1d (UTC-aligned); a multiple of the finer bars' interval
     * @throws IllegalArgumentException for a weekly or monthly timeframe
     */
    public ResampledStrategy(BarStrategy inner, Interval coarse) {
        this.inner = Objects.requireNonNull(inner, "inner");
        this.coarse = Objects.requireNonNull(coarse, "coarse");
        if (coarse.millis() > Interval.D1.millis()) {
            throw new IllegalArgumentException("coarse interval must be at most 1d (UTC-aligned), was " + coarse);
        }
        this.millis = coarse.millis();
        this.history = new BarHistory(Math.max(2, inner.historyBars()));
    }

    @Override public String name() { return inner.name() + " @" + coarse; }
    @Override public List<IndicatorSpec> indicators() { return inner.indicators(); }
    @Override public int warmupBars() { return 0; }
    @Override public ParameterSet parameters() { return inner.parameters(); }
    @Override public IndicatorSnapshot snapshot() { return inner.snapshot(); }

    /** The inner strategy. */
    public BarStrategy inner() {
        return inner;
    }

    @Override
    public Decision evaluate(StrategyContext fine) {
        Bar b = fine.bar();
        if (b.interval().millis() > millis || millis % b.interval().millis() != 0) {
            throw new IllegalArgumentException("bars of " + b.interval() + " cannot be resampled to " + coarse);
        }
        long open = Math.floorDiv(b.openTime(), millis) * millis;
        Decision d = Decision.HOLD;
        if (open != periodOpen) {
            if (first != null && complete) {
                d = emit(fine); // the previous period lost its last bar(s): close it now
            }
            periodOpen = open;
            complete = b.openTime() == open;
            first = b;
            high = b.high();
            low = b.low();
            volume = b.volume();
            quoteVolume = b.quoteVolume();
            takerBase = b.takerBuyBaseVolume();
            takerQuote = b.takerBuyQuoteVolume();
            trades = b.trades();
        } else {
            high = high.max(b.high());
            low = low.min(b.low());
            volume = volume.add(b.volume());
            quoteVolume = quoteVolume == null || b.quoteVolume() == null ? null : quoteVolume.add(b.quoteVolume());
            takerBase = takerBase == null || b.takerBuyBaseVolume() == null ? null : takerBase.add(b.takerBuyBaseVolume());
            takerQuote = takerQuote == null || b.takerBuyQuoteVolume() == null ? null : takerQuote.add(b.takerBuyQuoteVolume());
            trades = trades < 0 || b.trades() < 0 ? -1 : trades + b.trades();
        }
        lastFine = b;
        if (b.closeTime() == periodOpen + millis - 1) {
            Decision e = complete ? emit(fine) : Decision.HOLD;
            first = null;
            return e;
        }
        return d;
    }

    private Decision emit(StrategyContext fine) {
        Bar c = new Bar(first.symbol(), coarse, periodOpen, periodOpen + millis - 1, first.open(), high, low,
                lastFine.close(), volume, quoteVolume, trades, takerBase, takerQuote, true);
        first = null;
        history.add(c);
        ctx.fine = fine;
        ctx.bar = c;
        return inner.evaluate(ctx);
    }

    /** Bar-level legacy entry point: resamples as {@link #evaluate} with a flat-or-given position. */
    @Override
    public StrategyDecision onBar(Bar bar, Position position) {
        throw new UnsupportedOperationException("ResampledStrategy runs on the engine's StrategyContext (BarStrategy API)");
    }

    private final class Ctx implements StrategyContext {
        StrategyContext fine;
        Bar bar;

        @Override public Bar bar() { return bar; }
        @Override public BarHistory bars() { return history; }
        @Override public Position position() { return fine.position(); }
        @Override public int positionSign() { return fine.positionSign(); }
        @Override public Instrument instrument() { return fine.instrument(); }
        @Override public double bookImbalance() { return fine.bookImbalance(); }
    }
}
