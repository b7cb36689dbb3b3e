package dev.pennant.core.exchange.paper;

import dev.pennant.core.exchange.ExecutionReport;
import dev.pennant.core.exchange.ExecutionReport.ExecType;
import dev.pennant.core.exchange.paper.PaperFixtures.Recorder;
import dev.pennant.core.marketdata.feed.MarkPrice;
import dev.pennant.core.model.Bar;
import dev.pennant.core.model.Fill;
import dev.pennant.core.model.Instrument;
import dev.pennant.core.model.LiquiditySide;
import dev.pennant.core.model.Market;
import dev.pennant.core.model.OrderOptions;
import dev.pennant.core.model.OrderStatus;
import dev.pennant.core.model.OrderType;
import dev.pennant.core.model.Position;
import dev.pennant.core.model.PositionSide;
import dev.pennant.core.model.Side;
import dev.pennant.core.model.TimeInForce;
import dev.pennant.core.model.WorkingType;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static dev.pennant.core.exchange.paper.PaperFixtures.fee;
import static dev.pennant.core.exchange.paper.PaperFixtures.futMarket;
import static dev.pennant.core.exchange.paper.PaperFixtures.hedge;
import static dev.pennant.core.exchange.paper.PaperFixtures.order;
import static dev.pennant.core.exchange.paper.PaperFixtures.rawFuturesBar;
import static dev.pennant.core.exchange.paper.PaperFixtures.utc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * USDⓈ-M on real BTCUSDT perpetual 1h klines (2025) and the real 8-hourly funding history: P&L, reduce-only,
 * closePosition, hedge mode, margin checks, liquidation by the default margin model on the 2025-10-10 crash, funding
 * settlement and trailing / mark-price stops. Expected figures come from the raw CSV rows.
 */
class PaperFuturesTest {

    private static final String BTC = "BTCUSDT";
    private static final Instrument INS = PaperFixtures.btcFutures();
    private static final long HOUR = 3_600_000;
    private static final int O = 0;
    private static final int H = 1;
    private static final int L = 2;
    private static final int C = 3;
    private static final String TAKER = "0.0005";

    private final Recorder rec = new Recorder();
    private final List<Bar> bars = PaperFixtures.btcFutures1h();

    private PaperExchange venue(String usdt) {
        PaperExchange v = PaperFixtures.venue(PaperExchangeConfig.defaults(), rec, INS);
        v.depositFutures(new BigDecimal(usdt));
        return v;
    }

    private Bar bar(long openTime) {
        return bars.get(PaperFixtures.indexOf(bars, openTime));
    }

    private void feed(PaperExchange v, long from, long to) {
        for (Bar b : bars) {
            if (b.openTime() >= from && b.openTime() < to) {
                v.onBar(b);
            }
        }
    }

    /** Feeds one bar and returns its close time (when the next order is "sent"). */
    private long feedOne(PaperExchange v, long openTime) {
        Bar b = bar(openTime);
        v.onBar(b);
        return b.closeTime();
    }

