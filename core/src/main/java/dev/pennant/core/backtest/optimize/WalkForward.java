package dev.pennant.core.backtest.optimize;

import dev.pennant.core.model.Bar;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Rolling walk-forward analysis: the bars are cut into {@code windows} consecutive out-of-sample (OOS) blocks of
 * length {@code b}, each preceded by an in-sample (IS) block of length {@code a} with {@code a / (a + b)} = the
 * in-sample fraction and {@code a + windows × b} = all bars. Each IS block is optimised, its best set is run
 * once, unchanged, on the following OOS block, and only OOS figures judge the strategy (Pardo 2008, "The Evaluation
 * and Optimization of Trading Strategies", ch. 11). Every run starts flat and cold: the strategy warms up inside its
 * own block (no signal before its warm-up bars), so no OOS figure sees IS data.
 */
public final class WalkForward {

    private WalkForward() {
    }

    /**
     * One window.
     *
     * @param index       0-based
     * @param isFrom      first IS bar's open time, epoch ms UTC
     * @param isTo        last IS bar's open time
     * @param oosFrom     first OOS bar's open time
     * @param oosTo       last OOS bar's open time
     * @param best        best IS parameter set
     * @param inSample    its IS figures
     * @param outOfSample its OOS figures
     * @param trials      IS trials evaluated
     */
    public record Window(int index, long isFrom, long isTo, long oosFrom, long oosTo, ParameterSet best,
                         TrialMetrics inSample, TrialMetrics outOfSample, int trials) {
    }

    /**
     * The analysis.
     *
     * @param windows             every window, in time order
     * @param oosCompoundedReturn {@code Π(1 + OOS return) − 1} over the windows: the equity of re-optimising at each
     *                            window and trading only out of sample
     * @param oosMeanSharpe       mean OOS Sharpe (NaN windows skipped; NaN when all are)
     * @param efficiency          walk-forward efficiency: mean OOS return per bar / mean IS return per bar (Pardo);
     *                            ≈ 1 robust, ≪ 1 over-fitted; NaN when the IS mean is ≤ 0 (no in-sample edge to
     *                            keep, so the ratio means nothing)
     * @param cancelled           true when cancelled (the windows are those finished)
     */
    public record Result(List<Window> windows, double oosCompoundedReturn, double oosMeanSharpe, double efficiency,
                         boolean cancelled) {
    }

    /**
     * Runs the analysis.
     *
     * @param inSampleFraction IS share of one IS + OOS pair, in (0, 1), e.g. 0.75
     * @param request          the search run on each IS block (its seed is mixed with the window index)
     * @throws IllegalArgumentException naming the argument when windows &lt; 1, the fraction is outside (0, 1) or a
     *                                  block would be shorter than 50 bars
     */
    public static Result run(Optimizer optimizer, Optimizer.Request request, Objective objective, List<Bar> bars,
                             int windows, double inSampleFraction, Optimizer.Progress progress,
                             BooleanSupplier cancelled) {
        if (windows < 1) {
            throw new IllegalArgumentException("walk-forward windows must be >= 1, was " + windows);
        }
        if (!(inSampleFraction > 0 && inSampleFraction < 1)) {
            throw new IllegalArgumentException("in-sample fraction must be in (0, 1), was " + inSampleFraction);
        }
        double ratio = inSampleFraction / (1 - inSampleFraction);
        int oos = (int) Math.floor(bars.size() / (windows + ratio));
        int is = bars.size() - windows * oos;
        if (oos < 50 || is < 50) {
            throw new IllegalArgumentException("walk-forward: " + bars.size() + " bars in " + windows
                    + " windows leave " + is + " in-sample and " + oos + " out-of-sample bars; each needs >= 50");
        }
        List<Window> out = new ArrayList<>();
        double compounded = 1;
        double sharpeSum = 0;
        int sharpeN = 0;
        double isPerBar = 0;
        double oosPerBar = 0;
        for (int w = 0; w < windows && !cancelled.getAsBoolean(); w++) {
            int isStart = w * oos;
            List<Bar> isBars = bars.subList(isStart, isStart + is);
            List<Bar> oosBars = bars.subList(isStart + is, isStart + is + oos);
            Optimizer.Request r = new Optimizer.Request(request.space(), request.method(), request.trials(),
                    request.seed() * 31 + w, request.metric());
            OptimizationResult opt = optimizer.optimize(r, objective, isBars, progress, cancelled);
            if (opt.trials().isEmpty()) {
                break;
            }
            Trial best = opt.best();
            TrialMetrics o = objective.evaluate(best.parameters(), oosBars);
            out.add(new Window(w, isBars.getFirst().openTime(), isBars.getLast().openTime(), oosBars.getFirst().openTime(),
                    oosBars.getLast().openTime(), best.parameters(), best.metrics(), o, opt.trials().size()));
            compounded *= 1 + o.totalReturn();
            if (!Double.isNaN(o.sharpe())) {
                sharpeSum += o.sharpe();
                sharpeN++;
            }
            isPerBar += best.metrics().totalReturn() / is;
            oosPerBar += o.totalReturn() / oos;
        }
        double efficiency = isPerBar <= 0 ? Double.NaN : oosPerBar / isPerBar;
        return new Result(List.copyOf(out), compounded - 1, sharpeN == 0 ? Double.NaN : sharpeSum / sharpeN, efficiency,
                out.size() < windows);
    }
}
