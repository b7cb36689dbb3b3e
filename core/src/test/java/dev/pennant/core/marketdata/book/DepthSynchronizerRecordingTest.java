package dev.pennant.core.marketdata.book;

import dev.pennant.core.marketdata.parse.BookTickerUpdate;
import dev.pennant.core.marketdata.parse.CryptofeedRecording;
import dev.pennant.core.marketdata.parse.DepthSnapshot;
import dev.pennant.core.marketdata.parse.DepthUpdate;
import dev.pennant.core.marketdata.parse.MarketMessageHandler;
import dev.pennant.core.marketdata.parse.MarketMessageParser;
import dev.pennant.core.model.Market;
import dev.pennant.core.testkit.SharedData;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Order-book sync on the real cryptofeed recordings (spot 2021-10-12, USDⓈ-M 2021-07-22).
 *
 * <p>What can be proven with these files: each holds exactly ONE REST snapshot per symbol (no symbol has a second
 * snapshot to compare a rebuilt book with), so the rebuilt book is checked against the exchange's own views of the
 * same book that the recording does contain:
 * <ul>
 *   <li>the {@code bookTicker} stream: a ticker with update id {@code u} is Binance's best bid/ask (price and
 *       quantity) after update {@code u}; whenever our book's update id equals a ticker's {@code u}, both sides'
 *       best level must be equal, exactly;</li>
 *   <li>the snapshot itself: a diff event whose {@code u} equals the snapshot's {@code lastUpdateId} carries the final
 *       quantity of each level it names at that id, so those levels must read the same in the snapshot
 *       (quantity 0 = absent) wherever the snapshot's 1000 levels reach.</li>
 * </ul>
 * The book is never crossed, and a gap (spot U/u, futures pu) must lead to RESYNCING and an exact recovery.
 */
class DepthSynchronizerRecordingTest {

    private static final String SPOT_WS = "recordings/cryptofeed/BINANCE.ws.1.0.txt.gz";
    private static final String SPOT_HTTP = "recordings/cryptofeed/BINANCE.http.0.0.txt.gz";
    private static final String FUT_WS = "recordings/cryptofeed/BINANCE_FUTURES.ws.1.0.txt.gz";
    private static final String FUT_HTTP = "recordings/cryptofeed/BINANCE_FUTURES.http.0.0.txt.gz";

    private record Ticker(BigDecimal bid, BigDecimal bidQty, BigDecimal ask, BigDecimal askQty) {
    }

    /** Depth events per symbol (stream order) and tickers per symbol by update id. */
    private static final class Recording {
        final Map<String, List<DepthUpdate>> depth = new LinkedHashMap<>();
        final Map<String, Map<Long, Ticker>> tickers = new HashMap<>();
        final Map<String, DepthSnapshot> snapshots = new LinkedHashMap<>();
    }

    private static Recording load(String ws, String http) throws IOException {
        Recording r = new Recording();
        MarketMessageParser parser = new MarketMessageParser();
        MarketMessageHandler h = new MarketMessageHandler() {
            @Override
            public void onDepth(DepthUpdate u) {
                r.depth.computeIfAbsent(u.symbol(), k -> new ArrayList<>()).add(u.copy());
            }

            @Override
            public void onBookTicker(BookTickerUpdate t) {
                r.tickers.computeIfAbsent(t.symbol(), k -> new HashMap<>()).put(t.updateId(), new Ticker(
                        t.bidPrice().toBigDecimal(), t.bidQty().toBigDecimal(), t.askPrice().toBigDecimal(), t.askQty().toBigDecimal()));
            }
        };
        for (String f : CryptofeedRecording.wsFrames(SharedData.file(ws))) {
            parser.parse(f, h);
        }
        for (CryptofeedRecording.HttpResponse resp : CryptofeedRecording.httpResponses(SharedData.file(http))) {
            String symbol = resp.queryParameter("symbol");
            r.snapshots.put(symbol, parser.parseDepthSnapshot(symbol, resp.body()));
        }
        return r;
    }

