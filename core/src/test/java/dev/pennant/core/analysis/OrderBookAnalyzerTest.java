package dev.pennant.core.analysis;

import dev.pennant.core.marketdata.book.BookDepth;
import dev.pennant.core.marketdata.book.BookLevel;
import dev.pennant.core.marketdata.book.DepthSynchronizer;
import dev.pennant.core.marketdata.book.OrderBook;
import dev.pennant.core.marketdata.book.SyncState;
import dev.pennant.core.marketdata.parse.CryptofeedRecording;
import dev.pennant.core.marketdata.parse.DepthSnapshot;
import dev.pennant.core.marketdata.parse.DepthUpdate;
import dev.pennant.core.marketdata.parse.MarketMessageHandler;
import dev.pennant.core.marketdata.parse.MarketMessageParser;
import dev.pennant.core.model.Market;
import dev.pennant.core.model.Side;
import dev.pennant.core.testkit.SharedData;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Order-book analytics on the recorded Binance books (cryptofeed: USDⓈ-M 2021-07-22 REST snapshots of 1000 levels and
 * 30 s of depth@100ms diffs) and on hand-made books for the spoofing rules.
 */
class OrderBookAnalyzerTest {

    private static final String FUT_WS = "recordings/cryptofeed/BINANCE_FUTURES.ws.1.0.txt.gz";
    private static final String FUT_HTTP = "recordings/cryptofeed/BINANCE_FUTURES.http.0.0.txt.gz";

    private static Map<String, DepthSnapshot> snapshots() throws IOException {
        MarketMessageParser parser = new MarketMessageParser();
        Map<String, DepthSnapshot> out = new LinkedHashMap<>();
        for (CryptofeedRecording.HttpResponse r : CryptofeedRecording.httpResponses(SharedData.file(FUT_HTTP))) {
            String symbol = r.queryParameter("symbol");
            out.put(symbol, parser.parseDepthSnapshot(symbol, r.body()));
        }
        return out;
    }

    @Test
    void depthImbalanceAndLargeOrdersOfRealSnapshotsMatchAnExactReference() throws IOException {
        int large = 0;
        for (DepthSnapshot snap : snapshots().values()) {
            OrderBook book = new OrderBook(snap.symbol());
            book.load(snap);
            BookDepth depth = book.depth(Integer.MAX_VALUE);
            OrderBookAnalyzer.BookAnalysis a = OrderBookAnalyzer.analyze(depth);

            // reference in exact decimals: mid, the 1 % band, notional sums, the median level notional
            BigDecimal mid = depth.bids().get(0).price().add(depth.asks().get(0).price()).divide(BigDecimal.TWO);
            BigDecimal lo = mid.multiply(new BigDecimal("0.99"));
            BigDecimal hi = mid.multiply(new BigDecimal("1.01"));
            BigDecimal bid = BigDecimal.ZERO;
            BigDecimal ask = BigDecimal.ZERO;
            List<BigDecimal> all = new ArrayList<>();
            for (BookLevel l : depth.bids()) {
                BigDecimal n = l.price().multiply(l.quantity());
                all.add(n);
                if (l.price().compareTo(lo) >= 0) bid = bid.add(n);
            }
            for (BookLevel l : depth.asks()) {
                BigDecimal n = l.price().multiply(l.quantity());
                all.add(n);
                if (l.price().compareTo(hi) <= 0) ask = ask.add(n);
            }
            all.sort(null);
            int m = all.size();
            BigDecimal median = m % 2 == 1 ? all.get(m / 2) : all.get(m / 2 - 1).add(all.get(m / 2)).divide(BigDecimal.TWO);
            double imbalance = bid.subtract(ask).divide(bid.add(ask), MathContext.DECIMAL64).doubleValue();
            String s = snap.symbol();
            assertThat(a.mid()).as(s).isCloseTo(mid.doubleValue(), within(1e-12 * mid.doubleValue()));
            assertThat(a.bidDepth()).as(s).isCloseTo(bid.doubleValue(), within(1e-9 * bid.doubleValue()));
            assertThat(a.askDepth()).as(s).isCloseTo(ask.doubleValue(), within(1e-9 * ask.doubleValue()));
            assertThat(a.imbalance()).as(s).isCloseTo(imbalance, within(1e-9)).isBetween(-1.0, 1.0);
            assertThat(a.typicalLevel()).as(s).isCloseTo(median.doubleValue(), within(1e-9 * median.doubleValue()));
            long expectedLarge = all.stream().filter(n -> n.compareTo(median.multiply(BigDecimal.valueOf(5))) >= 0).count();
            assertThat(a.largeOrders()).as(s).hasSize((int) expectedLarge);
            for (OrderBookAnalyzer.LargeOrder o : a.largeOrders()) {
                assertThat(o.multiple()).isGreaterThanOrEqualTo(5);
                assertThat(o.notional()).isCloseTo(o.price() * o.quantity(), within(1e-6));
            }
            assertThat(a.spoofEvents()).isEmpty();
            assertThat(a.inputs()).containsEntry("levels", m).containsKey("riskReasons");
            large += a.largeOrders().size();
        }
        assertThat(large).as("real 1000-level books hold whales").isGreaterThan(0);
    }

