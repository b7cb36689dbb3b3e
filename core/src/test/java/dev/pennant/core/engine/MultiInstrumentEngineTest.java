package dev.pennant.core.engine;

import dev.pennant.core.ai.RuleBasedExplainer;
import dev.pennant.core.analysis.IndicatorSnapshot;
import dev.pennant.core.backtest.Backtester;
import dev.pennant.core.exchange.paper.PaperExchange;
import dev.pennant.core.exchange.paper.PaperExchangeConfig;
import dev.pennant.core.execution.OrderEvent;
import dev.pennant.core.execution.OrderRequest;
import dev.pennant.core.execution.TradingCommand;
import dev.pennant.core.marketdata.KlineCsvImporter;
import dev.pennant.core.model.Bar;
import dev.pennant.core.model.Fill;
import dev.pennant.core.model.Instrument;
import dev.pennant.core.model.Interval;
import dev.pennant.core.model.Market;
import dev.pennant.core.model.Order;
import dev.pennant.core.model.OrderStatus;
import dev.pennant.core.model.Position;
import dev.pennant.core.model.Side;
import dev.pennant.core.portfolio.Portfolio;
import dev.pennant.core.risk.RiskEngine;
import dev.pennant.core.risk.RiskLimits;
import dev.pennant.core.strategy.EmaCrossRsiStrategy;
import dev.pennant.core.testkit.SharedData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * One engine, two instruments: the real BTCUSDT and ETHUSDT 1m klines of 2025-10-29..11-01, interleaved by time,
 * each with its own strategy, sharing one account.
 */
class MultiInstrumentEngineTest {

    private static List<Bar> btc;
    private static List<Bar> eth;
    private static List<Bar> merged;

    @BeforeAll
    static void load() throws Exception {
        KlineCsvImporter imp = new KlineCsvImporter();
        btc = imp.read(SharedData.file("spot/klines/BTCUSDT/BTCUSDT-1m-20251029_20251101.forecasttest.csv.gz")).bars();
        eth = imp.read(SharedData.file("spot/klines/ETHUSDT/ETHUSDT-1m-20251029_20251101.forecasttest.csv.gz")).bars();
        merged = Stream.concat(btc.stream(), eth.stream())
                .sorted(Comparator.comparingLong(Bar::closeTime).thenComparing(Bar::symbol)).toList();
    }

    private record Run(TradingEngine engine, List<Fill> fills, Map<String, Integer> barsSeen) {
    }

    /** The paper venue as {@link TradingEngine#paper} builds it: 0.1 % spot fees, 10,000 USDT. */
    private static PaperExchange venue(String... symbols) {
        PaperExchange v = new PaperExchange(PaperExchangeConfig.defaults().withSpotFees(
                new PaperExchangeConfig.FeeSchedule(new BigDecimal("0.001"), new BigDecimal("0.001"), false)),
                Stream.of(symbols).map(Instrument::defaultSpotUsdt).toList());
        v.deposit("USDT", new BigDecimal("10000"));
        return v;
    }

    private static Run run(List<Bar> bars, String... symbols) {
        RiskLimits limits = RiskLimits.defaults();
        Portfolio p = new Portfolio("USDT", new BigDecimal("10000"));
        var venue = venue(symbols);
        TradingEngine engine = new TradingEngine("mi", new RuleBasedExplainer(EmaCrossRsiStrategy.Parameters.defaults()),
                new RiskEngine(limits), venue, p, new SimulatedClock());
        for (String s : symbols) {
            engine.addInstrument(Instrument.defaultSpotUsdt(s));
            engine.addStrategy(s, new EmaCrossRsiStrategy(EmaCrossRsiStrategy.Parameters.defaults()));
        }
        List<Fill> fills = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        engine.addListener(new EngineListener() {
            @Override
            public void onFill(Fill fill, Position position) {
                fills.add(fill);
            }

            @Override
            public void onBar(Bar bar, IndicatorSnapshot indicators) {
                seen.merge(bar.symbol(), 1, Integer::sum);
            }
        });
        bars.forEach(engine::onBar);
        return new Run(engine, fills, seen);
    }

    @Test
    void barsReachOnlyTheirSymbolsStrategyAndBothSymbolsTradeOnOneAccount() {
        Run r = run(merged, "BTCUSDT", "ETHUSDT");
        assertThat(r.barsSeen()).containsEntry("BTCUSDT", btc.size()).containsEntry("ETHUSDT", eth.size());
        assertThat(r.fills()).extracting(Fill::symbol).contains("BTCUSDT", "ETHUSDT");
        // every fill is at the open of a real bar of its own symbol
        Map<String, List<Bar>> bySymbol = Map.of("BTCUSDT", btc, "ETHUSDT", eth);
        assertThat(r.fills()).allSatisfy(f -> assertThat(bySymbol.get(f.symbol()))
                .anyMatch(b -> b.openTime() == f.time() && b.open().compareTo(f.price()) == 0));
        Portfolio p = r.engine().portfolio();
        BigDecimal realized = r.fills().stream().map(Fill::realizedPnl).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(p.realizedPnl()).isEqualByComparingTo(realized);
        // unrealised P&L is reported at 8 decimals, equity exactly
        assertThat(p.equity()).isCloseTo(new BigDecimal("10000").add(realized).add(p.unrealizedPnl()),
                org.assertj.core.data.Offset.offset(new BigDecimal("0.00000001")));
        assertThat(run(merged, "BTCUSDT", "ETHUSDT").fills()).isEqualTo(r.fills());
    }

