package dev.pennant.core.exchange.paper;

import dev.pennant.core.exchange.ExecutionReport;
import dev.pennant.core.exchange.ExecutionReport.ExecType;
import dev.pennant.core.exchange.paper.PaperFixtures.RawBook;
import dev.pennant.core.exchange.paper.PaperFixtures.Recorder;
import dev.pennant.core.model.Bar;
import dev.pennant.core.model.Fill;
import dev.pennant.core.model.Instrument;
import dev.pennant.core.model.LiquiditySide;
import dev.pennant.core.model.Order;
import dev.pennant.core.model.OrderOptions;
import dev.pennant.core.model.OrderStatus;
import dev.pennant.core.model.OrderType;
import dev.pennant.core.model.Side;
import dev.pennant.core.model.StpMode;
import dev.pennant.core.model.TimeInForce;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static dev.pennant.core.exchange.paper.PaperFixtures.order;
import static dev.pennant.core.exchange.paper.PaperFixtures.rawBar;
import static dev.pennant.core.exchange.paper.PaperFixtures.utc;
import static dev.pennant.core.exchange.paper.PaperFixtures.spotLimit;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Self-trade prevention on the real NKNUSDT spot book of 2021-10-12: our resting SELL sits at the second recorded ask;
 * a MARKET BUY of ours that walks past the first ask would reach it. Expected prices and quantities come from the raw
 * JSON levels ({@link PaperFixtures#rawBook}). The bar case uses the real BTCUSDT 1m crash bar of 2021-05-19 12:50 and
 * its raw CSV row: a triggered stop-market whose slipped fill price passes our own resting BUY.
 */
class PaperSelfTradePreventionTest {

    private static final String NKN = "NKNUSDT";
    private static final BigDecimal BEYOND_FIRST = new BigDecimal("100");

    private final Recorder rec = new Recorder();
    private final RawBook raw = PaperFixtures.rawBook(PaperFixtures.SPOT_HTTP, NKN);
    private final BigDecimal p1 = raw.asks().get(0)[0];
    private final BigDecimal q1 = raw.asks().get(0)[1];
    private final BigDecimal p2 = raw.asks().get(1)[0];

    /** A venue on the recorded book with our SELL "maker" of 1000 NKN resting at the second ask. */
    private PaperExchange venueWithMakerAt(BigDecimal makerPrice) {
        assertThat(raw.asks().get(1)[1]).isGreaterThan(BEYOND_FIRST); // the taker stops inside the second level
        PaperExchange v = PaperFixtures.venue(PaperExchangeConfig.defaults(), rec, PaperFixtures.nknSpot());
        v.onBook(PaperFixtures.book(PaperFixtures.SPOT_HTTP, NKN), raw.time());
        v.deposit("USDT", new BigDecimal("100000"));
        v.deposit("NKN", new BigDecimal("1000"));
        v.submit(spotLimit("maker", NKN, Side.SELL, TimeInForce.GTC, "1000", makerPrice.toPlainString(), raw.time()));
        assertThat(rec.last("maker").order().status()).isEqualTo(OrderStatus.NEW);
        return v;
    }

    private Order taker(StpMode mode) {
        OrderOptions opts = OrderOptions.SPOT.withSelfTradePreventionMode(mode);
        return order("taker", NKN, Side.BUY, OrderType.MARKET, null, q1.add(BEYOND_FIRST).toPlainString(), null,
                raw.time(), opts);
    }

    private void assertWalkedBothLevels() {
        List<Fill> f = rec.fills("taker");
        assertThat(f).hasSize(2);
        assertThat(f.get(0).price()).isEqualByComparingTo(p1);
        assertThat(f.get(0).quantity()).isEqualByComparingTo(q1);
        assertThat(f.get(1).price()).isEqualByComparingTo(p2);
        assertThat(f.get(1).quantity()).isEqualByComparingTo(BEYOND_FIRST);
        assertThat(rec.last("taker").order().status()).isEqualTo(OrderStatus.FILLED);
    }

    /** The taker filled the first ask, then expired in match with that fill kept. */
    private void assertTakerExpiredAfterFirstLevel() {
        assertThat(rec.fills("taker")).singleElement().satisfies(f -> {
            assertThat(f.price()).isEqualByComparingTo(p1);
            assertThat(f.quantity()).isEqualByComparingTo(q1);
        });
        ExecutionReport last = rec.last("taker");
        assertThat(last.execType()).isEqualTo(ExecType.EXPIRED);
        assertThat(last.order().status()).isEqualTo(OrderStatus.EXPIRED_IN_MATCH);
        assertThat(last.order().filledQuantity()).isEqualByComparingTo(q1);
        assertThat(last.reason()).contains("self-trade prevention").contains("maker");
        assertThat(rec.reports.stream().filter(r -> r.order().clientOrderId().equals("taker")
                && r.execType() == ExecType.EXPIRED)).hasSize(1);
    }

    private void assertMakerExpiredInMatch(PaperExchange v) {
        ExecutionReport last = rec.last("maker");
        assertThat(last.execType()).isEqualTo(ExecType.EXPIRED);
        assertThat(last.order().status()).isEqualTo(OrderStatus.EXPIRED_IN_MATCH);
        assertThat(last.order().filledQuantity()).isEqualByComparingTo("0");
        assertThat(v.order("maker")).get().extracting(Order::status).isEqualTo(OrderStatus.EXPIRED_IN_MATCH);
        assertThat(v.openOrders()).isEmpty();
        assertThat(v.balance("NKN").locked()).isEqualByComparingTo("0"); // the SELL's lock went back to free
    }

    private void assertMakerStillResting(PaperExchange v) {
        assertThat(rec.last("maker").order().status()).isEqualTo(OrderStatus.NEW);
        assertThat(v.openOrders()).extracting(Order::clientOrderId).containsExactly("maker");
        assertThat(v.balance("NKN").locked()).isEqualByComparingTo("1000");
    }

    @Test
    void noneLetsTheTakerWalkPastOurRestingSell() {
        PaperExchange v = venueWithMakerAt(p2);
        v.submit(taker(StpMode.NONE));
        assertWalkedBothLevels();
        assertMakerStillResting(v);
    }

    @Test
    void expireTakerKeepsTheFirstLevelsFillAndExpiresTheRestOfTheTaker() {
        PaperExchange v = venueWithMakerAt(p2);
        v.submit(taker(StpMode.EXPIRE_TAKER));
        assertTakerExpiredAfterFirstLevel();
        assertMakerStillResting(v);
        assertThat(v.balance("NKN").free()).isEqualByComparingTo(q1); // only the first level was bought
    }

    @Test
    void expireMakerExpiresOurSellAndTheTakerGoesOnFilling() {
        PaperExchange v = venueWithMakerAt(p2);
        v.submit(taker(StpMode.EXPIRE_MAKER));
        assertMakerExpiredInMatch(v);
        assertWalkedBothLevels();
        // the maker expired before the taker reached the second level
        List<ExecutionReport> r = rec.reports;
        int makerExpired = r.indexOf(rec.last("maker"));
        int secondFill = r.indexOf(rec.of("taker").stream().filter(x -> x.fill() != null).toList().get(1));
        assertThat(makerExpired).isLessThan(secondFill);
    }

    @Test
    void expireBothExpiresTheMakerAndTheTakerAfterItsFirstLevel() {
        PaperExchange v = venueWithMakerAt(p2);
        v.submit(taker(StpMode.EXPIRE_BOTH));
        assertTakerExpiredAfterFirstLevel();
        assertMakerExpiredInMatch(v);
    }

    @Test
    void aSpotOrderWithoutAModeUsesTheSymbolDefaultExpireMaker() {
        assertThat(PaperExchange.defaultStpMode(dev.pennant.core.model.Market.SPOT)).isEqualTo(StpMode.EXPIRE_MAKER);
        PaperExchange v = venueWithMakerAt(p2);
        v.submit(taker(null));
        assertMakerExpiredInMatch(v);
        assertWalkedBothLevels();
    }

    @Test
    void aRestingSellBeyondTheTakersWorstPriceIsNotASelfTrade() {
        BigDecimal p3 = raw.asks().get(2)[0];
        assertThat(p3).isGreaterThan(p2);
        PaperExchange v = venueWithMakerAt(p3);
        v.submit(taker(StpMode.EXPIRE_BOTH));
        assertWalkedBothLevels();
        assertMakerStillResting(v);
    }

    @Test
    void aFokTakerThatWouldReachOurSellExpiresWithNoFillUnderExpireTaker() {
        PaperExchange v = venueWithMakerAt(p2);
        OrderOptions opts = OrderOptions.SPOT.withSelfTradePreventionMode(StpMode.EXPIRE_TAKER);
        v.submit(order("taker", NKN, Side.BUY, OrderType.LIMIT, TimeInForce.FOK, q1.add(BEYOND_FIRST).toPlainString(),
                p2.toPlainString(), raw.time(), opts));
        assertThat(rec.fills("taker")).isEmpty();
        assertThat(rec.last("taker").order().status()).isEqualTo(OrderStatus.EXPIRED_IN_MATCH);
        assertMakerStillResting(v);
    }

    @Test
    void aTriggeredStopWhoseSlippedFillPassesOurRestingBuyOnTheBarPath() {
        // 12:50 closed below its open (path open → high → low → close) and its low lies below both prices used here
        BigDecimal[] r = rawBar(utc("2021-05-19T12:50:00Z"));
        BigDecimal stop = new BigDecimal("35000.00");
        BigDecimal bid = new BigDecimal("34980.00");
        BigDecimal stopFill = stop.multiply(new BigDecimal("0.999")).setScale(2, java.math.RoundingMode.FLOOR); // 10 bps
        assertThat(r[3]).isLessThan(r[0]);
        assertThat(r[2]).isLessThan(stopFill);
        assertThat(stopFill).isLessThanOrEqualTo(bid); // the stop would sell into our bid first
        Instrument ins = Instrument.defaultSpotUsdt("BTCUSDT");
        List<Bar> bars = PaperFixtures.btcSpot1m();
        long from = utc("2021-05-19T12:40:00Z");
        long at = utc("2021-05-19T12:50:00Z");

        for (StpMode mode : new StpMode[]{StpMode.NONE, StpMode.EXPIRE_TAKER, StpMode.EXPIRE_MAKER}) {
            rec.clear();
            PaperExchange v = PaperFixtures.venue(PaperExchangeConfig.defaults().withStopSlippageBps(BigDecimal.TEN),
                    rec, ins);
            v.deposit("USDT", new BigDecimal("100000"));
            v.deposit("BTC", new BigDecimal("1"));
            bars.stream().filter(b -> b.openTime() >= from && b.openTime() < at).forEach(v::onBar);
            long t = bars.get(PaperFixtures.indexOf(bars, at) - 1).closeTime();
            v.submit(spotLimit("bid", "BTCUSDT", Side.BUY, TimeInForce.GTC, "1", bid.toPlainString(), t));
            v.submit(order("sl", "BTCUSDT", Side.SELL, OrderType.STOP_LOSS, null, "1", null, t,
                    OrderOptions.SPOT.withStopPrice(stop).withSelfTradePreventionMode(mode)));
            v.onBar(bars.get(PaperFixtures.indexOf(bars, at)));

            switch (mode) {
                case NONE -> {
                    assertThat(rec.fills("sl")).singleElement().satisfies(f -> {
                        assertThat(f.price()).isEqualByComparingTo(stopFill);
                        assertThat(f.liquiditySide()).isEqualTo(LiquiditySide.TAKER);
                    });
                    assertThat(rec.fills("bid")).singleElement().satisfies(f -> {
                        assertThat(f.price()).isEqualByComparingTo(bid);
                        assertThat(f.liquiditySide()).isEqualTo(LiquiditySide.MAKER);
                    });
                }
                case EXPIRE_TAKER -> {
                    assertThat(rec.types("sl")).containsExactly(ExecType.NEW, ExecType.TRIGGERED, ExecType.EXPIRED);
                    assertThat(rec.last("sl").order().status()).isEqualTo(OrderStatus.EXPIRED_IN_MATCH);
                    // our bid stays and the rest of the down leg trades through it
                    assertThat(rec.fills("bid")).singleElement().satisfies(
                            f -> assertThat(f.price()).isEqualByComparingTo(bid));
                }
                default -> {
                    assertThat(rec.types("bid")).containsExactly(ExecType.NEW, ExecType.EXPIRED);
                    assertThat(rec.last("bid").order().status()).isEqualTo(OrderStatus.EXPIRED_IN_MATCH);
                    assertThat(v.balance("USDT").locked()).isEqualByComparingTo("0");
                    assertThat(rec.fills("sl")).singleElement().satisfies(
                            f -> assertThat(f.price()).isEqualByComparingTo(stopFill));
                }
            }
        }
    }
}
