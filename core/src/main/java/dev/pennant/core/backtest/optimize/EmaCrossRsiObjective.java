package dev.pennant.core.backtest.optimize;

import dev.pennant.core.analytics.PerformanceTracker;
import dev.pennant.core.backtest.Backtester;
import dev.pennant.core.engine.EngineConfig;
import dev.pennant.core.model.Bar;
import dev.pennant.core.strategy.EmaCrossRsiStrategy;

import java.util.List;

/**
 * The {@link Objective} of the EMA-cross + RSI strategy: a full {@link Backtester} run (strategy → risk → paper
 * venue) with the trial's {@link EmaCrossRsiStrategy.Parameters} and everything else from a base
 * {@link EngineConfig}. Parameters a set does not name keep the base's value. Names: {@code fastPeriod},
 * {@code slowPeriod}, {@code rsiPeriod}, {@code rsiEntryMax}, {@code rsiExitMin}.
 *
 * @param base instrument, interval, cash, fee and risk of every trial
 */
public record EmaCrossRsiObjective(EngineConfig base) implements Objective {

    /** The strategy parameters {@code p} stands for (base values where it names none). */
    public EmaCrossRsiStrategy.Parameters parameters(ParameterSet p) {
        EmaCrossRsiStrategy.Parameters d = base.strategy();
        return new EmaCrossRsiStrategy.Parameters(p.getInt("fastPeriod", d.fastPeriod()), p.getInt("slowPeriod", d.slowPeriod()),
                p.getInt("rsiPeriod", d.rsiPeriod()), p.getDouble("rsiEntryMax", d.rsiEntryMax()),
                p.getDouble("rsiExitMin", d.rsiExitMin()));
    }

    /** The engine configuration of one trial. */
    public EngineConfig config(ParameterSet p) {
        return new EngineConfig(base.instrument(), base.interval(), base.startingCash(), base.feeRate(), parameters(p),
                base.risk());
    }

    @Override
    public TrialMetrics evaluate(ParameterSet p, List<Bar> bars) {
        EngineConfig config = config(p);
        PerformanceTracker tracker = new PerformanceTracker(config.startingCash(), config.interval().millis());
        Backtester.run(bars, config, tracker);
        return TrialMetrics.of(tracker.report(null).metrics(), bars.size());
    }
}
