package dev.pennant.core.exchange.paper;

import dev.pennant.core.exchange.ExecutionReport;
import dev.pennant.core.exchange.ExecutionReport.ExecType;
import dev.pennant.core.exchange.paper.PaperFixtures.RawBook;
import dev.pennant.core.exchange.paper.PaperFixtures.Recorder;
import dev.pennant.core.model.Bar;
import dev.pennant.core.model.Fill;
import dev.pennant.core.model.Instrument;
import dev.pennant.core.model.LiquiditySide;
import dev.pennant.core.model.OrderOptions;
import dev.pennant.core.model.OrderStatus;
import dev.pennant.core.model.OrderType;
import dev.pennant.core.model.PositionSide;
import dev.pennant.core.model.Side;
import dev.pennant.core.model.TimeInForce;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static dev.pennant.core.exchange.paper.PaperFixtures.futMarket;
import static dev.pennant.core.exchange.paper.PaperFixtures.order;
import static dev.pennant.core.exchange.paper.PaperFixtures.spotLimit;
import static dev.pennant.core.exchange.paper.PaperFixtures.spotMarket;
import static dev.pennant.core.exchange.paper.PaperFixtures.utc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Cancel / modify, venue-side filter checks, latency on books, and a snapshot / restore round trip. */
class PaperLifecycleTest {

    private static final String NKN = "NKNUSDT";
    private final Recorder rec = new Recorder();

    private static RawBook nkn() {
        return PaperFixtures.rawBook(PaperFixtures.SPOT_HTTP, NKN);
    }

    private PaperExchange nknVenue(PaperExchangeConfig config) {
        PaperExchange v = PaperFixtures.venue(config, rec, PaperFixtures.nknSpot());
        v.deposit("USDT", new BigDecimal("10000"));
        v.onBook(PaperFixtures.book(PaperFixtures.SPOT_HTTP, NKN), nkn().time());
        return v;
    }

    @Test
    void modifyKeepsOrLosesQueuePriorityAndCancelReleasesTheLock() {
        PaperExchange v = nknVenue(PaperExchangeConfig.defaults());
        RawBook raw = nkn();
        long t = raw.time();
        BigDecimal[] bid1 = raw.bids().get(0);
        BigDecimal[] bid2 = raw.bids().get(1);
        v.submit(spotLimit("o", NKN, Side.BUY, TimeInForce.GTC, "1000", bid1[0].toPlainString(), t));
        assertThat(v.queueAhead("o")).isEqualByComparingTo(bid1[1]);

        // a smaller quantity at the same price keeps its place
        v.modify("o", new BigDecimal("500"), null, t + 1);
        ExecutionReport r = rec.last("o");
        assertThat(r.execType()).isEqualTo(ExecType.REPLACED);
        assertThat(r.order().quantity()).isEqualByComparingTo("500");
        assertThat(v.queueAhead("o")).isEqualByComparingTo(bid1[1]);
        assertThat(v.balance("USDT").locked()).isEqualByComparingTo(bid1[0].multiply(new BigDecimal("500")));

        // a new price goes to the back of that level's queue
        v.modify("o", null, bid2[0], t + 2);
        assertThat(rec.last("o").order().price()).isEqualByComparingTo(bid2[0]);
        assertThat(v.queueAhead("o")).isEqualByComparingTo(bid2[1]);
        assertThat(v.balance("USDT").locked()).isEqualByComparingTo(bid2[0].multiply(new BigDecimal("500")));

        // refusals leave the order as it is
        v.modify("o", null, new BigDecimal("0.35215"), t + 3);
        assertThat(rec.last("o").execType()).isEqualTo(ExecType.REQUEST_REJECTED);
        assertThat(rec.last("o").reason()).startsWith("-1013 Filter failure: NKNUSDT PRICE_FILTER")
                .contains("not a multiple of tickSize 0.0001");
        v.modify("o", BigDecimal.ZERO, null, t + 3);
        assertThat(rec.last("o").execType()).isEqualTo(ExecType.REQUEST_REJECTED);
        assertThat(v.openOrders()).singleElement().satisfies(o -> assertThat(o.price()).isEqualByComparingTo(bid2[0]));

        // a new price through the ask takes like a new order would (TAKER at the ask levels)
        BigDecimal ask1 = raw.asks().getFirst()[0];
        assertThat(raw.asks().getFirst()[1]).isGreaterThan(new BigDecimal("500"));
        v.modify("o", null, ask1, t + 4);
        assertThat(rec.types("o")).endsWith(ExecType.REPLACED, ExecType.TRADE);
        assertThat(rec.fills("o")).singleElement().satisfies(f -> {
            assertThat(f.price()).isEqualByComparingTo(ask1);
            assertThat(f.liquiditySide()).isEqualTo(LiquiditySide.TAKER);
        });

        v.submit(spotLimit("c", NKN, Side.BUY, TimeInForce.GTC, "1000", bid1[0].toPlainString(), t + 5));
        assertThat(v.balance("USDT").locked()).isPositive();
        v.cancel("c", t + 6);
        assertThat(rec.last("c").execType()).isEqualTo(ExecType.CANCELED);
        assertThat(rec.last("c").order().status()).isEqualTo(OrderStatus.CANCELED);
        assertThat(v.balance("USDT").locked()).isEqualByComparingTo("0");

        v.cancel("c", t + 7);
        assertThat(rec.last("c").execType()).isEqualTo(ExecType.REQUEST_REJECTED);
        assertThat(rec.last("c").reason()).isEqualTo("-2011 Unknown order sent.");
        assertThat(rec.last("c").order().status()).isEqualTo(OrderStatus.CANCELED);
        v.cancel("never-sent", t + 7);
        assertThat(rec.last("never-sent").reason()).isEqualTo("-2011 Unknown order sent.");
        v.modify("never-sent", BigDecimal.TEN, null, t + 7);
        assertThat(rec.last("never-sent").execType()).isEqualTo(ExecType.REQUEST_REJECTED);
    }

