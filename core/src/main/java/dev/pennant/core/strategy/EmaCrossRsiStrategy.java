package dev.pennant.core.strategy;

import dev.pennant.core.analysis.IndicatorSnapshot;
import dev.pennant.core.analysis.IndicatorSpec;
import dev.pennant.core.model.Bar;
import dev.pennant.core.model.Position;
import dev.pennant.core.model.Side;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.Indicator;
import org.ta4j.core.indicators.RSIIndicator;
import org.ta4j.core.indicators.averages.EMAIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.num.DoubleNumFactory;
import org.ta4j.core.num.Num;
import org.ta4j.core.rules.CrossedDownIndicatorRule;
import org.ta4j.core.rules.CrossedUpIndicatorRule;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Long-only trend follower: enter when the fast EMA crosses above the slow EMA while RSI is below an overbought
 * limit; exit when the fast EMA crosses back below the slow EMA or RSI reaches an exhaustion level.
 *
 * <p>Indicators come from ta4j ({@link EMAIndicator}, {@link RSIIndicator} with Wilder smoothing,
 * {@link CrossedUpIndicatorRule}/{@link CrossedDownIndicatorRule}). ta4j runs on {@code double}
 * ({@link DoubleNumFactory}): indicator math is a hot loop and does not hold money. No signal is given until
 * {@code max(slow, rsiPeriod)} bars have been seen (ta4j's unstable warm-up).
 */
public final class EmaCrossRsiStrategy implements Strategy {

    /**
     * Parameters.
     *
     * @param fastPeriod  fast EMA length in bars (default 9)
     * @param slowPeriod  slow EMA length in bars (default 21)
     * @param rsiPeriod   RSI length in bars (default 14)
     * @param rsiEntryMax enter only while RSI is below this (default 70, the classic overbought level)
     * @param rsiExitMin  exit when RSI reaches this (default 80)
     */
    public record Parameters(int fastPeriod, int slowPeriod, int rsiPeriod, double rsiEntryMax, double rsiExitMin) {
        /** @throws IllegalArgumentException naming the parameter and the rule */
        public Parameters {
            if (fastPeriod < 1) throw new IllegalArgumentException("fastPeriod must be >= 1, was " + fastPeriod);
            if (slowPeriod <= fastPeriod) {
                throw new IllegalArgumentException("slowPeriod must be > fastPeriod (" + fastPeriod + "), was " + slowPeriod);
            }
            if (rsiPeriod < 2) throw new IllegalArgumentException("rsiPeriod must be >= 2, was " + rsiPeriod);
            if (!(rsiEntryMax > 0 && rsiEntryMax < 100)) throw new IllegalArgumentException("rsiEntryMax must be in (0, 100)");
            if (!(rsiExitMin > 0 && rsiExitMin <= 100)) throw new IllegalArgumentException("rsiExitMin must be in (0, 100]");
        }

        /** 9 / 21 / 14, entry below RSI 70, exit at RSI 80. */
        public static Parameters defaults() {
            return new Parameters(9, 21, 14, 70, 80);
        }
    }

    /** Strategy name shown in the UI and stored with signals. */
    public static final String NAME = "EMA-cross+RSI";
    /** Reason codes. */
    public static final String EMA_CROSS_UP = "EMA_CROSS_UP";
    public static final String EMA_CROSS_DOWN = "EMA_CROSS_DOWN";
    public static final String RSI_EXHAUSTION = "RSI_EXHAUSTION";

    private static final int MAX_BARS = 600;

    private final Parameters p;
    private final String fastName;
    private final String slowName;
    private final String rsiName;
    private final BarSeries series;
    private final Indicator<Num> fast;
    private final Indicator<Num> slow;
    private final Indicator<Num> rsi;
    private final CrossedUpIndicatorRule crossUp;
    private final CrossedDownIndicatorRule crossDown;
    private long barsSeen;

    /** A strategy with its own ta4j series (bounded to the last 600 bars). */
    public EmaCrossRsiStrategy(Parameters parameters) {
        this.p = parameters;
        this.fastName = "EMA(" + p.fastPeriod() + ")";
        this.slowName = "EMA(" + p.slowPeriod() + ")";
        this.rsiName = "RSI(" + p.rsiPeriod() + ")";
        this.series = new BaseBarSeriesBuilder().withName("pennant").withNumFactory(DoubleNumFactory.getInstance())
                .withMaxBarCount(MAX_BARS).build();
        ClosePriceIndicator close = new ClosePriceIndicator(series);
        this.fast = new EMAIndicator(close, p.fastPeriod());
        this.slow = new EMAIndicator(close, p.slowPeriod());
        this.rsi = new RSIIndicator(close, p.rsiPeriod());
        this.crossUp = new CrossedUpIndicatorRule(fast, slow);
        this.crossDown = new CrossedDownIndicatorRule(fast, slow);
    }

    /** The parameters in use. */
    public Parameters parameters() {
        return p;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<IndicatorSpec> indicators() {
        return List.of(IndicatorSpec.overlay(fastName), IndicatorSpec.overlay(slowName),
                IndicatorSpec.oscillator(rsiName, 30, p.rsiEntryMax()));
    }

    /** Names of the fast EMA, slow EMA and RSI values in the snapshot. */
    public String fastName() { return fastName; }
    /** @see #fastName() */
    public String slowName() { return slowName; }
    /** @see #fastName() */
    public String rsiName() { return rsiName; }

    @Override
    public StrategyDecision onBar(Bar bar, Position position) {
        series.barBuilder()
                .timePeriod(Duration.ofMillis(bar.interval().millis()))
                .endTime(Instant.ofEpochMilli(bar.openTime() + bar.interval().millis()))
                .openPrice(bar.open().doubleValue())
                .highPrice(bar.high().doubleValue())
                .lowPrice(bar.low().doubleValue())
                .closePrice(bar.close().doubleValue())
                .volume(bar.volume().doubleValue())
                .add();
        barsSeen++;
        int i = series.getEndIndex();
        boolean stable = barsSeen > Math.max(p.slowPeriod(), p.rsiPeriod());
        double f = fast.getValue(i).doubleValue();
        double s = slow.getValue(i).doubleValue();
        double r = rsi.getValue(i).doubleValue();
        Map<String, Double> values = new LinkedHashMap<>();
        values.put(fastName, stable ? f : Double.NaN);
        values.put(slowName, stable ? s : Double.NaN);
        values.put(rsiName, stable ? r : Double.NaN);
        IndicatorSnapshot snapshot = new IndicatorSnapshot(bar.openTime(), values);
        if (!stable) {
            return StrategyDecision.none(snapshot);
        }
        boolean flat = position == null || position.quantity().signum() <= 0;
        if (flat) {
            if (crossUp.isSatisfied(i) && r < p.rsiEntryMax()) {
                return new StrategyDecision(snapshot, Side.BUY, EMA_CROSS_UP);
            }
        } else {
            if (crossDown.isSatisfied(i)) {
                return new StrategyDecision(snapshot, Side.SELL, EMA_CROSS_DOWN);
            }
            if (r >= p.rsiExitMin()) {
                return new StrategyDecision(snapshot, Side.SELL, RSI_EXHAUSTION);
            }
        }
        return StrategyDecision.none(snapshot);
    }
}
