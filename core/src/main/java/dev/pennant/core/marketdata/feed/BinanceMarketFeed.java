package dev.pennant.core.marketdata.feed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pennant.core.exchange.binance.BinanceApiException;
import dev.pennant.core.exchange.binance.BinanceRestClient;
import dev.pennant.core.exchange.binance.ExchangeInfo;
import dev.pennant.core.exchange.binance.InstrumentRegistry;
import dev.pennant.core.exchange.binance.WeightGovernor;
import dev.pennant.core.marketdata.book.BookDepth;
import dev.pennant.core.marketdata.book.DepthSynchronizer;
import dev.pennant.core.marketdata.book.SyncHealth;
import dev.pennant.core.marketdata.book.SyncState;
import dev.pennant.core.marketdata.parse.DepthSnapshot;
import dev.pennant.core.marketdata.parse.DepthUpdate;
import dev.pennant.core.marketdata.parse.MarketMessageHandler;
import dev.pennant.core.marketdata.parse.MarketMessageParser;
import dev.pennant.core.marketdata.parse.MarkPriceUpdate;
import dev.pennant.core.model.Instrument;
import dev.pennant.core.model.Market;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The live {@link MarketFeed} over Binance spot and USDⓈ-M futures (or anything speaking their protocol, such as the
 * local exchange simulator), built on {@link BinanceRestClient} and one {@link StreamManager} per market.
 *
 * <ul>
 *   <li>Instruments: an {@link InstrumentRegistry} over {@link BinanceRestClient#exchangeInfo} for both markets,
 *       refreshed every {@link Options#instrumentRefresh} (which also updates the governors' limits).</li>
 *   <li>Tickers: the all-market {@code !ticker@arr} stream of both markets; every frame becomes one batch of
 *       {@link Ticker24h} (Binance sends only the tickers that changed in the last second).</li>
 *   <li>Books: {@link #subscribeBook} opens {@code <symbol>@depth@100ms} and keeps a {@link DepthSynchronizer}
 *       (spot U/u or futures pu rules) fed from the connection's reader thread; snapshots come from
 *       {@link BinanceRestClient#depth} ({@link Options#snapshotLimit} levels). After every applied event each
 *       listener gets the top N levels. While the synchronizer is RESYNCING (a gap in the update ids) the stream's
 *       health shows RESYNCING.</li>
 *   <li>Mark prices: once someone listens ({@link #onMarkPrices}), the USDⓈ-M {@code !markPrice@arr@1s} stream;
 *       every frame becomes one batch of {@link MarkPrice} (all perpetuals, once per second).</li>
 *   <li>Futures figures of one symbol ({@link #subscribeFutures}): its {@code <symbol>@markPrice@1s} stream (mark,
 *       index, funding rate, next funding time) and a {@code GET /fapi/v1/openInterest} poll every
 *       {@link Options#openInterestPoll} (30 s by default, weight 1) at {@code BACKGROUND} priority, so the
 *       {@link WeightGovernor} sheds it first when the budget is tight. Only subscribed symbols are polled (the UI
 *       subscribes the selected one); the poll runs on the feed's scheduler, never the caller's thread.</li>
 *   <li>Status: weight used/limit of the busier market's governor, the last REST round trip and every stream's health,
 *       checked every {@link Options#statusInterval} (250 ms by default, i.e. at most 4 per second) and published
 *       when it differs from the last one.</li>
 * </ul>
 * Listeners are called on the feed's threads (connection readers, the status thread), never the FX thread.
 */
public final class BinanceMarketFeed implements MarketFeed {

    private static final Logger LOG = LoggerFactory.getLogger(BinanceMarketFeed.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The all-market 24 h ticker stream. */
    public static final String ALL_TICKERS = "!ticker@arr";
    /** The all-market USDⓈ-M mark price stream, 1 s updates. */
    public static final String ALL_MARK_PRICES = "!markPrice@arr@1s";
    private static final long FIRST_SNAPSHOT_RETRY_MS = 500;
    private static final long MAX_SNAPSHOT_RETRY_MS = 30_000;

    /**
     * @param instrumentRefresh period of the exchangeInfo refresh
     * @param statusInterval    shortest interval between two status publications
     * @param snapshotLimit     depth snapshot levels (spot ≤ 5000, futures 1000)
     * @param streams           stream connection limits and timings
     * @param openInterestPoll  period of the open interest poll of each {@link #subscribeFutures subscribed} symbol
     */
    public record Options(Duration instrumentRefresh, Duration statusInterval, int snapshotLimit,
                          StreamManager.Options streams, Duration openInterestPoll) {
        /** Open interest every 30 s. */
        public Options(Duration instrumentRefresh, Duration statusInterval, int snapshotLimit,
                       StreamManager.Options streams) {
            this(instrumentRefresh, statusInterval, snapshotLimit, streams, DEFAULT_OPEN_INTEREST_POLL);
        }

        /** Hourly instruments, status at most 4/s, 1000-level snapshots, Binance's stream limits, OI every 30 s. */
        public static Options defaults() {
            return new Options(Duration.ofHours(1), Duration.ofMillis(250), 1000, StreamManager.Options.defaults());
        }

        /** These options with another open interest poll period. */
        public Options withOpenInterestPoll(Duration period) {
            return new Options(instrumentRefresh, statusInterval, snapshotLimit, streams, period);
        }
    }

    /** Default period of the open interest poll. */
    public static final Duration DEFAULT_OPEN_INTEREST_POLL = Duration.ofSeconds(30);
    private static final DateTimeFormatter HMS = DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private record BookListener(int levels, Consumer<BookDepth> consumer) {
    }

    /** One subscribed book; its handler runs on the reader thread of the stream's connection. */
    private final class Book implements StreamManager.FrameHandler, MarketMessageHandler {
        final Market market;
        final String symbol;
        final String stream;
        final DepthSynchronizer sync;
        final MarketMessageParser parser = new MarketMessageParser();
        final List<BookListener> listeners = new CopyOnWriteArrayList<>();
        SyncState lastState = SyncState.SYNCING;
        long nextSnapshotNanos = System.nanoTime();
        long snapshotDelayMs = FIRST_SNAPSHOT_RETRY_MS;

        Book(Market market, String symbol) {
            this.market = market;
            this.symbol = symbol;
            this.stream = symbol.toLowerCase(Locale.ROOT) + "@depth@100ms";
            this.sync = new DepthSynchronizer(symbol, market, this::snapshot);
        }

        /**
         * The synchronizer asks for a snapshot on every event while unsynced; a snapshot costs 50 (spot) / 20
         * (futures) weight, so attempts are spaced: the first at once, then 0.5 s doubling to 30 s until the book is
         * live again (an early call fails, and the synchronizer retries on a later event).
         */
        private DepthSnapshot snapshot(String s) throws IOException {
            long now = System.nanoTime();
            if (now - nextSnapshotNanos < 0) {
                throw new IOException("next " + s + " snapshot attempt in "
                        + TimeUnit.NANOSECONDS.toMillis(nextSnapshotNanos - now) + " ms");
            }
            nextSnapshotNanos = now + TimeUnit.MILLISECONDS.toNanos(snapshotDelayMs);
            snapshotDelayMs = Math.min(MAX_SNAPSHOT_RETRY_MS, snapshotDelayMs * 2);
            return rest.depth(market, s, options.snapshotLimit());
        }

        @Override
        public void onFrame(String stream, String frame) {
            parser.parse(frame, this);
        }

        @Override
        public void onDepth(DepthUpdate update) {
            if (!symbol.equals(update.symbol())) return;
            sync.onEvent(update);
            SyncState st = sync.state();
            if (st != lastState) {
                lastState = st;
                if (st == SyncState.LIVE) {
                    snapshotDelayMs = FIRST_SNAPSHOT_RETRY_MS;
                    nextSnapshotNanos = System.nanoTime();
                }
                streams(market).setSyncing(stream, st == SyncState.RESYNCING
                        ? "gap in the depth update ids: rebuilding the book from a new snapshot" : null);
            }
            if (st == SyncState.LIVE) {
                for (BookListener l : listeners) {
                    try {
                        l.consumer().accept(sync.book().depth(l.levels()));
                    } catch (RuntimeException e) {
                        LOG.warn("book listener of {} failed: {}", symbol, e.toString());
                    }
                }
            }
        }
    }

    /**
     * The futures figures of one symbol: the {@code <symbol>@markPrice@1s} stream (handled on its connection's reader
     * thread) and the open interest poll (scheduler thread). State under the watch's lock; listeners get immutable
     * sets.
     */
    private final class FuturesWatch implements StreamManager.FrameHandler, MarketMessageHandler {
        final String symbol;
        final String stream;
        final MarketMessageParser parser = new MarketMessageParser(); // reader thread only
        final List<Consumer<FuturesFigures>> listeners = new CopyOnWriteArrayList<>();
        MarkPrice mark;
        OpenInterest openInterest;
        String openInterestNote = "waiting for the first open interest request";
        ScheduledFuture<?> poll;

        FuturesWatch(String symbol) {
            this.symbol = symbol;
            this.stream = symbol.toLowerCase(Locale.ROOT) + "@markPrice@1s";
        }

        @Override
        public void onFrame(String stream, String frame) {
            try {
                parser.parse(frame, this);
            } catch (RuntimeException e) {
                LOG.warn("ignoring malformed mark price frame of {}: {}", symbol, e.getMessage());
            }
        }

        @Override
        public void onMarkPrice(MarkPriceUpdate m) {
            if (!symbol.equals(m.symbol())) return;
            MarkPrice mp = new MarkPrice(m.symbol(), m.markPrice().toBigDecimal(),
                    m.hasIndexPrice() ? m.indexPrice().toBigDecimal() : null,
                    m.hasFundingRate() ? m.fundingRate().toBigDecimal() : null, m.nextFundingTime(), m.eventTime());
            synchronized (this) {
                mark = mp;
            }
            publish();
        }

        /** Scheduler thread: one {@code GET /fapi/v1/openInterest} at BACKGROUND priority. */
        void pollOpenInterest() {
            if (closed || listeners.isEmpty()) return;
            String source = "GET /fapi/v1/openInterest every " + options.openInterestPoll().toSeconds() + " s";
            try {
                OpenInterest oi = rest.openInterest(symbol, WeightGovernor.Priority.BACKGROUND);
                synchronized (this) {
                    openInterest = oi;
                    openInterestNote = source + "; as of " + HMS.format(Instant.ofEpochMilli(oi.time()));
                }
            } catch (BinanceApiException.RateLimited e) {
                failedPoll("skipped: request weight is tight (" + e.getMessage() + ")");
            } catch (RuntimeException e) {
                LOG.debug("open interest of {} failed", symbol, e);
                failedPoll("request failed: " + e.getMessage());
            }
            publish();
        }

        private synchronized void failedPoll(String why) {
            openInterestNote = "open interest " + why + (openInterest == null ? ""
                    : "; showing the value of " + HMS.format(Instant.ofEpochMilli(openInterest.time())));
        }

        synchronized FuturesFigures figures() {
            Map<FuturesFigures.Figure, String> notes = new EnumMap<>(FuturesFigures.Figure.class);
            MarkPrice m = mark;
            if (m == null) {
                String wait = "waiting for the " + stream + " stream";
                notes.put(FuturesFigures.Figure.MARK_PRICE, wait);
                notes.put(FuturesFigures.Figure.INDEX_PRICE, wait);
                notes.put(FuturesFigures.Figure.FUNDING, wait);
            } else {
                notes.put(FuturesFigures.Figure.MARK_PRICE, "stream " + stream);
                notes.put(FuturesFigures.Figure.INDEX_PRICE, m.indexPrice() == null
                        ? venue + " sent no index price" : "stream " + stream);
                notes.put(FuturesFigures.Figure.FUNDING, m.lastFundingRate() == null
                        ? venue + " sent no funding rate (not a perpetual?)" : "stream " + stream
                        + ": the running estimate of this period's rate");
            }
            notes.put(FuturesFigures.Figure.OPEN_INTEREST, openInterestNote);
            return new FuturesFigures(symbol, m == null ? null : m.markPrice(), m == null ? null : m.indexPrice(),
                    m == null ? null : m.lastFundingRate(), m == null ? 0 : m.nextFundingTime(),
                    openInterest == null ? null : openInterest.openInterest(),
                    openInterest == null ? 0 : openInterest.time(),
                    m == null ? System.currentTimeMillis() : m.time(), notes);
        }

        void publish() {
            FuturesFigures f = figures();
            for (Consumer<FuturesFigures> l : listeners) {
                try {
                    l.accept(f);
                } catch (RuntimeException e) {
                    LOG.warn("futures listener of {} failed: {}", symbol, e.toString());
                }
            }
        }
    }

    private final BinanceRestClient rest;
    private final Options options;
    private final InstrumentRegistry registry;
    private final Map<Market, StreamManager> streams = new EnumMap<>(Market.class);
    private final Map<String, Book> books = new ConcurrentHashMap<>();
    private final Map<String, FuturesWatch> futures = new ConcurrentHashMap<>();
    private final List<Consumer<List<Ticker24h>>> tickerListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<ConnectionStatus>> statusListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<List<MarkPrice>>> markPriceListeners = new CopyOnWriteArrayList<>();
    private boolean markPricesSubscribed;
    private final ScheduledThreadPoolExecutor scheduler;
    private final String venue;
    private volatile ConnectionStatus lastStatus;
    private boolean started;
    private volatile boolean closed;

    /** @param rest the REST client (its endpoints give the stream URLs); not closed by the feed */
    public BinanceMarketFeed(BinanceRestClient rest, Options options) {
        this.rest = Objects.requireNonNull(rest, "rest");
        this.options = Objects.requireNonNull(options, "options");
        this.registry = new InstrumentRegistry(rest::exchangeInfo);
        this.scheduler = new ScheduledThreadPoolExecutor(2, Thread.ofPlatform().daemon().name("feed-", 0).factory());
        scheduler.setRemoveOnCancelPolicy(true);
        scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        streams.put(Market.SPOT, new StreamManager(rest.endpoints().spotWs(), "spot", options.streams()));
        streams.put(Market.USDM_FUTURES, new StreamManager(rest.endpoints().futuresWs(), "futures", options.streams()));
        this.venue = venueName(rest);
    }

    /** With {@link Options#defaults()}. */
    public BinanceMarketFeed(BinanceRestClient rest) {
        this(rest, Options.defaults());
    }

    private static String venueName(BinanceRestClient rest) {
        String n = rest.endpoints().name();
        if (n.equals("mainnet") || n.equals("testnet")) return "Binance " + n;
        try {
            URI u = URI.create(rest.endpoints().spotRest());
            return "local simulator " + u.getHost() + (u.getPort() > 0 ? ":" + u.getPort() : "");
        } catch (IllegalArgumentException e) {
            return n;
        }
    }

    /** The instrument registry (for order rounding elsewhere). */
    public InstrumentRegistry registry() {
        return registry;
    }

    @Override
    public List<Instrument> instruments(Market market) {
        return registry.exchangeInfo(market).map(ExchangeInfo::instruments).orElse(List.of());
    }

    @Override
    public void onTickers(Consumer<List<Ticker24h>> listener) {
        tickerListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public void onStatus(Consumer<ConnectionStatus> listener) {
        statusListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Adds a listener for batches of USDⓈ-M mark prices (each batch: one {@code !markPrice@arr@1s} frame, i.e. every
     * perpetual's mark price, index price and funding). The first listener subscribes the stream (at once when the
     * feed runs, else on {@link #start()}); called on the futures connection's reader thread.
     */
    public synchronized void onMarkPrices(Consumer<List<MarkPrice>> listener) {
        markPriceListeners.add(Objects.requireNonNull(listener, "listener"));
        if (started && !closed) subscribeMarkPrices();
    }

    private synchronized void subscribeMarkPrices() {
        if (markPricesSubscribed) return;
        markPricesSubscribed = true;
        MarketMessageParser parser = new MarketMessageParser(); // used only on that connection's reader thread
        List<MarkPrice> batch = new ArrayList<>();
        MarketMessageHandler collect = new MarketMessageHandler() {
            @Override
            public void onMarkPrice(MarkPriceUpdate m) {
                batch.add(new MarkPrice(m.symbol(), m.markPrice().toBigDecimal(),
                        m.hasIndexPrice() ? m.indexPrice().toBigDecimal() : null,
                        m.hasFundingRate() ? m.fundingRate().toBigDecimal() : null, m.nextFundingTime(), m.eventTime()));
            }
        };
        streams.get(Market.USDM_FUTURES).subscribe(ALL_MARK_PRICES, (stream, frame) -> {
            batch.clear();
            try {
                parser.parse(frame, collect);
            } catch (RuntimeException e) {
                LOG.warn("ignoring malformed mark price frame: {}", e.getMessage());
                return;
            }
            if (batch.isEmpty()) return;
            List<MarkPrice> view = List.copyOf(batch);
            for (Consumer<List<MarkPrice>> l : markPriceListeners) {
                try {
                    l.accept(view);
                } catch (RuntimeException e) {
                    LOG.warn("mark price listener failed: {}", e.toString());
                }
            }
        });
    }

    @Override
    public synchronized void start() {
        if (started || closed) return;
        started = true;
        registry.start(scheduler, options.instrumentRefresh());
        for (Market m : Market.values()) {
            streams.get(m).subscribe(ALL_TICKERS, (stream, frame) -> onTickerFrame(m, frame));
        }
        if (!markPriceListeners.isEmpty()) subscribeMarkPrices();
        long period = Math.max(10, options.statusInterval().toMillis());
        scheduler.scheduleWithFixedDelay(this::publishStatus, 0, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public AutoCloseable subscribeBook(Market market, String symbol, int levels, Consumer<BookDepth> listener) {
        Objects.requireNonNull(market, "market");
        Objects.requireNonNull(listener, "listener");
        if (levels <= 0) throw new IllegalArgumentException("levels must be > 0, was " + levels);
        String sym = Objects.requireNonNull(symbol, "symbol").trim().toUpperCase(Locale.ROOT);
        if (registry.exchangeInfo(market).isPresent() && registry.instrument(market, sym).isEmpty()) {
            throw new IllegalArgumentException("unknown " + market + " symbol " + sym);
        }
        if (closed) throw new IllegalStateException("feed closed");
        String key = market + ":" + sym;
        BookListener bl = new BookListener(levels, listener);
        synchronized (books) {
            Book b = books.computeIfAbsent(key, k -> {
                Book nb = new Book(market, sym);
                streams(market).subscribe(nb.stream, nb);
                return nb;
            });
            b.listeners.add(bl);
        }
        return () -> {
            synchronized (books) {
                Book b = books.get(key);
                if (b == null) return;
                b.listeners.remove(bl);
                if (b.listeners.isEmpty()) {
                    books.remove(key);
                    streams(market).unsubscribe(b.stream);
                }
            }
        };
    }

    /**
     * {@inheritDoc}
     *
     * <p>Here: the symbol's {@code <symbol>@markPrice@1s} stream and an open interest poll (first at once, then every
     * {@link Options#openInterestPoll}) shared by all listeners of the symbol; the last listener leaving stops both.
     * The current set arrives at once (at first: figures "waiting for ..."), on the caller's thread, before any update.
     */
    @Override
    public AutoCloseable subscribeFutures(String symbol, Consumer<FuturesFigures> listener) {
        Objects.requireNonNull(listener, "listener");
        String sym = Objects.requireNonNull(symbol, "symbol").trim().toUpperCase(Locale.ROOT);
        if (registry.exchangeInfo(Market.USDM_FUTURES).isPresent()
                && registry.instrument(Market.USDM_FUTURES, sym).isEmpty()) {
            throw new IllegalArgumentException("unknown " + Market.USDM_FUTURES + " symbol " + sym);
        }
        if (closed) throw new IllegalStateException("feed closed");
        FuturesWatch w;
        synchronized (futures) {
            w = futures.get(sym);
            // the current set first, then updates: a stale first set can never overwrite a newer one
            if (w == null) {
                FuturesWatch nw = new FuturesWatch(sym);
                listener.accept(nw.figures());
                futures.put(sym, nw);
                nw.listeners.add(listener);
                streams(Market.USDM_FUTURES).subscribe(nw.stream, nw);
                long period = Math.max(1, options.openInterestPoll().toMillis());
                try {
                    nw.poll = scheduler.scheduleWithFixedDelay(nw::pollOpenInterest, 0, period, TimeUnit.MILLISECONDS);
                } catch (RejectedExecutionException e) {
                    // closed meanwhile: the figures stay "waiting"
                }
                w = nw;
            } else {
                listener.accept(w.figures());
                w.listeners.add(listener);
            }
        }
        FuturesWatch watch = w;
        return () -> {
            synchronized (futures) {
                watch.listeners.remove(listener);
                if (watch.listeners.isEmpty() && futures.get(watch.symbol) == watch) {
                    futures.remove(watch.symbol);
                    if (watch.poll != null) watch.poll.cancel(false);
                    if (!closed) streams(Market.USDM_FUTURES).unsubscribe(watch.stream);
                }
            }
        };
    }

    /** Sync counters of a subscribed book (for diagnostics and tests), or null. */
    public SyncHealth bookHealth(Market market, String symbol) {
        Book b = books.get(market + ":" + symbol.toUpperCase(Locale.ROOT));
        return b == null ? null : b.sync.health();
    }

    /** The stream manager of {@code market}. */
    public StreamManager streams(Market market) {
        return streams.get(market);
    }

    /** The status as last computed (null before {@link #start()}). */
    public ConnectionStatus status() {
        return lastStatus;
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) return;
            closed = true;
        }
        registry.close();
        scheduler.shutdownNow();
        for (StreamManager s : streams.values()) s.close();
    }

    // ---- internals ------------------------------------------------------------------------------------------------

    private void onTickerFrame(Market market, String frame) {
        JsonNode data;
        try {
            data = JSON.readTree(frame).path("data");
        } catch (Exception e) {
            LOG.warn("ignoring malformed {} ticker frame: {}", market, e.getMessage());
            return;
        }
        List<Ticker24h> batch = new ArrayList<>(data.size());
        for (JsonNode t : data) {
            try {
                batch.add(new Ticker24h(market, t.path("s").asText(), dec(t, "c"), dec(t, "P"), dec(t, "v"),
                        dec(t, "q"), t.path("E").asLong()));
            } catch (RuntimeException e) {
                LOG.debug("skipping malformed ticker: {}", e.getMessage());
            }
        }
        if (batch.isEmpty()) return;
        List<Ticker24h> view = List.copyOf(batch);
        for (Consumer<List<Ticker24h>> l : tickerListeners) {
            try {
                l.accept(view);
            } catch (RuntimeException e) {
                LOG.warn("ticker listener failed: {}", e.toString());
            }
        }
    }

    private static BigDecimal dec(JsonNode t, String field) {
        JsonNode n = t.get(field);
        if (n == null || n.isNull()) throw new IllegalArgumentException("ticker lacks " + field);
        return new BigDecimal(n.asText());
    }

    private void publishStatus() {
        try {
            ConnectionStatus s = computeStatus();
            if (s.equals(lastStatus)) return;
            lastStatus = s;
            for (Consumer<ConnectionStatus> l : statusListeners) {
                try {
                    l.accept(s);
                } catch (RuntimeException e) {
                    LOG.warn("status listener failed: {}", e.toString());
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("status update failed: {}", e.toString());
        }
    }

    /** The current status: weight of the market closest to its limit, last latency, all streams. */
    ConnectionStatus computeStatus() {
        int used = -1;
        int limit = -1;
        double worst = -1;
        for (Market m : Market.values()) {
            for (WeightGovernor.Usage u : rest.governor(m).usage()) {
                if (!u.limit().type().equals("REQUEST_WEIGHT") || u.limit().windowMillis() != 60_000) continue;
                double ratio = (double) u.used() / u.limit().limit();
                if (ratio > worst) {
                    worst = ratio;
                    used = u.used();
                    limit = u.limit().limit();
                }
            }
        }
        List<StreamHealth> all = new ArrayList<>();
        for (Market m : Market.values()) all.addAll(streams.get(m).health());
        return new ConnectionStatus(venue, used, limit, rest.lastLatencyMillis(), all);
    }
}
