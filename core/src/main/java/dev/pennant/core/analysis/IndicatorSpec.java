package dev.pennant.core.analysis;

/**
 * Describes one indicator a strategy computes, so views can draw it without knowing the strategy.
 *
 * @param name  display name and key in {@link IndicatorSnapshot#values()}, e.g. {@code "EMA(9)"}
 * @param pane  where it belongs: over the price candles or in a separate sub-pane
 * @param lower for oscillators, the lower reference level (e.g. RSI 30); {@code NaN} when none
 * @param upper for oscillators, the upper reference level (e.g. RSI 70); {@code NaN} when none
 */
public record IndicatorSpec(String name, Pane pane, double lower, double upper) {

    /** Where an indicator is drawn. */
    public enum Pane {
        /** Same axis as price (moving averages). */
        PRICE_OVERLAY,
        /** Own pane with its own axis (oscillators such as RSI). */
        SUB_PANE
    }

    /** An overlay on the price axis. */
    public static IndicatorSpec overlay(String name) {
        return new IndicatorSpec(name, Pane.PRICE_OVERLAY, Double.NaN, Double.NaN);
    }

    /** An oscillator in its own pane with reference levels {@code lower}/{@code upper}. */
    public static IndicatorSpec oscillator(String name, double lower, double upper) {
        return new IndicatorSpec(name, Pane.SUB_PANE, lower, upper);
    }
}
