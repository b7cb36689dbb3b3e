package dev.pennant.core.backtest;

import dev.pennant.core.engine.EngineConfig;
import dev.pennant.core.model.Bar;
import dev.pennant.core.model.Instrument;
import dev.pennant.core.model.Interval;
import dev.pennant.core.risk.RiskLimits;
import dev.pennant.core.strategy.EmaCrossRsiStrategy;
import dev.pennant.core.strategy.builtin.ReferenceStrategy;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.BaseStrategy;
import org.ta4j.core.TradingRecord;
import org.ta4j.core.analysis.cost.LinearTransactionCostModel;
import org.ta4j.core.analysis.cost.ZeroCostModel;
import org.ta4j.core.backtest.BarSeriesManager;
import org.ta4j.core.backtest.TradeOnNextOpenModel;
import org.ta4j.core.indicators.RSIIndicator;
import org.ta4j.core.indicators.averages.EMAIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.num.DoubleNumFactory;
import org.ta4j.core.rules.CrossedDownIndicatorRule;
import org.ta4j.core.rules.CrossedUpIndicatorRule;
import org.ta4j.core.rules.UnderIndicatorRule;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The common reference backtest of issue 8 — {@link ReferenceStrategy} (EMA(12)/EMA(26) cross, RSI(14, Wilder) &lt; 70,
 * long only) with 10,000 USDT, 95 % of cash per entry, 0.1 % fee per fill, fills at the next bar's open — and the
 * same strategy on ta4j's own {@link BarSeriesManager} as a speed baseline.
 */
public final class ReferenceBacktest {

    private ReferenceBacktest() {
    }

    /**
     * The reference engine configuration for {@code instrument}: 10,000 quote units, fee 0.001, allocation 0.95 of
     * free cash (sized at the signal bar's close, fee included), no drawdown halt (the reference has none), position
     * up to 100 % of equity.
     */
    public static EngineConfig config(Instrument instrument, Interval interval) {
        BigDecimal fee = new BigDecimal("0.001");
        return new EngineConfig(instrument, interval, new BigDecimal("10000"), fee,
                EmaCrossRsiStrategy.Parameters.defaults(), new RiskLimits(0.95, 1.0, 1.0, fee));
    }

    /** Runs the reference strategy on the full engine path (risk, paper venue). */
    public static BacktestResult run(List<Bar> bars, EngineConfig config) {
        return Backtester.run(bars, config, new ReferenceStrategy(), null);
    }

    /**
     * ta4j's result for the same rules.
     *
     * @param trades      closed positions (an open one at the end is not counted)
     * @param entryIndex  bar index of each entry fill (the bar after the signal), in order
     * @param elapsedNanos wall time: building the ta4j series from the bars plus {@link BarSeriesManager#run}
     */
    public record Ta4jResult(int trades, List<Integer> entryIndex, long elapsedNanos) {
        /** Bars per second over {@code bars} bars. */
        public double barsPerSecond(int bars) {
            return elapsedNanos <= 0 ? Double.POSITIVE_INFINITY : bars * 1e9 / elapsedNanos;
        }
    }

    /**
     * The reference rules through ta4j 0.22: a {@code double} series, {@link EMAIndicator}s, {@link RSIIndicator},
     * {@link CrossedUpIndicatorRule} AND {@link UnderIndicatorRule} to enter, {@link CrossedDownIndicatorRule} to exit,
     * {@link TradeOnNextOpenModel}, {@link LinearTransactionCostModel}(0.001); ta4j trades a fixed amount of 1, so
     * only the trade count and timing compare (not equity).
     */
    public static Ta4jResult ta4jBaseline(List<Bar> bars) {
        long t0 = System.nanoTime();
        BarSeries series = new BaseBarSeriesBuilder().withName("reference").withNumFactory(DoubleNumFactory.getInstance())
                .build();
        for (Bar b : bars) {
            series.barBuilder().timePeriod(Duration.ofMillis(b.interval().millis()))
                    .endTime(Instant.ofEpochMilli(b.openTime() + b.interval().millis()))
                    .openPrice(b.open().doubleValue()).highPrice(b.high().doubleValue()).lowPrice(b.low().doubleValue())
                    .closePrice(b.close().doubleValue()).volume(b.volume().doubleValue()).add();
        }
        ClosePriceIndicator close = new ClosePriceIndicator(series);
        EMAIndicator fast = new EMAIndicator(close, 12);
        EMAIndicator slow = new EMAIndicator(close, 26);
        RSIIndicator rsi = new RSIIndicator(close, 14);
        BaseStrategy strategy = new BaseStrategy("reference",
                new CrossedUpIndicatorRule(fast, slow).and(new UnderIndicatorRule(rsi, 70)),
                new CrossedDownIndicatorRule(fast, slow));
        TradingRecord record = new BarSeriesManager(series, new LinearTransactionCostModel(0.001), new ZeroCostModel(),
                new TradeOnNextOpenModel()).run(strategy);
        long elapsed = System.nanoTime() - t0;
        List<Integer> entries = record.getPositions().stream().map(p -> p.getEntry().getIndex()).toList();
        return new Ta4jResult(record.getPositionCount(), entries, elapsed);
    }
}
