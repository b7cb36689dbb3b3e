package dev.pennant.core.backtest.optimize;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The searches over a synthetic objective whose optimum is known: score = −(fast − 12)² − (slow − 40)² / 4 −
 * (rsi − 70)² / 25, a pure function of the parameters.
 */
class OptimizerTest {

    private static final ParameterSpace SPACE = ParameterSpace.emaCrossRsi(List.of(
            ParameterRange.ofInt("fastPeriod", 3, 30, 1), ParameterRange.ofInt("slowPeriod", 10, 100, 2),
            ParameterRange.ofDouble("rsiEntryMax", 50, 80, 2.5)));

    private static double score(ParameterSet p) {
        double f = p.getInt("fastPeriod") - 12;
        double s = p.getInt("slowPeriod") - 40;
        double r = p.getDouble("rsiEntryMax") - 70;
        return -f * f - s * s / 4 - r * r / 25;
    }

    private static final Objective SYNTHETIC = (p, bars) ->
            new TrialMetrics(0, score(p), 0, 0, 0, 0, 0, 0, 0, bars.size());

    private static OptimizationResult run(SearchMethod method, int trials, int threads) {
        try (Optimizer o = new Optimizer(threads)) {
            return o.optimize(new Optimizer.Request(SPACE, method, trials, 42, Metric.SHARPE), SYNTHETIC, List.of(),
                    Optimizer.Progress.NONE, () -> false);
        }
    }

    @Test
    void spaceGridRespectsTheConstraintAndParses() {
        long valid = 0;
        for (int f = 3; f <= 30; f++) {
            for (int s = 10; s <= 100; s += 2) {
                valid += s > f ? 1 : 0;
            }
        }
        assertThat(SPACE.gridSize()).isEqualTo(28L * 46 * 13);
        // rsiEntryMax 80 fails "rsiExitMin (80, not varied) > rsiEntryMax": 12 of its 13 values remain
        assertThat(SPACE.grid(Optimizer.GRID_LIMIT)).hasSize((int) valid * 12)
                .allMatch(p -> p.getInt("slowPeriod") > p.getInt("fastPeriod") && p.getDouble("rsiEntryMax") < 80);
        assertThat(ParameterRange.parse("rsiEntryMax=50:80:2.5").count()).isEqualTo(13);
        assertThat(ParameterRange.parse("fastPeriod=5:30:1").integer()).isTrue();
        assertThat(ParameterRange.ofDouble("x", 0.1, 0.3, 0.1).value(2)).isEqualTo(0.3);
        assertThatThrownBy(() -> ParameterRange.parse("fast=5:30")).hasMessageContaining("name=min:max:step");
        assertThatThrownBy(() -> ParameterRange.ofInt("fast", 10, 5, 1)).hasMessageContaining("fast: max");
        assertThatThrownBy(() -> SPACE.grid(10)).hasMessageContaining("above the limit");
        assertThatThrownBy(() -> SearchMethod.parse("anneal")).hasMessageContaining("grid, random, tpe");
    }

    @Test
    void gridFindsTheKnownOptimum() {
        OptimizationResult r = run(SearchMethod.GRID, 1, 2);
        assertThat(r.best().parameters().toString()).isEqualTo("fastPeriod=12 slowPeriod=40 rsiEntryMax=70.0");
        assertThat(r.best().score()).isZero();
        for (int i = 1; i < r.trials().size(); i++) {
            assertThat(r.trials().get(i).score()).isLessThanOrEqualTo(r.trials().get(i - 1).score());
        }
    }

    @Test
    void resultsDoNotDependOnTheThreadCount() {
        for (SearchMethod m : SearchMethod.values()) {
            int trials = m == SearchMethod.GRID ? 1 : 300;
            List<Trial> one = run(m, trials, 1).trials();
            List<Trial> three = run(m, trials, 3).trials();
            assertThat(three).as(m.name()).isEqualTo(one);
        }
        assertThat(run(SearchMethod.RANDOM, 300, 2).trials()).hasSize(300).doesNotHaveDuplicates();
    }

    @Test
    void modelBasedSearchBeatsRandomOnTheSameBudget() {
        int better = 0;
        for (long seed = 1; seed <= 5; seed++) {
            try (Optimizer o = new Optimizer(2)) {
                double cma = o.optimize(new Optimizer.Request(SPACE, SearchMethod.CMAES, 200, seed, Metric.SHARPE), SYNTHETIC,
                        List.of(), Optimizer.Progress.NONE, () -> false).best().score();
                double rnd = o.optimize(new Optimizer.Request(SPACE, SearchMethod.RANDOM, 200, seed, Metric.SHARPE), SYNTHETIC,
                        List.of(), Optimizer.Progress.NONE, () -> false).best().score();
                better += cma >= rnd ? 1 : 0;
            }
        }
        assertThat(better).isGreaterThanOrEqualTo(4);
        OptimizationResult r = run(SearchMethod.CMAES, 200, 2);
        assertThat(r.trials()).hasSizeLessThanOrEqualTo(200).hasSizeGreaterThan(150);
        assertThat(r.best().score()).isGreaterThan(-2);
    }

    @Test
    void cancelStopsFurtherTrials() {
        AtomicInteger done = new AtomicInteger();
        try (Optimizer o = new Optimizer(1)) {
            OptimizationResult r = o.optimize(new Optimizer.Request(SPACE, SearchMethod.RANDOM, 500, 7, Metric.SHARPE),
                    SYNTHETIC, List.of(), (d, t) -> done.set(d), () -> done.get() >= 20);
            assertThat(r.cancelled()).isTrue();
            assertThat(r.trials()).hasSize(20);
        }
    }

    @Test
    void heatMapHoldsTheBestScorePerPair() {
        OptimizationResult r = run(SearchMethod.GRID, 1, 2);
        HeatMap h = r.heatMap("fastPeriod", "slowPeriod");
        assertThat(h.xs()).hasSize(28);
        assertThat(h.ys()).hasSize(46);
        // best over rsiEntryMax is at 70 (penalty 0): cell = −(f − 12)² − (s − 40)² / 4
        int xi = 5; // fast 8
        int yi = 10; // slow 30
        assertThat(h.values()[yi][xi]).isEqualTo(-16 - 25.0);
        assertThat(h.values()[0][27]).isNaN(); // fast 30, slow 10 breaks slow > fast
        assertThatThrownBy(() -> r.heatMap("fastPeriod", "nope")).hasMessageContaining("heat map axes");
    }
}
