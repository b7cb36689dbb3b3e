package dev.pennant.core.ai;

import dev.pennant.core.model.Bar;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * When the AI analyst should look at a symbol, besides strategy signals and the panel's buttons: every
 * {@code everyBars} closed bars; on a volatility spike (the bar's range {@code (high − low) / close} at least
 * {@code spikeFactor} × the mean range of the 20 bars before it); on approach to the risk limit (drawdown at least
 * {@code riskNearFraction} × the drawdown halt; fires once, re-armed when the drawdown falls below half of that).
 * Not thread-safe: call from the engine thread.
 */
public final class AnalysisTriggers {

    private static final int RANGE_WINDOW = 20;

    private final int everyBars;
    private final double spikeFactor;
    private final double riskNearFraction;
    private final Map<String, State> states = new HashMap<>();

    private static final class State {
        int sinceLast;
        final ArrayDeque<Double> ranges = new ArrayDeque<>();
        boolean riskFired;
    }

    /**
     * @param everyBars        bars between scheduled analyses, 0 = no schedule
     * @param spikeFactor      range multiple that counts as a spike, &gt; 1 (e.g. 3)
     * @param riskNearFraction share of the drawdown halt that counts as near, 0..1 (e.g. 0.8)
     * @throws IllegalArgumentException naming the parameter when out of range
     */
    public AnalysisTriggers(int everyBars, double spikeFactor, double riskNearFraction) {
        if (everyBars < 0) throw new IllegalArgumentException("everyBars: must be >= 0, was " + everyBars);
        if (!(spikeFactor > 1)) throw new IllegalArgumentException("spikeFactor: must be > 1, was " + spikeFactor);
        if (!(riskNearFraction > 0 && riskNearFraction <= 1)) {
            throw new IllegalArgumentException("riskNearFraction: must be within (0, 1], was " + riskNearFraction);
        }
        this.everyBars = everyBars;
        this.spikeFactor = spikeFactor;
        this.riskNearFraction = riskNearFraction;
    }

    /** Every 60 bars, spikes of 3× the mean range, drawdown at 80 % of the halt. */
    public static AnalysisTriggers defaults() {
        return new AnalysisTriggers(60, 3, 0.8);
    }

    /**
     * Takes a closed bar and the current drawdown.
     *
     * @param drawdown        drawdown from the equity peak, 0..1
     * @param maxDrawdownHalt the risk engine's halt, 0..1
     * @return why to analyse now, e.g. {@code "volatility spike: range 1.92 % = 4.1× the 20-bar mean"}, or empty
     */
    public Optional<String> onBar(Bar bar, double drawdown, double maxDrawdownHalt) {
        State s = states.computeIfAbsent(bar.symbol(), k -> new State());
        String why = null;
        double close = bar.close().doubleValue();
        double range = close > 0 ? (bar.high().doubleValue() - bar.low().doubleValue()) / close : 0;
        if (s.ranges.size() == RANGE_WINDOW) {
            double mean = s.ranges.stream().mapToDouble(Double::doubleValue).average().orElse(0);
            if (mean > 0 && range >= spikeFactor * mean) {
                why = String.format(java.util.Locale.ROOT, "volatility spike: range %.2f %% = %.1f× the %d-bar mean",
                        range * 100, range / mean, RANGE_WINDOW);
            }
            s.ranges.removeFirst();
        }
        s.ranges.addLast(range);
        double near = riskNearFraction * maxDrawdownHalt;
        if (maxDrawdownHalt > 0 && drawdown >= near && !s.riskFired) {
            s.riskFired = true;
            if (why == null) {
                why = String.format(java.util.Locale.ROOT, "near the risk limit: drawdown %.1f %% of a %.0f %% halt",
                        drawdown * 100, maxDrawdownHalt * 100);
            }
        } else if (drawdown < near / 2) {
            s.riskFired = false;
        }
        s.sinceLast++;
        if (why == null && everyBars > 0 && s.sinceLast >= everyBars) why = "scheduled every " + everyBars + " bars";
        if (why != null) s.sinceLast = 0;
        return Optional.ofNullable(why);
    }
}
