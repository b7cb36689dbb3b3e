package dev.pennant.core.execution;

import dev.pennant.core.exchange.ExecutionClient;
import dev.pennant.core.exchange.ExecutionEventHandler;
import dev.pennant.core.exchange.ExecutionReport;
import dev.pennant.core.exchange.ExecutionReport.ExecType;
import dev.pennant.core.exchange.binance.BinanceFillBooking;
import dev.pennant.core.exchange.binance.RecordedExchangeInfo;
import dev.pennant.core.model.Fill;
import dev.pennant.core.model.Instrument;
import dev.pennant.core.model.LiquiditySide;
import dev.pennant.core.model.Market;
import dev.pennant.core.model.Order;
import dev.pennant.core.model.OrderOptions;
import dev.pennant.core.model.OrderStatus;
import dev.pennant.core.model.OrderType;
import dev.pennant.core.model.PositionSide;
import dev.pennant.core.model.Side;
import dev.pennant.core.model.TimeInForce;
import dev.pennant.core.portfolio.Portfolio;
import dev.pennant.core.risk.RiskEngine;
import dev.pennant.core.risk.RiskLimits;
import dev.pennant.core.testkit.SharedData;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reconciliation over hand-built differences between a venue (an in-memory {@link Reconciler.VenueQuery}) and the
 * engine's books: each kind is found, the repairable ones are repaired by reports that, handed to a real order
 * manager and portfolio, leave the engine exactly like the venue (a second pass finds nothing), and the rest is
 * reported as UNRESOLVED, never dropped. Times are venue epoch ms; figures worked out by hand in the comments.
 */
class ReconcilerTest {

    private static final long AUG_2024 = 1_722_470_400_000L;
    private static final Instrument SPOT = new RecordedExchangeInfo(SharedData.binance())
            .choose(Market.SPOT, "BTCUSDT", AUG_2024, AUG_2024).instrument();
    // futures on ETHUSDT: the portfolio keys positions by symbol, so one engine cannot hold spot and futures BTCUSDT
    private static final Instrument FUT = new RecordedExchangeInfo(SharedData.binance())
            .choose(Market.USDM_FUTURES, "ETHUSDT", AUG_2024, AUG_2024).instrument();
    private static final Reconciler.Scope SCOPE = new Reconciler.Scope(List.of(SPOT, FUT), 0);

    private static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    /** The venue: its orders (all, for single queries), the open ones, trades, positions, balances. */
    static class FakeVenue implements Reconciler.VenueQuery {
        final List<OrderStatusReport> all = new ArrayList<>();
        final List<FillReport> trades = new ArrayList<>();
        final List<PositionReport> positions = new ArrayList<>();
        final Map<String, BigDecimal> balances = new HashMap<>();
        int queries;
        long time = 20_000;

        @Override
        public long time() {
            return time;
        }

        @Override
        public List<OrderStatusReport> openOrders(Market market, String symbol) {
            return all.stream().filter(r -> r.market() == market && r.symbol().equals(symbol) && r.status().isOpen())
                    .toList();
        }

        @Override
        public Optional<OrderStatusReport> order(Market market, String symbol, String cid, String vid) {
            queries++;
            return all.stream().filter(r -> r.market() == market && (cid != null ? r.clientOrderId().equals(cid)
                    : r.venueOrderId().equals(vid))).findFirst();
        }

        @Override
        public List<FillReport> fills(Market market, String symbol, long since) {
            return trades.stream().filter(f -> f.market() == market && f.symbol().equals(symbol) && f.time() >= since)
                    .toList();
        }

        @Override
        public List<PositionReport> positions(Market market) {
            return positions;
        }

        @Override
        public Map<String, BigDecimal> balances(Market market) {
            return balances;
        }
    }

    private static String sym(Market m) {
        return m == Market.SPOT ? "BTCUSDT" : "ETHUSDT";
    }

    private static OrderStatusReport venueOrder(Market m, String cid, String vid, Side side, String type,
                                                OrderStatus st, String qty, String price, String filled, String avg,
                                                long created, long updated) {
        return new OrderStatusReport(m, sym(m), cid, vid, side, type, st, st.name(), d(qty),
                price == null ? null : d(price), null, d(filled), avg == null ? null : d(avg), PositionSide.BOTH,
                price == null ? null : TimeInForce.GTC, false, created, updated);
    }