    @Test
    void longsAndShortsRealiseTheirPnlIntoTheWalletAndAOneWayFlipOpensTheRest() {
        PaperExchange v = venue("10000");
        long t0 = utc("2025-01-01T00:00:00Z");
        long t = feedOne(v, t0);
        v.submit(futMarket("l-open", BTC, Side.BUY, "0.1", t));
        t = feedOne(v, t0 + HOUR);
        v.submit(futMarket("l-close", BTC, Side.SELL, "0.1", t));
        t = feedOne(v, t0 + 2 * HOUR);
        v.submit(futMarket("s-open", BTC, Side.SELL, "0.1", t));
        t = feedOne(v, t0 + 3 * HOUR);
        v.submit(futMarket("s-close", BTC, Side.BUY, "0.1", t));
        t = feedOne(v, t0 + 4 * HOUR);
        v.submit(futMarket("f-open", BTC, Side.BUY, "0.1", t));
        t = feedOne(v, t0 + 5 * HOUR);
        v.submit(futMarket("flip", BTC, Side.SELL, "0.3", t));
        feedOne(v, t0 + 6 * HOUR);

        BigDecimal q = new BigDecimal("0.1");
        BigDecimal[] o = new BigDecimal[7];
        for (int i = 1; i <= 6; i++) {
            o[i] = rawFuturesBar(t0 + i * HOUR)[O];
        }
        BigDecimal longPnl = q.multiply(o[2].subtract(o[1]));
        BigDecimal shortPnl = q.multiply(o[3].subtract(o[4]));
        BigDecimal flipPnl = q.multiply(o[6].subtract(o[5]));
        BigDecimal fees = fee(q.multiply(o[1]), TAKER).add(fee(q.multiply(o[2]), TAKER)).add(fee(q.multiply(o[3]), TAKER))
                .add(fee(q.multiply(o[4]), TAKER)).add(fee(q.multiply(o[5]), TAKER))
                .add(fee(new BigDecimal("0.3").multiply(o[6]), TAKER));

        Fill open = rec.fills("l-open").getFirst();
        assertThat(open.price()).isEqualByComparingTo(o[1]);
        assertThat(open.market()).isEqualTo(Market.USDM_FUTURES);
        assertThat(open.positionSide()).isEqualTo(PositionSide.BOTH);
        assertThat(open.realizedPnl()).isEqualByComparingTo(fee(q.multiply(o[1]), TAKER).negate());
        assertThat(rec.fills("l-close").getFirst().realizedPnl())
                .isEqualByComparingTo(longPnl.subtract(fee(q.multiply(o[2]), TAKER)));
        assertThat(rec.fills("s-close").getFirst().realizedPnl())
                .isEqualByComparingTo(shortPnl.subtract(fee(q.multiply(o[4]), TAKER)));
        assertThat(rec.fills("flip").getFirst().realizedPnl())
                .isEqualByComparingTo(flipPnl.subtract(fee(new BigDecimal("0.3").multiply(o[6]), TAKER)));

        assertThat(v.futuresAccount().walletBalance()).isEqualByComparingTo(
                new BigDecimal("10000").add(longPnl).add(shortPnl).add(flipPnl).subtract(fees));
        // the flip left a 0.2 short opened at the 06:00 open, marked at the 06:00 close
        BigDecimal close6 = rawFuturesBar(t0 + 6 * HOUR)[C];
        assertThat(v.positions()).singleElement().satisfies(p -> {
            assertThat(p.quantity()).isEqualByComparingTo("-0.2");
            assertThat(p.averageEntryPrice()).isEqualByComparingTo(o[6]);
            assertThat(p.lastPrice()).isEqualByComparingTo(close6);
            assertThat(p.unrealizedPnl()).isEqualByComparingTo(new BigDecimal("-0.2").multiply(close6.subtract(o[6])));
            assertThat(p.market()).isEqualTo(Market.USDM_FUTURES);
        });
        // initial margin of the short at leverage 20: 0.2 × mark / 20
        assertThat(v.futuresAccount().positionInitialMargin()).isEqualByComparingTo(
                new BigDecimal("0.2").multiply(close6).divide(new BigDecimal("20"), 8, RoundingMode.HALF_UP));
    }

