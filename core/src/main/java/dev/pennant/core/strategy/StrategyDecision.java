package dev.pennant.core.strategy;

import dev.pennant.core.analysis.IndicatorSnapshot;
import dev.pennant.core.model.Side;

/**
 * What a strategy concluded at the close of one bar.
 *
 * @param indicators indicator values at this bar (always present, for the chart)
 * @param side       BUY to enter, SELL to exit, or {@code null} for no signal
 * @param reason     machine-readable reason of the signal (e.g. {@code EMA_CROSS_UP}); {@code null} with no signal
 */
public record StrategyDecision(IndicatorSnapshot indicators, Side side, String reason) {

    /** True when the strategy wants to trade. */
    public boolean hasSignal() {
        return side != null;
    }

    /** No signal at this bar. */
    public static StrategyDecision none(IndicatorSnapshot indicators) {
        return new StrategyDecision(indicators, null, null);
    }
}
