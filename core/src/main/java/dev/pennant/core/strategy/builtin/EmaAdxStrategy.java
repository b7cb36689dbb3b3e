package dev.pennant.core.strategy.builtin;

import dev.pennant.core.analysis.IndicatorSpec;
import dev.pennant.core.strategy.AbstractBarStrategy;
import dev.pennant.core.strategy.BarStrategy;
import dev.pennant.core.strategy.Decision;
import dev.pennant.core.strategy.ParameterSet;
import dev.pennant.core.strategy.ParameterSpec;
import dev.pennant.core.strategy.StrategyContext;
import dev.pennant.core.strategy.StrategyDefinition;
import dev.pennant.core.strategy.calc.Adx;
import dev.pennant.core.strategy.calc.Cross;
import dev.pennant.core.strategy.calc.Ema;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Momentum / trend: EMA cross confirmed by trend strength (Wilder's ADX/DMI). Go LONG when EMA(fast) crosses above
 * EMA(slow) with ADX ≥ adxMin and +DI > −DI; go SHORT on the mirror image when {@code allowShort = 1} (USDⓈ-M; on spot
 * a SHORT is recorded, not traded); CLOSE on the opposite cross. Confidence = min(1, ADX / 50). With
 * {@code atrStop > 0} the entry carries an ATR stop-loss ({@code atrStop × ATR} away) and a take-profit at twice that
 * distance, sent as a bracket.
 */
public final class EmaAdxStrategy extends AbstractBarStrategy {

    /** CLI id. */
    public static final String ID = "ema-adx";

    /** Parameter space. */
    public static final List<ParameterSpec> PARAMETERS = List.of(
            ParameterSpec.ofInt("fastPeriod", 2, 100, 1, 20, "fast EMA length, bars"),
            ParameterSpec.ofInt("slowPeriod", 3, 400, 1, 50, "slow EMA length, bars (> fastPeriod)"),
            ParameterSpec.ofInt("adxPeriod", 2, 100, 1, 14, "ADX/DMI length (Wilder), bars"),
            ParameterSpec.ofDecimal("adxMin", 0, 100, 1, 20, "trade a cross only when ADX is at least this"),
            ParameterSpec.ofDecimal("atrStop", 0, 10, 0.5, 0, "stop-loss distance in ATRs (0 = no bracket)"),
            ParameterSpec.ofInt("allowShort", 0, 1, 1, 0, "1 = go short on a down-cross (futures)"));

    /** The definition for the registry. */
    public static final StrategyDefinition DEFINITION = StrategyDefinition.of(ID,
            "ema-adx: EMA(fast)/EMA(slow) cross confirmed by ADX >= adxMin and the DMI direction",
            PARAMETERS, EmaAdxStrategy::new);

    private final int slowN;
    private final double adxMin;
    private final double atrStop;
    private final boolean allowShort;
    private final String fastName, slowName, adxName;
    private final Ema fast, slow;
    private final Adx adx;
    private final Cross cross = new Cross();
    private int crossed;

    /** @throws IllegalArgumentException when slowPeriod ≤ fastPeriod */
    public EmaAdxStrategy(ParameterSet p) {
        super("EMA-cross+ADX", p);
        int fastN = p.getInt("fastPeriod");
        slowN = p.getInt("slowPeriod");
        if (slowN <= fastN) {
            throw new IllegalArgumentException("slowPeriod must be > fastPeriod (" + fastN + "), was " + slowN);
        }
        adxMin = p.get("adxMin");
        atrStop = p.get("atrStop");
        allowShort = p.getInt("allowShort") == 1;
        fastName = "EMA(" + fastN + ")";
        slowName = "EMA(" + slowN + ")";
        adxName = "ADX(" + p.getInt("adxPeriod") + ")";
        fast = Ema.exponential(fastN);
        slow = Ema.exponential(slowN);
        adx = new Adx(p.getInt("adxPeriod"));
    }

    @Override
    public int warmupBars() {
        return Math.max(slowN, 2 * parameters().getInt("adxPeriod"));
    }

    @Override
    public List<IndicatorSpec> indicators() {
        return List.of(IndicatorSpec.overlay(fastName), IndicatorSpec.overlay(slowName),
                IndicatorSpec.oscillator(adxName, adxMin, 50), IndicatorSpec.oscillator("+DI", 0, 100),
                IndicatorSpec.oscillator("-DI", 0, 100));
    }

    @Override
    protected void update(StrategyContext ctx) {
        var b = ctx.bars();
        crossed = cross.update(fast.update(b.close(0)), slow.update(b.close(0)));
        adx.update(b.high(0), b.low(0), b.close(0));
    }

    @Override
    protected Decision entry(StrategyContext ctx) {
        double a = adx.value();
        if (crossed == Cross.NONE || !(a >= adxMin)) {
            return Decision.HOLD;
        }
        double conf = Math.min(1, a / 50);
        double close = ctx.bars().close(0);
        double dist = atrStop * adx.atr();
        if (crossed == Cross.UP && adx.plusDi() > adx.minusDi()) {
            Decision d = Decision.goLong("EMA_CROSS_UP_ADX").withConfidence(conf);
            return atrStop > 0 ? d.withExits(px(close - dist), px(close + 2 * dist)) : d;
        }
        if (crossed == Cross.DOWN && allowShort && adx.minusDi() > adx.plusDi()) {
            Decision d = Decision.goShort("EMA_CROSS_DOWN_ADX").withConfidence(conf);
            return atrStop > 0 ? d.withExits(px(close + dist), px(close - 2 * dist)) : d;
        }
        return Decision.HOLD;
    }

    @Override
    protected Decision exitLong(StrategyContext ctx) {
        return crossed == Cross.DOWN ? Decision.close("EMA_CROSS_DOWN") : Decision.HOLD;
    }

    @Override
    protected Decision exitShort(StrategyContext ctx) {
        return crossed == Cross.UP ? Decision.close("EMA_CROSS_UP") : Decision.HOLD;
    }

    @Override
    protected void values(Map<String, Double> out) {
        out.put(fastName, fast.value());
        out.put(slowName, slow.value());
        out.put(adxName, adx.value());
        out.put("+DI", adx.plusDi());
        out.put("-DI", adx.minusDi());
    }

    /** A suggested level as a price (the execution engine rounds it to the tick); null when not positive. */
    static BigDecimal px(double v) {
        return v > 0 && Double.isFinite(v) ? BigDecimal.valueOf(v) : null;
    }
}