    private static FillReport trade(Market m, String vid, long id, Side side, String qty, String px, String fee,
                                    String asset, long time) {
        return new FillReport(m, sym(m), null, vid, id, side, d(qty), d(px), d(fee), asset, LiquiditySide.MAKER,
                PositionSide.BOTH, null, time);
    }

    private static Order local(String cid, String vid, Side side, OrderType type, String qty, String price,
                               OrderStatus st, String filled, String avg, long created, long updated, Market m) {
        return new Order(cid, sym(m), side, type, type == OrderType.LIMIT ? TimeInForce.GTC : null, d(qty),
                price == null ? null : d(price), st, d(filled), avg == null ? null : d(avg), created, updated, null,
                null, OrderOptions.of(m), false, vid);
    }

    private static Fill localFill(long id, String cid, Side side, String qty, String px, String fee, long time,
                                  Market m) {
        return new Fill(id, cid, sym(m), side, d(qty), d(px), d(fee), "USDT", LiquiditySide.MAKER, time,
                BigDecimal.ZERO, m, PositionSide.BOTH);
    }

    private static Reconciler reconciler() {
        return new Reconciler(new BinanceFillBooking((m, s) -> m == Market.SPOT ? SPOT : FUT, "USDT", a -> null));
    }

    /** The order manager a restarted engine would have: history orders restored, history fills re-booked. */
    private static final class Engine {
        final Portfolio portfolio = new Portfolio("USDT", d("1000"));
        final List<OrderEvent> events = new ArrayList<>();
        final ExecutionEngine exec;

        Engine(List<Order> orders, List<Fill> fills) {
            ExecutionClient silent = new ExecutionClient() {
                @Override public void setEventHandler(ExecutionEventHandler h) { }
                @Override public void submit(Order order) { }
                @Override public void cancel(String id, long time) { }
                @Override public void modify(String id, BigDecimal q, BigDecimal p, long time) { }
                @Override public String venue() { return "venue"; }
            };
            exec = new ExecutionEngine(silent, new RiskEngine(RiskLimits.defaults()), portfolio, new ExecutionListener() {
                @Override
                public void onOrderEvent(OrderEvent e) {
                    events.add(e);
                }
            }, () -> 30_000L, "t", s -> s.equals("BTCUSDT") ? SPOT : FUT, s -> d("47000"));
            exec.restore(orders);
            fills.forEach(portfolio::apply);
        }
    }

