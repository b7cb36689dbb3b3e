package dev.pennant.core.exchange.paper;

import dev.pennant.core.exchange.ExecutionReport;
import dev.pennant.core.exchange.ExecutionReport.ExecType;
import dev.pennant.core.exchange.paper.PaperFixtures.RawBook;
import dev.pennant.core.exchange.paper.PaperFixtures.Recorder;
import dev.pennant.core.marketdata.book.BookDepth;
import dev.pennant.core.marketdata.feed.Trade;
import dev.pennant.core.model.Fill;
import dev.pennant.core.model.Instrument;
import dev.pennant.core.model.LiquiditySide;
import dev.pennant.core.model.Market;
import dev.pennant.core.model.OrderOptions;
import dev.pennant.core.model.OrderStatus;
import dev.pennant.core.model.OrderType;
import dev.pennant.core.model.Side;
import dev.pennant.core.model.TimeInForce;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

import static dev.pennant.core.exchange.paper.PaperFixtures.fee;
import static dev.pennant.core.exchange.paper.PaperFixtures.order;
import static dev.pennant.core.exchange.paper.PaperFixtures.spotLimit;
import static dev.pennant.core.exchange.paper.PaperFixtures.spotMarket;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

/**
 * Book and trade matching on real recordings: the NKNUSDT spot REST snapshot of 2021-10-12 (cryptofeed), the
 * SUSHIUSDT USDⓈ-M snapshot and aggTrades of 2021-07-22, and BTCUSDT spot trades of 2025-02-15. Every expected figure is
 * computed here from the raw JSON / CSV levels and trades.
 */
class PaperBookTest {

    private static final String NKN = "NKNUSDT";

    private final Recorder rec = new Recorder();

    private PaperExchange nknVenue() {
        PaperExchange v = PaperFixtures.venue(PaperExchangeConfig.defaults(), rec, PaperFixtures.nknSpot());
        RawBook raw = PaperFixtures.rawBook(PaperFixtures.SPOT_HTTP, NKN);
        v.onBook(PaperFixtures.book(PaperFixtures.SPOT_HTTP, NKN), raw.time());
        return v;
    }

    private static RawBook nknRaw() {
        return PaperFixtures.rawBook(PaperFixtures.SPOT_HTTP, NKN);
    }

    @Test
    void marketBuyWalksTheRecordedAsksLevelByLevelWithSlippageAgainstTheBestAsk() {
        PaperExchange v = nknVenue();
        RawBook raw = nknRaw();
        v.deposit("USDT", new BigDecimal("100000"));

        BigDecimal want = new BigDecimal("20000");
        v.submit(spotMarket("m1", NKN, Side.BUY, "20000", raw.time()));

        // expected: walk the raw asks, one fill per level consumed
        List<BigDecimal[]> expected = new ArrayList<>();
        BigDecimal rest = want;
        for (BigDecimal[] l : raw.asks()) {
            if (rest.signum() == 0) {
                break;
            }
            BigDecimal q = rest.min(l[1]);
            expected.add(new BigDecimal[]{l[0], q});
            rest = rest.subtract(q);
        }
        assertThat(expected).hasSizeGreaterThan(3); // the order really walks several levels
        BigDecimal notional = expected.stream().map(e -> e[0].multiply(e[1])).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal vwap = notional.divide(want, 12, RoundingMode.HALF_EVEN);
        BigDecimal bestAsk = raw.asks().getFirst()[0];

        List<Fill> fills = rec.fills("m1");
        assertThat(fills).hasSize(expected.size());
        BigDecimal fees = BigDecimal.ZERO;
        for (int i = 0; i < fills.size(); i++) {
            Fill f = fills.get(i);
            assertThat(f.price()).isEqualByComparingTo(expected.get(i)[0]);
            assertThat(f.quantity()).isEqualByComparingTo(expected.get(i)[1]);
            assertThat(f.liquiditySide()).isEqualTo(LiquiditySide.TAKER);
            assertThat(f.commission()).isEqualByComparingTo(fee(f.notional(), "0.001"));
            assertThat(f.commissionAsset()).isEqualTo("USDT");
            assertThat(f.market()).isEqualTo(Market.SPOT);
            fees = fees.add(f.commission());
        }
        assertThat(fills).extracting(Fill::tradeId).isSorted().doesNotHaveDuplicates();
        ExecutionReport last = rec.last("m1");
        assertThat(last.order().status()).isEqualTo(OrderStatus.FILLED);
        assertThat(last.order().averagePrice().doubleValue()).isCloseTo(vwap.doubleValue(), offset(1e-8));
        // slippage against the best ask at submission: VWAP − best ask, from the raw levels
        BigDecimal slippage = vwap.subtract(bestAsk);
        assertThat(slippage.signum()).isPositive();
        assertThat(last.order().averagePrice().subtract(bestAsk).doubleValue()).isCloseTo(slippage.doubleValue(), offset(1e-8));
        assertThat(v.balance("NKN").free()).isEqualByComparingTo(want);
        assertThat(v.balance("USDT").free()).isEqualByComparingTo(new BigDecimal("100000").subtract(notional).subtract(fees));

        // the walked liquidity is gone from the venue's book copy: one more NKN costs the partly used level's price
        BigDecimal[] lastLevel = expected.getLast();
        BigDecimal lastRawQty = raw.asks().get(expected.size() - 1)[1];
        BigDecimal nextPrice = lastLevel[1].compareTo(lastRawQty) < 0 ? lastLevel[0] : raw.asks().get(expected.size())[0];
        v.submit(spotMarket("m2", NKN, Side.BUY, "100", raw.time()));
        assertThat(rec.fills("m2").getFirst().price()).isEqualByComparingTo(nextPrice);

        // 1 NKN (≈ 0.35 USDT) is below NKNUSDT's MIN_NOTIONAL of 10 USDT: the venue refuses it with the filter's words
        v.submit(spotMarket("m3", NKN, Side.BUY, "1", raw.time()));
        assertThat(rec.last("m3").execType()).isEqualTo(ExecType.REJECTED);
        assertThat(rec.last("m3").reason()).startsWith("-1013 Filter failure: NKNUSDT MIN_NOTIONAL: 1 × ")
                .endsWith("is below minNotional 10");
    }

