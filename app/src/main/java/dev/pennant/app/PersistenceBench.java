package dev.pennant.app;

import dev.pennant.core.backtest.Backtester;
import dev.pennant.core.engine.EngineConfig;
import dev.pennant.core.marketdata.KlineCsvImporter;
import dev.pennant.core.model.Bar;
import dev.pennant.core.model.Fill;
import dev.pennant.core.model.Interval;
import dev.pennant.core.model.LiquiditySide;
import dev.pennant.core.model.Order;
import dev.pennant.core.model.Position;
import dev.pennant.core.model.Side;
import dev.pennant.core.persistence.BookedFill;
import dev.pennant.core.persistence.FillQuery;
import dev.pennant.core.persistence.HistoryRecorder;
import dev.pennant.core.persistence.HistoryStore;
import dev.pennant.core.persistence.SessionInfo;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * {@code bench persistence}: the history database ({@link HistoryStore}, H2 file) under load, in a temporary data
 * directory that is deleted afterwards. Prints:
 *
 * <ul>
 *   <li>{@code fills_per_s}: fills stored with their order and position through {@link HistoryStore#writeFills},
 *       {@value #FILLS_PER_TX} per transaction, {@value #FILLS} fills in all (prices: the real BTCUSDT 1m closes);</li>
 *   <li>{@code history_query_ms}: median of {@value #QUERY_RUNS} runs (after 3 warm-ups) of
 *       {@link HistoryStore#fillPage} for {@code symbol = BTCUSDT and side = BUY order by event_time desc limit 100
 *       offset 1000} over those fills (offsets 1000 + run, so H2's result cache cannot answer);</li>
 *   <li>{@code db_bytes_per_fill}: {@code history.mv.db} size over the fill count, store still open;</li>
 *   <li>{@code db_mb_after_1m_bars}: {@code history.mv.db} size after the paper engine replayed {@value #BARS} 1m bars
 *       with a {@link HistoryRecorder} (default policy), store still open and not flushed — the file a kill -9 would
 *       leave. The bars are every real BTCUSDT 1m file in {@code shared/data/binance/spot/klines/BTCUSDT}
 *       concatenated, repeated, and re-timed one minute apart.</li>
 * </ul>
 */
final class PersistenceBench {

    static final int FILLS = 1_000_000;
    static final int FILLS_PER_TX = 1_000;
    static final int BARS = 1_000_000;
    static final int QUERY_RUNS = 11;
    private static final String[] SYMBOLS = {"BTCUSDT", "ETHUSDT", "BNBUSDT", "SOLUSDT"};
    private static final long T0 = 1_621_036_800_000L; // 2021-05-15T00:00Z, the first bar of the default bench file

    private PersistenceBench() {
    }

    /**
     * Runs the benchmark and prints four {@code figure: value unit} lines.
     *
     * @param sharedBinanceDir the {@code shared/data/binance} folder
     * @throws UncheckedIOException when the kline files cannot be read or the temporary directory not written
     */
    static void run(PrintWriter out, Path sharedBinanceDir) {
        run(out, sharedBinanceDir, FILLS, BARS);
    }

    /** The same with {@code fills} fills and {@code bars} bars (tests use small ones; the figure names stay). */
    static void run(PrintWriter out, Path sharedBinanceDir, int fills, int bars) {
        List<Bar> real = realBars(sharedBinanceDir.resolve("spot/klines/BTCUSDT"));
        Path dir = null;
        try {
            dir = Files.createTempDirectory("pennant-bench-persistence");
            fills(out, dir.resolve("fills"), real, fills);
            bars(out, dir.resolve("bars"), real, bars);
        } catch (IOException e) {
            throw new UncheckedIOException("persistence bench: " + e.getMessage(), e);
        } finally {
            if (dir != null) {
                delete(dir);
            }
        }
        out.flush();
    }

    private static void fills(PrintWriter out, Path dataDir, List<Bar> real, int count) throws IOException {
        try (HistoryStore store = HistoryStore.open(dataDir)) {
            store.startSession(session("bench-fills"));
            long nanos = 0;
            int chunk = 50 * FILLS_PER_TX; // generated per chunk: a million booked fills do not fit a small heap
            for (int from = 0; from < count; from += chunk) {
                List<BookedFill> batch = new ArrayList<>(chunk);
                for (int i = from; i < Math.min(count, from + chunk); i++) {
                    batch.add(booked(i, real.get(i % real.size()).close()));
                }
                long t0 = System.nanoTime();
                store.writeFills("bench-fills", batch, FILLS_PER_TX);
                nanos += System.nanoTime() - t0;
            }
            out.printf(Locale.ROOT, "fills_per_s: %.0f fills/s%n", count * 1e9 / nanos);
            out.flush();

            FillQuery q = FillQuery.all().withSymbol("BTCUSDT").withSide(Side.BUY).sortedNewestFirst(true);
            double[] ms = new double[QUERY_RUNS];
            for (int r = -3; r < QUERY_RUNS; r++) {
                // a new offset each run: H2 hands back the cached result of a repeated identical query
                q = q.page(1000 + r + 3, 100);
                long t0 = System.nanoTime();
                int n = store.fillPage(q).size();
                if (n != 100) {
                    throw new IllegalStateException("history query returned " + n + " fills, expected 100");
                }
                if (r >= 0) {
                    ms[r] = (System.nanoTime() - t0) / 1e6;
                }
            }
            Arrays.sort(ms);
            out.printf(Locale.ROOT, "history_query_ms: %.1f ms%n", ms[QUERY_RUNS / 2]);
            out.printf(Locale.ROOT, "db_bytes_per_fill: %.0f bytes/fill%n", (double) Files.size(store.file()) / count);
            out.flush();
        }
    }

    private static void bars(PrintWriter out, Path dataDir, List<Bar> real, int count) throws IOException {
        List<Bar> bars = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Bar b = real.get(i % real.size());
            long open = T0 + i * 60_000L;
            bars.add(new Bar(b.symbol(), Interval.M1, open, open + 59_999, b.open(), b.high(), b.low(), b.close(),
                    b.volume(), b.quoteVolume(), b.trades(), b.takerBuyBaseVolume(), b.takerBuyQuoteVolume(), true));
        }
        try (HistoryStore store = HistoryStore.open(dataDir)) {
            store.startSession(session("bench-bars"));
            HistoryRecorder recorder = new HistoryRecorder(store, "bench-bars");
            Backtester.run(bars, EngineConfig.defaults("BTCUSDT", Interval.M1), recorder);
            // no flush, no close: what a killed process leaves
            out.printf(Locale.ROOT, "db_mb_after_1m_bars: %.1f MB%n", Files.size(store.file()) / 1e6);
            out.flush();
        }
    }

    /** Fill {@code i}: its own MARKET order, filled at once; symbols and sides rotate; positions flip long/flat. */
    private static BookedFill booked(int i, BigDecimal price) {
        String symbol = SYMBOLS[i % SYMBOLS.length];
        Side side = (i / SYMBOLS.length) % 2 == 0 ? Side.BUY : Side.SELL;
        long time = T0 + i * 1_000L;
        BigDecimal qty = new BigDecimal("0.01").add(BigDecimal.valueOf(i % 97, 5));
        BigDecimal fee = qty.multiply(price).multiply(new BigDecimal("0.001")).setScale(8, RoundingMode.HALF_UP);
        String id = "bench-" + i;
        Order order = Order.market(id, symbol, side, qty, time, null).withFill(qty, price, time);
        Fill fill = new Fill(i + 1L, id, symbol, side, qty, price, fee, "USDT", LiquiditySide.TAKER, time,
                fee.negate());
        Position position = side == Side.BUY
                ? new Position(symbol, qty, price, price, fee.negate(), BigDecimal.ZERO, time)
                : new Position(symbol, BigDecimal.ZERO, BigDecimal.ZERO, price, fee.negate(), BigDecimal.ZERO, time);
        return new BookedFill(order, fill, position);
    }

    private static SessionInfo session(String id) {
        return new SessionInfo(id, "PAPER", "paper", "bench persistence", "BTCUSDT", Interval.M1, "bench", "USDT",
                new BigDecimal("10000"), T0, null);
    }

    private static List<Bar> realBars(Path folder) {
        List<Bar> out = new ArrayList<>();
        KlineCsvImporter importer = new KlineCsvImporter();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("BTCUSDT-1m-")).sorted().toList()) {
                out.addAll(importer.read(f).bars());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the BTCUSDT 1m files in " + folder + ": " + e.getMessage(), e);
        }
        if (out.isEmpty()) {
            throw new IllegalStateException("no BTCUSDT-1m-* kline files in " + folder);
        }
        return out;
    }

    private static void delete(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp dir left behind is harmless
        }
    }
}