    private static void syncAllAndCheck(Recording r, Market market, int expectedTickerChecks) {
        int tickerChecks = 0;
        int liveSymbols = 0;
        for (var entry : r.snapshots.entrySet()) {
            String symbol = entry.getKey();
            DepthSnapshot snap = entry.getValue();
            List<DepthUpdate> events = r.depth.getOrDefault(symbol, List.of());
            Map<Long, Ticker> tickers = r.tickers.getOrDefault(symbol, Map.of());
            DepthSynchronizer sync = new DepthSynchronizer(symbol, market, s -> snap);
            for (DepthUpdate e : events) {
                sync.onEvent(e);
                if (sync.state() != SyncState.LIVE) {
                    continue;
                }
                OrderBook book = sync.book();
                BookLevel bid = book.bestBid().orElseThrow();
                BookLevel ask = book.bestAsk().orElseThrow();
                assertThat(bid.price()).as("%s not crossed at %d", symbol, book.lastUpdateId()).isLessThan(ask.price());
                Ticker t = tickers.get(book.lastUpdateId());
                if (t != null) {
                    assertThat(new Ticker(bid.price(), bid.quantity(), ask.price(), ask.quantity()))
                            .as("%s best bid/ask at update id %d equals bookTicker u=%d", symbol, book.lastUpdateId(), book.lastUpdateId())
                            .isEqualTo(t);
                    tickerChecks++;
                }
            }
            assertThat(sync.resyncs()).as(symbol + " resyncs").isZero();
            if (sync.state() == SyncState.LIVE) {
                liveSymbols++;
                assertThat(sync.eventsApplied() + sync.eventsDropped()).as(symbol).isEqualTo(events.size());
                assertThat(sync.health().snapshotsFetched()).isEqualTo(1);
            }
        }
        assertThat(liveSymbols).as("symbols that reached LIVE").isEqualTo(r.snapshots.size());
        assertThat(tickerChecks).as("bookTicker cross-checks").isEqualTo(expectedTickerChecks);
    }

    @Test
    void spotBookMatchesBookTickerAfterEveryCommonUpdateId() throws IOException {
        Recording r = load(SPOT_WS, SPOT_HTTP);
        syncAllAndCheck(r, Market.SPOT, 26);
        // the documented bridging on the real data: snapshot 499869752, first event U=499869750 u=499869752 dropped,
        // next event U=499869753 applied
        DepthSynchronizer nkn = new DepthSynchronizer("NKNUSDT", Market.SPOT, s -> r.snapshots.get("NKNUSDT"));
        List<DepthUpdate> events = r.depth.get("NKNUSDT");
        nkn.onEvent(events.get(0));
        assertThat(nkn.state()).isEqualTo(SyncState.SYNCING);
        assertThat(nkn.eventsDropped()).isEqualTo(1);
        nkn.onEvent(events.get(1));
        assertThat(nkn.state()).isEqualTo(SyncState.LIVE);
        assertThat(nkn.book().lastUpdateId()).isEqualTo(499869754L);
    }

    @Test
    void futuresBookMatchesBookTickerAfterEveryCommonUpdateId() throws IOException {
        Recording r = load(FUT_WS, FUT_HTTP);
        syncAllAndCheck(r, Market.USDM_FUTURES, 50);
    }

    @Test
    void diffEventsEndingAtTheSnapshotIdAgreeWithTheSnapshot() throws IOException {
        int checked = 0;
        for (Recording r : List.of(load(SPOT_WS, SPOT_HTTP), load(FUT_WS, FUT_HTTP))) {
            for (DepthSnapshot snap : r.snapshots.values()) {
                OrderBook fromSnapshot = new OrderBook(snap.symbol());
                fromSnapshot.load(snap);
                BookDepth full = fromSnapshot.depth(Integer.MAX_VALUE);
                for (DepthUpdate e : r.depth.getOrDefault(snap.symbol(), List.of())) {
                    if (e.finalUpdateId() != snap.lastUpdateId()) {
                        continue;
                    }
                    checked += checkLevels(e.bids(), full.bids(), true);
                    checked += checkLevels(e.asks(), full.asks(), false);
                }
            }
        }
        assertThat(checked).as("levels compared").isEqualTo(18);
    }

    private static int checkLevels(dev.pennant.core.marketdata.parse.Levels changed, List<BookLevel> snapshotSide, boolean bids) {
        BigDecimal worst = snapshotSide.get(snapshotSide.size() - 1).price();
        Map<BigDecimal, BigDecimal> bySnapshot = new HashMap<>();
        snapshotSide.forEach(l -> bySnapshot.put(l.price(), l.quantity()));
        int n = 0;
        for (int i = 0; i < changed.size(); i++) {
            BigDecimal p = changed.price(i);
            boolean inRange = bids ? p.compareTo(worst) >= 0 : p.compareTo(worst) <= 0;
            if (!inRange) {
                continue;
            }
            BigDecimal q = changed.quantity(i);
            assertThat(bySnapshot.get(p)).as("level %s", p.toPlainString()).isEqualTo(q.signum() == 0 ? null : q);
            n++;
        }
        return n;
    }

