package dev.pennant.core.engine;

import dev.pennant.core.backtest.Backtester;
import dev.pennant.core.exchange.paper.PaperExchange;
import dev.pennant.core.execution.OrderRequest;
import dev.pennant.core.execution.TradingCommand;
import dev.pennant.core.marketdata.KlineCsvImporter;
import dev.pennant.core.marketdata.ReplaySource;
import dev.pennant.core.model.Bar;
import dev.pennant.core.model.Fill;
import dev.pennant.core.model.Interval;
import dev.pennant.core.model.Market;
import dev.pennant.core.model.Order;
import dev.pennant.core.model.OrderStatus;
import dev.pennant.core.model.OrderType;
import dev.pennant.core.model.Position;
import dev.pennant.core.model.Side;
import dev.pennant.core.persistence.HistoryStore;
import dev.pennant.core.testkit.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A paper session closed with an open position and resting orders resumes exactly: after a restart (a new session
 * read from the same history database) the venue, ledger and open orders are those stored, and the rest of the real
 * BTCUSDT 1m data trades exactly as an uninterrupted engine does.
 */
class ResumePaperSessionTest {

    @TempDir
    Path dir;

    private static List<TradingCommand> commands(BigDecimal last, BigDecimal held) {
        BigDecimal limitPx = last.multiply(new BigDecimal("0.99")).setScale(2, RoundingMode.DOWN);
        BigDecimal stop = last.multiply(new BigDecimal("0.985")).setScale(2, RoundingMode.DOWN);
        return List.of(
                new TradingCommand.SubmitOrder(OrderRequest.limit(Market.SPOT, "BTCUSDT", Side.BUY,
                        new BigDecimal("0.002"), limitPx).withClientOrderId("keep-limit")),
                new TradingCommand.SubmitOrder(OrderRequest.conditional(Market.SPOT, "BTCUSDT", Side.SELL,
                        OrderType.STOP_LOSS_LIMIT, held, stop, stop.subtract(new BigDecimal("50")))
                        .withClientOrderId("keep-stop")));
    }