    @Test
    void marketOrderLargerThanTheWholeBookFillsTheRestAtTheLastLevelButALimitStopsAtItsPrice() {
        PaperExchange v = nknVenue();
        RawBook raw = nknRaw();
        v.deposit("USDT", new BigDecimal("5000000"));
        BigDecimal total = raw.asks().stream().map(l -> l[1]).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal want = total.add(new BigDecimal("500"));

        v.submit(spotMarket("big", NKN, Side.BUY, want.toPlainString(), raw.time()));

        List<Fill> fills = rec.fills("big");
        assertThat(fills).hasSize(raw.asks().size());
        BigDecimal[] lastLevel = raw.asks().getLast();
        assertThat(fills.getLast().price()).isEqualByComparingTo(lastLevel[0]);
        assertThat(fills.getLast().quantity()).isEqualByComparingTo(lastLevel[1].add(new BigDecimal("500")));
        assertThat(rec.last("big").order().status()).isEqualTo(OrderStatus.FILLED);

        // a fresh book: a LIMIT IOC at the 3rd ask takes the first three levels only and expires the rest
        v.onBook(PaperFixtures.book(PaperFixtures.SPOT_HTTP, NKN), raw.time() + 1);
        BigDecimal third = raw.asks().get(2)[0];
        BigDecimal upTo3 = raw.asks().get(0)[1].add(raw.asks().get(1)[1]).add(raw.asks().get(2)[1]);
        v.submit(spotLimit("ioc", NKN, Side.BUY, TimeInForce.IOC, upTo3.add(new BigDecimal("1000")).toPlainString(),
                third.toPlainString(), raw.time() + 1));
        assertThat(rec.fills("ioc")).extracting(Fill::price).usingElementComparator(BigDecimal::compareTo)
                .containsExactly(raw.asks().get(0)[0], raw.asks().get(1)[0], third);
        ExecutionReport end = rec.last("ioc");
        assertThat(end.execType()).isEqualTo(ExecType.EXPIRED);
        assertThat(end.order().filledQuantity()).isEqualByComparingTo(upTo3);
        assertThat(v.openOrders()).isEmpty();
    }

