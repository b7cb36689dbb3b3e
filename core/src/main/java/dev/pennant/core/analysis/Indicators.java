package dev.pennant.core.analysis;

import dev.pennant.core.model.Bar;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.Indicator;
import org.ta4j.core.indicators.ATRIndicator;
import org.ta4j.core.indicators.CCIIndicator;
import org.ta4j.core.indicators.MACDIndicator;
import org.ta4j.core.indicators.RSIIndicator;
import org.ta4j.core.indicators.StochasticOscillatorKIndicator;
import org.ta4j.core.indicators.adx.ADXIndicator;
import org.ta4j.core.indicators.adx.MinusDIIndicator;
import org.ta4j.core.indicators.adx.PlusDIIndicator;
import org.ta4j.core.indicators.averages.EMAIndicator;
import org.ta4j.core.indicators.averages.SMAIndicator;
import org.ta4j.core.indicators.averages.WMAIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsLowerIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsMiddleIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsUpperIndicator;
import org.ta4j.core.indicators.donchian.DonchianChannelLowerIndicator;
import org.ta4j.core.indicators.donchian.DonchianChannelMiddleIndicator;
import org.ta4j.core.indicators.donchian.DonchianChannelUpperIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.indicators.helpers.VolumeIndicator;
import org.ta4j.core.indicators.ichimoku.IchimokuKijunSenIndicator;
import org.ta4j.core.indicators.ichimoku.IchimokuSenkouSpanAIndicator;
import org.ta4j.core.indicators.ichimoku.IchimokuSenkouSpanBIndicator;
import org.ta4j.core.indicators.ichimoku.IchimokuTenkanSenIndicator;
import org.ta4j.core.indicators.keltner.KeltnerChannelLowerIndicator;
import org.ta4j.core.indicators.keltner.KeltnerChannelMiddleIndicator;
import org.ta4j.core.indicators.keltner.KeltnerChannelUpperIndicator;
import org.ta4j.core.indicators.numeric.NumericIndicator;
import org.ta4j.core.indicators.statistics.StandardDeviationIndicator;
import org.ta4j.core.indicators.supertrend.SuperTrendIndicator;
import org.ta4j.core.indicators.volume.OnBalanceVolumeIndicator;
import org.ta4j.core.indicators.volume.VWAPIndicator;
import org.ta4j.core.num.DoubleNumFactory;
import org.ta4j.core.num.Num;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Computes catalogue indicators ({@link IndicatorKind}) on ta4j 0.22.2 over {@code double} numbers
 * ({@link DoubleNumFactory}).
 *
 * <p>Two ways in: {@link #compute(List, IndicatorDefinition)} evaluates every bar into an {@link IndicatorSeries} (the
 * chart, analyses, tests); {@link #ta4j(BarSeries, IndicatorDefinition)} hands out the live ta4j indicators per line, so
 * a strategy that appends bars to its own series reads each new bar without recomputing history. A value is
 * {@code NaN} while its line is in ta4j's unstable warm-up ({@code getCountOfUnstableBars()}). Stateless and
 * thread-safe.
 */
public final class Indicators {

    private Indicators() {
    }

    /**
     * A ta4j series of {@code bars} (prices and volume as doubles, bar end = open time + interval).
     *
     * @throws IllegalArgumentException when open times are not strictly ascending (ta4j's rule)
     */
    public static BarSeries toSeries(List<Bar> bars) {
        BarSeries series = new BaseBarSeriesBuilder().withName("pennant-analysis")
                .withNumFactory(DoubleNumFactory.getInstance()).build();
        long prev = Long.MIN_VALUE;
        for (Bar bar : bars) {
            if (bar.openTime() <= prev) {
                throw new IllegalArgumentException("bars must have strictly ascending openTime: " + bar.openTime()
                        + " follows " + prev);
            }
            prev = bar.openTime();
            append(series, bar);
        }
        return series;
    }

    /** Appends one bar to a ta4j series built by {@link #toSeries} (or any series on {@link DoubleNumFactory}). */
    public static void append(BarSeries series, Bar bar) {
        series.barBuilder()
                .timePeriod(Duration.ofMillis(bar.interval().millis()))
                .endTime(Instant.ofEpochMilli(bar.openTime() + bar.interval().millis()))
                .openPrice(bar.open().doubleValue())
                .highPrice(bar.high().doubleValue())
                .lowPrice(bar.low().doubleValue())
                .closePrice(bar.close().doubleValue())
                .volume(bar.volume().doubleValue())
                .add();
    }

    /** {@code definition} evaluated on every bar of {@code bars}. */
    public static IndicatorSeries compute(List<Bar> bars, IndicatorDefinition definition) {
        return compute(toSeries(bars), definition);
    }

    /** Each definition evaluated on every bar of {@code bars} (one shared ta4j series). */
    public static List<IndicatorSeries> computeAll(List<Bar> bars, List<IndicatorDefinition> definitions) {
        BarSeries series = toSeries(bars);
        List<IndicatorSeries> out = new ArrayList<>(definitions.size());
        for (IndicatorDefinition d : definitions) {
            out.add(compute(series, d));
        }
        return out;
    }

    /** {@code definition} evaluated on every bar of a ta4j series (from its begin index to its end index). */
    public static IndicatorSeries compute(BarSeries series, IndicatorDefinition definition) {
        int begin = series.getBeginIndex();
        int n = series.isEmpty() ? 0 : series.getEndIndex() - begin + 1;
        long[] times = new long[n];
        for (int i = 0; i < n; i++) {
            times[i] = series.getBar(begin + i).getBeginTime().toEpochMilli();
        }
        Map<String, double[]> lines = new LinkedHashMap<>();
        for (var e : ta4j(series, definition).entrySet()) {
            Indicator<Num> ind = e.getValue();
            int unstable = ind.getCountOfUnstableBars();
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = i < unstable ? Double.NaN : toDouble(ind.getValue(begin + i));
            }
            lines.put(e.getKey(), v);
        }
        return new IndicatorSeries(definition, times, lines);
    }

    /** A ta4j value as a double; ta4j's NaN (or null) becomes {@link Double#NaN}. */
    public static double toDouble(Num num) {
        return Num.isNaNOrNull(num) ? Double.NaN : num.doubleValue();
    }

    /**
     * The ta4j indicators behind {@code definition}, one per output line, keyed by line name
     * ({@link IndicatorDefinition#lineNames()} order). They read {@code series} lazily, so bars appended later are
     * seen.
     */
    public static Map<String, Indicator<Num>> ta4j(BarSeries series, IndicatorDefinition definition) {
        List<String> names = definition.lineNames();
        List<Indicator<Num>> lines = new ArrayList<>();
        ClosePriceIndicator close = new ClosePriceIndicator(series);
        switch (definition.kind()) {
            case SMA -> lines.add(new SMAIndicator(close, definition.intValue("period")));
            case EMA -> lines.add(new EMAIndicator(close, definition.intValue("period")));
            case WMA -> lines.add(new WMAIndicator(close, definition.intValue("period")));
            case RSI -> lines.add(new RSIIndicator(close, definition.intValue("period")));
            case MACD -> {
                MACDIndicator macd = new MACDIndicator(close, definition.intValue("fast"), definition.intValue("slow"));
                EMAIndicator signal = macd.getSignalLine(definition.intValue("signal"));
                // the signal EMA can only start once MACD is valid: its warm-up adds to MACD's
                int signalUnstable = macd.getCountOfUnstableBars() + signal.getCountOfUnstableBars();
                lines.add(macd);
                lines.add(withUnstable(signal, signalUnstable));
                lines.add(withUnstable(NumericIndicator.of(macd).minus(signal), signalUnstable));
            }
            case BOLLINGER -> {
                int period = definition.intValue("period");
                BollingerBandsMiddleIndicator mid = new BollingerBandsMiddleIndicator(new SMAIndicator(close, period));
                StandardDeviationIndicator sd = new StandardDeviationIndicator(close, period);
                Num k = series.numFactory().numOf(definition.value("k"));
                lines.add(mid);
                lines.add(new BollingerBandsUpperIndicator(mid, sd, k));
                lines.add(new BollingerBandsLowerIndicator(mid, sd, k));
            }
            case ATR -> lines.add(new ATRIndicator(series, definition.intValue("period")));
            case ADX -> {
                int period = definition.intValue("period");
                lines.add(new ADXIndicator(series, period));
                lines.add(new PlusDIIndicator(series, period));
                lines.add(new MinusDIIndicator(series, period));
            }
            case STOCHASTIC -> {
                StochasticOscillatorKIndicator k = new StochasticOscillatorKIndicator(series, definition.intValue("period"));
                lines.add(k);
                lines.add(new SMAIndicator(k, definition.intValue("d")));
            }
            case CCI -> lines.add(new CCIIndicator(series, definition.intValue("period")));
            case OBV -> lines.add(new OnBalanceVolumeIndicator(series));
            case VWAP -> lines.add(new VWAPIndicator(series, definition.intValue("period")));
            case ICHIMOKU -> {
                IchimokuTenkanSenIndicator tenkan = new IchimokuTenkanSenIndicator(series, definition.intValue("tenkan"));
                IchimokuKijunSenIndicator kijun = new IchimokuKijunSenIndicator(series, definition.intValue("kijun"));
                int offset = definition.intValue("kijun");
                lines.add(tenkan);
                lines.add(kijun);
                lines.add(new IchimokuSenkouSpanAIndicator(series, tenkan, kijun, offset));
                lines.add(new IchimokuSenkouSpanBIndicator(series, definition.intValue("senkouB"), offset));
            }
            case SUPERTREND -> lines.add(new SuperTrendIndicator(series, definition.intValue("period"),
                    definition.value("multiplier")));
            case DONCHIAN -> {
                int period = definition.intValue("period");
                DonchianChannelUpperIndicator up = new DonchianChannelUpperIndicator(series, period);
                DonchianChannelLowerIndicator lo = new DonchianChannelLowerIndicator(series, period);
                lines.add(new DonchianChannelMiddleIndicator(series, period, lo, up));
                lines.add(up);
                lines.add(lo);
            }
            case KELTNER -> {
                KeltnerChannelMiddleIndicator mid = new KeltnerChannelMiddleIndicator(series, definition.intValue("period"));
                ATRIndicator atr = new ATRIndicator(series, definition.intValue("atrPeriod"));
                double m = definition.value("multiplier");
                lines.add(mid);
                lines.add(new KeltnerChannelUpperIndicator(mid, atr, m));
                lines.add(new KeltnerChannelLowerIndicator(mid, atr, m));
            }
            case VOLUME_MA -> lines.add(new SMAIndicator(new VolumeIndicator(series), definition.intValue("period")));
            case VOLUME_TREND -> {
                VolumeIndicator vol = new VolumeIndicator(series);
                SMAIndicator fast = new SMAIndicator(vol, definition.intValue("fast"));
                SMAIndicator slow = new SMAIndicator(vol, definition.intValue("slow"));
                lines.add(withUnstable(NumericIndicator.of(fast).dividedBy(slow).minus(1), slow.getCountOfUnstableBars()));
            }
        }
        Map<String, Indicator<Num>> out = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            out.put(names.get(i), lines.get(i));
        }
        return out;
    }

    /** A derived ta4j indicator with an explicit warm-up (NumericIndicator's own count is not always the inputs' max). */
    private static Indicator<Num> withUnstable(Indicator<Num> inner, int unstable) {
        return new Indicator<>() {
            @Override
            public Num getValue(int index) {
                return inner.getValue(index);
            }

            @Override
            public int getCountOfUnstableBars() {
                return Math.max(unstable, inner.getCountOfUnstableBars());
            }

            @Override
            public BarSeries getBarSeries() {
                return inner.getBarSeries();
            }
        };
    }
}