    @Test
    void replayOfTheRecordedStreamIsConsistentAndDeterministic() throws IOException {
        Map<String, DepthSnapshot> snaps = snapshots();
        Map<String, List<DepthUpdate>> events = new LinkedHashMap<>();
        MarketMessageParser parser = new MarketMessageParser();
        MarketMessageHandler h = new MarketMessageHandler() {
            @Override
            public void onDepth(DepthUpdate u) {
                events.computeIfAbsent(u.symbol(), k -> new ArrayList<>()).add(u.copy());
            }
        };
        for (String f : CryptofeedRecording.wsFrames(SharedData.file(FUT_WS))) {
            parser.parse(f, h);
        }
        List<String> first = replay(snaps, events);
        assertThat(replay(snaps, events)).isEqualTo(first);
        assertThat(first).as("books analysed").hasSizeGreaterThan(500);
    }

    private static List<String> replay(Map<String, DepthSnapshot> snaps, Map<String, List<DepthUpdate>> events) {
        List<String> out = new ArrayList<>();
        for (var e : events.entrySet()) {
            DepthSnapshot snap = snaps.get(e.getKey());
            if (snap == null) continue;
            DepthSynchronizer sync = new DepthSynchronizer(e.getKey(), Market.USDM_FUTURES, s -> snap);
            OrderBookAnalyzer an = new OrderBookAnalyzer();
            for (DepthUpdate u : e.getValue()) {
                sync.onEvent(u);
                if (sync.state() != SyncState.LIVE) continue;
                OrderBookAnalyzer.BookAnalysis a = an.onBook(sync.book().depth(1000), u.eventTime());
                assertThat(a.imbalance()).isBetween(-1.0, 1.0);
                for (OrderBookAnalyzer.SpoofEvent ev : a.spoofEvents()) {
                    assertThat(ev.lifetimeMs()).isBetween(0L, 10_000L);
                    assertThat(ev.vanishedAt()).isGreaterThanOrEqualTo(u.eventTime() - 60_000);
                }
                RiskLevel expected = a.spoofEvents().size() >= 2 ? RiskLevel.HIGH : null;
                if (expected != null) assertThat(a.risk()).isEqualTo(expected);
                out.add(e.getKey() + " " + u.eventTime() + " " + a.risk() + " " + a.largeOrders().size() + " " + a.spoofEvents().size());
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ hand-made books

    /** Bids 100.0, 99.9 … 99.0 and asks 100.1 … 101.1, 1 unit each, plus extra levels. */
    private static BookDepth book(double bestBid, Map<Double, Double> extraBids, Map<Double, Double> extraAsks) {
        Map<BigDecimal, BigDecimal> bids = new java.util.TreeMap<>(java.util.Comparator.reverseOrder());
        Map<BigDecimal, BigDecimal> asks = new java.util.TreeMap<>();
        for (int i = 0; i <= 10; i++) {
            double px = Math.round((100.0 - i * 0.1) * 10) / 10.0;
            if (px <= bestBid) bids.put(BigDecimal.valueOf(px), BigDecimal.ONE);
            asks.put(BigDecimal.valueOf(Math.round((100.1 + i * 0.1) * 10) / 10.0), BigDecimal.ONE);
        }
        extraBids.forEach((p, q) -> bids.put(BigDecimal.valueOf(p), BigDecimal.valueOf(q)));
        extraAsks.forEach((p, q) -> asks.put(BigDecimal.valueOf(p), BigDecimal.valueOf(q)));
        return new BookDepth("TESTUSDT", 1, bids.entrySet().stream().map(x -> new BookLevel(x.getKey(), x.getValue())).toList(),
                asks.entrySet().stream().map(x -> new BookLevel(x.getKey(), x.getValue())).toList());
    }

    @Test
    void largeOrdersThatVanishUntradedNearTheTouchAreSpoofLike() {
        OrderBookAnalyzer an = new OrderBookAnalyzer();
        assertThat(an.onBook(book(100, Map.of(), Map.of()), 0).risk()).isEqualTo(RiskLevel.LOW);
        // a 20-unit bid two ticks behind the touch (20x the typical ~100 USDT level): a huge order near the touch
        OrderBookAnalyzer.BookAnalysis withWall = an.onBook(book(100, Map.of(99.8, 20.0), Map.of()), 1_000);
        assertThat(withWall.largeOrders()).singleElement().satisfies(o -> {
            assertThat(o.side()).isEqualTo(Side.BUY);
            assertThat(o.nearTouch()).isTrue();
            assertThat(o.multiple()).isGreaterThan(10);
        });
        assertThat(withWall.risk()).isEqualTo(RiskLevel.MEDIUM);
        assertThat(withWall.imbalance()).isGreaterThan(0);
        // 2 s later it is gone while the best bid never reached it: spoof-like
        OrderBookAnalyzer.BookAnalysis gone = an.onBook(book(100, Map.of(), Map.of()), 3_000);
        assertThat(gone.spoofEvents()).singleElement().satisfies(ev -> {
            assertThat(ev.price()).isEqualTo(99.8);
            assertThat(ev.lifetimeMs()).isEqualTo(2_000);
            assertThat(ev.notional()).isCloseTo(1996, within(1e-9));
        });
        assertThat(gone.risk()).isEqualTo(RiskLevel.MEDIUM);
        // a second one on the ask side: two events in the window → HIGH
        an.onBook(book(100, Map.of(), Map.of(100.3, 30.0)), 5_000);
        OrderBookAnalyzer.BookAnalysis two = an.onBook(book(100, Map.of(), Map.of()), 6_000);
        assertThat(two.spoofEvents()).hasSize(2);
        assertThat(two.risk()).isEqualTo(RiskLevel.HIGH);
        assertThat((String) two.inputs().get("riskReasons")).contains("2 spoof-like events in 60 s");
        // a wall that is traded into (the best bid falls through it) is a fill, not a spoof
        an.onBook(book(100, Map.of(99.7, 20.0), Map.of()), 7_000);
        OrderBookAnalyzer.BookAnalysis hit = an.onBook(book(99.6, Map.of(), Map.of()), 8_000);
        assertThat(hit.spoofEvents()).hasSize(2);
        // a wall that rests longer than 10 s before leaving is not counted either
        an.onBook(book(100, Map.of(99.8, 20.0), Map.of()), 9_000);
        assertThat(an.onBook(book(100, Map.of(), Map.of()), 20_000).spoofEvents()).hasSize(2);
        // a minute after the last event the window is empty again
        assertThat(an.onBook(book(100, Map.of(), Map.of()), 66_001).spoofEvents()).isEmpty();
        assertThat(an.appearances()).isEqualTo(4);
        assertThatThrownBy(() -> an.onBook(book(100, Map.of(), Map.of()), 1)).hasMessageContaining("before the previous");
    }

    @Test
    void oneSidedBookIsMediumRisk() {
        Map<Double, Double> deepBids = new LinkedHashMap<>();
        for (int i = 1; i <= 5; i++) deepBids.put(Math.round((100.0 - i * 0.1) * 10) / 10.0, 8.0);
        OrderBookAnalyzer.BookAnalysis a = OrderBookAnalyzer.analyze(book(100, deepBids, Map.of()));
        // within 1 % of mid 100.05 ([99.0495, 101.0505]): bids 100.0 … 99.1 (5 × 1 unit + 5 × 8), asks 100.1 … 101.0
        double bids = 100.0 + 99.4 + 99.3 + 99.2 + 99.1 + 8 * (99.9 + 99.8 + 99.7 + 99.6 + 99.5);
        double asks = 0;
        for (int i = 0; i <= 9; i++) asks += 100.1 + i * 0.1;
        assertThat(a.imbalance()).isCloseTo((bids - asks) / (bids + asks), within(1e-9));
        assertThat(a.largeOrders()).hasSize(5).allMatch(o -> o.multiple() < 10);
        assertThat(a.risk()).isEqualTo(RiskLevel.MEDIUM);
        assertThat((String) a.inputs().get("riskReasons")).isEqualTo("one-sided book (imbalance 0.63)");
        assertThatThrownBy(() -> new OrderBookAnalyzer.Parameters(0, 5, 0.005, 1, 1, 0.6)).hasMessageContaining("depthFraction must be in (0, 1)");
        OrderBookAnalyzer.BookAnalysis empty = OrderBookAnalyzer.analyze(new BookDepth("X", 0, List.of(), List.of()));
        assertThat(empty.mid()).isNaN();
        assertThat(empty.risk()).isEqualTo(RiskLevel.LOW);
    }
}
