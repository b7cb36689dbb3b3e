package dev.pennant.core.backtest;

import dev.pennant.core.engine.EngineConfig;
import dev.pennant.core.engine.EngineListener;
import dev.pennant.core.model.Bar;
import dev.pennant.core.model.Signal;
import dev.pennant.core.strategy.Strategy;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Honesty check: does a strategy use data it could not have had? The full run's signals are recorded; then, for each
 * checked signal at bar i, the backtest is re-run on the data truncated after bar i (a fresh strategy built from the
 * truncated data) and every signal up to bar i must come out the same (time, action, side, reason). A strategy that
 * peeks ahead — an indicator computed over the whole data set, a centred window, a shifted series — gives a different
 * (or no) signal once the future is cut off.
 *
 * <p>The factory receives the data of each run, as a vectorised strategy would; strategies on the v2 API see only the
 * engine's context and pass by construction.
 */
public final class LookAheadDetector {

    private LookAheadDetector() {
    }

    /**
     * A signal whose truncated re-run disagreed.
     *
     * @param time         the signal bar's close time, epoch ms UTC
     * @param fullRun      the signal of the full run, as {@code ACTION SIDE reason} ("none" when absent)
     * @param truncatedRun what the truncated run produced at that time ("none" when absent)
     */
    public record Mismatch(long time, String fullRun, String truncatedRun) {
    }

    /**
     * The outcome.
     *
     * @param signals       signals of the full run
     * @param checked       signals re-run with truncated data
     * @param mismatches    every disagreement, in time order
     */
    public record Report(int signals, int checked, List<Mismatch> mismatches) {
        /** Copies the list. */
        public Report {
            mismatches = List.copyOf(mismatches);
        }

        /** True when no truncated run disagreed. */
        public boolean clean() {
            return mismatches.isEmpty();
        }
    }

    /**
     * @param bars      closed bars in time order
     * @param config    engine configuration (cash, fees, risk, instrument)
     * @param strategy  builds a fresh strategy for a run from that run's data
     * @param maxChecks signals to re-run at most, spread evenly over the full run's signals (≥ 1)
     * @throws IllegalArgumentException when maxChecks < 1
     */
    public static Report check(List<Bar> bars, EngineConfig config, Function<List<Bar>, Strategy> strategy, int maxChecks) {
        Objects.requireNonNull(strategy, "strategy");
        if (maxChecks < 1) {
            throw new IllegalArgumentException("maxChecks must be >= 1, was " + maxChecks);
        }
        List<Signal> full = signals(bars, config, strategy);
        List<Mismatch> mismatches = new ArrayList<>();
        int checks = Math.min(maxChecks, full.size());
        for (int k = 0; k < checks; k++) {
            Signal s = full.get((int) ((long) k * full.size() / checks));
            int end = indexOfClose(bars, s.time());
            List<Bar> cut = bars.subList(0, end + 1);
            List<Signal> part = signals(cut, config, strategy);
            List<Signal> expected = full.stream().filter(x -> x.time() <= s.time()).toList();
            compare(expected, part, mismatches);
        }
        return new Report(full.size(), checks, mismatches.stream().distinct()
                .sorted(java.util.Comparator.comparingLong(Mismatch::time)).toList());
    }

    private static void compare(List<Signal> expected, List<Signal> actual, List<Mismatch> out) {
        int n = Math.max(expected.size(), actual.size());
        for (int i = 0; i < n; i++) {
            Signal e = i < expected.size() ? expected.get(i) : null;
            Signal a = i < actual.size() ? actual.get(i) : null;
            if (!describe(e).equals(describe(a))) {
                out.add(new Mismatch(e != null ? e.time() : a.time(), describe(e), describe(a)));
                return; // later signals follow from this one; report the first divergence
            }
        }
    }

    private static String describe(Signal s) {
        return s == null ? "none" : s.time() + " " + s.action() + " " + s.side() + " " + s.reason();
    }

    private static int indexOfClose(List<Bar> bars, long closeTime) {
        for (int i = 0; i < bars.size(); i++) {
            if (bars.get(i).closeTime() == closeTime) {
                return i;
            }
        }
        throw new IllegalStateException("no bar closes at " + closeTime);
    }

    private static List<Signal> signals(List<Bar> bars, EngineConfig config, Function<List<Bar>, Strategy> strategy) {
        List<Signal> out = new ArrayList<>();
        Backtester.run(bars, config, strategy.apply(List.copyOf(bars)), null, new EngineListener() {
            @Override
            public void onSignal(Signal signal, dev.pennant.core.ai.Explanation explanation) {
                out.add(signal);
            }
        });
        return out;
    }
}
