package dev.pennant.core.execution;

import dev.pennant.core.exchange.binance.RecordedExchangeInfo;
import dev.pennant.core.model.Instrument;
import dev.pennant.core.model.Market;
import dev.pennant.core.model.Order;
import dev.pennant.core.model.OrderOptions;
import dev.pennant.core.model.OrderStatus;
import dev.pennant.core.model.OrderType;
import dev.pennant.core.model.Position;
import dev.pennant.core.model.PositionSide;
import dev.pennant.core.model.Side;
import dev.pennant.core.model.SymbolFilters;
import dev.pennant.core.model.TimeInForce;
import dev.pennant.core.portfolio.Portfolio;
import dev.pennant.core.risk.RiskEngine;
import dev.pennant.core.risk.RiskLimits;
import dev.pennant.core.testkit.SharedData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The order manager's bookkeeping against a venue the test drives by hand, with the real spot and USDⓈ-M BTCUSDT
 * filters of the recorded exchangeInfo. Expected figures are worked out by hand in the comments.
 */
class ExecutionEngineTest {

    private static final long AUG_2024 = 1_722_470_400_000L;
    private static final Instrument SPOT = real(Market.SPOT, "BTCUSDT");
    private static final Instrument FUT = real(Market.USDM_FUTURES, "BTCUSDT");

    private final List<OrderEvent> events = new ArrayList<>();
    private final List<PositionEvent> positionEvents = new ArrayList<>();
    private final Map<String, BigDecimal> prices = new HashMap<>();
    private final Map<String, Instrument> instruments = new HashMap<>();
    private ScriptedVenue venue;
    private Portfolio portfolio;
    private ExecutionEngine exec;
    private long now = 1_000;
    private String startCash = "10000";

    private static Instrument real(Market m, String symbol) {
        return new RecordedExchangeInfo(SharedData.binance()).choose(m, symbol, AUG_2024, AUG_2024).instrument();
    }

    private static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    @BeforeEach
    void setUp() {
        setUp(SPOT);
    }

    private void setUp(Instrument instrument) {
        events.clear();
        positionEvents.clear();
        instruments.clear();
        instruments.put(instrument.symbol(), instrument);
        venue = new ScriptedVenue();
        portfolio = new Portfolio("USDT", d(startCash));
        exec = new ExecutionEngine(venue, new RiskEngine(RiskLimits.defaults()), portfolio, new ExecutionListener() {
            @Override
            public void onOrderEvent(OrderEvent e) {
                events.add(e);
            }

            @Override
            public void onPositionEvent(PositionEvent e) {
                positionEvents.add(e);
            }
        }, () -> now, "t", instruments::get, prices::get);
    }

    @Test
    void spotMarketBuyIsSizedAcceptedFilledAndClosedWithRealisedPnl() {
        prices.put("BTCUSDT", d("50000"));
        Order o = exec.submit(OrderRequest.market(Market.SPOT, "BTCUSDT", Side.BUY, null));
        // 95 % of 10,000 / (50,000 × 1.001) = 0.18981018… → step 0.00001 → 0.18981
        assertThat(o.quantity()).isEqualByComparingTo("0.18981");
        assertThat(o.clientOrderId()).isEqualTo("t-1");
        assertThat(events).extracting(e -> e.getClass().getSimpleName()).containsExactly("OrderSubmitted", "OrderAccepted");

        venue.fill("t-1", "0.18981", "50010", "9.4924", 2_000);
        OrderEvent.OrderFilled f = (OrderEvent.OrderFilled) events.get(2);
        assertThat(f.lastQty()).isEqualByComparingTo("0.18981");
        assertThat(f.lastPx()).isEqualByComparingTo("50010");
        assertThat(f.commissionAsset()).isEqualTo("USDT");
        assertThat(f.initTime()).isEqualTo(1_000);
        assertThat(f.eventTime()).isEqualTo(2_000);
        assertThat(f.order().status()).isEqualTo(OrderStatus.FILLED);
        assertThat(positionEvents.getFirst()).isInstanceOf(PositionEvent.PositionOpened.class);
        // cash 10,000 − 0.18981 × 50,010 (= 9,492.3981) − 9.4924 = 498.1095
        assertThat(portfolio.cash()).isEqualByComparingTo("498.1095");

        now = 3_000;
        prices.put("BTCUSDT", d("51000"));
        Order exit = exec.submit(OrderRequest.market(Market.SPOT, "BTCUSDT", Side.SELL, null));
        assertThat(exit.quantity()).isEqualByComparingTo("0.18981");
        venue.fill(exit.clientOrderId(), "0.18981", "51000", "9.68031", 4_000);
        assertThat(positionEvents.getLast()).isInstanceOf(PositionEvent.PositionClosed.class);
        // realised: −9.4924 + 0.18981 × (51,000 − 50,010) (= 187.9119) − 9.68031 = 168.73919
        assertThat(portfolio.realizedPnl()).isEqualByComparingTo("168.73919");
        assertThat(portfolio.equity()).isEqualByComparingTo("10168.73919");
    }

