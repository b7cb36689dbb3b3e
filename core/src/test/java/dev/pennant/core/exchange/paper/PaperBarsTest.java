package dev.pennant.core.exchange.paper;

import dev.pennant.core.ai.RuleBasedExplainer;
import dev.pennant.core.analytics.PerformanceTracker;
import dev.pennant.core.backtest.BacktestResult;
import dev.pennant.core.backtest.Backtester;
import dev.pennant.core.engine.EngineConfig;
import dev.pennant.core.engine.SimulatedClock;
import dev.pennant.core.engine.TradingEngine;
import dev.pennant.core.exchange.ExecutionReport;
import dev.pennant.core.exchange.ExecutionReport.ExecType;
import dev.pennant.core.exchange.paper.PaperFixtures.Recorder;
import dev.pennant.core.model.Bar;
import dev.pennant.core.model.Fill;
import dev.pennant.core.model.Instrument;
import dev.pennant.core.model.Interval;
import dev.pennant.core.model.LiquiditySide;
import dev.pennant.core.model.OrderOptions;
import dev.pennant.core.model.OrderStatus;
import dev.pennant.core.model.OrderType;
import dev.pennant.core.model.Side;
import dev.pennant.core.model.TimeInForce;
import dev.pennant.core.portfolio.Portfolio;
import dev.pennant.core.risk.RiskEngine;
import dev.pennant.core.strategy.EmaCrossRsiStrategy;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