    @Test
    void reduceOnlyOrdersNeverOpenOrAddToAPosition() {
        PaperExchange v = venue("10000");
        long t0 = utc("2025-01-02T00:00:00Z");
        long t = feedOne(v, t0);
        OrderOptions ro = OrderOptions.FUTURES.withReduceOnly(true);
        v.submit(order("ro-flat", BTC, Side.SELL, OrderType.MARKET, null, "0.1", null, t, ro));
        assertThat(rec.last("ro-flat").execType()).isEqualTo(ExecType.REJECTED);
        assertThat(rec.last("ro-flat").reason()).isEqualTo("-2022 ReduceOnly Order is rejected.");

        v.submit(futMarket("long", BTC, Side.BUY, "0.1", t));
        t = feedOne(v, t0 + HOUR);
        v.submit(order("ro-add", BTC, Side.BUY, OrderType.MARKET, null, "0.1", null, t, ro));
        assertThat(rec.last("ro-add").reason()).isEqualTo("-2022 ReduceOnly Order is rejected.");
        v.submit(order("ro-big", BTC, Side.SELL, OrderType.MARKET, null, "0.3", null, t, ro));
        feedOne(v, t0 + 2 * HOUR);

        // only the 0.1 held is sold; the rest expires
        assertThat(rec.fills("ro-big")).singleElement().satisfies(f -> assertThat(f.quantity()).isEqualByComparingTo("0.1"));
        ExecutionReport end = rec.last("ro-big");
        assertThat(end.execType()).isEqualTo(ExecType.EXPIRED);
        assertThat(end.reason()).isEqualTo("-2022 ReduceOnly Order is rejected.");
        assertThat(v.positions()).isEmpty();
    }

    @Test
    void aClosePositionStopMarketClosesWhateverIsOpenWhenThePathReachesIt() {
        PaperExchange v = venue("10000");
        long t0 = utc("2025-01-03T00:00:00Z");
        long t = feedOne(v, t0);
        v.submit(futMarket("a", BTC, Side.BUY, "0.1", t));
        v.submit(futMarket("b", BTC, Side.BUY, "0.2", t));
        t = feedOne(v, t0 + HOUR);
        BigDecimal entry = rawFuturesBar(t0 + HOUR)[O];
        BigDecimal stop = entry.subtract(new BigDecimal("800")).setScale(1, RoundingMode.FLOOR);
        assertThat(rawFuturesBar(t0 + HOUR)[C]).isGreaterThan(stop);
        v.submit(order("cp", BTC, Side.SELL, OrderType.STOP_MARKET, null, "0", null, t,
                OrderOptions.FUTURES.withStopPrice(stop).withClosePosition(true)));
        assertThat(rec.types("cp")).containsExactly(ExecType.NEW);

        // expected: the first later bar whose low reaches the stop; at the stop, or at the open if it gapped below
        long hit = -1;
        for (long ot = t0 + 2 * HOUR; ot < t0 + 400 * HOUR; ot += HOUR) {
            if (rawFuturesBar(ot)[L].compareTo(stop) <= 0) {
                hit = ot;
                break;
            }
        }
        assertThat(hit).isPositive();
        BigDecimal hitOpen = rawFuturesBar(hit)[O];
        BigDecimal expected = hitOpen.compareTo(stop) <= 0 ? hitOpen : stop;
        feed(v, t0 + 2 * HOUR, hit + HOUR);

        assertThat(rec.types("cp")).containsExactly(ExecType.NEW, ExecType.TRIGGERED, ExecType.TRADE);
        Fill f = rec.fills("cp").getFirst();
        assertThat(f.quantity()).isEqualByComparingTo("0.3");
        assertThat(f.price()).isEqualByComparingTo(expected);
        assertThat(f.side()).isEqualTo(Side.SELL);
        assertThat(f.realizedPnl()).isEqualByComparingTo(new BigDecimal("0.3").multiply(expected.subtract(entry))
                .subtract(fee(new BigDecimal("0.3").multiply(expected), TAKER)));
        assertThat(rec.last("cp").order().quantity()).isEqualByComparingTo("0.3");
        assertThat(v.positions()).isEmpty();
    }