    @Test
    void aKnownClientOrderIdIsNeverSentTwice() {
        prices.put("BTCUSDT", d("50000"));
        OrderRequest r = OrderRequest.limit(Market.SPOT, "BTCUSDT", Side.BUY, d("0.01"), d("49000")).withClientOrderId("my-id-1");
        Order first = exec.submit(r);
        Order again = exec.submit(r);
        assertThat(venue.submitted).hasSize(1);
        assertThat(again.clientOrderId()).isEqualTo(first.clientOrderId());
        assertThat(exec.submit(r.withClientOrderId("bad id!")).rejectReason()).contains("clientOrderId");
    }

    @Test
    void spotCannotShortAndFuturesOnlyFieldsAreRefusedOnSpot() {
        prices.put("BTCUSDT", d("50000"));
        Order shortSale = exec.submit(OrderRequest.market(Market.SPOT, "BTCUSDT", Side.SELL, d("0.01")));
        assertThat(shortSale.status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(shortSale.rejectReason()).contains("spot: no shorting");
        Order stopMarket = exec.submit(OrderRequest.conditional(Market.SPOT, "BTCUSDT", Side.BUY, OrderType.STOP_MARKET,
                d("0.01"), d("51000"), null));
        assertThat(stopMarket.rejectReason()).contains("STOP_MARKET does not exist on SPOT");
        assertThat(venue.submitted).isEmpty();
    }

    @Test
    void pricesAndQuantitiesAreRoundedToTheRealFiltersAndBandsChecked() {
        prices.put("BTCUSDT", d("50000"));
        Order o = exec.submit(OrderRequest.limit(Market.SPOT, "BTCUSDT", Side.BUY, d("0.0123456"), d("49000.004")));
        assertThat(o.price()).isEqualByComparingTo("49000"); // tick 0.01
        assertThat(o.quantity()).isEqualByComparingTo("0.01234"); // step 0.00001, rounded down
        // PERCENT_PRICE_BY_SIDE (bid down 0.2 × 50,000 = 10,000)
        Order low = exec.submit(OrderRequest.limit(Market.SPOT, "BTCUSDT", Side.BUY, d("0.01"), d("9000")));
        assertThat(low.rejectReason()).contains("PERCENT_PRICE_BY_SIDE");
        Order tiny = exec.submit(OrderRequest.limit(Market.SPOT, "BTCUSDT", Side.BUY, d("0.00005"), d("49000")));
        assertThat(tiny.rejectReason()).contains("NOTIONAL"); // 2.45 USDT < 5
    }

    @Test
    void maxNumOrdersFilterIsEnforced() {
        SymbolFilters f = SPOT.filters();
        Instrument two = new Instrument(SPOT.symbol(), SPOT.market(), SPOT.baseAsset(), SPOT.quoteAsset(), SPOT.tickSize(),
                SPOT.stepSize(), SPOT.minQty(), SPOT.maxQty(), SPOT.minNotional(),
                new SymbolFilters(f.price(), f.lotSize(), f.marketLotSize(), f.notional(), f.percentPrice(),
                        f.percentPriceBySide(), 2, 1, f.icebergParts(), f.trailingDelta()),
                SPOT.status(), SPOT.pricePrecision(), SPOT.quantityPrecision(), 8, 8, SPOT.orderTypes(), List.of(), List.of());
        setUp(two);
        prices.put("BTCUSDT", d("50000"));
        exec.submit(OrderRequest.limit(Market.SPOT, "BTCUSDT", Side.BUY, d("0.01"), d("49000")));
        exec.submit(OrderRequest.limit(Market.SPOT, "BTCUSDT", Side.BUY, d("0.01"), d("48000")));
        Order third = exec.submit(OrderRequest.limit(Market.SPOT, "BTCUSDT", Side.BUY, d("0.01"), d("47000")));
        assertThat(third.rejectReason()).contains("MAX_NUM_ORDERS").contains("at most 2");
    }

    @Test
    void futuresShortIsBookedOnTheWalletModel() {
        setUp(FUT);
        portfolio.setLeverage("BTCUSDT", 10);
        prices.put("BTCUSDT", d("50000"));
        Order s = exec.submit(OrderRequest.market(Market.USDM_FUTURES, "BTCUSDT", Side.SELL, d("0.01")));
        assertThat(s.status()).isEqualTo(OrderStatus.NEW);
        venue.fill(s.clientOrderId(), "0.01", "50000", "0.25", 2_000);
        Position p = portfolio.position("BTCUSDT");
        assertThat(p.quantity()).isEqualByComparingTo("-0.01");
        assertThat(p.market()).isEqualTo(Market.USDM_FUTURES);
        assertThat(portfolio.cash()).isEqualByComparingTo("9999.75"); // only the fee leaves the wallet
        assertThat(portfolio.marginUsed()).isEqualByComparingTo("50"); // 500 / 10x
        portfolio.mark("BTCUSDT", d("49000"), 3_000);
        assertThat(portfolio.unrealizedPnl()).isEqualByComparingTo("10"); // −0.01 × (49,000 − 50,000)
        assertThat(portfolio.equity()).isEqualByComparingTo("10009.75");

        prices.put("BTCUSDT", d("49000"));
        Order cover = exec.submit(OrderRequest.market(Market.USDM_FUTURES, "BTCUSDT", Side.BUY, d("0.01"))
                .reduceOnly(PositionSide.BOTH));
        assertThat(cover.options().reduceOnly()).isTrue();
        venue.fill(cover.clientOrderId(), "0.01", "49000", "0.245", 4_000);
        // wallet 9,999.75 + 10 − 0.245; realised −0.25 + 10 − 0.245
        assertThat(portfolio.cash()).isEqualByComparingTo("10009.505");
        assertThat(portfolio.realizedPnl()).isEqualByComparingTo("9.505");
        assertThat(portfolio.equity()).isEqualByComparingTo("10009.505");
        assertThat(positionEvents.getLast()).isInstanceOf(PositionEvent.PositionClosed.class);

        venue.funding("BTCUSDT", "-0.5", 5_000);
        assertThat(portfolio.cash()).isEqualByComparingTo("10009.005");
        assertThat(portfolio.fundingPnl()).isEqualByComparingTo("-0.5");
    }

    @Test
    void reduceOnlyMayNotFlipAndMarginMustCoverTheEntry() {
        setUp(FUT);
        portfolio.setLeverage("BTCUSDT", 2);
        prices.put("BTCUSDT", d("50000"));
        Order none = exec.submit(OrderRequest.market(Market.USDM_FUTURES, "BTCUSDT", Side.SELL, d("0.01"))
                .reduceOnly(PositionSide.BOTH));
        assertThat(none.rejectReason()).contains("no BOTH position");
        Order big = exec.submit(OrderRequest.market(Market.USDM_FUTURES, "BTCUSDT", Side.BUY, d("0.5")));
        // 0.5 × 50,000 / 2 = 12,500 > 10,000 available
        assertThat(big.rejectReason()).contains("initial margin 12500").contains("/ 2x");
        Order ok = exec.submit(OrderRequest.market(Market.USDM_FUTURES, "BTCUSDT", Side.BUY, d("0.1")));
        venue.fill(ok.clientOrderId(), "0.1", "50000", "2.5", 2_000);
        Order flip = exec.submit(OrderRequest.market(Market.USDM_FUTURES, "BTCUSDT", Side.SELL, d("0.2"))
                .reduceOnly(PositionSide.BOTH));
        assertThat(flip.rejectReason()).contains("would increase or flip");
    }

    @Test
    void hedgeModeKeepsLongAndShortApart() {
        setUp(FUT);
        portfolio.setLeverage("BTCUSDT", 10);
        prices.put("BTCUSDT", d("50000"));
        OrderOptions longSide = OrderOptions.FUTURES.withPositionSide(PositionSide.LONG);
        OrderOptions shortSide = OrderOptions.FUTURES.withPositionSide(PositionSide.SHORT);
        Order l = exec.submit(new OrderRequest("BTCUSDT", Side.BUY, OrderType.MARKET, null, d("0.02"), null, longSide, null, null));
        Order s = exec.submit(new OrderRequest("BTCUSDT", Side.SELL, OrderType.MARKET, null, d("0.01"), null, shortSide, null, null));
        venue.fill(l.clientOrderId(), "0.02", "50000", "0.5", 2_000);
        venue.fill(s.clientOrderId(), "0.01", "50000", "0.25", 2_000);
        assertThat(portfolio.position("BTCUSDT", PositionSide.LONG).quantity()).isEqualByComparingTo("0.02");
        assertThat(portfolio.position("BTCUSDT", PositionSide.SHORT).quantity()).isEqualByComparingTo("-0.01");
        portfolio.mark("BTCUSDT", d("51000"), 3_000);
        // long +0.02 × 1,000 = 20; short −0.01 × 1,000 = −10
        assertThat(portfolio.unrealizedPnl()).isEqualByComparingTo("10");
        // closing the SHORT side is a BUY on positionSide SHORT
        Order close = exec.submit(new OrderRequest("BTCUSDT", Side.BUY, OrderType.MARKET, null, d("0.01"), null, shortSide, null, null));
        venue.fill(close.clientOrderId(), "0.01", "51000", "0.255", 4_000);
        assertThat(portfolio.position("BTCUSDT", PositionSide.SHORT).isFlat()).isTrue();
        assertThat(portfolio.position("BTCUSDT", PositionSide.LONG).quantity()).isEqualByComparingTo("0.02");
    }

    @Test
    void bracketPlacesReduceOnlyExitsForTheFilledQuantityAndTheFirstExitFillCancelsTheOther() {
        setUp(FUT);
        portfolio.setLeverage("BTCUSDT", 5);
        prices.put("BTCUSDT", d("50000"));
        Order entry = exec.execute(new TradingCommand.SubmitBracket(
                OrderRequest.limit(Market.USDM_FUTURES, "BTCUSDT", Side.BUY, d("0.02"), d("49900")), d("48000"), d("53000"), null));
        assertThat(venue.submitted).hasSize(1);
        venue.fill(entry.clientOrderId(), "0.01", "49900", "0.0998", 2_000);
        assertThat(venue.submitted).as("no exits while the entry is still filling").hasSize(1);
        venue.fill(entry.clientOrderId(), "0.01", "49900", "0.0998", 3_000);
        assertThat(venue.submitted).hasSize(3);
        Order sl = venue.submitted.get(1);
        Order tp = venue.submitted.get(2);
        assertThat(sl.type()).isEqualTo(OrderType.STOP_MARKET);
        assertThat(sl.stopPrice()).isEqualByComparingTo("48000");
        assertThat(tp.type()).isEqualTo(OrderType.TAKE_PROFIT_MARKET);
        assertThat(List.of(sl, tp)).allSatisfy(x -> {
            assertThat(x.side()).isEqualTo(Side.SELL);
            assertThat(x.quantity()).isEqualByComparingTo("0.02");
            assertThat(x.options().reduceOnly()).isTrue();
            assertThat(x.options().parentId()).isEqualTo(entry.clientOrderId());
        });
        venue.fill(tp.clientOrderId(), "0.02", "53000", "0.53", 4_000);
        assertThat(venue.canceled).containsExactly(sl.clientOrderId());
        assertThat(exec.order(sl.clientOrderId()).status()).isEqualTo(OrderStatus.CANCELED);
        assertThat(exec.openOrders()).isEmpty();
        assertThat(portfolio.position("BTCUSDT").isFlat()).isTrue();
    }

    @Test
    void cancelModifyAndCancelAll() {
        prices.put("BTCUSDT", d("50000"));
        Order a = exec.submit(OrderRequest.limit(Market.SPOT, "BTCUSDT", Side.BUY, d("0.01"), d("49000")));
        Order b = exec.submit(OrderRequest.limit(Market.SPOT, "BTCUSDT", Side.BUY, d("0.01"), d("48000"))
                .withTimeInForce(TimeInForce.IOC));
        exec.modify(a.clientOrderId(), d("0.02"), d("49100.005"));
        assertThat(exec.order(a.clientOrderId()).price()).isEqualByComparingTo("49100.01");
        assertThat(events.getLast()).isInstanceOf(OrderEvent.OrderUpdated.class);
        exec.cancel("nope");
        assertThat(events.getLast()).isInstanceOf(OrderEvent.OrderUpdated.class); // unknown id: no order to report on
        assertThat(exec.cancelAll("BTCUSDT")).isEqualTo(2);
        assertThat(venue.canceled).containsExactly(a.clientOrderId(), b.clientOrderId());
        assertThat(exec.openOrders()).isEmpty();
        exec.cancel(a.clientOrderId());
        assertThat(events.getLast()).isInstanceOf(OrderEvent.OrderRequestRejected.class);
    }

    @Test
    void venueRejectionIsBookedWithItsReason() {
        prices.put("BTCUSDT", d("50000"));
        Order o = exec.submit(OrderRequest.limit(Market.SPOT, "BTCUSDT", Side.BUY, d("0.01"), d("49000")));
        venue.reject(o.clientOrderId(), "-2010 Account has insufficient balance for requested action.", 2_000);
        assertThat(exec.order(o.clientOrderId()).status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(((OrderEvent.OrderRejected) events.getLast()).reason()).contains("-2010");
        assertThat(exec.openOrders()).isEmpty();
    }

    @Test
    void openSpotSellsReserveTheLongSoTwoSellsCannotGoShort() {
        prices.put("BTCUSDT", d("50000"));
        Order buy = exec.submit(OrderRequest.market(Market.SPOT, "BTCUSDT", Side.BUY, d("0.02")));
        venue.fill(buy.clientOrderId(), "0.02", "50000", "1", 2_000);
        Order first = exec.submit(OrderRequest.market(Market.SPOT, "BTCUSDT", Side.SELL, d("0.015")));
        assertThat(first.status()).isEqualTo(OrderStatus.NEW);
        Order second = exec.submit(OrderRequest.market(Market.SPOT, "BTCUSDT", Side.SELL, d("0.01")));
        assertThat(second.rejectReason()).contains("less 0.015 already reserved by open SELL orders");
        Order rest = exec.submit(OrderRequest.market(Market.SPOT, "BTCUSDT", Side.SELL, d("0.005")));
        assertThat(rest.status()).isEqualTo(OrderStatus.NEW);
    }

    @Test
    void spotBracketUsesStopLimitExitsWhenTheSymbolListsOnlyThose() {
        // BTCUSDT's recorded spot exchangeInfo lists STOP_LOSS_LIMIT / TAKE_PROFIT_LIMIT but not STOP_LOSS / TAKE_PROFIT
        assertThat(SPOT.orderTypes()).contains("STOP_LOSS_LIMIT").doesNotContain("STOP_LOSS");
        prices.put("BTCUSDT", d("50000"));
        Order entry = exec.execute(new TradingCommand.SubmitBracket(
                OrderRequest.market(Market.SPOT, "BTCUSDT", Side.BUY, d("0.02")), d("48000"), d("52000"), null));
        venue.fill(entry.clientOrderId(), "0.02", "50000", "1", 2_000);
        Order sl = venue.submitted.get(1);
        Order tp = venue.submitted.get(2);
        assertThat(sl.type()).isEqualTo(OrderType.STOP_LOSS_LIMIT);
        assertThat(sl.price()).isEqualByComparingTo("47760"); // 48,000 × 0.995
        assertThat(tp.type()).isEqualTo(OrderType.TAKE_PROFIT_LIMIT);
        assertThat(tp.price()).isEqualByComparingTo("52000");
        assertThat(List.of(sl, tp)).allSatisfy(x -> assertThat(x.status()).isEqualTo(OrderStatus.NEW));
        // both legs sell the same 0.02 but count once: a further SELL of 0.001 is refused
        assertThat(exec.submit(OrderRequest.market(Market.SPOT, "BTCUSDT", Side.SELL, d("0.001"))).rejectReason())
                .contains("already reserved");
    }

    @Test
    void leverageIsSetOnVenueAndLedgerAndRefusedOnSpot() {
        setUp(FUT);
        exec.execute(new TradingCommand.SetLeverage("BTCUSDT", 20));
        assertThat(portfolio.leverage("BTCUSDT")).isEqualTo(20);
        setUp(SPOT);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> exec.execute(new TradingCommand.SetLeverage("BTCUSDT", 3)))
                .hasMessageContaining("leverage: BTCUSDT is not a USDⓈ-M instrument");
    }

    @Test
    void leverageAndPositionSizeStayWithinTheLeverageBracketOfTheNotional() {
        startCash = "10000000"; // margin is never the limit here: only the brackets are
        setUp(FUT);
        prices.put("BTCUSDT", d("50000"));
        // bundled BTCUSDT brackets: 1: ≤ 50,000 USDT at 125×; 2: ≤ 250,000 at 100×; 3: ≤ 1,000,000 at 50×
        exec.execute(new TradingCommand.SetLeverage("BTCUSDT", 125));
        Order big = exec.submit(OrderRequest.market(Market.USDM_FUTURES, "BTCUSDT", Side.BUY, d("1.2")));
        assertThat(big.status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(big.rejectReason()).isEqualTo("risk: LEVERAGE_BRACKET: position notional after this order 60000 USDT "
                + "exceeds 50000 USDT, the most BTCUSDT may hold at 125× leverage (lower the leverage or the quantity)");
        Order fits = exec.submit(OrderRequest.market(Market.USDM_FUTURES, "BTCUSDT", Side.BUY, d("0.9")));
        assertThat(String.valueOf(fits.rejectReason())).doesNotContain("LEVERAGE_BRACKET");

        setUp(FUT);
        exec.execute(new TradingCommand.SetLeverage("BTCUSDT", 10));
        Order entry = exec.submit(OrderRequest.market(Market.USDM_FUTURES, "BTCUSDT", Side.BUY, d("6")));
        assertThat(entry.status()).as(String.valueOf(entry.rejectReason())).isEqualTo(OrderStatus.NEW);
        venue.fill(entry.clientOrderId(), "6", "50000", "150", 2_000);
        portfolio.mark("BTCUSDT", d("50000"), 2_000);
        // 6 × 50,000 = 300,000 USDT: bracket 3, at most 50×
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> exec.execute(new TradingCommand.SetLeverage("BTCUSDT", 100)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("leverage: LEVERAGE_BRACKET: BTCUSDT allows at most 50× for a position notional of 300000 USDT "
                        + "(bracket 3, notional 250000–1000000 USDT); asked 100×");
        assertThat(portfolio.leverage("BTCUSDT")).isEqualTo(10);
        exec.execute(new TradingCommand.SetLeverage("BTCUSDT", 50));
        assertThat(portfolio.leverage("BTCUSDT")).isEqualTo(50);
        // at 50× the position may grow to 1,000,000 USDT: 21 BTC (1,050,000) is over, 14 BTC (1,000,000) fits
        Order over = exec.submit(OrderRequest.market(Market.USDM_FUTURES, "BTCUSDT", Side.BUY, d("15")));
        assertThat(over.rejectReason()).startsWith("risk: LEVERAGE_BRACKET: position notional after this order 1050000 USDT "
                + "exceeds 1000000 USDT, the most BTCUSDT may hold at 50×");
        Order edge = exec.submit(OrderRequest.market(Market.USDM_FUTURES, "BTCUSDT", Side.BUY, d("14")));
        assertThat(String.valueOf(edge.rejectReason())).doesNotContain("LEVERAGE_BRACKET");
        // reducing never hits the bracket
        Order reduce = exec.submit(OrderRequest.market(Market.USDM_FUTURES, "BTCUSDT", Side.SELL, d("1")));
        assertThat(String.valueOf(reduce.rejectReason())).doesNotContain("LEVERAGE_BRACKET");
    }
}
