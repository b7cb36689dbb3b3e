package dev.pennant.core.strategy;

import dev.pennant.core.analysis.IndicatorSnapshot;
import dev.pennant.core.model.Bar;
import dev.pennant.core.model.Instrument;
import dev.pennant.core.model.Position;
import dev.pennant.core.model.Side;
import dev.pennant.core.model.SignalAction;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Base of the built-in v2 strategies: indicators update on every bar ({@link #update}); once the warm-up is over the
 * entry rule runs when flat ({@link #entry}) and the exit rule for the open side when not ({@link #exitLong},
 * {@link #exitShort}). Also serves the first API's {@link #onBar(Bar, Position)} with its own bar history, so old
 * callers (tests, the ta4j-era engine path) can drive a v2 strategy.
 */
public abstract class AbstractBarStrategy implements BarStrategy {

    private final String name;
    private final ParameterSet parameters;
    private long seen;
    private long lastOpenTime = Long.MIN_VALUE;
    private StandaloneContext standalone;

    /** @param name display name; @param parameters validated parameters */
    protected AbstractBarStrategy(String name, ParameterSet parameters) {
        this.name = Objects.requireNonNull(name, "name");
        this.parameters = Objects.requireNonNull(parameters, "parameters");
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final ParameterSet parameters() {
        return parameters;
    }

    /** True once more than {@link #warmupBars()} bars were seen. */
    protected final boolean warm() {
        return seen > warmupBars();
    }

    @Override
    public final Decision evaluate(StrategyContext ctx) {
        lastOpenTime = ctx.bar().openTime();
        update(ctx);
        seen++;
        if (!warm()) {
            return Decision.HOLD;
        }
        int sign = ctx.positionSign();
        Decision d = sign == 0 ? entry(ctx) : sign > 0 ? exitLong(ctx) : exitShort(ctx);
        return d == null ? Decision.HOLD : d;
    }

    /** Updates the indicators with {@code ctx.bar()}; called on every bar, warm-up included. */
    protected abstract void update(StrategyContext ctx);

    /** The entry rule while flat (after warm-up): LONG, SHORT or HOLD. */
    protected abstract Decision entry(StrategyContext ctx);

    /** The exit rule while long: CLOSE (or SHORT to reverse) or HOLD. Default HOLD. */
    protected Decision exitLong(StrategyContext ctx) {
        return Decision.HOLD;
    }

    /** The exit rule while short: CLOSE (or LONG to reverse) or HOLD. Default HOLD. */
    protected Decision exitShort(StrategyContext ctx) {
        return Decision.HOLD;
    }

    /** Writes the indicator values now into {@code out}, in display order (the names of {@link #indicators()}). */
    protected abstract void values(Map<String, Double> out);

    @Override
    public IndicatorSnapshot snapshot() {
        Map<String, Double> m = new LinkedHashMap<>();
        values(m);
        if (!warm()) {
            m.replaceAll((k, v) -> Double.NaN);
        }
        return new IndicatorSnapshot(lastOpenTime, m);
    }

    /**
     * The first API: feeds {@code bar} through {@link #evaluate} with a private history; a LONG maps to BUY,
     * SHORT to SELL, CLOSE to the side that flattens {@code position}.
     */
    @Override
    public StrategyDecision onBar(Bar bar, Position position) {
        if (standalone == null) {
            standalone = new StandaloneContext(Math.max(2, historyBars()), Instrument.defaultSpotUsdt(bar.symbol()));
        }
        standalone.bars.add(bar);
        standalone.bar = bar;
        standalone.position = position;
        Decision d = evaluate(standalone);
        IndicatorSnapshot snap = snapshot();
        if (!d.isSignal()) {
            return StrategyDecision.none(snap);
        }
        Side side = switch (d.action()) {
            case LONG -> Side.BUY;
            case SHORT -> Side.SELL;
            case CLOSE -> position != null && position.quantity().signum() < 0 ? Side.BUY : Side.SELL;
            case HOLD -> throw new IllegalStateException("unreachable");
        };
        return new StrategyDecision(snap, side, d.reason());
    }

    private static final class StandaloneContext implements StrategyContext {
        final BarHistory bars;
        final Instrument instrument;
        Bar bar;
        Position position;

        StandaloneContext(int capacity, Instrument instrument) {
            this.bars = new BarHistory(capacity);
            this.instrument = instrument;
        }

        @Override public Bar bar() { return bar; }
        @Override public BarHistory bars() { return bars; }
        @Override public Position position() { return position; }
        @Override public int positionSign() { return position == null ? 0 : position.quantity().signum(); }
        @Override public Instrument instrument() { return instrument; }
        @Override public double bookImbalance() { return Double.NaN; }
    }

    /** Helper: the action of {@code d} is {@code a}. */
    protected static boolean is(Decision d, SignalAction a) {
        return d.action() == a;
    }
}
