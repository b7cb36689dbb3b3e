package dev.pennant.core.engine;

import dev.pennant.core.backtest.BacktestResult;
import dev.pennant.core.backtest.Backtester;
import dev.pennant.core.marketdata.KlineCsvImporter;
import dev.pennant.core.marketdata.KlineImport;
import dev.pennant.core.model.Fill;
import dev.pennant.core.model.Interval;
import dev.pennant.core.model.Position;
import dev.pennant.core.model.Side;
import dev.pennant.core.persistence.HistoryStore;
import dev.pennant.core.testkit.SharedData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Backtest and replay-paper are the same engine: same data, same strategy, same trades. */
class OneEngineTest {

    private static KlineImport data;

    @BeforeAll
    static void load() throws Exception {
        data = new KlineCsvImporter().read(SharedData.btc1m());
    }

    private static String trade(Fill f) {
        return f.tradeId() + " " + f.side() + " " + f.quantity().toPlainString() + " @ " + f.price().toPlainString()
                + " fee " + f.commission().toPlainString() + " t=" + f.time() + " pnl " + f.realizedPnl().toPlainString()
                + " order#" + f.clientOrderId().substring(f.clientOrderId().lastIndexOf('-') + 1);
    }

    private static EngineConfig config() {
        return EngineConfig.defaults("BTCUSDT", Interval.M1);
    }

    @Test
    void aBacktestOverARealFileTradesAndIsDeterministic() {
        BacktestResult first = Backtester.run(data.bars(), config());
        BacktestResult second = Backtester.run(data.bars(), config());

        assertThat(first.barsProcessed()).isEqualTo(data.bars().size()).isGreaterThan(10_000);
        assertThat(first.fills()).hasSizeGreaterThan(20);
        assertThat(second.fills()).isEqualTo(first.fills());
        assertThat(second.stats()).isEqualTo(first.stats());

        // Fills alternate BUY/SELL (long only), each at the open of a real bar, with a 0.1 % fee.
        for (int i = 0; i < first.fills().size(); i++) {
            Fill f = first.fills().get(i);
            assertThat(f.side()).isEqualTo(i % 2 == 0 ? Side.BUY : Side.SELL);
            assertThat(data.bars()).anyMatch(b -> b.openTime() == f.time() && b.open().compareTo(f.price()) == 0);
            assertThat(f.commission()).isEqualByComparingTo(
                    f.notional().multiply(new BigDecimal("0.001")).setScale(8, java.math.RoundingMode.HALF_UP));
        }
        // Accounting identity: equity = start + realised + unrealised.
        assertThat(first.stats().finalEquity().doubleValue()).isCloseTo(
                first.stats().netPnl().add(new BigDecimal("10000")).doubleValue(), org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void replayPaperOverTheSameDataMakesTheSameTradesAsTheBacktest(@TempDir Path dir) throws Exception {
        BacktestResult backtest = Backtester.run(data.bars(), config());

        List<Fill> replayed = new CopyOnWriteArrayList<>();
        try (HistoryStore store = HistoryStore.open(dir);
             PaperSession session = PaperSession.replay(config(), data.bars(), "Replay of test file", 0, 0, store)) {
            session.addListener(new EngineListener() {
                @Override
                public void onFill(Fill fill, Position position) {
                    replayed.add(fill);
                }
            });
            session.start();
            assertThat(session.awaitFinished(120, TimeUnit.SECONDS)).isTrue();
            session.close();
            // Order ids carry each session's prefix; everything else must match exactly.
            assertThat(replayed).extracting(OneEngineTest::trade).isEqualTo(
                    backtest.fills().stream().map(OneEngineTest::trade).toList());
            // and the session's history holds exactly those fills
            assertThat(store.fills(session.id())).hasSize(replayed.size());
            assertThat(store.fills(session.id()).getLast().price()).isEqualByComparingTo(replayed.getLast().price());
            assertThat(store.latestSession()).get().satisfies(s -> assertThat(s.endedAt()).isNotNull());
            assertThat(store.signals(session.id())).isNotEmpty()
                    .allSatisfy(r -> assertThat(r.explanation().text()).contains("BTCUSDT"));
        }
    }

    @Test
    void historicalWarmUpBarsWarmTheStrategyButNeverTrade() {
        TradingEngine engine = TradingEngine.paper("wu", config(), new SimulatedClock());
        List<Fill> fills = new CopyOnWriteArrayList<>();
        List<dev.pennant.core.model.Order> orders = new CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicInteger charted = new java.util.concurrent.atomic.AtomicInteger();
        engine.addListener(new EngineListener() {
            @Override
            public void onFill(Fill fill, Position position) {
                fills.add(fill);
            }

            @Override
            public void onOrder(dev.pennant.core.model.Order order) {
                orders.add(order);
            }

            @Override
            public void onBar(dev.pennant.core.model.Bar bar, dev.pennant.core.analysis.IndicatorSnapshot ind) {
                charted.incrementAndGet();
            }
        });
        List<dev.pennant.core.model.Bar> bars = data.bars();
        bars.subList(0, 3000).forEach(engine::onWarmupBar);
        assertThat(charted.get()).isEqualTo(3000);
        assertThat(orders).isEmpty();
        assertThat(fills).isEmpty();

        bars.subList(3000, 6000).forEach(engine::onBar);
        assertThat(fills).isNotEmpty().allSatisfy(f -> assertThat(f.time()).isGreaterThanOrEqualTo(bars.get(3000).openTime()));
    }
}
