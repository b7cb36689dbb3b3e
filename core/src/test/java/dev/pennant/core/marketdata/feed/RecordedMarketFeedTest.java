package dev.pennant.core.marketdata.feed;

import dev.pennant.core.marketdata.book.BookDepth;
import dev.pennant.core.marketdata.book.DepthSynchronizer;
import dev.pennant.core.marketdata.book.SyncState;
import dev.pennant.core.marketdata.parse.CryptofeedRecording;
import dev.pennant.core.marketdata.parse.DepthSnapshot;
import dev.pennant.core.marketdata.parse.DepthUpdate;
import dev.pennant.core.marketdata.parse.MarketMessageHandler;
import dev.pennant.core.marketdata.parse.MarketMessageParser;
import dev.pennant.core.model.Market;
import dev.pennant.core.testkit.SharedData;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The offline feed on the real recorded data in {@code shared/data/binance}. */
class RecordedMarketFeedTest {

    /** Books published for NKNUSDT equal, update id for update id, a DepthSynchronizer over the same frames. */
    @Test
    void publishedBooksEqualASynchronizerOverTheSameFrames() throws Exception {
        Map<Long, BookDepth> reference = reference("NKNUSDT", 20);
        assertThat(reference).hasSizeGreaterThan(20);

        List<BookDepth> got = new CopyOnWriteArrayList<>();
        try (RecordedMarketFeed feed = new RecordedMarketFeed(SharedData.binance(), 0)) {
            AutoCloseable sub = feed.subscribeBook(Market.SPOT, "NKNUSDT", 20, got::add);
            feed.start();
            // more than one pass: the loop restarts with fresh synchronizers
            waitFor(() -> got.size() > reference.size() + 10, 30_000);
            sub.close();
        }
        for (BookDepth d : got) {
            assertThat(d.symbol()).isEqualTo("NKNUSDT");
            assertThat(reference).containsKey(d.lastUpdateId());
            assertThat(d).isEqualTo(reference.get(d.lastUpdateId()));
            assertThat(d.bids().getFirst().price()).isLessThan(d.asks().getFirst().price());
        }
    }

    @Test
    void instrumentsOfBothMarketsTickerBatchesAndStatus() throws Exception {
        List<List<Ticker24h>> batches = new CopyOnWriteArrayList<>();
        List<ConnectionStatus> statuses = new CopyOnWriteArrayList<>();
        RecordedMarketFeed feed = new RecordedMarketFeed(SharedData.binance(), 1);
        feed.onTickers(batches::add);
        feed.onStatus(statuses::add);
        feed.start();
        try {
            waitFor(() -> batches.size() >= 2 && !statuses.isEmpty(), 30_000);
            assertThat(feed.instruments(Market.SPOT)).hasSizeGreaterThan(1500);
            assertThat(feed.instruments(Market.USDM_FUTURES)).hasSizeGreaterThan(200);
            List<Ticker24h> all = new ArrayList<>();
            batches.forEach(all::addAll);
            Ticker24h btc = all.stream().filter(t -> t.market() == Market.SPOT && t.symbol().equals("BTCUSDT"))
                    .findFirst().orElseThrow();
            assertThat(btc.lastPrice().doubleValue()).isBetween(1_000.0, 500_000.0);
            assertThat(btc.quoteVolume().signum()).isPositive();
            assertThat(all).anyMatch(t -> t.market() == Market.USDM_FUTURES && t.symbol().equals("BTCUSDT"));
            // docs examples (made-up BNBBTC 0.0025 etc.) are not shown as market data
            assertThat(all).noneMatch(t -> t.symbol().equals("BNBBTC"));
            ConnectionStatus st = statuses.getLast();
            assertThat(st.venue()).isEqualTo("recorded data");
            assertThat(st.streams()).anyMatch(s -> s.stream().equals("nknusdt@depth@100ms"));
            assertThatThrownBy(() -> feed.subscribeBook(Market.SPOT, "NOSUCHCOIN", 10, d -> { }))
                    .isInstanceOf(IllegalArgumentException.class);
        } finally {
            feed.close();
        }
        assertThat(feed.threadsStopped()).isTrue();
        long n = feed.tickerBatches();
        Thread.sleep(1500);
        assertThat(feed.tickerBatches()).isEqualTo(n);
    }

    private static Map<Long, BookDepth> reference(String symbol, int levels) throws Exception {
        Map<String, DepthSnapshot> snaps = new HashMap<>();
        MarketMessageParser parser = new MarketMessageParser();
        for (CryptofeedRecording.HttpResponse r : CryptofeedRecording.httpResponses(
                SharedData.file(RecordedMarketFeed.SPOT_HTTP))) {
            String s = r.queryParameter("symbol");
            snaps.put(s, parser.parseDepthSnapshot(s, r.body()));
        }
        DepthSynchronizer sync = new DepthSynchronizer(symbol, Market.SPOT, snaps::get);
        Map<Long, BookDepth> out = new HashMap<>();
        MarketMessageHandler h = new MarketMessageHandler() {
            @Override
            public void onDepth(DepthUpdate u) {
                if (u.symbol().equals(symbol)) {
                    sync.onEvent(u);
                    if (sync.state() == SyncState.LIVE) {
                        out.put(sync.book().lastUpdateId(), sync.book().depth(levels));
                    }
                }
            }
        };
        for (String f : CryptofeedRecording.wsFrames(SharedData.file(RecordedMarketFeed.SPOT_WS))) {
            parser.parse(f, h);
        }
        return out;
    }

    private static void waitFor(BooleanSupplier c, long millis) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        while (!c.getAsBoolean()) {
            if (System.currentTimeMillis() > end) {
                throw new AssertionError("timed out");
            }
            Thread.sleep(20);
        }
    }
}