    @Test
    void everyRepairableDifferenceIsRepairedAndTheEngineEndsLikeTheVenue() {
        FakeVenue v = new FakeVenue();
        // A: the engine booked the first half of t-1 (trade 101) and missed the second (102, fee 0.000001 BTC)
        v.all.add(venueOrder(Market.SPOT, "t-1", "11", Side.BUY, "LIMIT", OrderStatus.FILLED, "0.002", "47000",
                "0.002", "47000", 1_000, 11_000));
        v.trades.add(trade(Market.SPOT, "11", 101, Side.BUY, "0.001", "47000", "0.047", "USDT", 10_000));
        v.trades.add(trade(Market.SPOT, "11", 102, Side.BUY, "0.001", "47000", "0.000001", "BTC", 11_000));
        // B: canceled at the venue while the engine was down
        v.all.add(venueOrder(Market.SPOT, "t-2", "12", Side.BUY, "LIMIT", OrderStatus.CANCELED, "0.001", "46000",
                "0", null, 2_000, 12_000));
        // D: the engine thinks it is canceled, the venue still works it
        v.all.add(venueOrder(Market.SPOT, "t-4", "14", Side.BUY, "LIMIT", OrderStatus.NEW, "0.001", "45000", "0", null,
                3_000, 8_000));
        // E: placed on the website, open
        v.all.add(venueOrder(Market.SPOT, "web-1", "15", Side.SELL, "LIMIT", OrderStatus.NEW, "0.001", "50000", "0",
                null, 9_000, 9_000));
        // F: a futures MARKET placed elsewhere and filled (userTrades carry only the orderId)
        v.all.add(venueOrder(Market.USDM_FUTURES, "web-2", "21", Side.BUY, "MARKET", OrderStatus.FILLED, "0.1", null,
                "0.1", "3000", 12_000, 12_500));
        v.trades.add(trade(Market.USDM_FUTURES, "21", 201, Side.BUY, "0.1", "3000", "0.12", "USDT", 12_500));
        v.positions.add(new PositionReport(Market.USDM_FUTURES, "ETHUSDT", PositionSide.BOTH, d("0.1"), d("3000")));
        // spot balances: baseline 1,000 USDT and 0 BTC; now BTC 0.001 + 0.001 − 0.000001 = 0.001999,
        // USDT 1,000 − 47 − 0.047 − 47 = 905.953
        v.balances.put("BTC", d("0.001999"));
        v.balances.put("USDT", d("905.953"));

        List<Order> history = List.of(
                local("t-1", "11", Side.BUY, OrderType.LIMIT, "0.002", "47000", OrderStatus.PARTIALLY_FILLED, "0.001",
                        "47000", 1_000, 10_000, Market.SPOT),
                local("t-2", "12", Side.BUY, OrderType.LIMIT, "0.001", "46000", OrderStatus.NEW, "0", null, 2_000, 5_000,
                        Market.SPOT),
                // C: sent just before the crash, never acknowledged, unknown to the venue
                local("t-3", null, Side.BUY, OrderType.LIMIT, "0.001", "44000", OrderStatus.NEW, "0", null, 6_000,
                        6_000, Market.SPOT),
                local("t-4", "14", Side.BUY, OrderType.LIMIT, "0.001", "45000", OrderStatus.CANCELED, "0", null, 3_000,
                        7_000, Market.SPOT));
        List<Fill> historyFills = List.of(localFill(101, "t-1", Side.BUY, "0.001", "47000", "0.047", 10_000,
                Market.SPOT));
        Engine e = new Engine(history, historyFills);
        Map<String, BigDecimal> baseline = Map.of("USDT", d("1000"), "BTC", d("0"));
        Reconciler.LocalState local = new Reconciler.LocalState(e.exec.orders(), historyFills,
                e.portfolio.positions(), baseline);

        Reconciler.Result r = reconciler().reconcile(v, SCOPE, local);

        assertThat(r.failure()).isNull();
        assertThat(r.differences()).extracting(Reconciler.Difference::kind, Reconciler.Difference::clientOrderId)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(Reconciler.Kind.FILL_MISSING_LOCALLY, "t-1"),
                        org.assertj.core.groups.Tuple.tuple(Reconciler.Kind.ORDER_STATUS_DIFFERS, "t-2"),
                        org.assertj.core.groups.Tuple.tuple(Reconciler.Kind.ORDER_STATUS_DIFFERS, "t-4"),
                        org.assertj.core.groups.Tuple.tuple(Reconciler.Kind.ORDER_UNKNOWN_LOCALLY, "web-1"),
                        org.assertj.core.groups.Tuple.tuple(Reconciler.Kind.ORDER_UNKNOWN_LOCALLY, "web-2"),
                        org.assertj.core.groups.Tuple.tuple(Reconciler.Kind.FILL_MISSING_LOCALLY, "web-2"),
                        org.assertj.core.groups.Tuple.tuple(Reconciler.Kind.ORDER_UNKNOWN_AT_VENUE, "t-3"));
        assertThat(r.unresolved()).isEmpty();
        assertThat(r.repairs()).extracting(ExecutionReport::execType, x -> x.order().clientOrderId()).containsExactly(
                org.assertj.core.groups.Tuple.tuple(ExecType.TRADE, "t-1"),   // trade 102 …
                org.assertj.core.groups.Tuple.tuple(ExecType.TRADE, "t-1"),   // … and its fee in kind
                org.assertj.core.groups.Tuple.tuple(ExecType.CANCELED, "t-2"),
                org.assertj.core.groups.Tuple.tuple(ExecType.NEW, "t-4"),
                org.assertj.core.groups.Tuple.tuple(ExecType.NEW, "web-1"),
                org.assertj.core.groups.Tuple.tuple(ExecType.NEW, "web-2"),
                org.assertj.core.groups.Tuple.tuple(ExecType.TRADE, "web-2"),
                org.assertj.core.groups.Tuple.tuple(ExecType.REJECTED, "t-3"));
        assertThat(r.repairs().get(0).order().status()).isEqualTo(OrderStatus.FILLED);
        assertThat(r.repairs().get(1).fill().tradeId()).isEqualTo(-102);
        assertThat(v.queries).as("t-1, t-2, t-3 (not open at the venue) and order 21 behind trade 201").isEqualTo(4);
        assertThat(r.summary()).contains("7 difference(s), 7 repaired by 8 report(s), 0 UNRESOLVED");