    @Test
    void hedgeModeHoldsALongAndAShortOfTheSameSymbol() {
        PaperExchange v = venue("10000");
        v.setHedgeMode(true);
        long t0 = utc("2025-01-04T00:00:00Z");
        long t = feedOne(v, t0);
        v.submit(order("both", BTC, Side.BUY, OrderType.MARKET, null, "0.1", null, t, OrderOptions.FUTURES));
        assertThat(rec.last("both").reason()).isEqualTo("-4061 Order's position side does not match user's setting.");
        v.submit(order("ro", BTC, Side.SELL, OrderType.MARKET, null, "0.1", null, t,
                hedge(PositionSide.LONG).withReduceOnly(true)));
        assertThat(rec.last("ro").reason()).isEqualTo("-1106 Parameter 'reduceOnly' sent when not required.");
        v.submit(order("close-none", BTC, Side.SELL, OrderType.MARKET, null, "0.1", null, t, hedge(PositionSide.LONG)));
        assertThat(rec.last("close-none").reason()).isEqualTo("-2022 ReduceOnly Order is rejected.");

        v.submit(order("L", BTC, Side.BUY, OrderType.MARKET, null, "0.1", null, t, hedge(PositionSide.LONG)));
        v.submit(order("S", BTC, Side.SELL, OrderType.MARKET, null, "0.05", null, t, hedge(PositionSide.SHORT)));
        t = feedOne(v, t0 + HOUR);
        BigDecimal o1 = rawFuturesBar(t0 + HOUR)[O];
        assertThat(v.position(BTC, PositionSide.LONG).quantity()).isEqualByComparingTo("0.1");
        assertThat(v.position(BTC, PositionSide.SHORT).quantity()).isEqualByComparingTo("-0.05");
        assertThat(v.position(BTC, PositionSide.SHORT).averageEntryPrice()).isEqualByComparingTo(o1);
        assertThat(rec.fills("S").getFirst().positionSide()).isEqualTo(PositionSide.SHORT);

        v.submit(order("Lx", BTC, Side.SELL, OrderType.MARKET, null, "0.1", null, t, hedge(PositionSide.LONG)));
        feedOne(v, t0 + 2 * HOUR);
        BigDecimal o2 = rawFuturesBar(t0 + 2 * HOUR)[O];
        assertThat(rec.fills("Lx").getFirst().realizedPnl()).isEqualByComparingTo(
                new BigDecimal("0.1").multiply(o2.subtract(o1)).subtract(fee(new BigDecimal("0.1").multiply(o2), TAKER)));
        assertThat(v.positions()).singleElement().satisfies(p -> {
            assertThat(p.positionSide()).isEqualTo(PositionSide.SHORT);
            assertThat(p.quantity()).isEqualByComparingTo("-0.05");
        });
        assertThatThrownBy(() -> v.setHedgeMode(false)).isInstanceOf(IllegalStateException.class).hasMessageContaining("-4068");
    }