    @Test
    void quoteOrderQtyBuySpendsAtMostTheQuoteAmountWalkingTheAsks() {
        PaperExchange v = nknVenue();
        RawBook raw = nknRaw();
        v.deposit("USDT", new BigDecimal("10000"));
        BigDecimal spend = new BigDecimal("5000");
        v.submit(order("q1", NKN, Side.BUY, OrderType.MARKET, null, "0", null, raw.time(),
                OrderOptions.SPOT.withQuoteOrderQty(spend)));

        // expected: per level, whole NKN (step 1) the remaining quote can buy
        BigDecimal rem = spend;
        BigDecimal qty = BigDecimal.ZERO;
        List<BigDecimal[]> expected = new ArrayList<>();
        for (BigDecimal[] l : raw.asks()) {
            BigDecimal q = rem.divide(l[0], 0, RoundingMode.DOWN).min(l[1]);
            if (q.signum() == 0) {
                break;
            }
            expected.add(new BigDecimal[]{l[0], q});
            qty = qty.add(q);
            rem = rem.subtract(q.multiply(l[0]));
            if (q.compareTo(l[1]) < 0) {
                break;
            }
        }
        List<Fill> fills = rec.fills("q1");
        assertThat(fills).hasSize(expected.size());
        for (int i = 0; i < fills.size(); i++) {
            assertThat(fills.get(i).price()).isEqualByComparingTo(expected.get(i)[0]);
            assertThat(fills.get(i).quantity()).isEqualByComparingTo(expected.get(i)[1]);
        }
        BigDecimal spent = fills.stream().map(Fill::notional).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(spent).isLessThanOrEqualTo(spend).isEqualByComparingTo(spend.subtract(rem));
        assertThat(rem).isLessThan(expected.getLast()[0]); // less than one more NKN was left unspent
        assertThat(rec.last("q1").order().quantity()).isEqualByComparingTo(qty);
        assertThat(rec.last("q1").order().status()).isEqualTo(OrderStatus.FILLED);
    }

    @Test
    void fokThatCannotFillInFullIsKilledWithoutAFillAndOneThatCanFills() {
        PaperExchange v = nknVenue();
        RawBook raw = nknRaw();
        v.deposit("USDT", new BigDecimal("100000"));
        BigDecimal second = raw.asks().get(1)[0];
        BigDecimal two = raw.asks().get(0)[1].add(raw.asks().get(1)[1]);

        v.submit(spotLimit("fok1", NKN, Side.BUY, TimeInForce.FOK, two.add(BigDecimal.ONE).toPlainString(),
                second.toPlainString(), raw.time()));
        assertThat(rec.types("fok1")).containsExactly(ExecType.NEW, ExecType.EXPIRED);
        assertThat(rec.fills("fok1")).isEmpty();
        assertThat(v.balance("USDT").free()).isEqualByComparingTo("100000");
        assertThat(v.balance("USDT").locked()).isEqualByComparingTo("0");

        v.submit(spotLimit("fok2", NKN, Side.BUY, TimeInForce.FOK, two.toPlainString(), second.toPlainString(), raw.time()));
        assertThat(rec.fills("fok2")).hasSize(2);
        assertThat(rec.last("fok2").order().status()).isEqualTo(OrderStatus.FILLED);
    }

    @Test
    void limitMakerThatWouldTakeIsRejectedAndOneAtTheBidRestsBehindTheShownQueue() {
        PaperExchange v = nknVenue();
        RawBook raw = nknRaw();
        v.deposit("USDT", new BigDecimal("10000"));
        String bestAsk = raw.asks().getFirst()[0].toPlainString();
        BigDecimal[] bestBid = raw.bids().getFirst();

        v.submit(order("lm1", NKN, Side.BUY, OrderType.LIMIT_MAKER, null, "100", bestAsk, raw.time(), OrderOptions.SPOT));
        ExecutionReport r = rec.last("lm1");
        assertThat(r.execType()).isEqualTo(ExecType.REJECTED);
        assertThat(r.reason()).isEqualTo("-2010 Order would immediately match and take.");

        v.submit(order("lm2", NKN, Side.BUY, OrderType.LIMIT_MAKER, null, "100", bestBid[0].toPlainString(), raw.time(),
                OrderOptions.SPOT));
        assertThat(rec.types("lm2")).containsExactly(ExecType.NEW);
        assertThat(rec.last("lm2").order().venueOrderId()).isNotNull();
        assertThat(v.queueAhead("lm2")).isEqualByComparingTo(bestBid[1]);
        // a resting BUY holds price × quantity of USDT
        BigDecimal held = bestBid[0].multiply(new BigDecimal("100"));
        assertThat(v.balance("USDT").locked()).isEqualByComparingTo(held);
        assertThat(v.balance("USDT").free()).isEqualByComparingTo(new BigDecimal("10000").subtract(held));
        assertThat(v.openOrders()).extracting(o -> o.clientOrderId()).containsExactly("lm2");
    }