        r.repairs().forEach(e.exec::onReport);

        assertThat(e.exec.order("t-1").status()).isEqualTo(OrderStatus.FILLED);
        assertThat(e.exec.order("t-2").status()).isEqualTo(OrderStatus.CANCELED);
        assertThat(e.exec.order("t-3").status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(e.exec.order("t-3").rejectReason()).contains("the venue does not know order t-3");
        assertThat(e.exec.order("t-4").status()).isEqualTo(OrderStatus.NEW);
        assertThat(e.exec.order("web-1").status()).isEqualTo(OrderStatus.NEW);
        assertThat(e.exec.order("web-2").status()).isEqualTo(OrderStatus.FILLED);
        assertThat(e.exec.openOrders()).extracting(Order::clientOrderId).containsExactlyInAnyOrder("t-4", "web-1");
        assertThat(e.portfolio.position("BTCUSDT", PositionSide.BOTH).quantity()).isEqualByComparingTo("0.001999");
        assertThat(e.portfolio.position("ETHUSDT", PositionSide.BOTH).quantity()).isEqualByComparingTo("0.1");
        // 1,000 − 94.047 (spot) − 0.12 (futures fee; the futures wallet moves by fees and realised P&L only)
        assertThat(e.portfolio.cash()).isEqualByComparingTo("905.833");

        // second pass with the repaired books: nothing left
        List<Fill> allFills = new ArrayList<>(historyFills);
        r.repairs().stream().filter(x -> x.fill() != null).forEach(x -> allFills.add(x.fill()));
        Reconciler.Result again = reconciler().reconcile(v, SCOPE, new Reconciler.LocalState(e.exec.orders(),
                allFills, e.portfolio.positions(), baseline));
        assertThat(again.differences()).isEmpty();
        assertThat(again.clean()).isTrue();
        assertThat(again.summary()).endsWith("engine and venue agree");
    }