    @Test
    void initialMarginIsCheckedAgainstTheAvailableBalance() {
        PaperExchange v = venue("100");
        long t0 = utc("2025-01-05T00:00:00Z");
        long t = feedOne(v, t0);
        BigDecimal last = rawFuturesBar(t0)[C];
        // 0.03 BTC ≈ 2,940 USDT needs 147 USDT at 20×: more than the 100 deposited
        assertThat(new BigDecimal("0.03").multiply(last).divide(new BigDecimal("20"))).isGreaterThan(new BigDecimal("100"));
        v.submit(futMarket("big", BTC, Side.BUY, "0.03", t));
        assertThat(rec.last("big").execType()).isEqualTo(ExecType.REJECTED);
        assertThat(rec.last("big").reason()).isEqualTo("-2019 Margin is insufficient.");
        v.submit(futMarket("ok", BTC, Side.BUY, "0.02", t));
        assertThat(rec.last("ok").execType()).isEqualTo(ExecType.NEW);
        feedOne(v, t0 + HOUR);
        assertThat(rec.fills("ok")).hasSize(1);
        // at 10× the open 0.02 would need ≈ 196 USDT: the venue refuses the change
        assertThatThrownBy(() -> v.setLeverage(BTC, 10)).isInstanceOf(IllegalStateException.class);
        assertThat(v.leverage(BTC)).isEqualTo(20);
        assertThatThrownBy(() -> v.setLeverage(BTC, 126)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1..125");
    }

    @Test
    void theDefaultMarginModelLiquidatesCrossAndIsolatedLongsOnTheOctober2025Crash() {
        long entryBar = utc("2025-10-10T16:00:00Z");
        BigDecimal q = new BigDecimal("0.15");
        BigDecimal e = rawFuturesBar(entryBar)[O];
        BigDecimal tick = new BigDecimal("0.1");
        for (MarginType mt : MarginType.values()) {
            rec.clear();
            PaperExchange v = venue("1000");
            v.setMarginType(BTC, mt);
            long t = feedOne(v, entryBar - HOUR);
            v.submit(futMarket("long", BTC, Side.BUY, "0.15", t));
            t = feedOne(v, entryBar);
            assertThat(v.positions()).singleElement().satisfies(p -> assertThat(p.averageEntryPrice()).isEqualByComparingTo(e));
            // a resting take-profit SELL far above and a conditional one: both must go with the liquidation
            v.submit(order("tp", BTC, Side.SELL, OrderType.LIMIT, TimeInForce.GTC, "0.15", "124000.0", t,
                    OrderOptions.FUTURES.withReduceOnly(true)));
            v.submit(order("tpm", BTC, Side.SELL, OrderType.TAKE_PROFIT_MARKET, null, "0.15", null, t,
                    OrderOptions.FUTURES.withStopPrice(new BigDecimal("125000")).withReduceOnly(true)));

            // expected liquidation price: margin balance = maintenance (0.4 % of notional at p)
            //   cross:    W + q(p − e) = 0.004 q p, W = 1000 − opening fee   → p* = (q e − W) / (0.996 q)
            //   isolated: M + q(p − e) = 0.004 q p, M = q e / 20             → p* = (q e − M) / (0.996 q)
            BigDecimal openFee = fee(q.multiply(e), TAKER);
            BigDecimal backing = mt == MarginType.CROSSED ? new BigDecimal("1000").subtract(openFee)
                    : q.multiply(e).divide(new BigDecimal("20"), 16, RoundingMode.HALF_UP);
            BigDecimal pStar = q.multiply(e).subtract(backing).divide(new BigDecimal("0.996").multiply(q), 12, RoundingMode.HALF_EVEN);
            BigDecimal expected = pStar.divide(tick, 0, RoundingMode.FLOOR).multiply(tick);
            long hit = -1;
            for (long ot = entryBar; ot < entryBar + 24 * HOUR; ot += HOUR) {
                if (rawFuturesBar(ot)[L].compareTo(expected) <= 0) {
                    hit = ot;
                    break;
                }
            }
            assertThat(hit).as(mt.name()).isGreaterThan(entryBar);
            assertThat(rawFuturesBar(hit)[O]).isGreaterThan(expected); // reached on the path, not gapped

            feed(v, entryBar + HOUR, hit + HOUR);
            long hitBar = hit;
            List<ExecutionReport> liq = rec.reports.stream()
                    .filter(r -> r.order().clientOrderId().startsWith("autoclose-")).toList();
            assertThat(liq).as(mt.name()).singleElement().satisfies(r -> {
                assertThat(r.execType()).isEqualTo(ExecType.TRADE);
                assertThat(r.order().clientOrderId()).isEqualTo("autoclose-1");
                assertThat(r.order().status()).isEqualTo(OrderStatus.FILLED);
                assertThat(r.order().options().reduceOnly()).isTrue();
                assertThat(r.fill().side()).isEqualTo(Side.SELL);
                assertThat(r.fill().quantity()).isEqualByComparingTo(q);
                assertThat(r.fill().price()).isEqualByComparingTo(expected);
                assertThat(r.fill().liquiditySide()).isEqualTo(LiquiditySide.TAKER);
                assertThat(r.fill().time()).isBetween(hitBar, hitBar + HOUR - 1);
            });
            assertThat(rec.last("tp").execType()).isEqualTo(ExecType.EXPIRED);
            assertThat(rec.last("tpm").execType()).isEqualTo(ExecType.EXPIRED);
            assertThat(v.openOrders()).isEmpty();
            assertThat(v.positions()).isEmpty();
            BigDecimal wallet = new BigDecimal("1000").subtract(openFee).add(q.multiply(expected.subtract(e)))
                    .subtract(fee(q.multiply(expected), TAKER));
            assertThat(v.futuresAccount().walletBalance()).as(mt.name()).isEqualByComparingTo(wallet.max(BigDecimal.ZERO));
        }
    }

    @Test
    void fundingIsSettledWithTheRealRatesWhenMarkPricesCrossTheFundingTimes() {
        PaperExchange v = venue("10000");
        long t0 = utc("2025-01-01T00:00:00Z");
        long t = feedOne(v, t0);
        v.submit(futMarket("long", BTC, Side.BUY, "0.1", t));
        feedOne(v, t0 + HOUR);
        BigDecimal entryFee = rec.fills("long").getFirst().commission();

        // marks: each 1h close of the perpetual stands in for the mark price (marks were not recorded), with the
        // rate and time of the next real funding event, as Binance's markPrice stream announces them
        TreeMap<Long, BigDecimal> funding = PaperFixtures.funding();
        List<MarkPrice> marks = new ArrayList<>();
        for (long ot = t0 + HOUR; ot < t0 + 240 * HOUR; ot += HOUR) {
            Bar b = bar(ot);
            Map.Entry<Long, BigDecimal> next = funding.higherEntry(b.closeTime());
            marks.add(new MarkPrice(BTC, b.close(), null, next.getValue(), next.getKey(), b.closeTime()));
        }
        // expected: at each funding time T passed by a mark, −0.1 × (last mark before T) × (rate of T)
        List<BigDecimal> expected = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        for (int i = 1; i < marks.size(); i++) {
            MarkPrice prev = marks.get(i - 1);
            if (marks.get(i).time() >= prev.nextFundingTime()) {
                expected.add(new BigDecimal("-0.1").multiply(prev.markPrice()).multiply(prev.lastFundingRate())
                        .setScale(8, RoundingMode.HALF_UP));
                times.add(prev.nextFundingTime());
            }
        }
        assertThat(expected).hasSize(29);
        assertThat(expected.stream().map(BigDecimal::signum).distinct()).contains(-1); // longs paid positive rates

        marks.forEach(v::onMarkPrice);
        assertThat(rec.funding).hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            Object[] f = rec.funding.get(i);
            assertThat(f[0]).isEqualTo(BTC);
            assertThat(f[1]).isEqualTo(PositionSide.BOTH);
            assertThat((BigDecimal) f[2]).isEqualByComparingTo(expected.get(i));
            assertThat((BigDecimal) f[3]).isEqualByComparingTo(funding.get(times.get(i)));
            assertThat(f[4]).isEqualTo(times.get(i));
        }
        BigDecimal paid = expected.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(v.futuresAccount().walletBalance()).isEqualByComparingTo(new BigDecimal("10000").subtract(entryFee).add(paid));
        // unrealised P&L is now marked to the mark price
        assertThat(v.positions().getFirst().lastPrice()).isEqualByComparingTo(marks.getLast().markPrice());
    }

