package dev.pennant.app;

import dev.pennant.core.marketdata.book.OrderBook;
import dev.pennant.core.marketdata.parse.AggTradeUpdate;
import dev.pennant.core.marketdata.parse.CryptofeedRecording;
import dev.pennant.core.marketdata.parse.DepthSnapshot;
import dev.pennant.core.marketdata.parse.DepthUpdate;
import dev.pennant.core.marketdata.parse.KlineUpdate;
import dev.pennant.core.marketdata.parse.MarketMessageHandler;
import dev.pennant.core.marketdata.parse.MarketMessageParser;
import dev.pennant.core.marketdata.parse.MessageType;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code bench marketdata}: speed of parsing and applying Binance market data, on the real recorded frames in
 * {@code shared/data/binance/recordings/cryptofeed/} (spot + USDⓈ-M), repeated in memory to get volume. One thread.
 *
 * <p>Prints {@code messages_per_s: <n> msg/s} — kline/aggTrade/depthUpdate frames (Strings, as a WebSocket delivers
 * them) parsed and applied: depth levels into an {@link OrderBook} per symbol (seeded from the recorded snapshots),
 * klines and aggTrades into a small last-value sink — and {@code book_updates_per_s: <n> updates/s} — individual
 * price-level updates applied to the books, from pre-parsed events. bookTicker frames are not counted or timed.
 * Sequencing checks are not part of the timing (repeating the frames repeats their update ids).
 */
final class MarketDataBench {

    private static final int TARGET_MESSAGES = 400_000;
    private static final int WARMUPS = 5;
    private static final int RUNS = 5;

    private MarketDataBench() {
    }

    /**
     * Runs the benchmark and prints two {@code figure: value unit} lines (best of {@value #RUNS} timed runs after
     * {@value #WARMUPS} warm-ups).
     *
     * @param sharedBinanceDir the {@code shared/data/binance} folder
     * @throws UncheckedIOException when the recordings cannot be read
     */
    static void run(PrintWriter out, Path sharedBinanceDir) {
        Path dir = sharedBinanceDir.resolve("recordings/cryptofeed");
        List<String> frames = new ArrayList<>();
        Map<String, DepthSnapshot> snapshots = new HashMap<>();
        MarketMessageParser parser = new MarketMessageParser();
        try {
            for (String market : new String[]{"BINANCE", "BINANCE_FUTURES"}) {
                for (String f : CryptofeedRecording.wsFrames(dir.resolve(market + ".ws.1.0.txt.gz"))) {
                    MessageType t = parser.parse(f, new MarketMessageHandler() { });
                    if (t == MessageType.DEPTH || t == MessageType.KLINE || t == MessageType.AGG_TRADE) {
                        frames.add(f);
                    }
                }
                for (var r : CryptofeedRecording.httpResponses(dir.resolve(market + ".http.0.0.txt.gz"))) {
                    String symbol = r.queryParameter("symbol");
                    snapshots.put(symbol, parser.parseDepthSnapshot(symbol, r.body()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the recordings in " + dir + ": " + e.getMessage(), e);
        }
        int repeats = Math.max(1, TARGET_MESSAGES / frames.size());
        String[] input = new String[frames.size() * repeats];
        for (int r = 0; r < repeats; r++) {
            for (int i = 0; i < frames.size(); i++) {
                input[r * frames.size() + i] = new String(frames.get(i)); // distinct objects, like real frames
            }
        }
        Sink sink = new Sink(snapshots);

        double bestMessages = 0;
        for (int run = 0; run < WARMUPS + RUNS; run++) {
            sink.reset();
            long t0 = System.nanoTime();
            for (String f : input) {
                parser.parse(f, sink);
            }
            long nanos = System.nanoTime() - t0;
            if (run >= WARMUPS) {
                bestMessages = Math.max(bestMessages, input.length * 1e9 / nanos);
            }
        }

        List<DepthUpdate> events = new ArrayList<>();
        MarketMessageHandler collect = new MarketMessageHandler() {
            @Override
            public void onDepth(DepthUpdate u) {
                events.add(u.copy());
            }
        };
        for (String f : frames) {
            parser.parse(f, collect);
        }
        long levelsPerPass = events.stream().mapToLong(DepthUpdate::levelCount).sum();
        int passes = (int) Math.max(1, 4_000_000 / Math.max(1, levelsPerPass));
        double bestUpdates = 0;
        for (int run = 0; run < WARMUPS + RUNS; run++) {
            sink.reset();
            long applied = 0;
            long t0 = System.nanoTime();
            for (int p = 0; p < passes; p++) {
                for (DepthUpdate e : events) {
                    applied += sink.book(e.symbol()).apply(e);
                }
            }
            long nanos = System.nanoTime() - t0;
            if (run >= WARMUPS) {
                bestUpdates = Math.max(bestUpdates, applied * 1e9 / nanos);
            }
        }
        out.println(String.format(Locale.ROOT, "messages_per_s: %.0f msg/s", bestMessages));
        out.println(String.format(Locale.ROOT, "book_updates_per_s: %.0f updates/s", bestUpdates));
        out.flush();
    }

    /** Applies depth into per-symbol books (seeded from the snapshots) and keeps the last kline/aggTrade values. */
    private static final class Sink implements MarketMessageHandler {
        private final Map<String, DepthSnapshot> snapshots;
        private final Map<String, OrderBook> books = new HashMap<>();
        long lastClose;
        long lastTradePrice;
        long tradeCount;

        Sink(Map<String, DepthSnapshot> snapshots) {
            this.snapshots = snapshots;
        }

        void reset() {
            books.clear();
            snapshots.forEach((s, snap) -> {
                OrderBook b = new OrderBook(s);
                b.load(snap);
                books.put(s, b);
            });
        }

        OrderBook book(String symbol) {
            return books.computeIfAbsent(symbol, OrderBook::new);
        }

        @Override
        public void onDepth(DepthUpdate u) {
            book(u.symbol()).apply(u);
        }

        @Override
        public void onKline(KlineUpdate k) {
            lastClose = k.close().mantissa();
        }

        @Override
        public void onAggTrade(AggTradeUpdate t) {
            lastTradePrice = t.price().mantissa();
            tradeCount++;
        }
    }
}