    @Test
    void whatCannotBeRepairedIsReportedNotDropped() {
        FakeVenue v = new FakeVenue();
        // the venue filled old-1 long ago (its trades are older than the window) while the engine has it NEW
        v.all.add(venueOrder(Market.SPOT, "old-1", "31", Side.BUY, "LIMIT", OrderStatus.FILLED, "0.001", "40000",
                "0.001", "40000", 100, 200));
        // a trade of an order the venue's order query does not find
        v.trades.add(trade(Market.SPOT, "99", 301, Side.BUY, "0.002", "47000", "0.094", "USDT", 15_000));
        // a futures position the engine does not have
        v.positions.add(new PositionReport(Market.USDM_FUTURES, "ETHUSDT", PositionSide.BOTH, d("-0.05"), d("3100")));
        // spot balances moved by a deposit of 500 USDT, not by trades
        v.balances.put("USDT", d("1500"));
        Order old = local("old-1", "31", Side.BUY, OrderType.LIMIT, "0.001", "40000", OrderStatus.NEW, "0", null, 100,
                100, Market.SPOT);
        Order phantom = local("t-9", "19", Side.BUY, OrderType.LIMIT, "0.001", "47000", OrderStatus.FILLED, "0.001",
                "47000", 14_000, 14_500, Market.SPOT);
        // a booked fill inside the window that the venue does not list
        List<Fill> fills = List.of(localFill(999, "t-9", Side.BUY, "0.001", "47000", "0.047", 14_500, Market.SPOT));
        Engine e = new Engine(List.of(old, phantom), fills);
        Reconciler.Result r = reconciler().reconcile(v, new Reconciler.Scope(List.of(SPOT, FUT), 1_000),
                new Reconciler.LocalState(e.exec.orders(), fills, e.portfolio.positions(),
                        Map.of("USDT", d("1000"), "BTC", d("0"))));

        assertThat(r.repairs()).isEmpty();
        assertThat(r.unresolved()).extracting(Reconciler.Difference::kind).containsExactlyInAnyOrder(
                Reconciler.Kind.FILL_MISSING_LOCALLY, Reconciler.Kind.ORDER_STATUS_DIFFERS,
                Reconciler.Kind.FILL_UNKNOWN_AT_VENUE, Reconciler.Kind.POSITION_MISMATCH,
                Reconciler.Kind.POSITION_MISMATCH, Reconciler.Kind.BALANCE_MISMATCH);
        assertThat(r.of(Reconciler.Kind.ORDER_STATUS_DIFFERS).getFirst().detail())
                .isEqualTo("venue filled 0.001, engine 0 after booking the window's trades: the other trades are older "
                        + "than the window");
        assertThat(r.of(Reconciler.Kind.POSITION_MISMATCH)).extracting(Reconciler.Difference::detail)
                .containsExactlyInAnyOrder("BOTH position: engine 0, venue -0.05",
                        "BTC since the baseline: engine fills 0.001, venue balance 0");
        // USDT: the engine's fill moved −47 − 0.047; the venue's balance +500
        assertThat(r.of(Reconciler.Kind.BALANCE_MISMATCH).getFirst().detail())
                .isEqualTo("USDT since the baseline: engine fills -47.047, venue balance 500");
        assertThat(r.summary()).contains("6 difference(s), 0 repaired by 0 report(s), 6 UNRESOLVED")
                .contains("FILL_UNKNOWN_AT_VENUE SPOT BTCUSDT t-9: booked trade 999")
                .contains("(UNRESOLVED)");
        assertThat(r.clean()).isFalse();
    }

    @Test
    void aVenueAnswerOlderThanTheEngineDoesNotUndoWhatTheStreamBrought() {
        FakeVenue v = new FakeVenue();
        // fetched at 8,000 with t-1 still open; the stream booked its fill at 9,000 before the comparison
        v.all.add(venueOrder(Market.SPOT, "t-1", "11", Side.BUY, "LIMIT", OrderStatus.NEW, "0.001", "47000", "0",
                null, 1_000, 8_000));
        v.time = 8_000;
        Order filled = local("t-1", "11", Side.BUY, OrderType.LIMIT, "0.001", "47000", OrderStatus.FILLED, "0.001",
                "47000", 1_000, 9_000, Market.SPOT);
        Reconciler.Result r = reconciler().reconcile(v, new Reconciler.Scope(List.of(SPOT), 0),
                new Reconciler.LocalState(List.of(filled), List.of(localFill(111, "t-1", Side.BUY, "0.001", "47000",
                        "0.047", 9_000, Market.SPOT)), List.of(), Map.of()));
        assertThat(r.differences()).isEmpty();
        assertThat(r.repairs()).isEmpty();
    }

    @Test
    void aVenueThatCannotBeAskedGivesAFailedResultToShow() {
        FakeVenue v = new FakeVenue() {
            @Override
            public List<FillReport> fills(Market market, String symbol, long since) {
                throw new java.io.UncheckedIOException(new java.net.ConnectException("Connection refused"));
            }
        };
        Reconciler.Result r = reconciler().reconcile(v, SCOPE, new Reconciler.LocalState(List.of(), List.of(),
                List.of(), Map.of()));
        assertThat(r.failure()).isEqualTo("UncheckedIOException: java.net.ConnectException: Connection refused");
        assertThat(r.summary()).startsWith("reconciliation FAILED: ");
        assertThat(r.clean()).isFalse();
        assertThat(r.repairs()).isEmpty();
    }
}