import static dev.pennant.core.exchange.paper.PaperFixtures.fee;
import static dev.pennant.core.exchange.paper.PaperFixtures.order;
import static dev.pennant.core.exchange.paper.PaperFixtures.rawBar;
import static dev.pennant.core.exchange.paper.PaperFixtures.spotLimit;
import static dev.pennant.core.exchange.paper.PaperFixtures.spotMarket;
import static dev.pennant.core.exchange.paper.PaperFixtures.utc;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bar model on real BTCUSDT 1m klines of the 2021-05-19 crash (python-binance file). Expected prices come from
 * the raw CSV rows ({@link PaperFixtures#rawBar}: open, high, low, close, volume) and the documented path rule.
 */
class PaperBarsTest {

    private static final String BTC = "BTCUSDT";
    private static final Instrument INS = Instrument.defaultSpotUsdt(BTC);
    private static final int O = 0;
    private static final int H = 1;
    private static final int L = 2;
    private static final int C = 3;
    private static final int V = 4;

    private final Recorder rec = new Recorder();
    private final List<Bar> bars = PaperFixtures.btcSpot1m();

    private PaperExchange venue(PaperExchangeConfig config) {
        PaperExchange v = PaperFixtures.venue(config, rec, INS);
        v.deposit("USDT", new BigDecimal("3000000"));
        v.deposit("BTC", new BigDecimal("10"));
        return v;
    }

    /** Feeds bars from {@code fromIso} (inclusive) to {@code toIso} (exclusive). */
    private void feed(PaperExchange v, String fromIso, String toIso) {
        long from = utc(fromIso);
        long to = utc(toIso);
        for (Bar b : bars) {
            if (b.openTime() >= from && b.openTime() < to) {
                v.onBar(b);
            }
        }
    }

    private Bar bar(String iso) {
        return bars.get(PaperFixtures.indexOf(bars, utc(iso)));
    }

    @Test
    void aMarketOrderSentAtABarsCloseFillsInFullAtTheNextOpenWithTheOldFee() {
        PaperExchange v = venue(PaperExchangeConfig.defaults());
        feed(v, "2021-05-19T12:40:00Z", "2021-05-19T12:41:00Z");
        long sentAt = bar("2021-05-19T12:40:00Z").closeTime();
        v.submit(spotMarket("m1", BTC, Side.BUY, "0.25", sentAt));
        assertThat(rec.types("m1")).containsExactly(ExecType.NEW);
        feed(v, "2021-05-19T12:41:00Z", "2021-05-19T12:42:00Z");

        BigDecimal open = rawBar(utc("2021-05-19T12:41:00Z"))[O];
        Fill f = rec.fills("m1").getFirst();
        assertThat(rec.fills("m1")).hasSize(1);
        assertThat(f.price()).isEqualByComparingTo(open);
        assertThat(f.quantity()).isEqualByComparingTo("0.25");
        assertThat(f.time()).isEqualTo(utc("2021-05-19T12:41:00Z"));
        assertThat(f.liquiditySide()).isEqualTo(LiquiditySide.TAKER);
        BigDecimal notional = open.multiply(new BigDecimal("0.25"));
        assertThat(f.commission()).isEqualByComparingTo(fee(notional, "0.001"));
        assertThat(f.realizedPnl()).isEqualByComparingTo("0");
        assertThat(v.balance("USDT").free()).isEqualByComparingTo(
                new BigDecimal("3000000").subtract(notional).subtract(fee(notional, "0.001")));
    }

    @Test
    void aWholeBacktestThroughThePaperExchangeMakesTheOldPaperExchangesFillsExactly() {
        EngineConfig c = EngineConfig.defaults(BTC, Interval.M1);
        BacktestResult old = Backtester.run(bars, c);

        Portfolio portfolio = new Portfolio(c.instrument().quoteAsset(), c.startingCash());
        PaperExchange venue = new PaperExchange(PaperExchangeConfig.defaults(), List.of(c.instrument()));
        venue.deposit("USDT", c.startingCash());
        TradingEngine engine = new TradingEngine("bt", c.instrument(), new EmaCrossRsiStrategy(c.strategy()),
                new RuleBasedExplainer(c.strategy()), new RiskEngine(c.risk()), venue, portfolio, new SimulatedClock());
        PerformanceTracker tracker = new PerformanceTracker(c.startingCash(), c.interval().millis());
        engine.addListener(tracker);
        bars.forEach(engine::onBar);

        assertThat(old.fills()).hasSizeGreaterThan(20);
        assertThat(tracker.fills()).isEqualTo(old.fills());
        assertThat(tracker.stats()).isEqualTo(old.stats());
        // the venue's own account agrees with the engine's portfolio
        assertThat(venue.balance("USDT").free()).isEqualByComparingTo(portfolio.cash());
    }

    @Test
    void stopLossSellTriggersOnTheDownLegOfTheCrashBarAndFillsAtTheStop() {
        // 12:50 closed below its open, so its path is open → high → low → close
        BigDecimal[] r = rawBar(utc("2021-05-19T12:50:00Z"));
        assertThat(r[C]).isLessThan(r[O]);
        BigDecimal stop = new BigDecimal("35000.00");
        assertThat(stop).isLessThan(r[O]).isGreaterThan(r[L]);

        for (String bps : new String[]{"0", "10"}) {
            rec.clear();
            PaperExchange v = venue(PaperExchangeConfig.defaults().withStopSlippageBps(new BigDecimal(bps)));
            feed(v, "2021-05-19T12:40:00Z", "2021-05-19T12:50:00Z");
            v.submit(order("sl", BTC, Side.SELL, OrderType.STOP_LOSS, null, "1", null,
                    bar("2021-05-19T12:49:00Z").closeTime(), OrderOptions.SPOT.withStopPrice(stop)));
            assertThat(v.balance("BTC").locked()).isEqualByComparingTo("1");
            feed(v, "2021-05-19T12:50:00Z", "2021-05-19T12:51:00Z");

            assertThat(rec.types("sl")).containsExactly(ExecType.NEW, ExecType.TRIGGERED, ExecType.TRADE);
            Fill f = rec.fills("sl").getFirst();
            BigDecimal expected = stop.multiply(BigDecimal.ONE.subtract(new BigDecimal(bps).divide(new BigDecimal("10000"))))
                    .setScale(2, RoundingMode.FLOOR);
            assertThat(f.price()).isEqualByComparingTo(expected);
            assertThat(f.liquiditySide()).isEqualTo(LiquiditySide.TAKER);
            // reached after the high: the fill's nominal time lies on the second leg (after one third of the bar)
            Bar b = bar("2021-05-19T12:50:00Z");
            assertThat(f.time()).isGreaterThan(b.openTime() + (b.closeTime() - b.openTime()) / 3).isLessThan(b.closeTime());
        }
    }

    @Test
    void aStopThatTheOpenGapsThroughFillsAtTheOpen() {
        // 12:50 closed at 34765, 12:51 opened at 35395.92: a BUY stop at 35000 is jumped over
        BigDecimal prevClose = rawBar(utc("2021-05-19T12:50:00Z"))[C];
        BigDecimal open = rawBar(utc("2021-05-19T12:51:00Z"))[O];
        BigDecimal stop = new BigDecimal("35000.00");
        assertThat(prevClose).isLessThan(stop);
        assertThat(open).isGreaterThan(stop);

        PaperExchange v = venue(PaperExchangeConfig.defaults().withStopSlippageBps(new BigDecimal("5")));
        feed(v, "2021-05-19T12:40:00Z", "2021-05-19T12:51:00Z");
        v.submit(order("gap", BTC, Side.BUY, OrderType.STOP_LOSS, null, "0.5", null,
                bar("2021-05-19T12:50:00Z").closeTime(), OrderOptions.SPOT.withStopPrice(stop)));
        feed(v, "2021-05-19T12:51:00Z", "2021-05-19T12:52:00Z");

        Fill f = rec.fills("gap").getFirst();
        BigDecimal expected = open.multiply(new BigDecimal("1.0005")).setScale(2, RoundingMode.CEILING);
        assertThat(f.price()).isEqualByComparingTo(expected);
        assertThat(f.time()).isEqualTo(utc("2021-05-19T12:51:00Z"));
    }

    @Test
    void aStopThatWouldTriggerImmediatelyIsRejected() {
        PaperExchange v = venue(PaperExchangeConfig.defaults());
        feed(v, "2021-05-19T12:40:00Z", "2021-05-19T12:50:00Z");
        BigDecimal last = rawBar(utc("2021-05-19T12:49:00Z"))[C];
        v.submit(order("bad", BTC, Side.SELL, OrderType.STOP_LOSS, null, "1", null,
                bar("2021-05-19T12:49:00Z").closeTime(), OrderOptions.SPOT.withStopPrice(last.add(BigDecimal.ONE))));
        assertThat(rec.last("bad").execType()).isEqualTo(ExecType.REJECTED);
        assertThat(rec.last("bad").reason()).isEqualTo("-2010 Stop price would trigger immediately.");
    }

    @Test
    void takeProfitSellTriggersOnTheWayUpAndTakeProfitLimitRestsUntilThePathTradesThroughIt() {
        BigDecimal[] r = rawBar(utc("2021-05-19T12:50:00Z"));
        BigDecimal tp = new BigDecimal("36500.00");
        assertThat(tp).isGreaterThan(r[O]).isLessThan(r[H]);

        PaperExchange v = venue(PaperExchangeConfig.defaults());
        feed(v, "2021-05-19T12:40:00Z", "2021-05-19T12:50:00Z");
        long t = bar("2021-05-19T12:49:00Z").closeTime();
        v.submit(order("tp", BTC, Side.SELL, OrderType.TAKE_PROFIT, null, "1", null, t, OrderOptions.SPOT.withStopPrice(tp)));
        // TAKE_PROFIT_LIMIT: trigger 36500, limit 36690 — above the trigger, below the high 36700
        BigDecimal limit = new BigDecimal("36690.00");
        v.submit(order("tpl", BTC, Side.SELL, OrderType.TAKE_PROFIT_LIMIT, TimeInForce.GTC, "1", "36690.00", t,
                OrderOptions.SPOT.withStopPrice(tp)));
        feed(v, "2021-05-19T12:50:00Z", "2021-05-19T12:51:00Z");

        assertThat(rec.fills("tp")).singleElement().satisfies(f -> assertThat(f.price()).isEqualByComparingTo(tp));
        // the limit becomes active at 36500 and the same up-leg trades strictly through 36690 (high 36700): MAKER
        assertThat(rec.types("tpl")).containsExactly(ExecType.NEW, ExecType.TRIGGERED, ExecType.TRADE);
        assertThat(rec.fills("tpl")).singleElement().satisfies(f -> {
            assertThat(f.price()).isEqualByComparingTo(limit);
            assertThat(f.liquiditySide()).isEqualTo(LiquiditySide.MAKER);
        });
    }

    @Test
    void stopLossLimitBecomesALimitAtTheTriggerAndContinuesAlongThePath() {
        BigDecimal stop = new BigDecimal("35000.00");
        PaperExchange v = venue(PaperExchangeConfig.defaults());
        feed(v, "2021-05-19T12:40:00Z", "2021-05-19T12:50:00Z");
        long t = bar("2021-05-19T12:49:00Z").closeTime();
        // limit above the stop: not marketable at 35000, rests as a SELL at 35100
        v.submit(order("sll", BTC, Side.SELL, OrderType.STOP_LOSS_LIMIT, TimeInForce.GTC, "1", "35100.00", t,
                OrderOptions.SPOT.withStopPrice(stop)));
        // limit below the stop: marketable at the trigger, takes at 35000
        v.submit(order("sll2", BTC, Side.SELL, OrderType.STOP_LOSS_LIMIT, TimeInForce.GTC, "1", "34900.00", t,
                OrderOptions.SPOT.withStopPrice(stop)));
        feed(v, "2021-05-19T12:50:00Z", "2021-05-19T12:51:00Z");

        assertThat(rec.types("sll")).containsExactly(ExecType.NEW, ExecType.TRIGGERED);
        assertThat(v.order("sll").orElseThrow().triggered()).isTrue();
        assertThat(v.order("sll").orElseThrow().workingType()).isEqualTo(OrderType.LIMIT);
        assertThat(rec.fills("sll2")).singleElement().satisfies(f -> {
            assertThat(f.price()).isEqualByComparingTo(stop);
            assertThat(f.liquiditySide()).isEqualTo(LiquiditySide.TAKER);
        });

        // expected: the first later bar whose open is above 35100 (gap: maker at 35100 at the open) or whose high is
        feed(v, "2021-05-19T12:51:00Z", "2021-05-19T13:30:00Z");
        BigDecimal lim = new BigDecimal("35100.00");
        long expectedBar = -1;
        for (long ot = utc("2021-05-19T12:51:00Z"); ot < utc("2021-05-19T13:30:00Z"); ot += 60_000) {
            BigDecimal[] row = rawBar(ot);
            if (row[O].compareTo(lim) > 0 || row[H].compareTo(lim) > 0) {
                expectedBar = ot;
                break;
            }
        }
        assertThat(expectedBar).isPositive();
        long eb = expectedBar;
        assertThat(rec.fills("sll")).singleElement().satisfies(f -> {
            assertThat(f.price()).isEqualByComparingTo(lim);
            assertThat(f.liquiditySide()).isEqualTo(LiquiditySide.MAKER);
            assertThat(f.time()).isBetween(eb, eb + 59_999);
        });
    }

    @Test
    void aRestingLimitNeedsThePathToTradeStrictlyThroughItTouchingIsNotEnough() {
        BigDecimal low = rawBar(utc("2021-05-19T12:50:00Z"))[L];
        PaperExchange v = venue(PaperExchangeConfig.defaults());
        feed(v, "2021-05-19T12:40:00Z", "2021-05-19T12:50:00Z");
        long t = bar("2021-05-19T12:49:00Z").closeTime();
        v.submit(spotLimit("touch", BTC, Side.BUY, TimeInForce.GTC, "0.1", low.toPlainString(), t));
        BigDecimal above = low.add(new BigDecimal("0.01"));
        v.submit(spotLimit("through", BTC, Side.BUY, TimeInForce.GTC, "0.1", above.toPlainString(), t));
        feed(v, "2021-05-19T12:50:00Z", "2021-05-19T12:51:00Z");

        assertThat(rec.fills("touch")).isEmpty();
        assertThat(rec.fills("through")).singleElement().satisfies(f -> {
            assertThat(f.price()).isEqualByComparingTo(above);
            assertThat(f.liquiditySide()).isEqualTo(LiquiditySide.MAKER);
        });

        // expected: the first later bar that goes strictly below the touched low fills it
        long expectedBar = -1;
        for (long ot = utc("2021-05-19T12:51:00Z"); ot < utc("2021-05-19T13:30:00Z"); ot += 60_000) {
            if (rawBar(ot)[L].compareTo(low) < 0) {
                expectedBar = ot;
                break;
            }
        }
        feed(v, "2021-05-19T12:51:00Z", "2021-05-19T13:30:00Z");
        long eb = expectedBar;
        assertThat(rec.fills("touch")).singleElement().satisfies(f -> {
            assertThat(f.price()).isEqualByComparingTo(low);
            assertThat(f.time()).isBetween(eb, eb + 59_999);
        });
    }

    @Test
    void aLimitMarketableAtTheOpenFillsThereAsTaker() {
        BigDecimal open = rawBar(utc("2021-05-19T12:51:00Z"))[O];
        PaperExchange v = venue(PaperExchangeConfig.defaults());
        feed(v, "2021-05-19T12:40:00Z", "2021-05-19T12:51:00Z");
        v.submit(spotLimit("mk", BTC, Side.BUY, TimeInForce.GTC, "0.1", "36000.00", bar("2021-05-19T12:50:00Z").closeTime()));
        assertThat(v.balance("USDT").locked()).isEqualByComparingTo("3600.000");
        feed(v, "2021-05-19T12:51:00Z", "2021-05-19T12:52:00Z");
        assertThat(rec.fills("mk")).singleElement().satisfies(f -> {
            assertThat(f.price()).isEqualByComparingTo(open);
            assertThat(f.liquiditySide()).isEqualTo(LiquiditySide.TAKER);
            assertThat(f.commission()).isEqualByComparingTo(fee(open.multiply(new BigDecimal("0.1")), "0.001"));
        });
        // the lock of 36000 × 0.1 is released; the BUY cost open × 0.1 + fee
        assertThat(v.balance("USDT").locked()).isEqualByComparingTo("0");
        BigDecimal n = open.multiply(new BigDecimal("0.1"));
        assertThat(v.balance("USDT").free()).isEqualByComparingTo(new BigDecimal("3000000").subtract(n).subtract(fee(n, "0.001")));
    }

    @Test
    void participationCapsFillsPerBarAndIocFokObeyIt() {
        BigDecimal[] b1 = rawBar(utc("2021-05-19T12:41:00Z"));
        BigDecimal[] b2 = rawBar(utc("2021-05-19T12:42:00Z"));
        BigDecimal cap1 = PaperFixtures.floorTo(b1[V].multiply(new BigDecimal("0.1")), new BigDecimal("0.00001"));
        BigDecimal cap2 = PaperFixtures.floorTo(b2[V].multiply(new BigDecimal("0.1")), new BigDecimal("0.00001"));
        BigDecimal qty = new BigDecimal("50");
        assertThat(cap1).isLessThan(qty);
        assertThat(cap1.add(cap2)).isGreaterThan(qty);

        PaperExchange v = venue(PaperExchangeConfig.defaults());
        v.deposit("USDT", new BigDecimal("7000000")); // the IOC below holds 2,000,000 while it waits
        feed(v, "2021-05-19T12:40:00Z", "2021-05-19T12:41:00Z");
        long t = bar("2021-05-19T12:40:00Z").closeTime();
        v.submit(spotMarket("big", BTC, Side.BUY, "50", t));
        v.submit(spotLimit("ioc", BTC, Side.BUY, TimeInForce.IOC, "50", "40000.00", t));
        v.submit(spotLimit("fok", BTC, Side.BUY, TimeInForce.FOK, "50", "40000.00", t));
        feed(v, "2021-05-19T12:41:00Z", "2021-05-19T12:43:00Z");

        List<Fill> big = rec.fills("big");
        assertThat(big).hasSize(2);
        assertThat(big.get(0).quantity()).isEqualByComparingTo(cap1);
        assertThat(big.get(0).price()).isEqualByComparingTo(b1[O]);
        assertThat(big.get(1).quantity()).isEqualByComparingTo(qty.subtract(cap1));
        assertThat(big.get(1).price()).isEqualByComparingTo(b2[O]);
        assertThat(rec.of("big").get(1).order().status()).isEqualTo(OrderStatus.PARTIALLY_FILLED);
        assertThat(rec.fills("ioc")).singleElement().satisfies(f -> assertThat(f.quantity()).isEqualByComparingTo(cap1));
        assertThat(rec.last("ioc").execType()).isEqualTo(ExecType.EXPIRED);
        assertThat(rec.fills("fok")).isEmpty();
        assertThat(rec.last("fok").execType()).isEqualTo(ExecType.EXPIRED);
        assertThat(rec.last("big").order().status()).isEqualTo(OrderStatus.FILLED);
    }

    @Test
    void onBarsLatencyDelaysAnOrderToTheBarItArrivesIn() {
        // 90 s latency on 1m bars: sent at 12:49:59.999, arrives 12:51:29.999 → takes part from 12:51's open
        PaperExchange v = venue(PaperExchangeConfig.defaults().withLatencyMs(90_000));
        feed(v, "2021-05-19T12:40:00Z", "2021-05-19T12:50:00Z");
        v.submit(spotMarket("lat", BTC, Side.BUY, "0.1", bar("2021-05-19T12:49:00Z").closeTime()));
        assertThat(rec.of("lat")).isEmpty();
        feed(v, "2021-05-19T12:50:00Z", "2021-05-19T12:51:00Z");
        assertThat(rec.of("lat")).isEmpty();
        feed(v, "2021-05-19T12:51:00Z", "2021-05-19T12:52:00Z");
        assertThat(rec.types("lat")).containsExactly(ExecType.NEW, ExecType.TRADE);
        assertThat(rec.fills("lat").getFirst().price()).isEqualByComparingTo(rawBar(utc("2021-05-19T12:51:00Z"))[O]);

        // a small latency (250 ms) still means the next bar
        rec.clear();
        PaperExchange w = venue(PaperExchangeConfig.defaults().withLatencyMs(250));
        feed(w, "2021-05-19T12:40:00Z", "2021-05-19T12:50:00Z");
        w.submit(spotMarket("lat2", BTC, Side.BUY, "0.1", bar("2021-05-19T12:49:00Z").closeTime()));
        feed(w, "2021-05-19T12:50:00Z", "2021-05-19T12:51:00Z");
        assertThat(rec.fills("lat2").getFirst().price()).isEqualByComparingTo(rawBar(utc("2021-05-19T12:50:00Z"))[O]);
    }

    @Test
    void spotSellBeyondFreeBaseAndBuyBeyondFreeQuoteAreRejected() {
        PaperExchange v = PaperFixtures.venue(PaperExchangeConfig.defaults(), rec, INS);
        v.deposit("USDT", new BigDecimal("1000"));
        v.deposit("BTC", new BigDecimal("0.01"));
        feed(v, "2021-05-19T12:40:00Z", "2021-05-19T12:41:00Z");
        long t = bar("2021-05-19T12:40:00Z").closeTime();
        v.submit(spotMarket("s", BTC, Side.SELL, "0.02", t));
        v.submit(spotLimit("b", BTC, Side.BUY, TimeInForce.GTC, "0.03", "37000.00", t)); // 1110 USDT > 1000
        v.submit(spotLimit("ok", BTC, Side.SELL, TimeInForce.GTC, "0.01", "39000.00", t));
        v.submit(spotMarket("s2", BTC, Side.SELL, "0.001", t)); // all BTC is locked by "ok" now
        for (String id : List.of("s", "b", "s2")) {
            ExecutionReport r = rec.last(id);
            assertThat(r.execType()).as(id).isEqualTo(ExecType.REJECTED);
            assertThat(r.reason()).isEqualTo("-2010 Account has insufficient balance for requested action.");
        }
        assertThat(rec.types("ok")).containsExactly(ExecType.NEW);
        assertThat(v.balance("BTC").locked()).isEqualByComparingTo("0.01");
        assertThat(v.balance("BTC").free()).isEqualByComparingTo("0");
    }

    @Test
    void aLimitMakerRestsFromAcceptanceOnBarsSoAGapThroughItFillsItAsMaker() {
        // 12:50 closed at 34765; 12:51 opened at 35395.92. A SELL LIMIT_MAKER at 35000 does not take at 34765
        BigDecimal prevClose = rawBar(utc("2021-05-19T12:50:00Z"))[C];
        BigDecimal open = rawBar(utc("2021-05-19T12:51:00Z"))[O];
        BigDecimal price = new BigDecimal("35000.00");
        assertThat(prevClose).isLessThan(price);
        assertThat(open).isGreaterThan(price);
        PaperExchange v = venue(PaperExchangeConfig.defaults());
        feed(v, "2021-05-19T12:40:00Z", "2021-05-19T12:51:00Z");
        long t = bar("2021-05-19T12:50:00Z").closeTime();
        v.submit(order("lm", BTC, Side.SELL, OrderType.LIMIT_MAKER, null, "0.5", "35000.00", t, OrderOptions.SPOT));
        v.submit(order("lm-take", BTC, Side.SELL, OrderType.LIMIT_MAKER, null, "0.5", "34700.00", t, OrderOptions.SPOT));
        assertThat(rec.last("lm-take").reason()).isEqualTo("-2010 Order would immediately match and take.");
        feed(v, "2021-05-19T12:51:00Z", "2021-05-19T12:52:00Z");
        assertThat(rec.fills("lm")).singleElement().satisfies(f -> {
            assertThat(f.price()).isEqualByComparingTo(price);
            assertThat(f.liquiditySide()).isEqualTo(LiquiditySide.MAKER);
            assertThat(f.time()).isEqualTo(utc("2021-05-19T12:51:00Z"));
        });
    }
}