    @Test
    void aRestartResumesOpenOrdersPositionsAndLocksExactly() throws Exception {
        List<Bar> bars = new KlineCsvImporter().read(SharedData.btc1m()).bars().subList(0, 3_000);
        EngineConfig config = EngineConfig.defaults("BTCUSDT", Interval.M1);
        // cut just after a BUY fill near the middle (fills alternate BUY/SELL): the strategy holds a long there
        List<Fill> ref = Backtester.run(bars, config).fills();
        long middle = bars.get(bars.size() / 2).openTime();
        Fill buy = ref.stream().filter(f -> f.side() == Side.BUY && f.time() < middle).reduce((x, y) -> y).orElseThrow();
        int cut = 0;
        while (bars.get(cut).openTime() <= buy.time()) {
            cut++;
        }
        List<Bar> before = bars.subList(0, cut);
        List<Bar> after = bars.subList(cut, bars.size());

        // the uninterrupted reference: one engine over all bars with the commands at the cut
        TradingEngine whole = TradingEngine.paper("ref", config, new SimulatedClock());
        List<Fill> wholeFills = new ArrayList<>();
        whole.addListener(new EngineListener() {
            @Override
            public void onFill(Fill fill, Position position) {
                wholeFills.add(fill);
            }
        });
        before.forEach(whole::onBar);
        BigDecimal held = whole.portfolio().position("BTCUSDT").quantity();
        assertThat(held).isPositive();
        for (TradingCommand c : commands(before.getLast().close(), held)) {
            Order o = whole.execute(c);
            assertThat(o.status()).as(o.clientOrderId() + " " + o.rejectReason()).isEqualTo(OrderStatus.NEW);
        }
        int fillsAtCut = wholeFills.size();
        after.forEach(whole::onBar);

        // session A: the first part, the same commands, then closed ("restart")
        String aId;
        PaperExchange.State aVenue;
        dev.pennant.core.portfolio.Portfolio.State aLedger;
        List<Order> aOpen;
        try (HistoryStore store = HistoryStore.open(dir)) {
            PaperSession a = PaperSession.replay(config, before, "part 1", 0, 0, store);
            a.start();
            assertThat(a.awaitFinished(60, TimeUnit.SECONDS)).isTrue();
            for (TradingCommand c : commands(before.getLast().close(), held)) {
                assertThat(a.submit(c).get(20, TimeUnit.SECONDS).status()).isEqualTo(OrderStatus.NEW);
            }
            aVenue = a.query(() -> ((PaperExchange) a.engine().execution().client()).snapshot()).get(20, TimeUnit.SECONDS);
            aLedger = a.query(() -> a.engine().portfolio().snapshot()).get(20, TimeUnit.SECONDS);
            aOpen = a.query(() -> a.engine().execution().openOrders()).get(20, TimeUnit.SECONDS);
            aId = a.id();
            a.close();
        }
        assertThat(aOpen).extracting(Order::clientOrderId).containsExactly("keep-limit", "keep-stop");
        assertThat(aVenue.balances()).anySatisfy(b -> {
            assertThat(b.asset()).isEqualTo("BTC");
            assertThat(b.locked()).isEqualByComparingTo(held);
        });

        // session B, after the restart: a new process view of the same database
        try (HistoryStore store = HistoryStore.open(dir)) {
            PaperSession b = PaperSession.resume(config, new ReplaySource(after, "part 2", 0, 0), store, aId);
            List<Fill> bFills = new CopyOnWriteArrayList<>();
            b.addListener(new EngineListener() {
                @Override
                public void onFill(Fill fill, Position position) {
                    bFills.add(fill);
                }
            });
            PaperExchange venue = (PaperExchange) b.engine().execution().client();
            assertThat(venue.snapshot()).isEqualTo(aVenue);
            assertThat(b.engine().portfolio().snapshot()).isEqualTo(aLedger);
            assertThat(b.engine().execution().openOrders()).isEqualTo(aOpen);
            b.start();
            assertThat(b.awaitFinished(60, TimeUnit.SECONDS)).isTrue();
            BigDecimal bEquity = b.query(() -> b.engine().portfolio().equity()).get(20, TimeUnit.SECONDS);
            b.close();
            List<Fill> expected = wholeFills.subList(fillsAtCut, wholeFills.size());
            // same fills: the resting orders by their ids; the strategy's orders are numbered per session (own prefix)
            assertThat(bFills).hasSize(expected.size()).isNotEmpty();
            for (int i = 0; i < expected.size(); i++) {
                Fill e = expected.get(i);
                Fill g = bFills.get(i);
                assertThat(tail(g.clientOrderId())).as("fill " + i).isEqualTo(tail(e.clientOrderId()));
                assertThat(g.price()).as("fill " + i).isEqualByComparingTo(e.price());
                assertThat(g.quantity()).as("fill " + i).isEqualByComparingTo(e.quantity());
                assertThat(g.time()).as("fill " + i).isEqualTo(e.time());
            }
            assertThat(expected).extracting(Fill::clientOrderId).contains("keep-limit", "keep-stop");
            assertThat(bEquity).isEqualByComparingTo(whole.portfolio().equity());
        }
    }

    private static String tail(String clientOrderId) {
        return clientOrderId.startsWith("keep-") ? clientOrderId : "strategy";
    }

    @Test
    void resumingWhatCannotBeResumedSaysWhy() throws Exception {
        try (HistoryStore store = HistoryStore.open(dir)) {
            EngineConfig config = EngineConfig.defaults("BTCUSDT", Interval.M1);
            assertThatThrownBy(() -> PaperSession.resume(config, new ReplaySource(
                    new KlineCsvImporter().read(SharedData.btc1m()).bars().subList(0, 1), "x", 0, 0), store, "pn-none"))
                    .hasMessageContaining("resume: no session pn-none");
        }
    }
}
