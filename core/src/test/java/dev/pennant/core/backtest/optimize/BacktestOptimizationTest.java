package dev.pennant.core.backtest.optimize;

import dev.pennant.core.backtest.BacktestResult;
import dev.pennant.core.backtest.Backtester;
import dev.pennant.core.engine.EngineConfig;
import dev.pennant.core.marketdata.KlineCsvImporter;
import dev.pennant.core.model.Bar;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Optimisation and walk-forward through the real backtester on recorded BTCUSDT 1h bars (2021-04-08..06-07). */
class BacktestOptimizationTest {

    private static List<Bar> bars;
    private static EmaCrossRsiObjective objective;
    private static final ParameterSpace SMALL = ParameterSpace.emaCrossRsi(List.of(
            ParameterRange.ofInt("fastPeriod", 5, 11, 3), ParameterRange.ofInt("slowPeriod", 20, 30, 10)));

    @BeforeAll
    static void load() throws Exception {
        var data = new KlineCsvImporter().read(dev.pennant.core.testkit.SharedData.file(
                "spot/klines/BTCUSDT/BTCUSDT-1h-20210408_20210607.gatrading.csv.gz"));
        bars = data.bars();
        objective = new EmaCrossRsiObjective(EngineConfig.defaults(data.symbol(), data.interval()));
    }

    @Test
    void aTrialIsTheBacktestOfItsParameters() {
        ParameterSet p = new ParameterSet(java.util.Map.of("fastPeriod", 7, "slowPeriod", 25));
        TrialMetrics m = objective.evaluate(p, bars);
        BacktestResult direct = Backtester.run(bars, objective.config(p));
        assertThat(m.finalEquity()).isCloseTo(direct.stats().finalEquity().doubleValue(), within(1e-6));
        assertThat(m.trades()).isEqualTo(direct.stats().trades()).isPositive();
        assertThat(m.sharpe()).isCloseTo(direct.stats().sharpe(), within(1e-9));
        assertThat(objective.parameters(p).rsiPeriod()).isEqualTo(14); // not in the set: the base's value
    }

    @Test
    void parallelRealBacktestsMatchASingleThread() {
        Optimizer.Request req = new Optimizer.Request(ParameterSpace.emaCrossRsi(), SearchMethod.RANDOM, 12, 3, Metric.SHARPE);
        List<Trial> one;
        List<Trial> two;
        try (Optimizer o = new Optimizer(1)) {
            one = o.optimize(req, objective, bars, Optimizer.Progress.NONE, () -> false).trials();
        }
        try (Optimizer o = new Optimizer(2)) {
            two = o.optimize(req, objective, bars, Optimizer.Progress.NONE, () -> false).trials();
        }
        assertThat(two).isEqualTo(one).hasSize(12);
    }

    @Test
    void walkForwardReportsOutOfSampleFiguresOfTheInSampleBest() {
        Optimizer.Request req = new Optimizer.Request(SMALL, SearchMethod.GRID, 1, 1, Metric.RETURN);
        WalkForward.Result r;
        try (Optimizer o = new Optimizer(2)) {
            r = WalkForward.run(o, req, objective, bars, 3, 0.75, Optimizer.Progress.NONE, () -> false);
        }
        int n = bars.size();
        int oos = (int) Math.floor(n / (3 + 3.0));
        int is = n - 3 * oos;
        assertThat(r.windows()).hasSize(3);
        double compounded = 1;
        for (WalkForward.Window w : r.windows()) {
            int start = w.index() * oos;
            assertThat(w.isFrom()).isEqualTo(bars.get(start).openTime());
            assertThat(w.oosFrom()).isEqualTo(bars.get(start + is).openTime());
            assertThat(w.oosTo()).isEqualTo(bars.get(start + is + oos - 1).openTime());
            assertThat(w.trials()).isEqualTo(6);
            // the reported IS best really is the best IS set, and its OOS figures are its backtest on the OOS bars
            double bestIs = Double.NEGATIVE_INFINITY;
            for (ParameterSet p : SMALL.grid(100)) {
                bestIs = Math.max(bestIs, objective.evaluate(p, bars.subList(start, start + is)).totalReturn());
            }
            assertThat(w.inSample().totalReturn()).isEqualTo(bestIs);
            TrialMetrics oosDirect = objective.evaluate(w.best(), bars.subList(start + is, start + is + oos));
            assertThat(w.outOfSample()).isEqualTo(oosDirect);
            compounded *= 1 + oosDirect.totalReturn();
        }
        assertThat(r.oosCompoundedReturn()).isCloseTo(compounded - 1, within(1e-12));
        assertThatThrownBy(() -> WalkForward.run(null, req, objective, bars.subList(0, 200), 3, 0.75,
                Optimizer.Progress.NONE, () -> false)).hasMessageContaining("each needs >= 50");
    }
}