    /**
     * Drops one event in the middle of the stream: the next event reveals the gap, the synchronizer goes RESYNCING,
     * clears the book and refetches (the first refetch fails, so RESYNCING is observable); the next snapshot is a reference book that saw every event (real data), so
     * after recovery the two books must be equal level for level.
     */
    private static void gapTriggersResyncAndExactRecovery(Recording r, Market market) {
        String symbol = r.depth.entrySet().stream().filter(en -> r.snapshots.containsKey(en.getKey()))
                .max(Map.Entry.comparingByValue((a, b) -> Integer.compare(a.size(), b.size()))).orElseThrow().getKey();
        DepthSnapshot snap = r.snapshots.get(symbol);
        List<DepthUpdate> events = r.depth.get(symbol);
        DepthSynchronizer reference = new DepthSynchronizer(symbol, market, s -> snap);
        AtomicInteger fetches = new AtomicInteger();
        DepthSynchronizer subject = new DepthSynchronizer(symbol, market, s -> switch (fetches.getAndIncrement()) {
            case 0 -> snap;
            case 1 -> throw new IOException("simulated REST timeout"); // stays RESYNCING until the next event
            default -> reference.book().toSnapshot(Integer.MAX_VALUE);
        });
        int liveAt = -1;
        for (int i = 0; i < events.size() && liveAt < 0; i++) {
            reference.onEvent(events.get(i));
            subject.onEvent(events.get(i));
            if (subject.state() == SyncState.LIVE) {
                liveAt = i;
            }
        }
        assertThat(liveAt).as(symbol + " reached LIVE").isGreaterThanOrEqualTo(0);
        int skip = liveAt + (events.size() - liveAt) / 2;
        boolean sawResyncing = false;
        for (int i = liveAt + 1; i < events.size(); i++) {
            reference.onEvent(events.get(i));
            if (i == skip) {
                continue; // lost frame
            }
            SyncState before = subject.state();
            subject.onEvent(events.get(i));
            if (i == skip + 1) {
                assertThat(before).isEqualTo(SyncState.LIVE);
                assertThat(subject.resyncs()).as("gap detected right after the lost frame").isEqualTo(1);
                sawResyncing = subject.state() == SyncState.RESYNCING;
            }
        }
        assertThat(sawResyncing).as("state RESYNCING after the gap").isTrue();
        assertThat(subject.state()).isEqualTo(SyncState.LIVE);
        assertThat(reference.resyncs()).isZero();
        assertThat(fetches.get()).isEqualTo(3);
        assertThat(subject.health().snapshotFailures()).isEqualTo(1);
        assertThat(subject.health().lastError()).contains("simulated REST timeout");
        assertThat(subject.book().lastUpdateId()).isEqualTo(reference.book().lastUpdateId());
        assertThat(subject.book().depth(Integer.MAX_VALUE)).isEqualTo(reference.book().depth(Integer.MAX_VALUE));
        assertThat(subject.health().resyncs()).isEqualTo(1);
    }

    @Test
    void spotGapTriggersResyncingAndRecovery() throws IOException {
        gapTriggersResyncAndExactRecovery(load(SPOT_WS, SPOT_HTTP), Market.SPOT);
    }

    @Test
    void futuresPuGapTriggersResyncingAndRecovery() throws IOException {
        gapTriggersResyncAndExactRecovery(load(FUT_WS, FUT_HTTP), Market.USDM_FUTURES);
    }

    @Test
    void futuresRecordingHasUnbrokenPuChains() throws IOException {
        Recording r = load(FUT_WS, FUT_HTTP);
        int links = 0;
        for (List<DepthUpdate> events : r.depth.values()) {
            for (int i = 1; i < events.size(); i++) {
                assertThat(events.get(i).prevFinalUpdateId()).isEqualTo(events.get(i - 1).finalUpdateId());
                links++;
            }
        }
        assertThat(links).isEqualTo(764 - r.depth.size());
    }

    @Test
    void staleSnapshotIsRefetched() throws IOException {
        Recording r = load(SPOT_WS, SPOT_HTTP);
        DepthSnapshot snap = r.snapshots.get("NKNUSDT");
        DepthSnapshot old = new DepthSnapshot("NKNUSDT", snap.lastUpdateId() - 100, snap.bids(), snap.asks());
        AtomicInteger fetches = new AtomicInteger();
        DepthSynchronizer sync = new DepthSynchronizer("NKNUSDT", Market.SPOT, s -> fetches.getAndIncrement() == 0 ? old : snap);
        List<DepthUpdate> events = r.depth.get("NKNUSDT");
        sync.onEvent(events.get(0));
        assertThat(sync.health().snapshotsRejected()).isEqualTo(1);
        assertThat(sync.state()).isEqualTo(SyncState.SYNCING);
        sync.onEvent(events.get(1));
        assertThat(sync.state()).isEqualTo(SyncState.LIVE);
    }
}