    @Test
    void restingSellWaitsForTheQueueAheadThenFillsFromRealAggTrades() {
        Instrument sushi = PaperFixtures.sushiFutures();
        PaperExchange v = PaperFixtures.venue(PaperExchangeConfig.defaults(), rec, sushi);
        v.depositFutures(new BigDecimal("1000"));
        RawBook raw = PaperFixtures.rawBook(PaperFixtures.FUT_HTTP, "SUSHIUSDT");
        v.onBook(PaperFixtures.book(PaperFixtures.FUT_HTTP, "SUSHIUSDT"), raw.time());
        BigDecimal[] bestAsk = raw.asks().getFirst();
        BigDecimal limit = bestAsk[0];
        BigDecimal qty = new BigDecimal("300");

        v.submit(order("s1", "SUSHIUSDT", Side.SELL, OrderType.LIMIT, TimeInForce.GTC, qty.toPlainString(),
                limit.toPlainString(), raw.time(), OrderOptions.FUTURES));
        assertThat(rec.types("s1")).containsExactly(ExecType.NEW);
        assertThat(v.queueAhead("s1")).isEqualByComparingTo(bestAsk[1]);

        // expected, from the raw trades: the queue shown at the ask goes first, trades above the ask fill us fully
        List<Trade> trades = PaperFixtures.futuresAggTrades("SUSHIUSDT");
        BigDecimal queue = bestAsk[1];
        BigDecimal rem = qty;
        List<BigDecimal> expectedFills = new ArrayList<>();
        for (Trade t : trades) {
            if (rem.signum() == 0) {
                break;
            }
            BigDecimal pool = t.qty();
            if (t.price().compareTo(limit) > 0) {
                queue = BigDecimal.ZERO;
            } else if (t.price().compareTo(limit) == 0) {
                BigDecimal ahead = queue.min(pool);
                queue = queue.subtract(ahead);
                pool = pool.subtract(ahead);
            } else {
                continue;
            }
            BigDecimal q = rem.min(pool);
            if (q.signum() > 0) {
                expectedFills.add(q);
                rem = rem.subtract(q);
            }
        }
        assertThat(expectedFills).hasSizeGreaterThan(1);

        for (Trade t : trades) {
            v.onTrade(t);
        }
        List<Fill> fills = rec.fills("s1");
        assertThat(fills).extracting(Fill::quantity).usingElementComparator(BigDecimal::compareTo)
                .containsExactlyElementsOf(expectedFills);
        assertThat(fills).allSatisfy(f -> {
            assertThat(f.price()).isEqualByComparingTo(limit);
            assertThat(f.liquiditySide()).isEqualTo(LiquiditySide.MAKER);
            assertThat(f.commission()).isEqualByComparingTo(fee(f.notional(), "0.0002"));
        });
        // the first trade at our price only ate into the queue ahead: no fill from it
        Trade first = trades.stream().filter(t -> t.price().compareTo(limit) >= 0).findFirst().orElseThrow();
        assertThat(first.price()).isEqualByComparingTo(limit);
        assertThat(first.qty()).isLessThanOrEqualTo(bestAsk[1]);
        assertThat(fills.getFirst().time()).isGreaterThan(first.time());
        List<OrderStatus> statuses = rec.of("s1").stream().filter(r -> r.fill() != null).map(r -> r.order().status()).toList();
        assertThat(statuses.getFirst()).isEqualTo(OrderStatus.PARTIALLY_FILLED);
        assertThat(statuses.getLast()).isEqualTo(rem.signum() == 0 ? OrderStatus.FILLED : OrderStatus.PARTIALLY_FILLED);
    }

