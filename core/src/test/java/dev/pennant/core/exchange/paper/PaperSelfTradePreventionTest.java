package dev.pennant.core.exchange.paper;

import dev.pennant.core.exchange.ExecutionReport;
import dev.pennant.core.exchange.ExecutionReport.ExecType;
import dev.pennant.core.exchange.paper.PaperFixtures.RawBook;
import dev.pennant.core.exchange.paper.PaperFixtures.Recorder;
import dev.pennant.core.model.Fill;
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
import static dev.pennant.core.exchange.paper.PaperFixtures.spotLimit;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Self-trade prevention on the real NKNUSDT spot book of 2021-10-12: our resting SELL sits at the second recorded ask;
 * a MARKET BUY of ours that walks past the first ask would reach it. Expected prices and quantities come from the raw
 * JSON levels ({@link PaperFixtures#rawBook}).
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
}
