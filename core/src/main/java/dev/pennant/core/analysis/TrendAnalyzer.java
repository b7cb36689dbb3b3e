package dev.pennant.core.analysis;

import dev.pennant.core.model.Bar;

import java.util.List;
import java.util.Map;

/**
 * Trend direction and strength at the last bar of a series.
 *
 * <p>Four votes, each +1 (up), -1 (down) or 0: EMA(fast) vs EMA(slow); close vs EMA(slow); the slope of EMA(slow)
 * over {@code slopeBars}; the MACD(12,26,9) histogram's sign. Their mean is the {@code score} in [-1, 1]. The trend
 * is BULLISH when {@code score ≥ 0.5} and ADX ≥ {@code adxThreshold}, BEARISH when {@code score ≤ -0.5} and ADX ≥
 * {@code adxThreshold}, else NEUTRAL. {@code strength = |score| × min(1, ADX/40)} in [0, 1]: agreement of the votes
 * scaled by Wilder's ADX, where 40+ is a strong trend by his reading. Own composition of ta4j indicators.
 */
public final class TrendAnalyzer {

    /**
     * Settings.
     *
     * @param fastPeriod   fast EMA bars (default 20)
     * @param slowPeriod   slow EMA bars (default 50), &gt; fast
     * @param adxPeriod    ADX bars (default 14)
     * @param slopeBars    bars over which the slow EMA's slope is taken (default 10)
     * @param adxThreshold minimum ADX for a directional call (default 20)
     */
    public record Parameters(int fastPeriod, int slowPeriod, int adxPeriod, int slopeBars, double adxThreshold) {
        /** @throws IllegalArgumentException naming the parameter and the rule */
        public Parameters {
            if (fastPeriod < 1) throw new IllegalArgumentException("fastPeriod must be >= 1, was " + fastPeriod);
            if (slowPeriod <= fastPeriod) throw new IllegalArgumentException("slowPeriod must be > fastPeriod (" + fastPeriod + "), was " + slowPeriod);
            if (adxPeriod < 2) throw new IllegalArgumentException("adxPeriod must be >= 2, was " + adxPeriod);
            if (slopeBars < 1) throw new IllegalArgumentException("slopeBars must be >= 1, was " + slopeBars);
            if (!(adxThreshold >= 0 && adxThreshold <= 100)) throw new IllegalArgumentException("adxThreshold must be in [0, 100], was " + adxThreshold);
        }

        /** EMA 20/50, ADX 14, slope over 10 bars, ADX ≥ 20. */
        public static Parameters defaults() {
            return new Parameters(20, 50, 14, 10, 20);
        }

        /** Bars needed before every input is out of warm-up. */
        public int barsNeeded() {
            return Math.max(slowPeriod + slopeBars, Math.max(2 * adxPeriod, 35)) + 1;
        }
    }

    /**
     * A trend reading.
     *
     * @param direction BULLISH / BEARISH / NEUTRAL
     * @param strength  in [0, 1]
     * @param score     mean vote in [-1, 1]
     * @param time      open time of the bar read, epoch ms UTC (0 when no bars)
     * @param inputs    the EMAs, close, slope, ADX, MACD histogram and each vote
     */
    public record Trend(TrendDirection direction, double strength, double score, long time, Map<String, Object> inputs) {
        /** Copies; checks ranges. */
        public Trend {
            if (!(strength >= 0 && strength <= 1)) throw new IllegalArgumentException("strength must be in [0, 1], was " + strength);
            inputs = Inputs.copy(inputs);
        }
    }

    private TrendAnalyzer() {
    }

    /** {@link #analyze(List, Parameters)} with defaults. */
    public static Trend analyze(List<Bar> bars) {
        return analyze(bars, Parameters.defaults());
    }

    /** The trend at the last bar; NEUTRAL with strength 0 (and {@code insufficientBars} in the inputs) when too few bars. */
    public static Trend analyze(List<Bar> bars, Parameters p) {
        IndicatorDefinition fastD = IndicatorDefinition.of(IndicatorKind.EMA, p.fastPeriod());
        IndicatorDefinition slowD = IndicatorDefinition.of(IndicatorKind.EMA, p.slowPeriod());
        IndicatorDefinition adxD = IndicatorDefinition.of(IndicatorKind.ADX, p.adxPeriod());
        IndicatorDefinition macdD = IndicatorDefinition.defaults(IndicatorKind.MACD);
        if (bars.isEmpty()) {
            return new Trend(TrendDirection.NEUTRAL, 0, 0, 0, Inputs.of("bars", 0, "insufficientBars", true,
                    "barsNeeded", p.barsNeeded()));
        }
        List<IndicatorSeries> s = Indicators.computeAll(bars, List.of(fastD, slowD, adxD, macdD));
        int i = bars.size() - 1;
        double close = bars.get(i).close().doubleValue();
        double fast = s.get(0).value(fastD.name(), i);
        double slow = s.get(1).value(slowD.name(), i);
        double slowBefore = i - p.slopeBars() >= 0 ? s.get(1).value(slowD.name(), i - p.slopeBars()) : Double.NaN;
        double adx = s.get(2).value(adxD.name(), i);
        double plusDi = s.get(2).value(adxD.name() + " +DI", i);
        double minusDi = s.get(2).value(adxD.name() + " -DI", i);
        double hist = s.get(3).value(macdD.name() + " hist", i);
        long time = bars.get(i).openTime();
        double slope = slow - slowBefore;
        if (Double.isNaN(fast) || Double.isNaN(slow) || Double.isNaN(slowBefore) || Double.isNaN(adx) || Double.isNaN(hist)) {
            return new Trend(TrendDirection.NEUTRAL, 0, 0, time, Inputs.of("bars", bars.size(), "insufficientBars", true,
                    "barsNeeded", p.barsNeeded()));
        }
        int vEma = (int) Math.signum(fast - slow);
        int vClose = (int) Math.signum(close - slow);
        int vSlope = (int) Math.signum(slope);
        int vMacd = (int) Math.signum(hist);
        double score = (vEma + vClose + vSlope + vMacd) / 4.0;
        TrendDirection dir = adx < p.adxThreshold() ? TrendDirection.NEUTRAL
                : score >= 0.5 ? TrendDirection.BULLISH : score <= -0.5 ? TrendDirection.BEARISH : TrendDirection.NEUTRAL;
        double strength = Math.abs(score) * Math.min(1, adx / 40);
        return new Trend(dir, strength, score, time, Inputs.of(
                "bars", bars.size(),
                "close", close,
                fastD.name(), fast,
                slowD.name(), slow,
                "slowSlope" + p.slopeBars(), slope,
                adxD.name(), adx,
                "+DI", plusDi,
                "-DI", minusDi,
                macdD.name() + " hist", hist,
                "adxThreshold", p.adxThreshold(),
                "voteEmaCross", vEma,
                "voteCloseVsSlow", vClose,
                "voteSlope", vSlope,
                "voteMacd", vMacd));
    }
}
