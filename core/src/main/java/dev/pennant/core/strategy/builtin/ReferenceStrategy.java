package dev.pennant.core.strategy.builtin;

import dev.pennant.core.analysis.IndicatorSpec;
import dev.pennant.core.strategy.AbstractBarStrategy;
import dev.pennant.core.strategy.BarStrategy;
import dev.pennant.core.strategy.Decision;
import dev.pennant.core.strategy.ParameterSet;
import dev.pennant.core.strategy.ParameterSpec;
import dev.pennant.core.strategy.StrategyContext;
import dev.pennant.core.strategy.StrategyDefinition;
import dev.pennant.core.strategy.calc.Cross;
import dev.pennant.core.strategy.calc.Ema;
import dev.pennant.core.strategy.calc.WilderRsi;

import java.util.List;
import java.util.Map;

/**
 * The common reference strategy of issue 8, so other tools can run the same thing: long only; go long when EMA(12)
 * crosses above EMA(26) while RSI(14, Wilder) is below 70; close when EMA(12) crosses below EMA(26). Sizing (95 % of
 * cash), fills at the next bar's open and the 0.1 % fee come from the engine configuration
 * ({@code Backtests.referenceConfig}), not from the strategy.
 *
 * <p>Indicators follow ta4j 0.22's conventions exactly ({@link Ema}, {@link WilderRsi}, {@link Cross}), so the ta4j
 * {@code BarSeriesManager} baseline of {@code bench backtest} makes the same trades; they are incremental
 * {@code double}s (no per-bar allocation) because this strategy is the speed benchmark.
 */
public final class ReferenceStrategy extends AbstractBarStrategy {

    /** CLI id. */
    public static final String ID = "reference";
    /** Reason codes. */
    public static final String EMA_CROSS_UP = "EMA_CROSS_UP", EMA_CROSS_DOWN = "EMA_CROSS_DOWN";

    /** Parameter space: fastPeriod, slowPeriod, rsiPeriod (bars), rsiEntryMax (RSI points). */
    public static final List<ParameterSpec> PARAMETERS = List.of(
            ParameterSpec.ofInt("fastPeriod", 2, 100, 1, 12, "fast EMA length, bars"),
            ParameterSpec.ofInt("slowPeriod", 3, 400, 1, 26, "slow EMA length, bars (> fastPeriod)"),
            ParameterSpec.ofInt("rsiPeriod", 2, 100, 1, 14, "RSI length (Wilder), bars"),
            ParameterSpec.ofDecimal("rsiEntryMax", 1, 99, 1, 70, "enter only while RSI is below this, RSI points"));

    /** The definition for the registry. */
    public static final StrategyDefinition DEFINITION = StrategyDefinition.of(ID,
            "reference: long when EMA(fast) crosses above EMA(slow) while RSI(Wilder) < rsiEntryMax; "
                    + "close when EMA(fast) crosses below EMA(slow)",
            PARAMETERS, ReferenceStrategy::new);

    private final int fastN;
    private final int slowN;
    private final double rsiMax;
    private final String fastName;
    private final String slowName;
    private final String rsiName;
    private final Ema fast;
    private final Ema slow;
    private final WilderRsi rsi;
    private final Cross cross = new Cross();
    private int crossed;

    /** @throws IllegalArgumentException when slowPeriod ≤ fastPeriod */
    public ReferenceStrategy(ParameterSet p) {
        super("Reference EMA-cross+RSI", p);
        fastN = p.getInt("fastPeriod");
        slowN = p.getInt("slowPeriod");
        if (slowN <= fastN) {
            throw new IllegalArgumentException("slowPeriod must be > fastPeriod (" + fastN + "), was " + slowN);
        }
        rsiMax = p.get("rsiEntryMax");
        fastName = "EMA(" + fastN + ")";
        slowName = "EMA(" + slowN + ")";
        rsiName = "RSI(" + p.getInt("rsiPeriod") + ")";
        fast = Ema.exponential(fastN);
        slow = Ema.exponential(slowN);
        rsi = new WilderRsi(p.getInt("rsiPeriod"));
    }

    /** With the defaults 12 / 26 / 14 / 70. */
    public ReferenceStrategy() {
        this(DEFINITION.defaults());
    }

    @Override
    public int warmupBars() {
        return slowN;
    }

    @Override
    public List<IndicatorSpec> indicators() {
        return List.of(IndicatorSpec.overlay(fastName), IndicatorSpec.overlay(slowName),
                IndicatorSpec.oscillator(rsiName, 30, rsiMax));
    }

    @Override
    protected void update(StrategyContext ctx) {
        double c = ctx.bars().close(0);
        crossed = cross.update(fast.update(c), slow.update(c));
        rsi.update(c);
    }

    @Override
    protected Decision entry(StrategyContext ctx) {
        return crossed == Cross.UP && rsi.value() < rsiMax ? UP : Decision.HOLD;
    }

    @Override
    protected Decision exitLong(StrategyContext ctx) {
        return crossed == Cross.DOWN ? DOWN : Decision.HOLD;
    }

    private static final Decision UP = Decision.goLong(EMA_CROSS_UP);
    private static final Decision DOWN = Decision.close(EMA_CROSS_DOWN);

    @Override
    protected void values(Map<String, Double> out) {
        out.put(fastName, fast.value());
        out.put(slowName, slow.value());
        out.put(rsiName, rsi.value());
    }
}
