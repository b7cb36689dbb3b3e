package dev.pennant.core.analysis;

import java.util.List;
import java.util.Locale;

/**
 * The catalogue of indicators Pennant computes ({@link Indicators#compute}): for each kind its parameters (range and
 * default), the lines it outputs and where they are drawn. Formulas and their sources are on each constant; the
 * computation is ta4j's (0.22.2) except where a constant says otherwise.
 *
 * <p>Line names: the first line of a definition is named by {@link IndicatorDefinition#name()} (e.g. {@code EMA(21)}),
 * further lines append a suffix ({@code "MACD(12,26,9) signal"}). These names are the keys of
 * {@link IndicatorSnapshot#values()} and the names of the {@link IndicatorSpec}s.
 */
public enum IndicatorKind {
    /** Simple moving average of the close: mean of the last {@code period} closes. */
    SMA("SMA", "Simple moving average", true, Double.NaN, Double.NaN, List.of(""),
            IndicatorParameter.bars("period", "bars averaged", 1, 1000, 20)),
    /**
     * Exponential moving average of the close, alpha = 2/(period+1). ta4j seeds it with the close at bar
     * {@code period} (earlier bars NaN); the seed's weight decays as (1-alpha)^k.
     */
    EMA("EMA", "Exponential moving average", true, Double.NaN, Double.NaN, List.of(""),
            IndicatorParameter.bars("period", "bars (alpha = 2/(period+1))", 1, 1000, 21)),
    /** Linearly weighted moving average of the close: weights period, period-1, …, 1 (newest heaviest). */
    WMA("WMA", "Weighted moving average", true, Double.NaN, Double.NaN, List.of(""),
            IndicatorParameter.bars("period", "bars averaged", 1, 1000, 20)),
    /**
     * Relative strength index, Wilder (1978): 100 - 100/(1 + avgGain/avgLoss), averages by Wilder's smoothing
     * (alpha = 1/period). ta4j seeds the averages with one bar's gain/loss instead of Wilder's simple mean of the
     * first {@code period}; the difference decays as (1-1/period)^k. Range 0..100.
     */
    RSI("RSI", "Relative strength index (Wilder)", false, 30, 70, List.of(""),
            IndicatorParameter.bars("period", "bars (Wilder smoothing 1/period)", 2, 200, 14)),
    /**
     * MACD (Appel): EMA(fast) - EMA(slow) of the close; signal = EMA(signal) of MACD; histogram = MACD - signal.
     * Quote-asset units.
     */
    MACD("MACD", "Moving average convergence/divergence", false, 0, 0, List.of("", "signal", "hist"),
            IndicatorParameter.bars("fast", "fast EMA bars", 1, 200, 12),
            IndicatorParameter.bars("slow", "slow EMA bars (> fast)", 2, 400, 26),
            IndicatorParameter.bars("signal", "signal EMA bars", 1, 200, 9)),
    /**
     * Bollinger Bands (Bollinger 2001): middle = SMA(period) of the close, upper/lower = middle ± k × population
     * standard deviation of the same {@code period} closes.
     */
    BOLLINGER("BB", "Bollinger Bands", true, Double.NaN, Double.NaN, List.of("", "upper", "lower"),
            IndicatorParameter.bars("period", "bars", 2, 500, 20),
            IndicatorParameter.real("k", "standard deviations", 0.1, 10, 2)),
    /**
     * Average true range, Wilder: Wilder-smoothed (alpha = 1/period) true range max(high-low, |high-prevClose|,
     * |low-prevClose|). Quote-asset units; ta4j's seed as for RSI.
     */
    ATR("ATR", "Average true range (Wilder)", false, Double.NaN, Double.NaN, List.of(""),
            IndicatorParameter.bars("period", "bars (Wilder smoothing)", 1, 200, 14)),
    /**
     * Average directional index with the directional movement indicators +DI/-DI (Wilder 1978): +DM/-DM and TR
     * Wilder-smoothed, DI = 100 × DM/ATR, DX = 100 × |+DI - -DI|/(+DI + -DI), ADX = Wilder-smoothed DX. Range 0..100.
     */
    ADX("ADX", "Average directional index / DMI", false, 20, 40, List.of("", "+DI", "-DI"),
            IndicatorParameter.bars("period", "bars (DI and ADX smoothing)", 2, 200, 14)),
    /**
     * Stochastic oscillator (Lane): %K = 100 × (close - lowest low)/(highest high - lowest low) over {@code period};
     * %D = SMA(d) of %K. Range 0..100.
     */
    STOCHASTIC("STOCH", "Stochastic oscillator", false, 20, 80, List.of("", "%D"),
            IndicatorParameter.bars("period", "%K look-back bars", 1, 500, 14),
            IndicatorParameter.bars("d", "%D smoothing bars", 1, 50, 3)),
    /**
     * Commodity channel index (Lambert 1980): (TP - SMA(TP))/(0.015 × mean absolute deviation of TP), TP =
     * (high+low+close)/3.
     */
    CCI("CCI", "Commodity channel index", false, -100, 100, List.of(""),
            IndicatorParameter.bars("period", "bars", 2, 500, 20)),
    /** On-balance volume (Granville): running sum of +volume on up closes, -volume on down closes; base asset. */
    OBV("OBV", "On-balance volume", false, Double.NaN, Double.NaN, List.of("")),
    /**
     * Rolling volume-weighted average price: Σ(TP × volume)/Σ volume over the last {@code period} bars, TP =
     * (high+low+close)/3. Quote asset.
     */
    VWAP("VWAP", "Volume-weighted average price (rolling)", true, Double.NaN, Double.NaN, List.of(""),
            IndicatorParameter.bars("period", "bars", 1, 5000, 20)),
    /**
     * Ichimoku Kinko Hyo (Hosoda): tenkan = midpoint of the {@code tenkan}-bar high/low range, kijun = same over
     * {@code kijun}, senkou A = (tenkan+kijun)/2 and senkou B = midpoint over {@code senkouB}, both taken from
     * {@code kijun-1} bars back (so the value at a bar is the cloud drawn at that bar). The chikou span (the close
     * drawn 26 bars back) is left out: its value at a bar is a future close, which a strategy must never see.
     */
    ICHIMOKU("ICHIMOKU", "Ichimoku cloud", true, Double.NaN, Double.NaN, List.of("tenkan", "kijun", "senkouA", "senkouB"),
            IndicatorParameter.bars("tenkan", "conversion line bars", 1, 200, 9),
            IndicatorParameter.bars("kijun", "base line bars (also the cloud's displacement)", 1, 400, 26),
            IndicatorParameter.bars("senkouB", "leading span B bars", 1, 800, 52)),
    /**
     * SuperTrend (Seban): basic bands = (high+low)/2 ± multiplier × ATR(period), ratcheted final bands; the line is
     * the lower band in an up-trend and the upper band in a down-trend, flipping when the close crosses it.
     */
    SUPERTREND("SUPERTREND", "SuperTrend", true, Double.NaN, Double.NaN, List.of(""),
            IndicatorParameter.bars("period", "ATR bars", 1, 200, 10),
            IndicatorParameter.real("multiplier", "ATR multiple", 0.1, 20, 3)),
    /** Donchian channel: highest high / lowest low of the last {@code period} bars and their midpoint. */
    DONCHIAN("DONCHIAN", "Donchian channel", true, Double.NaN, Double.NaN, List.of("", "upper", "lower"),
            IndicatorParameter.bars("period", "bars", 1, 1000, 20)),
    /**
     * Keltner channel (Raschke's ATR form): middle = EMA(period) of the typical price, upper/lower = middle ±
     * multiplier × ATR(atrPeriod).
     */
    KELTNER("KELTNER", "Keltner channel", true, Double.NaN, Double.NaN, List.of("", "upper", "lower"),
            IndicatorParameter.bars("period", "EMA bars", 1, 500, 20),
            IndicatorParameter.bars("atrPeriod", "ATR bars", 1, 200, 10),
            IndicatorParameter.real("multiplier", "ATR multiple", 0.1, 10, 2)),
    /** Simple moving average of the base-asset volume. */
    VOLUME_MA("VOLMA", "Volume moving average", false, Double.NaN, Double.NaN, List.of(""),
            IndicatorParameter.bars("period", "bars", 1, 1000, 20)),
    /**
     * Volume trend: SMA(fast)/SMA(slow) of the base-asset volume minus 1, a fraction: &gt; 0 when recent volume runs
     * above its longer average (participation rising), &lt; 0 when it fades. Own arithmetic over ta4j SMAs.
     */
    VOLUME_TREND("VOLTREND", "Volume trend (fast/slow volume MA - 1)", false, 0, 0, List.of(""),
            IndicatorParameter.bars("fast", "fast volume MA bars", 1, 500, 5),
            IndicatorParameter.bars("slow", "slow volume MA bars (> fast)", 2, 1000, 20));