    @Test
    void aTrailingStopTracksTheHighestPointOfTheBarPathAndFiresOnTheCallback() {
        PaperExchange v = venue("10000");
        long t0 = utc("2025-01-06T00:00:00Z");
        long t = feedOne(v, t0);
        v.submit(futMarket("long", BTC, Side.BUY, "0.1", t));
        t = feedOne(v, t0 + HOUR);
        BigDecimal cb = new BigDecimal("1.0");
        v.submit(order("trail", BTC, Side.SELL, OrderType.TRAILING_STOP_MARKET, null, "0.1", null, t,
                OrderOptions.FUTURES.withTrailing(cb, null).withReduceOnly(true)));
        assertThat(rec.types("trail")).containsExactly(ExecType.NEW);

        // reference: the documented path, the extreme starting at the price when the order was accepted
        BigDecimal extreme = rawFuturesBar(t0 + HOUR)[C];
        BigDecimal tick = new BigDecimal("0.1");
        BigDecimal fillPrice = null;
        long fillBar = -1;
        BigDecimal stopAtFill = null;
        search:
        for (long ot = t0 + 2 * HOUR; ot < t0 + 500 * HOUR; ot += HOUR) {
            BigDecimal[] r = rawFuturesBar(ot);
            BigDecimal[] path = r[C].compareTo(r[O]) >= 0 ? new BigDecimal[]{r[O], r[L], r[H], r[C]}
                    : new BigDecimal[]{r[O], r[H], r[L], r[C]};
            BigDecimal stop = extreme.multiply(new BigDecimal("0.99")).divide(tick, 0, RoundingMode.HALF_UP).multiply(tick);
            if (path[0].compareTo(extreme) > 0) {
                extreme = path[0];
            } else if (path[0].compareTo(stop) <= 0) {
                fillPrice = path[0];
                fillBar = ot;
                stopAtFill = stop;
                break;
            }
            for (int i = 1; i < 4; i++) {
                if (path[i].compareTo(path[i - 1]) > 0) {
                    extreme = extreme.max(path[i]);
                } else {
                    stop = extreme.multiply(new BigDecimal("0.99")).divide(tick, 0, RoundingMode.HALF_UP).multiply(tick);
                    if (path[i].compareTo(stop) <= 0) {
                        fillPrice = stop;
                        fillBar = ot;
                        stopAtFill = stop;
                        break search;
                    }
                }
            }
        }
        assertThat(fillBar).isGreaterThan(t0 + 2 * HOUR);
        feed(v, t0 + 2 * HOUR, fillBar + HOUR);

        assertThat(rec.types("trail")).containsExactly(ExecType.NEW, ExecType.TRIGGERED, ExecType.TRADE);
        BigDecimal fp = fillPrice;
        long fb = fillBar;
        assertThat(rec.fills("trail")).singleElement().satisfies(f -> {
            assertThat(f.price()).isEqualByComparingTo(fp);
            assertThat(f.quantity()).isEqualByComparingTo("0.1");
            assertThat(f.time()).isBetween(fb, fb + HOUR - 1);
        });
        assertThat(rec.last("trail").order().stopPrice()).isEqualByComparingTo(stopAtFill);
        assertThat(v.positions()).isEmpty();
    }

