package dev.pennant.core.marketdata.feed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pennant.core.exchange.binance.ExchangeInfo;
import dev.pennant.core.exchange.binance.ExchangeInfoParser;
import dev.pennant.core.marketdata.KlineCsvImporter;
import dev.pennant.core.marketdata.KlineImport;
import dev.pennant.core.marketdata.book.BookDepth;
import dev.pennant.core.marketdata.book.DepthSynchronizer;
import dev.pennant.core.marketdata.book.SyncState;
import dev.pennant.core.marketdata.parse.AggTradeUpdate;
import dev.pennant.core.marketdata.parse.CryptofeedRecording;
import dev.pennant.core.marketdata.parse.DepthSnapshot;
import dev.pennant.core.marketdata.parse.DepthUpdate;
import dev.pennant.core.marketdata.parse.MarketMessageHandler;
import dev.pennant.core.marketdata.parse.MarketMessageParser;
import dev.pennant.core.model.Bar;
import dev.pennant.core.model.Instrument;
import dev.pennant.core.model.Market;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * The offline / demo {@link MarketFeed}: real Binance data recorded earlier, read at run time from
 * {@code shared/data/binance} (never copied into the repository).
 *
 * <ul>
 *   <li><b>Instruments</b>: every symbol of the full exchangeInfo responses
 *       {@code exchangeInfo/spot/exchangeInfo-spot-full-20230908.json.gz} and
 *       {@code exchangeInfo/futures-um/exchangeInfo-fapi-full-20241020.json.gz}.</li>
 *   <li><b>24 h tickers</b>: first the ticker fixtures whose event time is real (after Binance's launch on
 *       2017-07-14; the official-docs examples carry made-up times and values and are skipped); then, for every
 *       symbol with recorded klines under {@code spot/klines} / {@code futures-um/klines}, a ticker derived from the
 *       finest-interval, newest file: last close, change against the open 24 h earlier, base and quote volume summed
 *       over the 24 h window (quote volume = Σ close × volume where the file has no quote-volume column). The window
 *       advances one recorded bar per second (× speed) and loops, as one batch per step. Symbols without data get
 *       no ticker.</li>
 *   <li><b>Order books</b>: the cryptofeed recordings ({@code recordings/cryptofeed/BINANCE*.ws/http}), replayed at
 *       real recorded pace × speed, each diff event through a {@link DepthSynchronizer} whose snapshot source is the
 *       recorded REST snapshot of that symbol; the replay loops, with fresh synchronizers each pass.</li>
 *   <li><b>Futures figures</b> ({@link #subscribeFutures}): only what was recorded. The funding rate comes from the
 *       USDⓈ-M funding history {@code futures-um/fundingRate/<SYMBOL>-fundingRate-*.csv.gz} at the replay time of
 *       the symbol's ticker replay (the close of its current recorded candle): the rate that settled at the first
 *       funding event after the replay time (the final value of the running estimate Binance shows live) and that
 *       event's time as the next funding time. Mark price, index price and open interest were not recorded: they are
 *       null with the note "not in the recording" (never estimated from the last price). Published once per ticker
 *       step on the {@code recorded-load} thread.</li>
 *   <li><b>Status</b>: venue {@value #VENUE}, weight and latency unknown (-1: no REST requests are made), and the
 *       health of each recorded depth stream and the ticker replay, once per second.</li>
 * </ul>
 *
 * <p>Threads: {@code recorded-load} (instruments and ticker replay), one {@code recorded-book-<market>} per
 * recording; listeners run on them. {@link #close()} stops and joins all.
 */
public final class RecordedMarketFeed implements MarketFeed {

    /** The venue name shown in the status bar. */
    public static final String VENUE = "recorded data";
    /** The spot symbol with the busiest recorded order book (a good first selection for demos). */
    public static final String DEMO_BOOK_SYMBOL = "NKNUSDT";
    static final String SPOT_INFO = "exchangeInfo/spot/exchangeInfo-spot-full-20230908.json.gz";
    static final String FUTURES_INFO = "exchangeInfo/futures-um/exchangeInfo-fapi-full-20241020.json.gz";
    static final String SPOT_WS = "recordings/cryptofeed/BINANCE.ws.1.0.txt.gz";
    static final String SPOT_HTTP = "recordings/cryptofeed/BINANCE.http.0.0.txt.gz";
    static final String FUTURES_WS = "recordings/cryptofeed/BINANCE_FUTURES.ws.1.0.txt.gz";
    static final String FUTURES_HTTP = "recordings/cryptofeed/BINANCE_FUTURES.http.0.0.txt.gz";
    private static final long BINANCE_LAUNCH_MS = 1_500_000_000_000L; // 2017-07-14T02:40Z
    private static final String[] TICKER_FIXTURES = {
            "fixtures/nautilus_trader/python-tests/ws_messages/ws_spot_ticker_24hr.json", "SPOT",
            "fixtures/nautilus_trader/python-tests/ws_messages/ws_futures_ticker_24hr.json", "USDM_FUTURES",
            "fixtures/nautilus_trader/python-tests/http_responses/http_futures_market_ticker_24hr.json", "USDM_FUTURES",
            "fixtures/nautilus_trader/rust-crate/futures/market_data_json/ticker_stream.json", "USDM_FUTURES",
    };
    private static final Logger log = LoggerFactory.getLogger(RecordedMarketFeed.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private volatile double speed;
    private volatile boolean closed;
    private volatile boolean started;
    private final Map<Market, List<Instrument>> instruments = new EnumMap<>(Market.class);
    private volatile boolean instrumentsLoaded;
    private final List<Consumer<List<Ticker24h>>> tickerListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<ConnectionStatus>> statusListeners = new CopyOnWriteArrayList<>();
    private final Map<String, List<BookSub>> subs = new ConcurrentHashMap<>();
    private final Map<String, StreamHealth> health = new ConcurrentHashMap<>();
    private final Map<String, Boolean> recordedSymbols = new ConcurrentHashMap<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile long tickerBatches;
    private final Map<String, List<Consumer<FuturesFigures>>> futuresSubs = new ConcurrentHashMap<>();
    private volatile Map<String, KlineSeries> futuresSeries = Map.of();
    private volatile Map<String, FundingHistory> funding = Map.of();
    private volatile boolean tickersLoaded;
    private static final DateTimeFormatter UTC_MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);
    static final String NO_MARK = "not in the recording: the recorded futures data has last-trade candles and "
            + "funding history, no mark price";
    static final String NO_INDEX = "not in the recording: no index price was recorded";
    static final String NO_OPEN_INTEREST = "not in the recording: no open interest was recorded";

    /** Recorded funding events of one symbol, oldest first. */
    record FundingHistory(String file, long[] times, BigDecimal[] rates) {
    }

    private static final class BookSub {
        final int levels;
        final Consumer<BookDepth> listener;
        volatile boolean active = true;
        volatile boolean needsInitial = true;

        BookSub(int levels, Consumer<BookDepth> listener) {
            this.levels = levels;
            this.listener = listener;
        }
    }

    /**
     * @param binanceDir the {@code shared/data/binance} folder
     * @param speed      multiple of real recorded time; 0 (or less) = as fast as possible
     */
    public RecordedMarketFeed(Path binanceDir, double speed) {
        this.dir = binanceDir;
        this.speed = speed;
        instruments.put(Market.SPOT, List.of());
        instruments.put(Market.USDM_FUTURES, List.of());
    }

    /**
     * Finds {@code shared/data/binance}: system property {@code pennant.shared.dir} (the {@code shared} folder), then
     * a {@code shared/data/binance} folder in or beside the working directory or one of its parents.
     */
    public static Optional<Path> locate() {
        String prop = System.getProperty("pennant.shared.dir");
        if (prop != null) {
            Path p = Path.of(prop).resolve("data/binance").normalize();
            if (Files.isDirectory(p)) {
                return Optional.of(p);
            }
        }
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path p = d.resolve("shared/data/binance");
            if (Files.isDirectory(p)) {
                return Optional.of(p);
            }
            p = d.resolveSibling("shared").resolve("data/binance");
            if (Files.isDirectory(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** Changes the replay speed (0 = max). */
    public void setSpeed(double speed) {
        this.speed = speed;
    }

    /** Ticker batches published so far (tests). */
    public long tickerBatches() {
        return tickerBatches;
    }

    @Override
    public List<Instrument> instruments(Market market) {
        synchronized (instruments) {
            return instruments.get(market);
        }
    }

    @Override
    public void onTickers(Consumer<List<Ticker24h>> listener) {
        tickerListeners.add(listener);
    }

    @Override
    public void onStatus(Consumer<ConnectionStatus> listener) {
        statusListeners.add(listener);
    }

    @Override
    public AutoCloseable subscribeBook(Market market, String symbol, int levels, Consumer<BookDepth> listener) {
        if (instrumentsLoaded && !recordedSymbols.containsKey(key(market, symbol))
                && instruments(market).stream().noneMatch(i -> i.symbol().equals(symbol))) {
            throw new IllegalArgumentException(symbol + " is not a " + market + " instrument");
        }
        BookSub sub = new BookSub(Math.max(1, levels), listener);
        subs.computeIfAbsent(key(market, symbol), k -> new CopyOnWriteArrayList<>()).add(sub);
        return () -> {
            sub.active = false;
            List<BookSub> l = subs.get(key(market, symbol));
            if (l != null) {
                l.remove(sub);
            }
        };
    }

    /**
     * {@inheritDoc}
     *
     * <p>Here: the recorded funding rate and next funding time at the replay time; mark price, index price and open
     * interest are always null ("not in the recording"). The first set arrives at once on the caller's thread (no
     * I/O: the data is loaded by the feed thread), then one per ticker step on {@code recorded-load}.
     */
    @Override
    public AutoCloseable subscribeFutures(String symbol, Consumer<FuturesFigures> listener) {
        java.util.Objects.requireNonNull(listener, "listener");
        String sym = java.util.Objects.requireNonNull(symbol, "symbol").trim().toUpperCase(Locale.ROOT);
        if (instrumentsLoaded && instruments(Market.USDM_FUTURES).stream().noneMatch(i -> i.symbol().equals(sym))) {
            throw new IllegalArgumentException(sym + " is not a " + Market.USDM_FUTURES + " instrument");
        }
        listener.accept(futuresFigures(sym)); // the current set first: it can never overwrite a newer one
        futuresSubs.computeIfAbsent(sym, k -> new CopyOnWriteArrayList<>()).add(listener);
        return () -> {
            List<Consumer<FuturesFigures>> l = futuresSubs.get(sym);
            if (l != null) {
                l.remove(listener);
            }
        };
    }

    /** The recorded figures of {@code symbol} at its current replay time (any thread). */
    FuturesFigures futuresFigures(String symbol) {
        Map<FuturesFigures.Figure, String> notes = new java.util.EnumMap<>(FuturesFigures.Figure.class);
        notes.put(FuturesFigures.Figure.MARK_PRICE, NO_MARK);
        notes.put(FuturesFigures.Figure.INDEX_PRICE, NO_INDEX);
        notes.put(FuturesFigures.Figure.OPEN_INTEREST, NO_OPEN_INTEREST);
        if (!tickersLoaded) {
            notes.put(FuturesFigures.Figure.FUNDING, "loading the recorded data");
            return new FuturesFigures(symbol, null, null, null, 0, null, 0, System.currentTimeMillis(), notes);
        }
        KlineSeries series = futuresSeries.get(symbol);
        FundingHistory h = funding.get(symbol);
        long time = series == null ? System.currentTimeMillis() : series.replayTime();
        BigDecimal rate = null;
        long next = 0;
        if (h == null) {
            notes.put(FuturesFigures.Figure.FUNDING, "not in the recording: no funding history of " + symbol
                    + " under futures-um/fundingRate");
        } else if (series == null) {
            notes.put(FuturesFigures.Figure.FUNDING, "not in the recording: no recorded " + symbol
                    + " futures candles give a replay time for the funding history");
        } else {
            // Binance stamps some events a few ms late (e.g. 00:00:00.015): an event within 1 s counts as settled
            int i = firstAfter(h.times(), time + 999);
            long first = h.times()[0];
            // the first recorded event settles the 8 h period before it; earlier replay times are not covered
            if (i >= h.times().length || time < first - 8 * 3_600_000L) {
                notes.put(FuturesFigures.Figure.FUNDING, "not in the recording: replay time "
                        + UTC_MINUTE.format(Instant.ofEpochMilli(time)) + " is outside the recorded funding history ("
                        + UTC_MINUTE.format(Instant.ofEpochMilli(first)) + " → "
                        + UTC_MINUTE.format(Instant.ofEpochMilli(h.times()[h.times().length - 1])) + ")");
            } else {
                rate = h.rates()[i];
                next = h.times()[i];
                notes.put(FuturesFigures.Figure.FUNDING, "recorded funding history (" + h.file() + "): the rate "
                        + "settled at " + UTC_MINUTE.format(Instant.ofEpochMilli(next)) + " for the period in progress "
                        + "at the replay time " + UTC_MINUTE.format(Instant.ofEpochMilli(time))
                        + "; live Binance shows the running estimate");
            }
        }
        return new FuturesFigures(symbol, null, null, rate, next, null, 0, time, notes);
    }

    /** Index of the first element greater than {@code t}, or the length. */
    private static int firstAfter(long[] sorted, long t) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= t) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    private void publishFutures() {
        for (Map.Entry<String, List<Consumer<FuturesFigures>>> e : futuresSubs.entrySet()) {
            if (e.getValue().isEmpty()) {
                continue;
            }
            FuturesFigures f = futuresFigures(e.getKey());
            for (Consumer<FuturesFigures> l : e.getValue()) {
                try {
                    l.accept(f);
                } catch (RuntimeException ex) {
                    log.warn("futures listener failed", ex);
                }
            }
        }
    }

    /** Every {@code <SYMBOL>-fundingRate-*.csv[.gz]} under {@code futures-um/fundingRate}, by symbol. */
    static Map<String, FundingHistory> loadFunding(Path root) throws IOException {
        Map<String, List<Object[]>> rows = new HashMap<>();
        Map<String, String> files = new HashMap<>();
        if (!Files.isDirectory(root)) {
            return Map.of();
        }
        List<Path> paths;
        try (Stream<Path> s = Files.list(root)) {
            paths = s.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().contains("-fundingRate-"))
                    .sorted().toList();
        }
        for (Path p : paths) {
            String name = p.getFileName().toString();
            String symbol = name.substring(0, name.indexOf('-'));
            try (InputStream raw = Files.newInputStream(p);
                 InputStream in = name.endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
                 BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String head = r.readLine();
                if (head == null) {
                    continue;
                }
                List<String> cols = List.of(head.trim().split(","));
                int t = cols.indexOf("fundingTime");
                int rate = cols.indexOf("fundingRate");
                if (t < 0 || rate < 0) {
                    log.warn("funding file {} skipped: no fundingTime/fundingRate columns", p);
                    continue;
                }
                for (String line; (line = r.readLine()) != null; ) {
                    if (line.isBlank()) {
                        continue;
                    }
                    String[] f = line.split(",");
                    rows.computeIfAbsent(symbol, k -> new ArrayList<>())
                            .add(new Object[]{Long.parseLong(f[t].trim()), new BigDecimal(f[rate].trim())});
                }
            }
            files.merge(symbol, name, (a, b) -> a + ", " + b);
        }
        Map<String, FundingHistory> out = new HashMap<>();
        rows.forEach((sym, list) -> {
            list.sort(Comparator.comparingLong(o -> (Long) o[0]));
            long[] times = new long[list.size()];
            BigDecimal[] rates = new BigDecimal[list.size()];
            for (int i = 0; i < times.length; i++) {
                times[i] = (Long) list.get(i)[0];
                rates[i] = (BigDecimal) list.get(i)[1];
            }
            out.put(sym, new FundingHistory(files.get(sym), times, rates));
        });
        return Map.copyOf(out);
    }

    /** True when {@code symbol} has a recorded order book (after the recordings were read). */
    public boolean hasRecordedBook(Market market, String symbol) {
        return recordedSymbols.containsKey(key(market, symbol));
    }

    @Override
    public synchronized void start() {
        if (started || closed) {
            return;
        }
        started = true;
        threads.add(Thread.ofPlatform().daemon().name("recorded-load").start(this::runTickers));
        threads.add(Thread.ofPlatform().daemon().name("recorded-book-spot")
                .start(() -> runBooks(Market.SPOT, SPOT_WS, SPOT_HTTP)));
        threads.add(Thread.ofPlatform().daemon().name("recorded-book-futures")
                .start(() -> runBooks(Market.USDM_FUTURES, FUTURES_WS, FUTURES_HTTP)));
    }

    @Override
    public void close() {
        closed = true;
        List<Thread> ts;
        synchronized (this) {
            ts = new ArrayList<>(threads);
        }
        for (Thread t : ts) {
            t.interrupt();
        }
        for (Thread t : ts) {
            try {
                t.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** True when every feed thread has ended (tests). */
    public boolean threadsStopped() {
        synchronized (this) {
            return threads.stream().noneMatch(Thread::isAlive);
        }
    }

    private static String key(Market m, String symbol) {
        return m.name() + ':' + symbol;
    }

    // ------------------------------------------------------------------ instruments and tickers

    private void runTickers() {
        try {
            loadInstruments(Market.SPOT, SPOT_INFO);
            loadInstruments(Market.USDM_FUTURES, FUTURES_INFO);
            instrumentsLoaded = true;
            List<Ticker24h> seed = fixtureTickers();
            if (!seed.isEmpty()) {
                publishTickers(seed);
            }
            List<KlineSeries> series = new ArrayList<>();
            series.addAll(klineSeries(Market.SPOT, dir.resolve("spot/klines")));
            series.addAll(klineSeries(Market.USDM_FUTURES, dir.resolve("futures-um/klines")));
            Map<String, KlineSeries> fs = new HashMap<>();
            for (KlineSeries s : series) {
                if (s.market == Market.USDM_FUTURES) fs.put(s.symbol(), s);
            }
            futuresSeries = Map.copyOf(fs);
            try {
                funding = loadFunding(dir.resolve("futures-um/fundingRate"));
            } catch (IOException | RuntimeException e) {
                log.warn("recorded funding history unavailable: {}", e.toString());
            }
            tickersLoaded = true;
            String stream = "!ticker@arr";
            health.put(stream, new StreamHealth(stream, StreamHealth.State.CONNECTED, System.currentTimeMillis(),
                    "replaying recorded klines of " + series.size() + " symbol(s)"));
            long nextStatus = 0;
            double carry = 0;
            while (!closed) {
                List<Ticker24h> batch = new ArrayList<>(series.size());
                for (KlineSeries s : series) {
                    batch.add(s.ticker());
                }
                if (!batch.isEmpty()) {
                    publishTickers(batch);
                }
                publishFutures();
                health.computeIfPresent(stream, (k, h) -> new StreamHealth(k, h.state(), System.currentTimeMillis(), h.detail()));
                long now = System.currentTimeMillis();
                if (now >= nextStatus) {
                    publishStatus();
                    nextStatus = now + 1000;
                }
                double sp = speed;
                double steps = sp <= 0 ? 1 : sp + carry;
                int n = (int) Math.floor(steps);
                carry = steps - n;
                for (KlineSeries s : series) {
                    s.advance(n);
                }
                Thread.sleep(sp <= 0 ? 20 : 1000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | IOException e) {
            tickersLoaded = true; // futures figures: "not in the recording" instead of "loading" for ever
            log.error("recorded market data could not be loaded from {}", dir, e);
            health.put("exchangeInfo", new StreamHealth("exchangeInfo", StreamHealth.State.CLOSED,
                    System.currentTimeMillis(), "cannot read recorded data: " + e.getMessage()));
            publishStatus();
        }
    }

    private void loadInstruments(Market market, String relative) {
        ExchangeInfo info = new ExchangeInfoParser().parse(market, dir.resolve(relative));
        synchronized (instruments) {
            instruments.put(market, List.copyOf(info.instruments()));
        }
    }

    private void publishTickers(List<Ticker24h> batch) {
        List<Ticker24h> copy = List.copyOf(batch);
        tickerBatches++;
        for (Consumer<List<Ticker24h>> l : tickerListeners) {
            try {
                l.accept(copy);
            } catch (RuntimeException e) {
                log.warn("ticker listener failed", e);
            }
        }
    }

    private void publishStatus() {
        List<StreamHealth> streams = new ArrayList<>(health.values());
        streams.sort(Comparator.comparing(StreamHealth::stream));
        ConnectionStatus st = new ConnectionStatus(VENUE, -1, -1, -1, streams);
        for (Consumer<ConnectionStatus> l : statusListeners) {
            try {
                l.accept(st);
            } catch (RuntimeException e) {
                log.warn("status listener failed", e);
            }
        }
    }

    private List<Ticker24h> fixtureTickers() {
        List<Ticker24h> out = new ArrayList<>();
        for (int i = 0; i < TICKER_FIXTURES.length; i += 2) {
            Path f = dir.resolve(TICKER_FIXTURES[i]);
            if (!Files.isRegularFile(f)) {
                continue;
            }
            try {
                JsonNode root = JSON.readTree(f.toFile());
                Market m = Market.valueOf(TICKER_FIXTURES[i + 1]);
                for (JsonNode t : root.isArray() ? root : List.of(root)) {
                    fixtureTicker(m, t).ifPresent(out::add);
                }
            } catch (IOException | RuntimeException e) {
                log.debug("ticker fixture {} skipped", f, e);
            }
        }
        return out;
    }

    private static Optional<Ticker24h> fixtureTicker(Market m, JsonNode t) {
        boolean ws = t.has("e");
        long time = ws ? t.path("E").asLong() : t.path("closeTime").asLong();
        if (time < BINANCE_LAUNCH_MS) {
            return Optional.empty(); // an official-docs example with made-up values
        }
        String symbol = t.path(ws ? "s" : "symbol").asText();
        return Optional.of(new Ticker24h(m, symbol, new BigDecimal(t.path(ws ? "c" : "lastPrice").asText()),
                new BigDecimal(t.path(ws ? "P" : "priceChangePercent").asText()),
                new BigDecimal(t.path(ws ? "v" : "volume").asText()),
                new BigDecimal(t.path(ws ? "q" : "quoteVolume").asText()), time));
    }

    /** One symbol's recorded bars and a cursor on the bar that ends the current 24 h window. */
    private static final class KlineSeries {
        final Market market;
        final List<Bar> bars;
        final int window;
        volatile int cursor; // written by recorded-load, read by futuresFigures on any thread

        KlineSeries(Market market, List<Bar> bars, long intervalMs) {
            this.market = market;
            this.bars = bars;
            this.window = (int) Math.max(1, Math.min(bars.size(), 86_400_000L / Math.max(1, intervalMs)));
            this.cursor = window - 1;
        }

        String symbol() {
            return bars.getFirst().symbol();
        }

        /** The end of the current candle (close time + 1 ms), epoch ms: the replay time of this series. */
        long replayTime() {
            return bars.get(cursor).closeTime() + 1;
        }

        void advance(int n) {
            int span = bars.size() - (window - 1);
            cursor = window - 1 + (cursor - (window - 1) + n) % span;
        }

        Ticker24h ticker() {
            Bar last = bars.get(cursor);
            Bar first = bars.get(cursor - window + 1);
            BigDecimal vol = BigDecimal.ZERO;
            BigDecimal quote = BigDecimal.ZERO;
            for (int i = cursor - window + 1; i <= cursor; i++) {
                Bar b = bars.get(i);
                vol = vol.add(b.volume());
                quote = quote.add(b.quoteVolume() != null && b.quoteVolume().signum() > 0 ? b.quoteVolume()
                        : b.close().multiply(b.volume()));
            }
            BigDecimal change = first.open().signum() == 0 ? BigDecimal.ZERO
                    : last.close().subtract(first.open()).multiply(BigDecimal.valueOf(100))
                    .divide(first.open(), MathContext.DECIMAL64).setScale(3, RoundingMode.HALF_EVEN);
            return new Ticker24h(market, last.symbol(), last.close(), change, vol,
                    quote.setScale(2, RoundingMode.HALF_EVEN), last.closeTime());
        }
    }

    private static final List<String> INTERVAL_ORDER = List.of("1s", "1m", "3m", "5m", "15m", "30m", "1h", "2h", "4h",
            "6h", "8h", "12h", "1d", "3d", "1w", "1M");

    private List<KlineSeries> klineSeries(Market market, Path root) throws IOException {
        List<KlineSeries> out = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return out;
        }
        List<Path> symbolDirs;
        try (Stream<Path> s = Files.list(root)) {
            symbolDirs = s.filter(Files::isDirectory).sorted().toList();
        }
        KlineCsvImporter importer = new KlineCsvImporter();
        for (Path sd : symbolDirs) {
            if (closed) {
                break;
            }
            List<Path> files;
            try (Stream<Path> s = Files.walk(sd)) {
                files = s.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().contains(".csv")).toList();
            }
            // finest interval first, then newest (latest name) first
            Optional<Path> best = files.stream().min(Comparator
                    .comparingInt((Path p) -> intervalRank(p.getFileName().toString()))
                    .thenComparing((Path p) -> p.getFileName().toString(), Comparator.reverseOrder()));
            if (best.isEmpty()) {
                continue;
            }
            try {
                KlineImport k = importer.read(best.get());
                if (!k.bars().isEmpty()) {
                    Bar b0 = k.bars().getFirst();
                    out.add(new KlineSeries(market, k.bars(), b0.closeTime() - b0.openTime() + 1));
                }
            } catch (IOException | RuntimeException e) {
                log.warn("klines {} skipped: {}", best.get(), e.getMessage());
            }
        }
        return out;
    }

    private static int intervalRank(String name) {
        String[] parts = name.split("-");
        int r = parts.length > 1 ? INTERVAL_ORDER.indexOf(parts[1]) : -1;
        return r < 0 ? INTERVAL_ORDER.size() : r;
    }

    // ------------------------------------------------------------------ order books

    /** One recorded frame: receive time in seconds and the JSON text. */
    record Frame(double time, String json) {
    }

    /** The frames of a cryptofeed WebSocket recording with their receive times (package-private for tests). */
    static List<Frame> readFrames(Path file) throws IOException {
        List<Frame> frames = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(file), 1 << 16), StandardCharsets.UTF_8), 1 << 16)) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isBlank() || line.contains(" <-> ")) {
                    continue;
                }
                int sep = line.indexOf(": ");
                if (sep < 0) {
                    continue;
                }
                frames.add(new Frame(Double.parseDouble(line.substring(0, sep)), line.substring(sep + 2)));
            }
        }
        return frames;
    }

    private void runBooks(Market market, String wsFile, String httpFile) {
        List<Frame> frames;
        Map<String, DepthSnapshot> snapshots = new HashMap<>();
        MarketMessageParser parser = new MarketMessageParser();
        try {
            frames = readFrames(dir.resolve(wsFile));
            for (CryptofeedRecording.HttpResponse resp : CryptofeedRecording.httpResponses(dir.resolve(httpFile))) {
                String symbol = resp.queryParameter("symbol");
                if (symbol != null && resp.url().contains("depth")) {
                    snapshots.put(symbol, parser.parseDepthSnapshot(symbol, resp.body()));
                }
            }
        } catch (IOException | RuntimeException e) {
            log.warn("recorded {} order books unavailable: {}", market, e.toString());
            return;
        }
        if (frames.isEmpty()) {
            return;
        }
        for (String s : snapshots.keySet()) {
            recordedSymbols.put(key(market, s), Boolean.TRUE);
            String stream = stream(s);
            health.put(stream, new StreamHealth(stream, StreamHealth.State.CONNECTING, 0, "recorded"));
        }
        Map<String, DepthSynchronizer> syncs = new LinkedHashMap<>();
        MarketMessageHandler handler = new MarketMessageHandler() {
            @Override
            public void onDepth(DepthUpdate u) {
                DepthSynchronizer sync = syncs.computeIfAbsent(u.symbol(), s -> new DepthSynchronizer(s, market, sym -> {
                    DepthSnapshot snap = snapshots.get(sym);
                    if (snap == null) {
                        throw new IOException("no recorded snapshot of " + sym);
                    }
                    return snap;
                }));
                long before = sync.book().lastUpdateId();
                sync.onEvent(u);
                String stream = stream(u.symbol());
                SyncState st = sync.state();
                health.put(stream, new StreamHealth(stream, st == SyncState.LIVE ? StreamHealth.State.CONNECTED
                        : StreamHealth.State.RESYNCING, System.currentTimeMillis(),
                        st == SyncState.LIVE ? "" : "waiting for a depth snapshot that bridges the buffered events"));
                if (st == SyncState.LIVE && sync.book().lastUpdateId() != before) {
                    publishBook(market, sync, false);
                }
            }

            @Override
            public void onAggTrade(AggTradeUpdate trade) {
                // trades are not shown by this feed
            }
        };
        try {
            while (!closed) {
                syncs.clear();
                double t0 = frames.getFirst().time();
                double clock = t0;
                for (Frame f : frames) {
                    while (clock < f.time() && !closed) {
                        double sp = speed;
                        if (sp <= 0) {
                            clock = f.time();
                            break;
                        }
                        long sleepMs = (long) Math.min(100, Math.ceil((f.time() - clock) / sp * 1000));
                        long a = System.nanoTime();
                        Thread.sleep(Math.max(1, sleepMs));
                        clock += (System.nanoTime() - a) / 1e9 * sp;
                        publishInitial(market, syncs);
                    }
                    if (closed) {
                        return;
                    }
                    publishInitial(market, syncs);
                    try {
                        parser.parse(f.json(), handler);
                    } catch (RuntimeException e) {
                        log.debug("recorded frame skipped: {}", e.getMessage());
                    }
                }
                Thread.sleep(speed <= 0 ? 1 : 500); // pause between passes of the loop
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String stream(String symbol) {
        return symbol.toLowerCase(Locale.ROOT) + "@depth@100ms";
    }

    /** Gives new subscribers the current book at once (book thread). */
    private void publishInitial(Market market, Map<String, DepthSynchronizer> syncs) {
        for (DepthSynchronizer s : syncs.values()) {
            if (s.state() == SyncState.LIVE) {
                publishBook(market, s, true);
            }
        }
    }

    private void publishBook(Market market, DepthSynchronizer sync, boolean initialOnly) {
        List<BookSub> l = subs.get(key(market, sync.symbol()));
        if (l == null || l.isEmpty()) {
            return;
        }
        BookDepth full = null;
        int fullLevels = 0;
        for (BookSub s : l) {
            if (!s.active || (initialOnly && !s.needsInitial)) {
                continue;
            }
            s.needsInitial = false;
            if (full == null || fullLevels != s.levels) {
                full = sync.book().depth(s.levels);
                fullLevels = s.levels;
            }
            try {
                s.listener.accept(full);
            } catch (RuntimeException e) {
                log.warn("book listener failed", e);
            }
        }
    }
}
