package dev.pennant.core.strategy.builtin;

import dev.pennant.core.analysis.IndicatorSpec;
import dev.pennant.core.strategy.AbstractBarStrategy;
import dev.pennant.core.strategy.BarStrategy;
import dev.pennant.core.strategy.Decision;
import dev.pennant.core.strategy.ParameterSet;
import dev.pennant.core.strategy.ParameterSpec;
import dev.pennant.core.strategy.StrategyContext;
import dev.pennant.core.strategy.StrategyDefinition;
import dev.pennant.core.strategy.calc.Window;
import dev.pennant.core.strategy.calc.WilderRsi;

import java.util.List;
import java.util.Map;

/**
 * Mean reversion: Bollinger Bands (SMA(period) ± k × population σ; John Bollinger, "Bollinger on Bollinger Bands",
 * 2001) with an RSI filter. LONG when the close is below the lower band and RSI &lt; rsiLow; CLOSE the long at the
 * middle band or when RSI &gt; rsiHigh. With {@code allowShort = 1}: SHORT above the upper band with RSI &gt; rsiHigh,
 * CLOSE at the middle band or RSI &lt; rsiLow. Confidence grows with the distance beyond the band (1 at one σ).
 */
public final class BollingerRsiStrategy extends AbstractBarStrategy {

    /** CLI id. */
    public static final String ID = "bollinger-rsi";

    /** Parameter space. */
    public static final List<ParameterSpec> PARAMETERS = List.of(
            ParameterSpec.ofInt("period", 5, 200, 1, 20, "Bollinger SMA length, bars"),
            ParameterSpec.ofDecimal("k", 0.5, 4, 0.25, 2, "band width in standard deviations"),
            ParameterSpec.ofInt("rsiPeriod", 2, 100, 1, 14, "RSI length (Wilder), bars"),
            ParameterSpec.ofDecimal("rsiLow", 1, 50, 1, 30, "oversold level, RSI points"),
            ParameterSpec.ofDecimal("rsiHigh", 50, 99, 1, 70, "overbought level, RSI points"),
            ParameterSpec.ofInt("allowShort", 0, 1, 1, 0, "1 = fade the upper band short (futures)"));

    /** The definition for the registry. */
    public static final StrategyDefinition DEFINITION = StrategyDefinition.of(ID,
            "bollinger-rsi: buy below the lower band with RSI < rsiLow, exit at the middle band or RSI > rsiHigh",
            PARAMETERS, BollingerRsiStrategy::new);

    private final int period;
    private final double k, rsiLow, rsiHigh;
    private final boolean allowShort;
    private final Window window;
    private final WilderRsi rsi;
    private final String rsiName;
    private double mid = Double.NaN, sd = Double.NaN;

    /** @param p validated parameters */
    public BollingerRsiStrategy(ParameterSet p) {
        super("Bollinger+RSI", p);
        period = p.getInt("period");
        k = p.get("k");
        rsiLow = p.get("rsiLow");
        rsiHigh = p.get("rsiHigh");
        allowShort = p.getInt("allowShort") == 1;
        window = new Window(period);
        rsi = new WilderRsi(p.getInt("rsiPeriod"));
        rsiName = "RSI(" + p.getInt("rsiPeriod") + ")";
    }

    @Override
    public int warmupBars() {
        return Math.max(period, parameters().getInt("rsiPeriod"));
    }

    @Override
    public List<IndicatorSpec> indicators() {
        return List.of(IndicatorSpec.overlay("BB.upper"), IndicatorSpec.overlay("BB.middle"),
                IndicatorSpec.overlay("BB.lower"), IndicatorSpec.oscillator(rsiName, rsiLow, rsiHigh));
    }

    @Override
    protected void update(StrategyContext ctx) {
        double c = ctx.bars().close(0);
        window.add(c);
        rsi.update(c);
        mid = window.mean();
        sd = window.stdDev();
    }

    @Override
    protected Decision entry(StrategyContext ctx) {
        double c = ctx.bars().close(0);
        double r = rsi.value();
        if (!(sd > 0)) {
            return Decision.HOLD;
        }
        double lower = mid - k * sd, upper = mid + k * sd;
        if (c < lower && r < rsiLow) {
            return Decision.goLong("BELOW_LOWER_BAND_RSI_LOW").withConfidence(Math.min(1, (lower - c) / sd));
        }
        if (allowShort && c > upper && r > rsiHigh) {
            return Decision.goShort("ABOVE_UPPER_BAND_RSI_HIGH").withConfidence(Math.min(1, (c - upper) / sd));
        }
        return Decision.HOLD;
    }

    @Override
    protected Decision exitLong(StrategyContext ctx) {
        double c = ctx.bars().close(0);
        if (c >= mid) {
            return Decision.close("MIDDLE_BAND");
        }
        return rsi.value() > rsiHigh ? Decision.close("RSI_HIGH") : Decision.HOLD;
    }

    @Override
    protected Decision exitShort(StrategyContext ctx) {
        double c = ctx.bars().close(0);
        if (c <= mid) {
            return Decision.close("MIDDLE_BAND");
        }
        return rsi.value() < rsiLow ? Decision.close("RSI_LOW") : Decision.HOLD;
    }

    @Override
    protected void values(Map<String, Double> out) {
        out.put("BB.upper", mid + k * sd);
        out.put("BB.middle", mid);
        out.put("BB.lower", mid - k * sd);
        out.put(rsiName, rsi.value());
    }
}