    @Test
    void onlyRestingLimitOrdersCanBeModified() {
        PaperExchange v = nknVenue(PaperExchangeConfig.defaults());
        v.deposit("NKN", new BigDecimal("1000"));
        long t = nkn().time();
        v.submit(order("sl", NKN, Side.SELL, OrderType.STOP_LOSS_LIMIT, TimeInForce.GTC, "100", "0.3000", t,
                OrderOptions.SPOT.withStopPrice(new BigDecimal("0.3100"))));
        assertThat(rec.types("sl")).containsExactly(ExecType.NEW);
        v.modify("sl", null, new BigDecimal("0.2900"), t + 1);
        assertThat(rec.last("sl").execType()).isEqualTo(ExecType.REQUEST_REJECTED);
        assertThat(rec.last("sl").reason()).contains("only a resting LIMIT order can be modified");
    }

    @Test
    void theVenueChecksFiltersAndParametersWithBinancesWords() {
        PaperExchange v = nknVenue(PaperExchangeConfig.defaults());
        long t = nkn().time();
        v.submit(spotLimit("tick", NKN, Side.BUY, TimeInForce.GTC, "100", "0.35215", t));
        v.submit(spotLimit("lot", NKN, Side.BUY, TimeInForce.GTC, "100.5", "0.3500", t));
        v.submit(spotLimit("band", NKN, Side.BUY, TimeInForce.GTC, "1000", "0.0500", t));
        v.submit(spotLimit("gtx", NKN, Side.BUY, TimeInForce.GTX, "100", "0.3500", t));
        v.submit(order("ro", NKN, Side.SELL, OrderType.MARKET, null, "100", null, t, OrderOptions.SPOT.withReduceOnly(true)));
        v.submit(spotLimit("notif", NKN, Side.BUY, null, "100", "0.3500", t));
        v.submit(spotMarket("sym", "NOPEUSDT", Side.BUY, "1", t));
        // NKNUSDT (2021-10-12): PRICE_FILTER tick 0.0001, LOT_SIZE step 1, PERCENT_PRICE 0.2 … 5 × average
        assertThat(rec.last("tick").reason()).isEqualTo(
                "-1013 Filter failure: NKNUSDT PRICE_FILTER: price 0.35215 is not a multiple of tickSize 0.0001");
        assertThat(rec.last("lot").reason()).isEqualTo(
                "-1013 Filter failure: NKNUSDT LOT_SIZE: quantity 100.5 is not a multiple of stepSize 1");
        assertThat(rec.last("band").reason()).startsWith("-1013 Filter failure: NKNUSDT PERCENT_PRICE: BUY price 0.05 is below 0.2 × reference");
        assertThat(rec.last("gtx").reason()).isEqualTo("-1115 Invalid timeInForce.");
        assertThat(rec.last("ro").reason()).isEqualTo("-1106 Parameter 'reduceOnly' sent when not required.");
        assertThat(rec.last("notif").reason()).startsWith("-1102 Mandatory parameter 'timeInForce'");
        assertThat(rec.last("sym").reason()).isEqualTo("-1121 Invalid symbol.");
        assertThat(rec.reports).allSatisfy(r -> {
            assertThat(r.execType()).isEqualTo(ExecType.REJECTED);
            assertThat(r.order().status()).isEqualTo(OrderStatus.REJECTED);
        });
        assertThat(v.openOrders()).isEmpty();
        assertThatThrownBy(() -> new PaperExchange(PaperExchangeConfig.defaults(), List.of()).submit(
                spotMarket("x", NKN, Side.BUY, "1", t))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("setEventHandler");
        assertThatThrownBy(() -> v.deposit("USDT", BigDecimal.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("amount must be > 0");
    }

    @Test
    void withLatencyAnOrderBecomesActiveAtTheFirstBookAfterItArrives() {
        PaperExchange v = nknVenue(PaperExchangeConfig.defaults().withLatencyMs(250));
        RawBook raw = nkn();
        long t = raw.time();
        v.submit(spotMarket("m", NKN, Side.BUY, "100", t));
        assertThat(rec.of("m")).isEmpty();
        v.onBook(PaperFixtures.book(PaperFixtures.SPOT_HTTP, NKN), t + 100);
        assertThat(rec.of("m")).isEmpty();
        v.onBook(PaperFixtures.book(PaperFixtures.SPOT_HTTP, NKN), t + 300);
        assertThat(rec.types("m")).containsExactly(ExecType.NEW, ExecType.TRADE);
        assertThat(rec.last("m").time()).isEqualTo(t + 300);
        assertThat(rec.fills("m").getFirst().price()).isEqualByComparingTo(raw.asks().getFirst()[0]);
        // a cancel travels as long: sent at t+400 it is seen at the first event from t+650 on
        v.submit(spotLimit("l", NKN, Side.BUY, TimeInForce.GTC, "100", raw.bids().getFirst()[0].toPlainString(), t + 300));
        v.onTime(t + 550);
        assertThat(rec.types("l")).containsExactly(ExecType.NEW);
        v.cancel("l", t + 400);
        v.onTime(t + 649);
        assertThat(rec.types("l")).containsExactly(ExecType.NEW);
        v.onTime(t + 650);
        assertThat(rec.types("l")).containsExactly(ExecType.NEW, ExecType.CANCELED);
    }

    @Test
    void snapshotAndRestoreContinueExactlyWhereTheVenueStopped() {
        Instrument fut = PaperFixtures.btcFutures();
        Instrument nknIns = PaperFixtures.nknSpot();
        PaperExchangeConfig config = PaperExchangeConfig.defaults().withLatencyMs(1000);
        Recorder recA = new Recorder();
        PaperExchange a = PaperFixtures.venue(config, recA, nknIns, fut);
        a.deposit("USDT", new BigDecimal("10000"));
        a.deposit("NKN", new BigDecimal("5000"));
        a.depositFutures(new BigDecimal("10000"));
        a.setLeverage("BTCUSDT", 10);
        a.setMarginType("BTCUSDT", MarginType.ISOLATED);
        RawBook raw = nkn();
        a.onBook(PaperFixtures.book(PaperFixtures.SPOT_HTTP, NKN), raw.time());
        a.submit(spotLimit("nb", NKN, Side.BUY, TimeInForce.GTC, "1000", raw.bids().getFirst()[0].toPlainString(), raw.time()));
        a.submit(spotLimit("ns", NKN, Side.SELL, TimeInForce.GTC, "2000", raw.asks().get(2)[0].toPlainString(), raw.time()));
        a.onTime(raw.time() + 1000);

        List<Bar> bars = PaperFixtures.btcFutures1h();
        int i0 = PaperFixtures.indexOf(bars, utc("2025-01-06T00:00:00Z"));
        a.onBar(bars.get(i0));
        a.submit(futMarket("long", "BTCUSDT", Side.BUY, "0.2", bars.get(i0).closeTime()));
        a.onBar(bars.get(i0 + 1));
        long t1 = bars.get(i0 + 1).closeTime();
        BigDecimal close1 = bars.get(i0 + 1).close();
        a.submit(order("trail", "BTCUSDT", Side.SELL, OrderType.TRAILING_STOP_MARKET, null, "0.1", null, t1,
                OrderOptions.FUTURES.withTrailing(new BigDecimal("0.8"), null).withReduceOnly(true)));
        BigDecimal stop = close1.subtract(new BigDecimal("3000")).setScale(1, java.math.RoundingMode.FLOOR);
        a.submit(order("stoplim", "BTCUSDT", Side.SELL, OrderType.STOP, TimeInForce.GTC, "0.1",
                stop.subtract(new BigDecimal("200")).toPlainString(), t1,
                OrderOptions.FUTURES.withStopPrice(stop).withReduceOnly(true)));
        a.submit(order("bid", "BTCUSDT", Side.BUY, OrderType.LIMIT, TimeInForce.GTC, "0.05",
                close1.multiply(new BigDecimal("0.97")).setScale(1, java.math.RoundingMode.FLOOR).toPlainString(), t1,
                OrderOptions.FUTURES));
        a.onBar(bars.get(i0 + 2));
        // one more request still in flight when the snapshot is taken
        a.submit(order("late", "BTCUSDT", Side.BUY, OrderType.LIMIT, TimeInForce.GTC, "0.02",
                close1.multiply(new BigDecimal("0.96")).setScale(1, java.math.RoundingMode.FLOOR).toPlainString(),
                bars.get(i0 + 2).closeTime(), OrderOptions.FUTURES));

        PaperExchange.State state = a.snapshot();
        assertThat(state.openOrders()).extracting(o -> o.order().clientOrderId())
                .containsExactly("nb", "ns", "trail", "stoplim", "bid");
        assertThat(state.pendingRequests()).singleElement().satisfies(p -> assertThat(p.kind())
                .isEqualTo(PaperExchange.PendingRequest.Kind.SUBMIT));
        assertThat(state.openOrders().get(2).trailingActive()).isTrue();
        assertThat(state.openOrders().get(0).queueAhead()).isEqualByComparingTo(raw.bids().getFirst()[1]);
        assertThat(state.positions()).singleElement().satisfies(p -> {
            assertThat(p.quantity()).isEqualByComparingTo("0.2");
            assertThat(p.isolatedMargin()).isPositive();
        });

        Recorder recB = new Recorder();
        PaperExchange b = PaperFixtures.venue(config, recB, nknIns, fut);
        b.restore(state);
        assertThat(b.snapshot()).isEqualTo(state);
        assertThat(b.openOrders()).isEqualTo(a.openOrders());
        assertThat(b.positions()).isEqualTo(a.positions());
        assertThat(b.balances()).isEqualTo(a.balances());
        assertThat(b.futuresAccount()).isEqualTo(a.futuresAccount());
        assertThat(b.leverage("BTCUSDT")).isEqualTo(10);

        // both continue identically over the next two days of real bars (and a fresh NKN book)
        recA.clear();
        for (PaperExchange v : List.of(a, b)) {
            v.onBook(PaperFixtures.book(PaperFixtures.SPOT_HTTP, NKN), bars.get(i0 + 3).openTime());
            for (int i = i0 + 3; i < i0 + 51; i++) {
                v.onBar(bars.get(i));
            }
        }
        assertThat(recA.reports).isNotEmpty();
        assertThat(recA.reports.stream().filter(r -> r.fill() != null).map(r -> r.fill().clientOrderId()))
                .contains("trail");
        assertThat(recB.reports).isEqualTo(recA.reports);
        assertThat(b.snapshot()).isEqualTo(a.snapshot());

        // a state naming an instrument the venue does not know is refused, leaving the venue as it was
        PaperExchange c = PaperFixtures.venue(config, new Recorder(), nknIns);
        PaperExchange.State before = c.snapshot();
        assertThatThrownBy(() -> c.restore(state)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("BTCUSDT is not registered");
        assertThat(c.snapshot()).isEqualTo(before);
    }

    @Test
    void hedgeModeAndMarginTypeCannotChangeUnderOpenOrders() {
        Instrument fut = PaperFixtures.btcFutures();
        PaperExchange v = PaperFixtures.venue(PaperExchangeConfig.defaults(), rec, fut);
        v.depositFutures(new BigDecimal("1000"));
        List<Bar> bars = PaperFixtures.btcFutures1h();
        Bar b = bars.getFirst();
        v.onBar(b);
        v.submit(order("bid", "BTCUSDT", Side.BUY, OrderType.LIMIT, TimeInForce.GTC, "0.002",
                b.close().multiply(new BigDecimal("0.97")).setScale(1, java.math.RoundingMode.FLOOR).toPlainString(),
                b.closeTime(), OrderOptions.FUTURES));
        assertThat(rec.types("bid")).containsExactly(ExecType.NEW);
        assertThatThrownBy(() -> v.setHedgeMode(true)).isInstanceOf(IllegalStateException.class).hasMessageContaining("-4067");
        assertThatThrownBy(() -> v.setMarginType("BTCUSDT", MarginType.ISOLATED)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("-4047");
        assertThatThrownBy(() -> v.setLeverage("ETHUSDT", 5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ETHUSDT is not a registered");
        v.cancel("bid", b.closeTime() + 1);
        v.setHedgeMode(true);
        assertThat(v.isHedgeMode()).isTrue();
        v.submit(order("L", "BTCUSDT", Side.BUY, OrderType.MARKET, null, "0.002", null, b.closeTime() + 2,
                OrderOptions.FUTURES.withPositionSide(PositionSide.LONG)));
        assertThat(rec.types("L")).containsExactly(ExecType.NEW);
    }
}
