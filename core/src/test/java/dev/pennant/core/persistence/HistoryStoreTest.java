package dev.pennant.core.persistence;

import dev.pennant.core.ai.Explanation;
import dev.pennant.core.model.EquitySnapshot;
import dev.pennant.core.model.Fill;
import dev.pennant.core.model.Interval;
import dev.pennant.core.model.LiquiditySide;
import dev.pennant.core.model.Market;
import dev.pennant.core.model.Order;
import dev.pennant.core.model.OrderOptions;
import dev.pennant.core.model.OrderStatus;
import dev.pennant.core.model.OrderType;
import dev.pennant.core.model.Position;
import dev.pennant.core.model.PositionSide;
import dev.pennant.core.model.Side;
import dev.pennant.core.model.Signal;
import dev.pennant.core.model.TimeInForce;
import dev.pennant.core.model.WorkingType;
import org.assertj.core.api.recursive.comparison.RecursiveComparisonConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HistoryStoreTest {

    @TempDir
    Path dir;

    private static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    /** Field-by-field, BigDecimals by value: the columns are DECIMAL(38,12), so scales come back as 12 or stripped. */
    static final RecursiveComparisonConfiguration BY_VALUE = RecursiveComparisonConfiguration.builder()
            .withComparatorForType(BigDecimal::compareTo, BigDecimal.class).build();

    /** {@link #BY_VALUE} ignoring the order id (two sessions cannot share clientOrderIds: it is the order's key). */
    private static final RecursiveComparisonConfiguration BY_VALUE_BUT_ID = RecursiveComparisonConfiguration.builder()
            .withComparatorForType(BigDecimal::compareTo, BigDecimal.class).withIgnoredFields("clientOrderId").build();

    private static SessionInfo session(String id, String mode) {
        return new SessionInfo(id, mode, "paper", "test", "BTCUSDT", Interval.M1, "s", "USDT", d("10000"), 1L, null);
    }

    @Test
    void everythingWrittenIsThereAfterCloseAndReopen() {
        SessionInfo info = new SessionInfo("t1", "PAPER", "paper", "Replay of test", "BTCUSDT", Interval.M1,
                "EMA-cross+RSI", "USDT", d("10000"), 1_700_000_000_000L, null);
        Signal signal = new Signal("t1-s1", "EMA-cross+RSI", "BTCUSDT", Side.BUY, 1_621_116_179_999L, d("48506.05"),
                "EMA_CROSS_UP", Map.of("EMA(9)", 48480.12, "RSI(14)", 56.2));
        Explanation x = new Explanation("t1-s1", "BUY BTCUSDT because EMA(9) crossed above EMA(21).", 0.63,
                List.of("a"), "rules");
        Order accepted = Order.market("t1-1", "BTCUSDT", Side.BUY, d("0.19584"), 1_621_116_179_999L, "t1-s1");
        Order filled = accepted.withFill(d("0.19584"), d("48510.01"), 1_621_116_180_000L);
        Fill fill = new Fill(1, "t1-1", "BTCUSDT", Side.BUY, d("0.19584"), d("48510.01"), d("9.50020036"), "USDT",
                LiquiditySide.TAKER, 1_621_116_180_000L, d("-9.50020036"));
        Position pos = new Position("BTCUSDT", d("0.19584"), d("48510.01"), d("48520"), d("-9.50020036"),
                d("1.95644"), 1_621_116_239_999L);
        EquitySnapshot eq = new EquitySnapshot(1_621_116_239_999L, d("490.27"), d("9502.1568"), d("9992.4268"),
                d("-9.50020036"), d("1.95644"));

        try (HistoryStore store = HistoryStore.open(dir)) {
            store.startSession(info);
            store.write(w -> {
                w.signal("t1", signal, x);
                w.order("t1", accepted);
            });
            store.write(w -> {
                w.order("t1", filled);
                w.fill("t1", fill);
                w.position("t1", pos);
                w.equity("t1", eq);
            });
        }
        assertThat(dir.resolve("history.mv.db")).exists();

        try (HistoryStore store = HistoryStore.open(dir)) {
            assertThat(store.latestSession()).get().satisfies(s -> {
                assertThat(s.id()).isEqualTo("t1");
                assertThat(s.interval()).isEqualTo(Interval.M1);
                assertThat(s.startingCash()).isEqualByComparingTo("10000");
            });
            assertThat(store.fills("t1")).singleElement().satisfies(f -> {
                assertThat(f.tradeId()).isEqualTo(1);
                assertThat(f.price()).isEqualByComparingTo("48510.01");
                assertThat(f.quantity()).isEqualByComparingTo("0.19584");
                assertThat(f.commission()).isEqualByComparingTo("9.50020036");
                assertThat(f.realizedPnl()).isEqualByComparingTo("-9.50020036");
                assertThat(f.time()).isEqualTo(1_621_116_180_000L);
            });
            assertThat(store.orders("t1")).singleElement().satisfies(o -> {
                assertThat(o.status()).isEqualTo(OrderStatus.FILLED);
                assertThat(o.averagePrice()).isEqualByComparingTo("48510.01");
                assertThat(o.signalId()).isEqualTo("t1-s1");
            });
            assertThat(store.positions("t1")).singleElement().satisfies(p ->
                    assertThat(p.quantity()).isEqualByComparingTo("0.19584"));
            assertThat(store.equity("t1")).singleElement().satisfies(e ->
                    assertThat(e.equity()).isEqualByComparingTo("9992.4268"));
            assertThat(store.signals("t1")).singleElement().satisfies(r -> {
                assertThat(r.signal().indicators()).containsEntry("RSI(14)", 56.2);
                assertThat(r.explanation().text()).contains("crossed above");
                assertThat(r.explanation().confidence()).isEqualTo(0.63);
            });
        }
    }

    @Test
    void aFailedWriteLosesNothingAlreadyStored() throws Exception {
        try (HistoryStore first = HistoryStore.open(dir)) {
            first.startSession(new SessionInfo("a", "PAPER", "paper", "x", "BTCUSDT", Interval.M1, "s", "USDT",
                    BigDecimal.TEN, 1L, null));
            // A failed write must not lose what is stored: duplicate trade ids violate the unique key.
            Fill f = new Fill(7, "a-1", "BTCUSDT", Side.BUY, d("1"), d("2"), d("0"), "USDT", LiquiditySide.TAKER, 3L, d("0"));
            first.write(w -> w.fill("a", f));
            assertThatThrownBy(() -> first.write(w -> w.fill("a", f))).isInstanceOf(HistoryException.class);
            assertThat(first.fills("a")).hasSize(1);
        }
        assertThat(Files.size(dir.resolve("history.mv.db"))).isPositive();
    }

    private static final long T = 1_621_116_180_000L;

    /** One order per new field, type and status (the V3 columns); each must come back equal. */
    static List<Order> everyKindOfOrder() {
        OrderOptions trailing = OrderOptions.FUTURES.withPositionSide(PositionSide.LONG)
                .withTrailing(d("1.5"), d("51000.5")).withWorkingType(WorkingType.MARK_PRICE).withReduceOnly(true)
                .withContingency("ol-7", "v3-1").withStrategyId("manual");
        Order trailingStop = new Order("v3-2", "BTCUSDT", Side.SELL, OrderType.TRAILING_STOP_MARKET, null, d("0.5"),
                null, OrderStatus.PENDING_CANCEL, d("0"), null, T, T + 5, null, null, trailing, true, "8389765522");
        Order quoteMarket = new Order("v3-3", "ETHUSDT", Side.BUY, OrderType.MARKET, null, d("0"), null,
                OrderStatus.NEW, d("0"), null, T, T, "v3-s1", null,
                OrderOptions.SPOT.withQuoteOrderQty(d("100.25")).withStrategyId("ai"), false, null);
        Order closeAll = new Order("v3-4", "BTCUSDT", Side.BUY, OrderType.TAKE_PROFIT_MARKET, null, d("0"), null,
                OrderStatus.EXPIRED_IN_MATCH, d("0"), null, T, T + 9, null, "expired by self-trade prevention",
                OrderOptions.FUTURES.withPositionSide(PositionSide.SHORT).withStopPrice(d("47000"))
                        .withClosePosition(true), false, "8389765523");
        Order gtd = new Order("v3-5", "BTCUSDT", Side.BUY, OrderType.LIMIT, TimeInForce.GTD, d("0.01"), d("46000.1"),
                OrderStatus.PARTIALLY_FILLED, d("0.004"), d("46000.1"), T, T + 60_000, null, null,
                OrderOptions.FUTURES.withGoodTillDate(T + 86_400_000L), false, "8389765524");
        Order stopLimit = new Order("v3-6", "BTCUSDT", Side.SELL, OrderType.STOP_LOSS_LIMIT, TimeInForce.GTC,
                d("0.2"), d("47900"), OrderStatus.EXPIRED, d("0"), null, T, T + 1, null, "GTD expired",
                OrderOptions.SPOT.withStopPrice(d("48000")).withContingency("oco-3", null), true, "77");
        return List.of(trailingStop, quoteMarket, closeAll, gtd, stopLimit);
    }

    @Test
    void everyOrderTypeStatusAndOptionRoundTrips() {
        List<Order> orders = everyKindOfOrder();
        try (HistoryStore store = HistoryStore.open(dir)) {
            store.startSession(session("v3", "PAPER"));
            store.write(w -> orders.forEach(o -> w.order("v3", o)));
        }
        try (HistoryStore store = HistoryStore.open(dir)) {
            assertThat(store.orders("v3")).usingRecursiveFieldByFieldElementComparator(BY_VALUE)
                    .containsExactlyInAnyOrderElementsOf(orders);
            Order trailing = store.orders("v3").stream().filter(o -> o.clientOrderId().equals("v3-2")).findFirst()
                    .orElseThrow();
            assertThat(trailing.type().name()).hasSize(20); // TRAILING_STOP_MARKET: wider than V1's VARCHAR(16)
            assertThat(trailing.workingType()).isEqualTo(OrderType.MARKET); // triggered survives
            assertThat(trailing.options().callbackRate()).isEqualByComparingTo("1.5");
        }
    }

    @Test
    void futuresFillsAndHedgePositionsKeepMarketAndPositionSide() {
        Fill longFill = new Fill(1, "h-1", "BTCUSDT", Side.BUY, d("0.5"), d("48510.01"), d("9.70200200"), "USDT",
                LiquiditySide.TAKER, T, d("-9.702002"), Market.USDM_FUTURES, PositionSide.LONG);
        Fill shortFill = new Fill(2, "h-2", "BTCUSDT", Side.SELL, d("0.3"), d("48520"), d("5.82240000"), "USDT",
                LiquiditySide.MAKER, T + 1, d("-5.8224"), Market.USDM_FUTURES, PositionSide.SHORT);
        Position longPos = new Position("BTCUSDT", d("0.5"), d("48510.01"), d("48530"), d("-9.702002"), d("9.995"),
                T, Market.USDM_FUTURES, PositionSide.LONG);
        Position shortPos = new Position("BTCUSDT", d("-0.3"), d("48520"), d("48530"), d("-5.8224"), d("-3"), T + 1,
                Market.USDM_FUTURES, PositionSide.SHORT);
        Position longLater = new Position("BTCUSDT", d("0.2"), d("48510.01"), d("48600"), d("7.1"), d("17.998"),
                T + 2, Market.USDM_FUTURES, PositionSide.LONG);
        try (HistoryStore store = HistoryStore.open(dir)) {
            store.startSession(session("h", "PAPER"));
            store.write(w -> {
                w.fill("h", longFill);
                w.position("h", longPos);
            });
            store.write(w -> {
                w.fill("h", shortFill);
                w.position("h", shortPos);
            });
            store.write(w -> w.position("h", longLater)); // replaces LONG only
        }
        try (HistoryStore store = HistoryStore.open(dir)) {
            assertThat(store.fills("h")).usingRecursiveFieldByFieldElementComparator(BY_VALUE)
                    .containsExactly(longFill, shortFill);
            assertThat(store.positions("h")).usingRecursiveFieldByFieldElementComparator(BY_VALUE)
                    .containsExactly(longLater, shortPos); // ordered by symbol, then positionSide LONG < SHORT
        }
    }

    @Test
    void anEquityRowCanBeMovedForwardAndKeepsItsExtremes() {
        EquitySnapshot first = new EquitySnapshot(T, d("100"), d("9900"), d("10000"), d("0"), d("0"));
        EquitySnapshot later = new EquitySnapshot(T + 180_000, d("100"), d("9850.5"), d("9950.5"), d("0"), d("-49.5"));
        try (HistoryStore store = HistoryStore.open(dir)) {
            store.startSession(session("e", "PAPER"));
            long[] id = new long[1];
            store.write(w -> id[0] = w.equity("e", EquitySample.of(first)));
            store.write(w -> w.replaceEquity(id[0], new EquitySample(later, d("9930"), d("10020"), 4)));
            assertThatThrownBy(() -> store.write(w -> w.replaceEquity(id[0] + 99, EquitySample.of(later))))
                    .isInstanceOf(HistoryException.class).hasMessageContaining("no equity row " + (id[0] + 99));
        }
        try (HistoryStore store = HistoryStore.open(dir)) {
            assertThat(store.equitySamples("e")).singleElement().satisfies(s -> {
                assertThat(s.last()).usingRecursiveComparison(BY_VALUE).isEqualTo(later);
                assertThat(s.minEquity()).isEqualByComparingTo("9930");
                assertThat(s.maxEquity()).isEqualByComparingTo("10020");
                assertThat(s.bars()).isEqualTo(4);
            });
            assertThat(store.equity("e")).singleElement().extracting(EquitySnapshot::equity)
                    .isEqualTo(new BigDecimal("9950.5"));
        }
    }

    /**
     * {@code n} booked fills, two per order (a partial fill, then the rest at another price, same event time, so the
     * page order falls back to storage order); orders alternate BUY/SELL, every third is ETHUSDT.
     */
    private static List<BookedFill> booked(String prefix, int n) {
        List<BookedFill> out = new ArrayList<>();
        Order order = null;
        for (int i = 0; i < n; i++) {
            int k = i / 2;
            String symbol = k % 3 == 0 ? "ETHUSDT" : "BTCUSDT";
            Side side = k % 2 == 0 ? Side.BUY : Side.SELL;
            long time = T + k * 60_000L;
            BigDecimal qty = d("0.01").add(BigDecimal.valueOf(k, 3));
            BigDecimal px = d("48000").add(BigDecimal.valueOf(i * 7, 2));
            if (i % 2 == 0) {
                order = Order.market(prefix + "-" + k, symbol, side, qty.multiply(BigDecimal.TWO), time, null);
            }
            order = order.withFill(qty, px, time);
            Fill f = new Fill(i + 1, order.clientOrderId(), symbol, side, qty, px, d("0.01"), "USDT",
                    LiquiditySide.TAKER, time, d("-0.01"));
            Position p = new Position(symbol, side == Side.BUY ? qty : qty.negate(), px, px, d("-0.01"), d("0"), time);
            out.add(new BookedFill(order, f, p));
        }
        return out;
    }

    @Test
    void bulkFillWritesLeaveTheSameRowsAsOneByOne() {
        List<BookedFill> bulk = booked("b", 60);
        List<BookedFill> single = booked("s", 60);
        try (HistoryStore store = HistoryStore.open(dir)) {
            store.startSession(session("bulk", "PAPER"));
            store.startSession(session("single", "PAPER"));
            store.writeFills("bulk", bulk, 7); // 7 per transaction: batches end between an order's two fills
            for (BookedFill b : single) {
                store.write(w -> {
                    w.order("single", b.order());
                    w.fill("single", b.fill());
                    w.position("single", b.position());
                });
            }
            assertThat(store.fills("bulk")).hasSize(60).usingRecursiveFieldByFieldElementComparator(BY_VALUE_BUT_ID)
                    .containsExactlyElementsOf(store.fills("single"));
            assertThat(store.orders("bulk")).hasSize(30).usingRecursiveFieldByFieldElementComparator(BY_VALUE_BUT_ID)
                    .containsExactlyElementsOf(store.orders("single"));
            assertThat(store.positions("bulk")).hasSize(2).usingRecursiveFieldByFieldElementComparator(BY_VALUE)
                    .containsExactlyElementsOf(store.positions("single"));
            // and they are the inputs: the last snapshot of each order, every fill
            assertThat(store.orders("bulk")).usingRecursiveFieldByFieldElementComparator(BY_VALUE)
                    .containsExactlyInAnyOrderElementsOf(java.util.stream.IntStream.range(0, 30)
                            .mapToObj(k -> bulk.get(2 * k + 1).order()).toList());
            assertThat(store.fills("bulk")).usingRecursiveFieldByFieldElementComparator(BY_VALUE)
                    .containsExactlyElementsOf(bulk.stream().map(BookedFill::fill).toList());
        }
    }

    @Test
    void aFailingBulkBatchIsRolledBackWholeAndEarlierBatchesStay() {
        List<BookedFill> fills = new ArrayList<>(booked("f", 10));
        fills.add(fills.get(8)); // trade id 9 again: uq_fill_trade rejects the second batch (fills 6..11)
        try (HistoryStore store = HistoryStore.open(dir)) {
            store.startSession(session("f", "PAPER"));
            assertThatThrownBy(() -> store.writeFills("f", fills, 6)).isInstanceOf(HistoryException.class)
                    .hasMessageContaining("bulk fill write failed");
            assertThat(store.fills("f")).extracting(Fill::tradeId).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
            assertThatThrownBy(() -> store.writeFills("f", fills, 0)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("fillsPerTransaction");
        }
    }

    @Test
    void fillPagesFilterSortAndPageLikeTheListTheyComeFrom() {
        List<BookedFill> paper = booked("p", 60);
        List<BookedFill> live = booked("l", 20);
        try (HistoryStore store = HistoryStore.open(dir)) {
            store.startSession(session("p", "PAPER"));
            store.startSession(session("l", "LIVE"));
            store.writeFills("p", paper, 25);
            store.writeFills("l", live, 25);

            // expected pages computed from the input lists: stored order is paper then live, each in list order
            List<StoredFill> all = new ArrayList<>();
            paper.forEach(b -> all.add(new StoredFill("p", b.fill())));
            live.forEach(b -> all.add(new StoredFill("l", b.fill())));
            Comparator<StoredFill> oldest = Comparator.comparingLong(s -> s.fill().time());
            List<StoredFill> stableOldest = all.stream().sorted(oldest).toList(); // stable: ties keep storage order
            List<StoredFill> newest = new ArrayList<>(stableOldest);
            java.util.Collections.reverse(newest);

            FillQuery btcBuys = FillQuery.all().withSymbol("BTCUSDT").withSide(Side.BUY).page(5, 10);
            assertThat(store.fillPage(btcBuys)).extracting(s -> s.sessionId() + "#" + s.fill().tradeId())
                    .containsExactlyElementsOf(newest.stream()
                            .filter(s -> s.fill().symbol().equals("BTCUSDT") && s.fill().side() == Side.BUY)
                            .skip(5).limit(10).map(s -> s.sessionId() + "#" + s.fill().tradeId()).toList());
            assertThat(store.fillCount(btcBuys)).isEqualTo(all.stream()
                    .filter(s -> s.fill().symbol().equals("BTCUSDT") && s.fill().side() == Side.BUY).count());

            FillQuery window = FillQuery.all().withSession("p").between(T + 5 * 60_000L, T + 12 * 60_000L)
                    .sortedNewestFirst(false).page(0, 100);
            assertThat(store.fillPage(window)).extracting(s -> s.fill().tradeId())
                    .containsExactlyElementsOf(stableOldest.stream().filter(s -> s.sessionId().equals("p"))
                            .filter(s -> s.fill().time() >= T + 5 * 60_000L && s.fill().time() < T + 12 * 60_000L)
                            .map(s -> s.fill().tradeId()).toList())
                    .hasSize(14); // minutes 5..11, two fills each
            assertThat(store.fillPage(window).getFirst().fill()).usingRecursiveComparison(BY_VALUE)
                    .isEqualTo(paper.get(10).fill());

            assertThat(store.fillPage(FillQuery.all().withMode("LIVE").page(0, 1000)))
                    .extracting(StoredFill::sessionId).hasSize(20).containsOnly("l");
            assertThat(store.fillCount(FillQuery.all().withMode("PAPER"))).isEqualTo(60);
            assertThat(store.fillPage(FillQuery.all().withMode("BACKTEST"))).isEmpty();
            assertThat(store.sessions("LIVE")).extracting(SessionInfo::id).containsExactly("l");
        }
    }

    @Test
    void everyFillPageShapeIsReadOffAnIndexInPageOrder() throws Exception {
        try (HistoryStore store = HistoryStore.open(dir);
             java.sql.Connection c = java.sql.DriverManager.getConnection(HistoryStore.jdbcUrl(dir), "pennant", "")) {
            Map<FillQuery, String> expected = Map.of(
                    FillQuery.all().withSymbol("BTCUSDT").withSide(Side.BUY), "IX_FILL_SYMBOL_SIDE_TIME",
                    FillQuery.all().withSession("p").withSymbol("BTCUSDT").withSide(Side.SELL).sortedNewestFirst(false),
                    "IX_FILL_SESSION_TIME",
                    FillQuery.all().withSession("p").between(1L, 99L), "IX_FILL_SESSION_TIME",
                    FillQuery.all().withMode("LIVE").withSymbol("ETHUSDT"), "IX_FILL_TIME",
                    FillQuery.all(), "IX_FILL_TIME");
            for (Map.Entry<FillQuery, String> e : expected.entrySet()) {
                String sql = HistoryStore.fillPageSql(e.getKey()).replace(":offset", "1000").replace(":limit", "100")
                        .replaceAll(":(mode|session|symbol|side)", "'x'").replaceAll(":(from|to)", "5");
                try (java.sql.Statement st = c.createStatement(); java.sql.ResultSet rs = st.executeQuery("EXPLAIN " + sql)) {
                    rs.next();
                    // H2's plan names the index and marks a sort it does not need to do
                    assertThat(rs.getString(1)).as(sql).contains("PUBLIC." + e.getValue()).contains("/* index sorted */");
                }
            }
        }
    }

    @Test
    void aFillQueryRejectsAnImpossiblePage() {
        assertThatThrownBy(() -> FillQuery.all().page(-1, 10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("offset");
        assertThatThrownBy(() -> FillQuery.all().page(0, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("limit");
        assertThatThrownBy(() -> FillQuery.all().page(0, FillQuery.MAX_LIMIT + 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("limit");
        assertThatThrownBy(() -> FillQuery.all().between(10L, 9L)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fromTime");
    }
}