    @Test
    void tradesThroughARestingBuyFillItAtItsLimitCappedByEachTradesQuantity() {
        Instrument btc = Instrument.defaultSpotUsdt("BTCUSDT");
        PaperExchange v = PaperFixtures.venue(PaperExchangeConfig.defaults(), rec, btc);
        v.deposit("USDT", new BigDecimal("10000"));
        List<Trade> trades = PaperFixtures.spotBtcTrades();
        assertThat(trades).hasSize(1038);
        v.onTrade(trades.getFirst());
        BigDecimal limit = new BigDecimal("97590.00");
        BigDecimal qty = new BigDecimal("0.05");
        v.submit(spotLimit("b1", "BTCUSDT", Side.BUY, TimeInForce.GTC, "0.05", "97590.00", trades.getFirst().time()));
        assertThat(v.balance("USDT").locked()).isEqualByComparingTo(limit.multiply(qty));

        // expected: no book → no queue; a trade at or below our bid fills min(remaining, trade qty) at our price
        BigDecimal rem = qty;
        List<BigDecimal> expected = new ArrayList<>();
        for (Trade t : trades.subList(1, trades.size())) {
            if (rem.signum() > 0 && t.price().compareTo(limit) <= 0) {
                BigDecimal q = rem.min(t.qty());
                expected.add(q);
                rem = rem.subtract(q);
            }
        }
        assertThat(expected).hasSizeGreaterThan(1);
        trades.subList(1, trades.size()).forEach(v::onTrade);

        List<Fill> fills = rec.fills("b1");
        assertThat(fills).extracting(Fill::quantity).usingElementComparator(BigDecimal::compareTo)
                .containsExactlyElementsOf(expected);
        assertThat(fills).allSatisfy(f -> {
            assertThat(f.price()).isEqualByComparingTo(limit);
            assertThat(f.liquiditySide()).isEqualTo(LiquiditySide.MAKER);
        });
        BigDecimal filled = expected.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(v.balance("BTC").free()).isEqualByComparingTo(filled);
        assertThat(v.balance("USDT").locked()).isEqualByComparingTo(limit.multiply(qty.subtract(filled)));
        assertThat(rec.last("b1").order().status())
                .isEqualTo(rem.signum() == 0 ? OrderStatus.FILLED : OrderStatus.PARTIALLY_FILLED);
    }

    @Test
    void gtxThatWouldTakeExpiresAndOneInsideTheSpreadRests() {
        Instrument sushi = PaperFixtures.sushiFutures();
        PaperExchange v = PaperFixtures.venue(PaperExchangeConfig.defaults(), rec, sushi);
        v.depositFutures(new BigDecimal("1000"));
        RawBook raw = PaperFixtures.rawBook(PaperFixtures.FUT_HTTP, "SUSHIUSDT");
        BookDepth book = PaperFixtures.book(PaperFixtures.FUT_HTTP, "SUSHIUSDT");
        v.onBook(book, raw.time());

        v.submit(order("g1", "SUSHIUSDT", Side.BUY, OrderType.LIMIT, TimeInForce.GTX, "10",
                raw.asks().getFirst()[0].toPlainString(), raw.time(), OrderOptions.FUTURES));
        assertThat(rec.types("g1")).containsExactly(ExecType.NEW, ExecType.EXPIRED);
        assertThat(rec.fills("g1")).isEmpty();

        v.submit(order("g2", "SUSHIUSDT", Side.BUY, OrderType.LIMIT, TimeInForce.GTX, "10",
                raw.bids().getFirst()[0].toPlainString(), raw.time(), OrderOptions.FUTURES));
        assertThat(rec.types("g2")).containsExactly(ExecType.NEW);
        assertThat(v.queueAhead("g2")).isEqualByComparingTo(raw.bids().getFirst()[1]);
        // its initial margin is reserved: 10 × bid / 20
        BigDecimal im = raw.bids().getFirst()[0].multiply(BigDecimal.TEN).divide(new BigDecimal("20"));
        assertThat(v.futuresAccount().openOrderInitialMargin()).isEqualByComparingTo(im.setScale(8, RoundingMode.HALF_UP));
    }