    @Test
    void aMarkPriceStopIgnoresTheLastPriceAndFiresOnTheMark() {
        PaperExchange v = venue("10000");
        long t0 = utc("2025-01-07T00:00:00Z");
        long t = feedOne(v, t0);
        v.submit(futMarket("long", BTC, Side.BUY, "0.1", t));
        Bar b1 = bar(t0 + HOUR);
        v.onBar(b1);
        // one mark at the close: from now on MARK_PRICE orders watch marks only
        v.onMarkPrice(new MarkPrice(BTC, b1.close(), null, null, 0, b1.closeTime()));
        // a stop just below every price of the next bar? No: below the next bar's low, so the bar reaches it
        BigDecimal[] r2 = rawFuturesBar(t0 + 2 * HOUR);
        BigDecimal stop = r2[L].add(new BigDecimal("50"));
        assertThat(stop).isLessThan(b1.close());
        v.submit(order("mstop", BTC, Side.SELL, OrderType.STOP_MARKET, null, "0.1", null, b1.closeTime(),
                OrderOptions.FUTURES.withStopPrice(stop).withWorkingType(WorkingType.MARK_PRICE).withReduceOnly(true)));
        v.onBar(bar(t0 + 2 * HOUR)); // the last price goes through the stop: no trigger
        assertThat(rec.types("mstop")).containsExactly(ExecType.NEW);
        BigDecimal markBelow = stop.subtract(BigDecimal.ONE);
        v.onMarkPrice(new MarkPrice(BTC, markBelow, null, null, 0, bar(t0 + 2 * HOUR).closeTime()));
        assertThat(rec.types("mstop")).containsExactly(ExecType.NEW, ExecType.TRIGGERED, ExecType.TRADE);
        assertThat(rec.fills("mstop").getFirst().price()).isEqualByComparingTo(markBelow);
    }

