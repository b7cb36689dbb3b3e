package dev.pennant.core.analysis;

import dev.pennant.core.model.Interval;

import java.util.Map;

/**
 * A disagreement worth a trader's attention: between an oscillator and price on one timeframe, or between one
 * timeframe and the consensus of all.
 *
 * @param kind        what disagrees
 * @param interval    the timeframe it was found on
 * @param time        open time of the bar it was confirmed at (the later pivot), epoch ms UTC; for a conflict the
 *                    analysis time
 * @param description one line for the UI and the reasoning panel
 * @param inputs      the prices and oscillator values compared
 */
public record Divergence(Kind kind, Interval interval, long time, String description, Map<String, Object> inputs) {

    /** Copies. */
    public Divergence {
        inputs = Inputs.copy(inputs);
    }

    /** Kinds of divergence. */
    public enum Kind {
        /** Price made a lower low, RSI a higher low (selling momentum fading). */
        BULLISH_RSI,
        /** Price made a higher high, RSI a lower high (buying momentum fading). */
        BEARISH_RSI,
        /** Price lower low, MACD line higher low. */
        BULLISH_MACD,
        /** Price higher high, MACD line lower high. */
        BEARISH_MACD,
        /** The timeframe's trend opposes the multi-timeframe consensus. */
        TIMEFRAME_CONFLICT
    }
}