    @Test
    void aStopMarketTriggeredByARealTradeFillsAtThatTradeWithoutABook() {
        PaperExchange v = PaperFixtures.venue(PaperExchangeConfig.defaults(), rec, PaperFixtures.sushiFutures());
        v.depositFutures(new BigDecimal("1000"));
        List<Trade> trades = PaperFixtures.futuresAggTrades("SUSHIUSDT");
        v.onTrade(trades.getFirst());
        BigDecimal stop = new BigDecimal("7.6150");
        v.submit(order("st", "SUSHIUSDT", Side.BUY, OrderType.STOP_MARKET, null, "300", null, trades.getFirst().time(),
                OrderOptions.FUTURES.withStopPrice(stop)));
        // expected: the first later trade at or above the stop triggers; the order takes up to that trade's size
        Trade hit = trades.stream().skip(1).filter(t -> t.price().compareTo(stop) >= 0).findFirst().orElseThrow();
        trades.stream().skip(1).forEach(v::onTrade);

        assertThat(rec.types("st")).startsWith(ExecType.NEW, ExecType.TRIGGERED, ExecType.TRADE);
        Fill first = rec.fills("st").getFirst();
        assertThat(first.price()).isEqualByComparingTo(hit.price());
        assertThat(first.quantity()).isEqualByComparingTo(new BigDecimal("300").min(hit.qty()));
        assertThat(first.time()).isEqualTo(hit.time());
        assertThat(first.liquiditySide()).isEqualTo(LiquiditySide.TAKER);
        assertThat(first.commission()).isEqualByComparingTo(fee(first.notional(), "0.0005"));
        assertThat(v.positions()).singleElement().satisfies(p -> assertThat(p.quantity()).isPositive());
    }

    @Test
    void aTrailingStopWithActivationTracksRealTradesAndWalksTheBookWhenItFires() {
        PaperExchange v = PaperFixtures.venue(PaperExchangeConfig.defaults(), rec, PaperFixtures.sushiFutures());
        v.depositFutures(new BigDecimal("1000"));
        RawBook raw = PaperFixtures.rawBook(PaperFixtures.FUT_HTTP, "SUSHIUSDT");
        v.onBook(PaperFixtures.book(PaperFixtures.FUT_HTTP, "SUSHIUSDT"), raw.time());
        BigDecimal act = new BigDecimal("7.6150");
        BigDecimal cb = new BigDecimal("0.1");
        v.submit(order("tr", "SUSHIUSDT", Side.SELL, OrderType.TRAILING_STOP_MARKET, null, "100", null, raw.time(),
                OrderOptions.FUTURES.withTrailing(cb, act)));
        assertThat(rec.types("tr")).containsExactly(ExecType.NEW);

        // reference over the raw trades: activate at ≥ 7.615, track the highest, fire at ≤ highest × 0.999 (tick 0.001)
        List<Trade> trades = PaperFixtures.futuresAggTrades("SUSHIUSDT");
        BigDecimal high = null;
        Trade fire = null;
        BigDecimal stopAtFire = null;
        for (Trade t : trades) {
            if (high == null) {
                if (t.price().compareTo(act) >= 0) {
                    high = t.price();
                }
                continue;
            }
            if (t.price().compareTo(high) > 0) {
                high = t.price();
                continue;
            }
            BigDecimal stop = high.multiply(new BigDecimal("0.999")).divide(new BigDecimal("0.001"), 0, RoundingMode.HALF_UP)
                    .multiply(new BigDecimal("0.001"));
            if (t.price().compareTo(stop) <= 0) {
                fire = t;
                stopAtFire = stop;
                break;
            }
        }
        assertThat(fire).isNotNull();
        trades.forEach(v::onTrade);

        assertThat(rec.types("tr")).startsWith(ExecType.NEW, ExecType.TRIGGERED, ExecType.TRADE);
        ExecutionReport trig = rec.of("tr").get(1);
        assertThat(trig.time()).isEqualTo(fire.time());
        assertThat(trig.order().stopPrice()).isEqualByComparingTo(stopAtFire);
        // the SELL then walks the recorded bids, one fill per level
        BigDecimal rem = new BigDecimal("100");
        List<BigDecimal[]> expected = new ArrayList<>();
        for (BigDecimal[] l : raw.bids()) {
            if (rem.signum() == 0) {
                break;
            }
            BigDecimal q = rem.min(l[1]);
            expected.add(new BigDecimal[]{l[0], q});
            rem = rem.subtract(q);
        }
        List<Fill> fills = rec.fills("tr");
        assertThat(fills).hasSize(expected.size());
        for (int i = 0; i < fills.size(); i++) {
            assertThat(fills.get(i).price()).isEqualByComparingTo(expected.get(i)[0]);
            assertThat(fills.get(i).quantity()).isEqualByComparingTo(expected.get(i)[1]);
        }
        assertThat(v.positions()).singleElement().satisfies(p -> assertThat(p.quantity()).isEqualByComparingTo("-100"));
    }