    @Test
    void aGtdOrderExpiresAtItsGoodTillDate() {
        PaperExchange v = venue("10000");
        long t0 = utc("2025-01-08T00:00:00Z");
        long t = feedOne(v, t0);
        BigDecimal below = rawFuturesBar(t0)[C].multiply(new BigDecimal("0.97")).setScale(1, RoundingMode.FLOOR);
        v.submit(order("short-gtd", BTC, Side.BUY, OrderType.LIMIT, TimeInForce.GTD, "0.01", below.toPlainString(), t,
                OrderOptions.FUTURES.withGoodTillDate(t + 599_999)));
        assertThat(rec.last("short-gtd").execType()).isEqualTo(ExecType.REJECTED);
        long gtd = t + 3_600_000;
        v.submit(order("gtd", BTC, Side.BUY, OrderType.LIMIT, TimeInForce.GTD, "0.01", below.toPlainString(), t,
                OrderOptions.FUTURES.withGoodTillDate(gtd)));
        v.onTime(gtd - 1);
        assertThat(rec.types("gtd")).containsExactly(ExecType.NEW);
        v.onTime(gtd);
        assertThat(rec.types("gtd")).containsExactly(ExecType.NEW, ExecType.EXPIRED);
        assertThat(rec.last("gtd").time()).isEqualTo(gtd);
        assertThat(v.futuresAccount().openOrderInitialMargin()).isEqualByComparingTo("0");
    }

    @Test
    void futuresStopAndTakeProfitBecomeLimitOrdersWhenThePathReachesTheirTrigger() {
        long t0 = utc("2025-01-09T00:00:00Z");
        for (OrderType type : new OrderType[]{OrderType.TAKE_PROFIT, OrderType.STOP}) {
            rec.clear();
            PaperExchange v = venue("10000");
            long t = feedOne(v, t0);
            v.submit(futMarket("long", BTC, Side.BUY, "0.1", t));
            t = feedOne(v, t0 + HOUR);
            BigDecimal close = rawFuturesBar(t0 + HOUR)[C];
            boolean tp = type == OrderType.TAKE_PROFIT;
            BigDecimal trigger = (tp ? close.add(new BigDecimal("400")) : close.subtract(new BigDecimal("400"))).setScale(1, RoundingMode.FLOOR);
            BigDecimal limit = tp ? trigger : trigger.subtract(new BigDecimal("100"));
            v.submit(order("x", BTC, Side.SELL, type, TimeInForce.GTC, "0.1", limit.toPlainString(), t,
                    OrderOptions.FUTURES.withStopPrice(trigger).withReduceOnly(true)));

            // expected: the first later bar reaching the trigger; the SELL limit is marketable there (limit ≤ price):
            // TAKER at the trigger, or at the open when the bar opened beyond it
            long hit = -1;
            for (long ot = t0 + 2 * HOUR; ot < t0 + 300 * HOUR; ot += HOUR) {
                BigDecimal[] r = rawFuturesBar(ot);
                if (tp ? r[H].compareTo(trigger) >= 0 : r[L].compareTo(trigger) <= 0) {
                    hit = ot;
                    break;
                }
            }
            assertThat(hit).as(type.name()).isPositive();
            BigDecimal open = rawFuturesBar(hit)[O];
            boolean gap = tp ? open.compareTo(trigger) >= 0 : open.compareTo(trigger) <= 0;
            BigDecimal expected = gap ? open : trigger;
            feed(v, t0 + 2 * HOUR, hit + HOUR);

            assertThat(rec.types("x")).as(type.name()).containsExactly(ExecType.NEW, ExecType.TRIGGERED, ExecType.TRADE);
            assertThat(rec.of("x").get(1).order().workingType()).isEqualTo(OrderType.LIMIT);
            assertThat(rec.fills("x")).singleElement().satisfies(f -> {
                assertThat(f.price()).isEqualByComparingTo(expected);
                assertThat(f.liquiditySide()).isEqualTo(LiquiditySide.TAKER);
                assertThat(f.quantity()).isEqualByComparingTo("0.1");
            });
            assertThat(v.positions()).isEmpty();
        }
    }
}
