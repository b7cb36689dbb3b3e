package dev.pennant.core.analytics;

import dev.pennant.core.backtest.BacktestResult;
import dev.pennant.core.backtest.Backtester;
import dev.pennant.core.engine.EngineConfig;
import dev.pennant.core.marketdata.KlineCsvImporter;
import dev.pennant.core.marketdata.KlineImport;
import dev.pennant.core.testkit.SharedData;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The report of a real backtest (BTCUSDT 1m, 2021-05-15..22, the 05-19 crash included) agrees with the older
 * {@link PerformanceStats} of the same run, which computes net P&amp;L, drawdown, win rate and Sharpe on its own.
 */
class PerformanceTrackerReportTest {

    @Test
    void reportOfARealBacktestAgreesWithTheStats() throws Exception {
        KlineImport data = new KlineCsvImporter().read(SharedData.btc1m());
        EngineConfig config = EngineConfig.defaults(data.symbol(), data.interval());
        PerformanceTracker tracker = new PerformanceTracker(config.startingCash(), config.interval().millis());
        BacktestResult r = Backtester.run(data.bars(), config, tracker);
        PerformanceReport report = tracker.report(data.bars());
        PerformanceMetrics m = report.metrics();
        PerformanceStats s = r.stats();

        assertThat(s.trades()).isPositive();
        assertThat(m.closedTrades()).isEqualTo(s.trades());
        assertThat(m.finalEquity()).isCloseTo(s.finalEquity().doubleValue(), within(1e-6));
        assertThat(m.maxDrawdown()).isCloseTo(s.maxDrawdown(), within(1e-12));
        assertThat(m.winRate()).isCloseTo(s.winRate(), within(1e-12));
        assertThat(m.sharpe()).isCloseTo(s.sharpe(), within(1e-9 * Math.abs(s.sharpe())));
        assertThat(m.barsPerYear()).isEqualTo(525_600.0);
        assertThat(report.equity()).hasSize((int) r.barsProcessed() + 1);
        double fees = r.fills().stream().mapToDouble(f -> f.commission().doubleValue()).sum();
        assertThat(m.feesPaid()).isCloseTo(fees, within(1e-9));
        // the paper venue fills market orders at the next bar's open: no slippage against that open
        assertThat(m.slippagePaid()).isCloseTo(0, within(1e-6));
        assertThat(report.daily()).hasSize(8);
    }
}
