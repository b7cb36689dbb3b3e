package dev.pennant.core.strategy;

import dev.pennant.core.analysis.IndicatorSpec;
import dev.pennant.core.model.Bar;
import dev.pennant.core.model.Position;

import java.util.List;

/**
 * A trading strategy. The engine calls it once per closed bar, in time order, on one thread; the same instance
 * serves backtest, replay-paper and live — it must not look at wall time or any data beyond {@code bar}.
 */
public interface Strategy {

    /** Display name, e.g. {@code "EMA-cross+RSI"}. */
    String name();

    /** The indicators it computes, in display order. */
    List<IndicatorSpec> indicators();

    /**
     * Consumes one closed bar.
     *
     * @param bar      the bar that just closed
     * @param position the current position in {@code bar.symbol()} (flat when none), before any order from this bar
     * @return indicator values and an optional signal
     */
    StrategyDecision onBar(Bar bar, Position position);
}
