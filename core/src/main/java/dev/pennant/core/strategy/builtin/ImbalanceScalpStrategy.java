package dev.pennant.core.strategy.builtin;

import dev.pennant.core.analysis.IndicatorSpec;
import dev.pennant.core.model.Bar;
import dev.pennant.core.strategy.AbstractBarStrategy;
import dev.pennant.core.strategy.BarStrategy;
import dev.pennant.core.strategy.Decision;
import dev.pennant.core.strategy.ParameterSet;
import dev.pennant.core.strategy.ParameterSpec;
import dev.pennant.core.strategy.StrategyContext;
import dev.pennant.core.strategy.StrategyDefinition;
import dev.pennant.core.strategy.calc.Ema;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Scalping on 1m bars by order-flow imbalance. The imbalance is the latest order book's bid/ask size imbalance in
 * [-1, 1] ({@link StrategyContext#bookImbalance()}) when the engine has a book for the symbol, else the bar's
 * taker-flow imbalance {@code 2 × takerBuyBaseVolume / volume − 1} (Binance's kline field; 0 when the file has none).
 * LONG when imbalance ≥ threshold and the close is above EMA(trendPeriod); SHORT on the mirror image with
 * {@code allowShort = 1}. Every entry is a bracket: stop-loss {@code slPct} % and take-profit {@code tpPct} % away from
 * the close. CLOSE after {@code maxHoldBars} bars or when the imbalance turns against the position.
 * Confidence = |imbalance|.
 */
public final class ImbalanceScalpStrategy extends AbstractBarStrategy {

    /** CLI id. */
    public static final String ID = "scalp-imbalance";

    /** Parameter space. */
    public static final List<ParameterSpec> PARAMETERS = List.of(
            ParameterSpec.ofDecimal("threshold", 0.05, 1, 0.05, 0.4, "imbalance needed to enter, in [0, 1]"),
            ParameterSpec.ofInt("trendPeriod", 2, 200, 1, 21, "trend EMA length, bars"),
            ParameterSpec.ofDecimal("tpPct", 0.05, 5, 0.05, 0.3, "take-profit distance, percent of the close"),
            ParameterSpec.ofDecimal("slPct", 0.05, 5, 0.05, 0.2, "stop-loss distance, percent of the close"),
            ParameterSpec.ofInt("maxHoldBars", 1, 500, 1, 10, "close after this many bars in a position"),
            ParameterSpec.ofInt("allowShort", 0, 1, 1, 0, "1 = scalp sell pressure short (futures)"));

    /** The definition for the registry. */
    public static final StrategyDefinition DEFINITION = StrategyDefinition.of(ID,
            "scalp-imbalance: 1m scalps on book (or taker-flow) imbalance with the EMA trend, bracketed SL/TP",
            PARAMETERS, ImbalanceScalpStrategy::new);

    private final double threshold, tp, sl;
    private final int maxHold;
    private final boolean allowShort;
    private final Ema trend;
    private double imbalance = Double.NaN;
    private int held;
    private int lastSign;

    /** @param p validated parameters */
    public ImbalanceScalpStrategy(ParameterSet p) {
        super("Imbalance scalp", p);
        threshold = p.get("threshold");
        tp = p.get("tpPct") / 100;
        sl = p.get("slPct") / 100;
        maxHold = p.getInt("maxHoldBars");
        allowShort = p.getInt("allowShort") == 1;
        trend = Ema.exponential(p.getInt("trendPeriod"));
    }

    @Override
    public int warmupBars() {
        return parameters().getInt("trendPeriod");
    }

    @Override
    public List<IndicatorSpec> indicators() {
        return List.of(IndicatorSpec.overlay("EMA(" + parameters().getInt("trendPeriod") + ")"),
                IndicatorSpec.oscillator("imbalance", -threshold, threshold));
    }

    @Override
    protected void update(StrategyContext ctx) {
        trend.update(ctx.bars().close(0));
        double book = ctx.bookImbalance();
        imbalance = Double.isNaN(book) ? flowImbalance(ctx.bar()) : book;
        int sign = ctx.positionSign();
        held = sign != 0 && sign == lastSign ? held + 1 : 0;
        lastSign = sign;
    }

    /** {@code 2 × takerBuy / volume − 1} in [-1, 1]; 0 without the field or volume. */
    static double flowImbalance(Bar b) {
        if (b.takerBuyBaseVolume() == null || b.volume().signum() == 0) {
            return 0;
        }
        double r = 2 * b.takerBuyBaseVolume().doubleValue() / b.volume().doubleValue() - 1;
        return Math.max(-1, Math.min(1, r));
    }

    @Override
    protected Decision entry(StrategyContext ctx) {
        double c = ctx.bars().close(0);
        if (imbalance >= threshold && c > trend.value()) {
            return Decision.goLong("BID_IMBALANCE").withConfidence(Math.min(1, imbalance))
                    .withExits(BigDecimal.valueOf(c * (1 - sl)), BigDecimal.valueOf(c * (1 + tp)));
        }
        if (allowShort && imbalance <= -threshold && c < trend.value()) {
            return Decision.goShort("ASK_IMBALANCE").withConfidence(Math.min(1, -imbalance))
                    .withExits(BigDecimal.valueOf(c * (1 + sl)), BigDecimal.valueOf(c * (1 - tp)));
        }
        return Decision.HOLD;
    }

    @Override
    protected Decision exitLong(StrategyContext ctx) {
        if (held >= maxHold) {
            return Decision.close("MAX_HOLD");
        }
        return imbalance <= -threshold ? Decision.close("IMBALANCE_FLIPPED") : Decision.HOLD;
    }

    @Override
    protected Decision exitShort(StrategyContext ctx) {
        if (held >= maxHold) {
            return Decision.close("MAX_HOLD");
        }
        return imbalance >= threshold ? Decision.close("IMBALANCE_FLIPPED") : Decision.HOLD;
    }

    @Override
    protected void values(Map<String, Double> out) {
        out.put("EMA(" + parameters().getInt("trendPeriod") + ")", trend.value());
        out.put("imbalance", imbalance);
    }
}