    @Test
    void aBarCoveredByTradesIsNotMatchedAgainButABarAloneRunsTheBarModel() {
        Instrument btc = Instrument.defaultSpotUsdt("BTCUSDT");
        List<Trade> trades = PaperFixtures.spotBtcTrades();
        // the 23:28 bar, aggregated from the recorded trades of that minute
        long open = trades.getFirst().time() - trades.getFirst().time() % 60_000;
        BigDecimal hi = trades.stream().map(Trade::price).reduce(BigDecimal::max).orElseThrow();
        BigDecimal lo = trades.stream().map(Trade::price).reduce(BigDecimal::min).orElseThrow();
        BigDecimal vol = trades.stream().map(Trade::qty).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(trades.getLast().time()).isLessThan(open + 60_000);
        dev.pennant.core.model.Bar bar = dev.pennant.core.model.Bar.ohlcv("BTCUSDT", dev.pennant.core.model.Interval.M1,
                open, trades.getFirst().price(), hi, lo, trades.getLast().price(), vol);
        BigDecimal limit = new BigDecimal("97590.00");
        assertThat(lo).isLessThan(limit);

        Recorder ticks = new Recorder();
        PaperExchange a = PaperFixtures.venue(PaperExchangeConfig.defaults(), ticks, btc);
        a.deposit("USDT", new BigDecimal("10000"));
        a.onTrade(trades.getFirst());
        a.submit(spotLimit("b", "BTCUSDT", Side.BUY, TimeInForce.GTC, "0.05", "97590.00", trades.getFirst().time()));
        trades.subList(1, trades.size()).forEach(a::onTrade);
        List<Fill> fromTrades = List.copyOf(ticks.fills("b"));
        a.onBar(bar);
        assertThat(ticks.fills("b")).isEqualTo(fromTrades);

        Recorder bars = new Recorder();
        PaperExchange b = PaperFixtures.venue(PaperExchangeConfig.defaults(), bars, btc);
        b.deposit("USDT", new BigDecimal("10000"));
        b.submit(spotLimit("b", "BTCUSDT", Side.BUY, TimeInForce.GTC, "0.05", "97590.00", open - 1));
        b.onBar(bar);
        assertThat(bars.fills("b")).singleElement().satisfies(f -> {
            assertThat(f.price()).isEqualByComparingTo(limit);
            assertThat(f.quantity()).isEqualByComparingTo("0.05");
            assertThat(f.liquiditySide()).isEqualTo(LiquiditySide.MAKER);
        });
    }

    @Test
    void bnbDiscountTakesAQuarterOffSpotAndATenthOffFuturesFees() {
        PaperExchangeConfig.FeeSchedule spot = PaperExchangeConfig.FeeSchedule.spotVip0().withBnbDiscount(true);
        PaperExchangeConfig.FeeSchedule fut = PaperExchangeConfig.FeeSchedule.usdmVip0().withBnbDiscount(true);
        assertThat(spot.rate(LiquiditySide.TAKER, Market.SPOT)).isEqualByComparingTo("0.00075");
        assertThat(fut.rate(LiquiditySide.MAKER, Market.USDM_FUTURES)).isEqualByComparingTo("0.00018");
        assertThat(fut.rate(LiquiditySide.TAKER, Market.USDM_FUTURES)).isEqualByComparingTo("0.00045");

        PaperExchange v = PaperFixtures.venue(PaperExchangeConfig.defaults().withSpotFees(spot), rec, PaperFixtures.nknSpot());
        RawBook raw = nknRaw();
        v.onBook(PaperFixtures.book(PaperFixtures.SPOT_HTTP, NKN), raw.time());
        v.deposit("USDT", new BigDecimal("1000"));
        v.submit(spotMarket("m", NKN, Side.BUY, "100", raw.time()));
        Fill f = rec.fills("m").getFirst();
        assertThat(f.price()).isEqualByComparingTo(raw.asks().getFirst()[0]);
        assertThat(f.commission()).isEqualByComparingTo(fee(raw.asks().getFirst()[0].multiply(new BigDecimal("100")), "0.00075"));
        assertThat(f.commissionAsset()).isEqualTo("USDT");
    }
}