    @Test
    void aSymbolAloneOnTheMultiInstrumentEngineTradesLikeTheBacktester() {
        Run alone = run(merged, "BTCUSDT"); // ETH bars are ignored: not an instrument of this engine
        List<Fill> reference = Backtester.run(btc, EngineConfig.defaults("BTCUSDT", Interval.M1)).fills();
        assertThat(alone.fills()).hasSameSizeAs(reference);
        // the venue's 10 % bar-participation cap splits at least one exit on this quiet 2025 data (0.7 BTC minutes)
        assertThat(reference.stream().map(Fill::clientOrderId).distinct().count()).isLessThan(reference.size());
        for (int i = 0; i < reference.size(); i++) {
            Fill a = alone.fills().get(i);
            Fill b = reference.get(i);
            assertThat(a.price()).isEqualByComparingTo(b.price());
            assertThat(a.quantity()).isEqualByComparingTo(b.quantity());
            assertThat(a.time()).isEqualTo(b.time());
        }
    }

    @Test
    void commandsRunOnTheEngineLoopAndUnknownSymbolsAreRefused() throws Exception {
        Portfolio p = new Portfolio("USDT", new BigDecimal("10000"));
        TradingEngine engine = new TradingEngine("cmd", new RuleBasedExplainer(EmaCrossRsiStrategy.Parameters.defaults()),
                new RiskEngine(RiskLimits.defaults()), venue("BTCUSDT"), p, new SimulatedClock());
        engine.addInstrument(Instrument.defaultSpotUsdt("BTCUSDT"));
        List<String> threads = new ArrayList<>();
        engine.addListener(new EngineListener() {
            @Override
            public void onOrderEvent(OrderEvent event) {
                threads.add(Thread.currentThread().getName());
            }
        });
        try (EngineLoop loop = new EngineLoop("engine-test", 64)) {
            Bar first = btc.getFirst();
            loop.post(() -> engine.onBar(first));
            Order o = loop.call(() -> engine.execute(new TradingCommand.SubmitOrder(
                    OrderRequest.market(Market.SPOT, "BTCUSDT", Side.BUY, new BigDecimal("0.01"))))).get(20, TimeUnit.SECONDS);
            assertThat(o.status()).isEqualTo(OrderStatus.NEW);
            Order eth1 = loop.call(() -> engine.execute(new TradingCommand.SubmitOrder(
                    OrderRequest.market(Market.SPOT, "ETHUSDT", Side.BUY, new BigDecimal("1"))))).get(20, TimeUnit.SECONDS);
            assertThat(eth1.rejectReason()).contains("unknown symbol ETHUSDT");
            loop.post(() -> engine.onBar(btc.get(1)));
            Order filled = loop.call(() -> engine.execution().order(o.clientOrderId())).get(20, TimeUnit.SECONDS);
            assertThat(filled.status()).isEqualTo(OrderStatus.FILLED);
            assertThat(filled.averagePrice()).isEqualByComparingTo(btc.get(1).open());
        }
        assertThat(threads).isNotEmpty().allMatch("engine-test"::equals);
    }