    private final String code;
    private final String title;
    private final boolean overlay;
    private final double lower;
    private final double upper;
    private final List<String> lineSuffixes;
    private final List<IndicatorParameter> parameters;

    IndicatorKind(String code, String title, boolean overlay, double lower, double upper, List<String> lineSuffixes,
                  IndicatorParameter... parameters) {
        this.code = code;
        this.title = title;
        this.overlay = overlay;
        this.lower = lower;
        this.upper = upper;
        this.lineSuffixes = lineSuffixes;
        this.parameters = List.of(parameters);
    }

    /** Short code used in names, e.g. {@code "BB"} for Bollinger Bands. */
    public String code() { return code; }

    /** Human-readable title for pickers. */
    public String title() { return title; }

    /** Where the lines are drawn: {@link IndicatorSpec.Pane#PRICE_OVERLAY} for price-scaled lines, else a sub-pane. */
    public IndicatorSpec.Pane pane() { return overlay ? IndicatorSpec.Pane.PRICE_OVERLAY : IndicatorSpec.Pane.SUB_PANE; }

    /** Lower reference level of an oscillator (RSI 30), {@code NaN} when none. */
    public double lowerLevel() { return lower; }

    /** Upper reference level of an oscillator (RSI 70), {@code NaN} when none. */
    public double upperLevel() { return upper; }

    /** Suffixes of the output lines, in order; {@code ""} is the line named by the definition alone. */
    public List<String> lineSuffixes() { return lineSuffixes; }

    /** The tunable parameters, in the positional order {@link IndicatorDefinition#parse} uses. */
    public List<IndicatorParameter> parameters() { return parameters; }

    /** The parameter called {@code name}. @throws IllegalArgumentException listing the known names */
    public IndicatorParameter parameter(String name) {
        for (IndicatorParameter p : parameters) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException(code + " has no parameter '" + name + "' (known: "
                + parameters.stream().map(IndicatorParameter::name).toList() + ")");
    }

    /**
     * The kind whose {@link #code()} or constant name is {@code text} (case-insensitive).
     *
     * @throws IllegalArgumentException listing the known codes
     */
    public static IndicatorKind ofCode(String text) {
        String t = text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
        for (IndicatorKind k : values()) {
            if (k.code.equals(t) || k.name().equals(t)) {
                return k;
            }
        }
        StringBuilder known = new StringBuilder();
        for (IndicatorKind k : values()) {
            known.append(known.isEmpty() ? "" : " ").append(k.code);
        }
        throw new IllegalArgumentException("indicator '" + text + "' is not one of " + known);
    }
}
