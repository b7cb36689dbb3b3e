package dev.pennant.core.strategy.builtin;

import dev.pennant.core.analysis.IndicatorSpec;
import dev.pennant.core.strategy.AbstractBarStrategy;
import dev.pennant.core.strategy.BarHistory;
import dev.pennant.core.strategy.BarStrategy;
import dev.pennant.core.strategy.Decision;
import dev.pennant.core.strategy.ParameterSet;
import dev.pennant.core.strategy.ParameterSpec;
import dev.pennant.core.strategy.StrategyContext;
import dev.pennant.core.strategy.StrategyDefinition;

import java.util.List;
import java.util.Map;

/**
 * Breakout: Donchian channel (highest high / lowest low of the previous {@code channel} bars, the current bar
 * excluded — Richard Donchian's rule as the "Turtles" traded it) confirmed by volume. LONG when the close breaks above
 * the channel high and the bar's volume is at least {@code volumeFactor} × the mean volume of the previous
 * {@code volumePeriod} bars; CLOSE the long when the close falls below the lowest low of the previous
 * {@code exitChannel} bars. {@code allowShort = 1} trades the mirror image. Reads its windows from the context's
 * {@link BarHistory}. Confidence = min(1, volume ratio / (2 × volumeFactor)).
 */
public final class DonchianBreakoutStrategy extends AbstractBarStrategy {

    /** CLI id. */
    public static final String ID = "donchian";

    /** Parameter space. */
    public static final List<ParameterSpec> PARAMETERS = List.of(
            ParameterSpec.ofInt("channel", 2, 500, 1, 20, "entry channel, bars"),
            ParameterSpec.ofInt("exitChannel", 2, 500, 1, 10, "exit channel, bars"),
            ParameterSpec.ofInt("volumePeriod", 1, 500, 1, 20, "volume average length, bars"),
            ParameterSpec.ofDecimal("volumeFactor", 0, 10, 0.25, 1.5, "breakout bar volume / average volume, at least"),
            ParameterSpec.ofInt("allowShort", 0, 1, 1, 0, "1 = trade downside breakouts short (futures)"));

    /** The definition for the registry. */
    public static final StrategyDefinition DEFINITION = StrategyDefinition.of(ID,
            "donchian: buy a close above the previous channel's high on volume >= volumeFactor x average; "
                    + "exit below the exitChannel low",
            PARAMETERS, DonchianBreakoutStrategy::new);

    private final int channel, exitChannel, volumePeriod;
    private final double volumeFactor;
    private final boolean allowShort;
    private double hi = Double.NaN, lo = Double.NaN, exitHi = Double.NaN, exitLo = Double.NaN, volRatio = Double.NaN;

    /** @param p validated parameters */
    public DonchianBreakoutStrategy(ParameterSet p) {
        super("Donchian breakout", p);
        channel = p.getInt("channel");
        exitChannel = p.getInt("exitChannel");
        volumePeriod = p.getInt("volumePeriod");
        volumeFactor = p.get("volumeFactor");
        allowShort = p.getInt("allowShort") == 1;
    }

    @Override
    public int warmupBars() {
        return Math.max(channel, Math.max(exitChannel, volumePeriod));
    }

    @Override
    public int historyBars() {
        return warmupBars() + 1;
    }

    @Override
    public List<IndicatorSpec> indicators() {
        return List.of(IndicatorSpec.overlay("Donchian.high"), IndicatorSpec.overlay("Donchian.low"),
                IndicatorSpec.oscillator("volume/avg", 0, volumeFactor));
    }

    @Override
    protected void update(StrategyContext ctx) {
        BarHistory b = ctx.bars();
        int avail = b.size() - 1; // bars before the current one
        if (avail < warmupBars()) {
            return;
        }
        hi = highest(b, channel);
        lo = lowest(b, channel);
        exitHi = highest(b, exitChannel);
        exitLo = lowest(b, exitChannel);
        double sum = 0;
        for (int i = 1; i <= volumePeriod; i++) {
            sum += b.volume(i);
        }
        double avg = sum / volumePeriod;
        volRatio = avg > 0 ? b.volume(0) / avg : Double.NaN;
    }

    private static double highest(BarHistory b, int n) {
        double m = Double.NEGATIVE_INFINITY;
        for (int i = 1; i <= n; i++) {
            m = Math.max(m, b.high(i));
        }
        return m;
    }

    private static double lowest(BarHistory b, int n) {
        double m = Double.POSITIVE_INFINITY;
        for (int i = 1; i <= n; i++) {
            m = Math.min(m, b.low(i));
        }
        return m;
    }

    @Override
    protected Decision entry(StrategyContext ctx) {
        double c = ctx.bars().close(0);
        if (!(volRatio >= volumeFactor)) {
            return Decision.HOLD;
        }
        double conf = Math.min(1, volRatio / (2 * Math.max(volumeFactor, 0.5)));
        if (c > hi) {
            return Decision.goLong("DONCHIAN_BREAKOUT_UP").withConfidence(conf);
        }
        if (allowShort && c < lo) {
            return Decision.goShort("DONCHIAN_BREAKOUT_DOWN").withConfidence(conf);
        }
        return Decision.HOLD;
    }

    @Override
    protected Decision exitLong(StrategyContext ctx) {
        return ctx.bars().close(0) < exitLo ? Decision.close("DONCHIAN_EXIT_LOW") : Decision.HOLD;
    }

    @Override
    protected Decision exitShort(StrategyContext ctx) {
        return ctx.bars().close(0) > exitHi ? Decision.close("DONCHIAN_EXIT_HIGH") : Decision.HOLD;
    }

    @Override
    protected void values(Map<String, Double> out) {
        out.put("Donchian.high", hi);
        out.put("Donchian.low", lo);
        out.put("volume/avg", volRatio);
    }
}