    @Test
    void aFullLoopRefusesCommandsInsteadOfBlockingTheCaller() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch running = new CountDownLatch(1);
        try (EngineLoop loop = new EngineLoop("engine-full", 2)) {
            loop.post(() -> {
                running.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            running.await();
            loop.post(() -> { });
            loop.post(() -> { });
            var refused = loop.call(() -> 1);
            assertThatThrownBy(() -> refused.get(1, TimeUnit.SECONDS)).hasCauseInstanceOf(RejectedExecutionException.class)
                    .hasMessageContaining("engine queue full");
            release.countDown();
            // post blocks for room (back-pressure); once this task has run, the queue is empty again
            CountDownLatch drained = new CountDownLatch(1);
            loop.post(drained::countDown);
            drained.await();
            assertThat(loop.call(() -> 2).get(20, TimeUnit.SECONDS)).isEqualTo(2);
        }
    }

    @Test
    void emergencyStopCancelsFlattensAndHaltsTheStrategies() {
        Portfolio p = new Portfolio("USDT", new BigDecimal("10000"));
        TradingEngine engine = new TradingEngine("kill", Instrument.defaultSpotUsdt("BTCUSDT"),
                new EmaCrossRsiStrategy(EmaCrossRsiStrategy.Parameters.defaults()),
                new RuleBasedExplainer(EmaCrossRsiStrategy.Parameters.defaults()), new RiskEngine(RiskLimits.defaults()),
                venue("BTCUSDT"), p, new SimulatedClock());
        engine.onBar(btc.get(0));
        Order buy = engine.execute(new TradingCommand.SubmitOrder(
                OrderRequest.market(Market.SPOT, "BTCUSDT", Side.BUY, new BigDecimal("0.01"))));
        engine.onBar(btc.get(1)); // fills at bar 1's open
        assertThat(engine.execution().order(buy.clientOrderId()).status()).isEqualTo(OrderStatus.FILLED);
        Order pending = engine.execute(new TradingCommand.SubmitOrder(
                OrderRequest.market(Market.SPOT, "BTCUSDT", Side.BUY, new BigDecimal("0.01"))));

        TradingEngine.EmergencyStop stop = engine.emergencyStop(true);
        assertThat(stop.ordersCanceled()).isEqualTo(1);
        assertThat(engine.execution().order(pending.clientOrderId()).status()).isEqualTo(OrderStatus.CANCELED);
        assertThat(stop.closeOrders()).singleElement().satisfies(o -> {
            assertThat(o.side()).isEqualTo(Side.SELL);
            assertThat(o.quantity()).isEqualByComparingTo("0.01");
            assertThat(o.status()).isEqualTo(OrderStatus.NEW);
        });
        engine.onBar(btc.get(2));
        assertThat(p.position("BTCUSDT").isFlat()).isTrue();
        Order refused = engine.execute(new TradingCommand.SubmitOrder(
                OrderRequest.market(Market.SPOT, "BTCUSDT", Side.BUY, new BigDecimal("0.01"))));
        assertThat(refused.rejectReason()).contains("kill switch engaged");
        int before = engine.execution().orders().size();
        for (Bar b : btc.subList(3, btc.size())) {
            engine.onBar(b);
        }
        assertThat(engine.execution().orders()).as("halted strategies send no orders").hasSize(before);
        assertThat(engine.strategiesHalted()).isTrue();
    }

    @Test
    void spotBracketOnThePaperVenueLocksTheBaseOnceAndTheFirstExitCancelsTheOther() {
        Portfolio p = new Portfolio("USDT", new BigDecimal("10000"));
        PaperExchange v = venue("BTCUSDT");
        TradingEngine engine = new TradingEngine("oco", new RuleBasedExplainer(EmaCrossRsiStrategy.Parameters.defaults()),
                new RiskEngine(RiskLimits.defaults()), v, p, new SimulatedClock());
        engine.addInstrument(Instrument.defaultSpotUsdt("BTCUSDT"));
        engine.onBar(btc.get(0));
        BigDecimal entryPx = btc.get(1).open();
        BigDecimal sl = btc.get(0).close().multiply(new BigDecimal("0.997")).setScale(2, java.math.RoundingMode.DOWN);
        BigDecimal tp = btc.get(0).close().multiply(new BigDecimal("1.003")).setScale(2, java.math.RoundingMode.UP);
        Order entry = engine.execute(new TradingCommand.SubmitBracket(
                OrderRequest.market(Market.SPOT, "BTCUSDT", Side.BUY, new BigDecimal("0.05")), sl, tp, null));
        engine.onBar(btc.get(1)); // entry fills at bar 1's open, then both exits are placed
        assertThat(engine.execution().order(entry.clientOrderId()).averagePrice()).isEqualByComparingTo(entryPx);
        Order slo = engine.execution().order(entry.clientOrderId() + "-sl");
        Order tpo = engine.execution().order(entry.clientOrderId() + "-tp");
        assertThat(List.of(slo, tpo)).allSatisfy(o -> assertThat(o.status()).isEqualTo(OrderStatus.NEW));
        assertThat(v.balance("BTC").locked()).as("one lock for the OCO pair").isEqualByComparingTo("0.05");
        // the first later bar whose range reaches either trigger, computed from the raw bars
        int hit = -1;
        for (int i = 2; i < btc.size() && hit < 0; i++) {
            if (btc.get(i).low().compareTo(sl) <= 0 || btc.get(i).high().compareTo(tp) >= 0) {
                hit = i;
            }
        }
        assertThat(hit).isPositive();
        for (int i = 2; i <= hit; i++) {
            engine.onBar(btc.get(i));
        }
        Order a = engine.execution().order(slo.clientOrderId());
        Order b = engine.execution().order(tpo.clientOrderId());
        assertThat(List.of(a.status(), b.status())).containsExactlyInAnyOrder(OrderStatus.FILLED, OrderStatus.CANCELED);
        assertThat(p.position("BTCUSDT").isFlat()).isTrue();
        assertThat(v.balance("BTC").free()).isEqualByComparingTo("0");
        assertThat(v.balance("BTC").locked()).isEqualByComparingTo("0");
        assertThat(v.balance("USDT").free()).isEqualByComparingTo(p.cash());
    }
}
