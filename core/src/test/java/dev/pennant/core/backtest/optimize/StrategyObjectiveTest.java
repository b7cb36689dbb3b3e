package dev.pennant.core.backtest.optimize;

import dev.pennant.core.analytics.PerformanceTracker;
import dev.pennant.core.backtest.Backtester;
import dev.pennant.core.backtest.ReferenceBacktest;
import dev.pennant.core.engine.EngineConfig;
import dev.pennant.core.marketdata.KlineCsvImporter;
import dev.pennant.core.model.Bar;
import dev.pennant.core.model.Instrument;
import dev.pennant.core.strategy.Strategies;
import dev.pennant.core.strategy.builtin.ReferenceStrategy;
import dev.pennant.core.testkit.SharedData;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The v2 objective: a trial equals a direct backtest of the same strategy and parameters on real 1h bars. */
class StrategyObjectiveTest {

    private static final List<Bar> BARS = firstHalfOf2023();

    private static List<Bar> firstHalfOf2023() {
        try {
            return BarWindow.between(new KlineCsvImporter().read(SharedData.file(
                            "spot/klines/BTCUSDT/BTCUSDT-1h-20220101_20251202.ohlcv.econproject.csv.gz")).bars(),
                    java.time.LocalDate.of(2023, 1, 1), java.time.LocalDate.of(2023, 6, 30));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aTrialIsTheBacktestOfItsParameters() {
        var reference = Strategies.byId(ReferenceStrategy.ID);
        EngineConfig base = ReferenceBacktest.config(Instrument.defaultSpotUsdt("BTCUSDT"), BARS.getFirst().interval());
        StrategyObjective objective = new StrategyObjective(reference, base);
        ParameterSet p = new ParameterSet(Map.of("fastPeriod", 8, "slowPeriod", 30));

        TrialMetrics trial = objective.evaluate(p, BARS);

        PerformanceTracker direct = new PerformanceTracker(base.startingCash(), base.interval().millis());
        Backtester.run(BARS, base, reference.create(dev.pennant.core.strategy.ParameterSet.of(reference.parameters(),
                Map.of("fastPeriod", 8, "slowPeriod", 30))), null, direct);
        TrialMetrics expected = TrialMetrics.of(direct.report(null).metrics(), BARS.size());
        assertThat(trial).isEqualTo(expected);
        assertThat(trial.trades()).isPositive();
        // other parameters give another run: the objective really reads them
        assertThat(objective.evaluate(new ParameterSet(Map.of("fastPeriod", 20, "slowPeriod", 90)), BARS))
                .isNotEqualTo(trial);
    }

    @Test
    void theSpaceTakesTheStrategysRangesAndRefusesUnknownNames() {
        var reference = Strategies.byId(ReferenceStrategy.ID);
        ParameterSpace space = StrategyObjective.space(reference, List.of(ParameterRange.ofInt("fastPeriod", 3, 5, 1)),
                x -> true, "none");
        assertThat(space.ranges()).extracting(ParameterRange::name)
                .containsExactly("fastPeriod", "slowPeriod", "rsiPeriod", "rsiEntryMax");
        assertThat(space.ranges().getFirst().count()).isEqualTo(3);
        assertThatThrownBy(() -> StrategyObjective.space(reference, List.of(ParameterRange.ofInt("nope", 1, 2, 1)),
                x -> true, "none")).hasMessageContaining("no parameter [nope]").hasMessageContaining("fastPeriod");
        assertThatThrownBy(() -> new StrategyObjective(reference, ReferenceBacktest.config(
                Instrument.defaultSpotUsdt("BTCUSDT"), BARS.getFirst().interval()))
                .evaluate(new ParameterSet(Map.of("fastPeriod", 1000)), BARS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fastPeriod");
    }
}
