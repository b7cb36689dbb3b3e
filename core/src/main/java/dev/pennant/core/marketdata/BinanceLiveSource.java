package dev.pennant.core.marketdata;

import com.binance.connector.client.enums.DefaultUrls;
import com.binance.connector.client.exceptions.BinanceClientException;
import com.binance.connector.client.impl.SpotClientImpl;
import com.binance.connector.client.impl.WebSocketStreamClientImpl;
import com.binance.connector.futures.client.impl.UMFuturesClientImpl;
import com.binance.connector.futures.client.impl.UMWebsocketClientImpl;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pennant.core.model.Bar;
import dev.pennant.core.model.Interval;
import dev.pennant.core.model.Market;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Live klines of one Binance spot or USDⓈ-M futures symbol: a REST backfill of recent closed bars, then the WebSocket
 * kline stream {@code <symbol lower>@kline_<interval>}, through {@code binance-connector-java} (spot:
 * {@code SpotClientImpl}, {@code WebSocketStreamClientImpl}, {@code GET /api/v3/klines}) or
 * {@code binance-futures-connector-java} (futures: {@code UMFuturesClientImpl}, {@code UMWebsocketClientImpl},
 * {@code GET /fapi/v1/klines}). All 15 Binance intervals work, {@code 1M} included (calendar months).
 *
 * <p><b>Delivery.</b> Every sink call is made from the source's single daemon thread {@code live-<symbol>}, never
 * concurrently (WebSocket callbacks arrive on OkHttp threads and are handed to that thread). Closed bars go to
 * {@link BarSink#onBar} strictly ascending by open time (epoch ms UTC), each once: a bar whose open time is not after
 * the last delivered closed bar is dropped. The forming bar goes to {@link BarSink#onBarUpdate} (closed = false),
 * possibly many times. When a bar arrives whose open time is past the next expected one (a missed close, a
 * reconnect), the missing closed bars are fetched by REST first, so the delivered series has no hole.
 *
 * <p><b>Status.</b> Kind LIVE, speed 1, barsTotal -1. CONNECTING while backfilling and subscribing, RUNNING once
 * the stream is open (with the message {@code "The venue returned no 1m klines for BTCUSDT (USD-M futures)"} when the
 * start backfill held no closed bar and none has arrived since; empty otherwise), LAGGING (with the reason) when the stream dropped and a reconnect is pending, FAILED when the
 * REST endpoint could not be reached (or refused the request) at start: there is no retry then and no fallback; the
 * caller decides (e.g. offers a replay). After {@link #close()} the state is FINISHED unless it was FAILED.
 *
 * <p><b>Reconnect.</b> After a drop the source waits 1 s, doubling up to 30 s (each delay jittered ±20 %), backfills
 * by REST the closed bars since the last delivered one ({@code startTime} = last open time + interval) and
 * resubscribes. The backoff resets once the new stream delivers a message. The connector's WebSocket client sends
 * no pings, so a silently dead connection is detected by a watchdog instead: no message for 2 minutes counts as a
 * drop (for a symbol that trades rarely this means a reconnect, with its REST catch-up, every 2 minutes).
 *
 * <p>A sink that throws is logged and the bar counts as delivered; the source keeps running.
 */
public final class BinanceLiveSource implements MarketDataSource {

    /** Binance spot REST base URL (the connector's {@code DefaultUrls.PROD_URL}). */
    public static final String DEFAULT_REST_BASE_URL = DefaultUrls.PROD_URL;
    /** Binance spot WebSocket stream base URL, without {@code /ws} (the connector's {@code DefaultUrls.WS_URL}). */
    public static final String DEFAULT_WS_BASE_URL = DefaultUrls.WS_URL;
    /** Binance USDⓈ-M futures REST base URL (the futures connector's {@code DefaultUrls.USDM_PROD_URL}). */
    public static final String DEFAULT_FUTURES_REST_BASE_URL =
            com.binance.connector.futures.client.enums.DefaultUrls.USDM_PROD_URL;
    /** Binance USDⓈ-M futures WebSocket base URL, without {@code /ws} ({@code DefaultUrls.USDM_WS_URL}). */
    public static final String DEFAULT_FUTURES_WS_BASE_URL =
            com.binance.connector.futures.client.enums.DefaultUrls.USDM_WS_URL;
    /** Closed bars backfilled at start when the caller has no preference. */
    public static final int DEFAULT_BACKFILL_BARS = 500;
    /** Largest accepted {@code backfillBars}: one REST page (1000 klines) minus the forming bar. */
    public static final int MAX_BACKFILL_BARS = 999;

    private static final Logger log = LoggerFactory.getLogger(BinanceLiveSource.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Binance's maximum {@code limit} for {@code GET /api/v3/klines}. */
    private static final int PAGE = 1000;
    /** Safety bound on REST pages fetched to close one gap (1000 pages = 1M bars). */
    private static final int MAX_PAGES = 1000;
    /** A stream silent this long is treated as dropped. */
    private static final Duration DEFAULT_STALE_AFTER = Duration.ofMinutes(2);

    private final Market market;
    private final String symbol;
    private final Interval interval;
    private final String restBaseUrl;
    private final String wsBaseUrl;
    private final int backfillBars;
    private final long initialBackoffMs;
    private final long maxBackoffMs;
    private final long staleAfterNanos;
    private final String description;

    private final ScheduledThreadPoolExecutor executor;
    private final Object wsLock = new Object();
    private volatile SourceStatus status;
    private volatile boolean closed;
    private boolean started;

    // Below: touched only on the source thread (except wsClient/connectionId, guarded by wsLock).
    private BarSink sink;
    private SpotClientImpl rest;
    private UMFuturesClientImpl futuresRest;
    private WebSocketStreamClientImpl wsClient;
    private UMWebsocketClientImpl futuresWsClient;
    private int connectionId = -1;
    /** Increments per subscription; callbacks of an older connection are ignored. */
    private int generation;
    private boolean reconnectPending;
    private boolean gotMessageSinceOpen;
    private long backoffMs;
    private long lastClosedOpenTime = Long.MIN_VALUE;
    private long delivered;
    /** Why nothing is on the chart yet: set when the start backfill returned no closed bar, else empty. */
    private String emptyBackfill = "";
    /** {@link System#nanoTime()} of the last stream message, open or subscription attempt. */
    private long lastStreamNanos;
    private boolean watchdogStarted;

    /**
     * Creates a spot source; nothing connects before {@link #start(BarSink)}.
     *
     * @param symbol       Binance spot symbol, e.g. {@code BTCUSDT} (upper-cased)
     * @param interval     kline interval
     * @param restBaseUrl  REST base, e.g. {@link #DEFAULT_REST_BASE_URL} (a trailing {@code /} is removed)
     * @param wsBaseUrl    WebSocket base, e.g. {@link #DEFAULT_WS_BASE_URL}; the stream path {@code /ws/...} is added
     * @param backfillBars closed bars to fetch at start, 0..{@link #MAX_BACKFILL_BARS}
     * @throws IllegalArgumentException when symbol is blank or backfillBars out of range
     */
    public BinanceLiveSource(String symbol, Interval interval, String restBaseUrl, String wsBaseUrl, int backfillBars) {
        this(Market.SPOT, symbol, interval, restBaseUrl, wsBaseUrl, backfillBars);
    }

    /**
     * Creates a source of {@code market}; nothing connects before {@link #start(BarSink)}.
     *
     * @param market       SPOT or USDM_FUTURES
     * @param symbol       Binance symbol of that market, e.g. {@code BTCUSDT} (upper-cased)
     * @param interval     kline interval (any of the 15)
     * @param restBaseUrl  REST base, e.g. {@link #DEFAULT_FUTURES_REST_BASE_URL} (a trailing {@code /} is removed)
     * @param wsBaseUrl    WebSocket base, e.g. {@link #DEFAULT_FUTURES_WS_BASE_URL}; {@code /ws/...} is added
     * @param backfillBars closed bars to fetch at start, 0..{@link #MAX_BACKFILL_BARS}
     * @throws IllegalArgumentException when symbol is blank or backfillBars out of range
     */
    public BinanceLiveSource(Market market, String symbol, Interval interval, String restBaseUrl, String wsBaseUrl,
                             int backfillBars) {
        this(market, symbol, interval, restBaseUrl, wsBaseUrl, backfillBars, Duration.ofSeconds(1),
                Duration.ofSeconds(30), DEFAULT_STALE_AFTER);
    }

    /** A spot source with the reconnect backoff bounds and stream silence limit (tests make them small). */
    BinanceLiveSource(String symbol, Interval interval, String restBaseUrl, String wsBaseUrl, int backfillBars,
                      Duration initialBackoff, Duration maxBackoff, Duration staleAfter) {
        this(Market.SPOT, symbol, interval, restBaseUrl, wsBaseUrl, backfillBars, initialBackoff, maxBackoff,
                staleAfter);
    }

    /** As the public constructor, with the reconnect backoff bounds and stream silence limit (tests make them small). */
    BinanceLiveSource(Market market, String symbol, Interval interval, String restBaseUrl, String wsBaseUrl,
                      int backfillBars, Duration initialBackoff, Duration maxBackoff, Duration staleAfter) {
        this.market = Objects.requireNonNull(market, "market");
        Objects.requireNonNull(symbol, "symbol");
        if (symbol.isBlank()) {
            throw new IllegalArgumentException("symbol is blank");
        }
        if (backfillBars < 0 || backfillBars > MAX_BACKFILL_BARS) {
            throw new IllegalArgumentException("backfillBars must be 0.." + MAX_BACKFILL_BARS + ", was " + backfillBars);
        }
        this.symbol = symbol.trim().toUpperCase(Locale.ROOT);
        this.interval = Objects.requireNonNull(interval, "interval");
        this.restBaseUrl = stripSlash(Objects.requireNonNull(restBaseUrl, "restBaseUrl"));
        this.wsBaseUrl = stripSlash(Objects.requireNonNull(wsBaseUrl, "wsBaseUrl"));
        this.backfillBars = backfillBars;
        this.initialBackoffMs = Math.max(1, initialBackoff.toMillis());
        this.maxBackoffMs = Math.max(initialBackoffMs, maxBackoff.toMillis());
        this.backoffMs = initialBackoffMs;
        this.staleAfterNanos = Math.max(1, staleAfter.toNanos());
        // Name the venue when it is not Binance itself (e.g. the local simulator), so nobody mistakes it for Binance.
        String venue = stripSlash(restBaseUrl).equals(market == Market.SPOT ? DEFAULT_REST_BASE_URL
                : DEFAULT_FUTURES_REST_BASE_URL) ? "Binance" : URI.create(stripSlash(restBaseUrl)).getAuthority();
        this.description = "Live " + (market == Market.SPOT ? "spot " : "USD-M futures ") + this.symbol + " "
                + interval.code() + " from " + venue;
        this.status = new SourceStatus(SourceStatus.Kind.LIVE, SourceStatus.State.CONNECTING, description, 1, 0, -1, "");
        this.executor = new ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().daemon().name("live-" + this.symbol).factory());
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        executor.setRemoveOnCancelPolicy(true);
    }

    /**
     * Checks that Binance's REST market data answers {@code GET /api/v3/ping}, within {@code timeout}.
     *
     * @param restBaseUrl e.g. {@link #DEFAULT_REST_BASE_URL}
     * @param timeout     bound for connecting and for the answer
     * @return empty when reachable, otherwise a reason a trader can read (names the URL; no secrets involved)
     */
    public static Optional<String> probe(String restBaseUrl, Duration timeout) {
        return probe(Market.SPOT, restBaseUrl, timeout);
    }

    /**
     * Checks that the REST market data of {@code market} answers its ping ({@code GET /api/v3/ping} or
     * {@code GET /fapi/v1/ping}), within {@code timeout}.
     *
     * @return empty when reachable, otherwise a reason a trader can read (names the URL)
     */
    public static Optional<String> probe(Market market, String restBaseUrl, Duration timeout) {
        String base = stripSlash(Objects.requireNonNull(restBaseUrl, "restBaseUrl"));
        URI uri;
        try {
            uri = URI.create(base + (market == Market.SPOT ? "/api/v3/ping" : "/fapi/v1/ping"));
        } catch (IllegalArgumentException e) {
            return Optional.of("Invalid Binance market data URL " + base + ": " + e.getMessage());
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(timeout).build();
        try {
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            if (r.statusCode() == 200) {
                return Optional.empty();
            }
            return Optional.of("Binance market data at " + base + " answered HTTP " + r.statusCode() + " to ping");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("Interrupted while checking Binance market data at " + base);
        } catch (IOException | RuntimeException e) {
            return Optional.of("Cannot reach Binance market data at " + base + ": " + cause(e));
        } finally {
            http.shutdownNow(); // do not wait for a timed-out exchange
        }
    }

    /** The market (SPOT or USDM_FUTURES). */
    public Market market() {
        return market;
    }

    /** The {@code symbol} as used on Binance (upper case). */
    public String symbol() {
        return symbol;
    }

    /** The kline interval. */
    public Interval interval() {
        return interval;
    }

    @Override
    public SourceStatus status() {
        return status;
    }

    /**
     * Starts the backfill and the stream on thread {@code live-<symbol>} and returns at once. The sink first gets
     * CONNECTING, then the backfilled closed bars (ascending), the forming bar, and RUNNING once the stream is open
     * — or FAILED when the REST endpoint cannot be reached.
     *
     * @throws IllegalStateException when already started or closed
     */
    @Override
    public synchronized void start(BarSink sink) {
        Objects.requireNonNull(sink, "sink");
        if (started) {
            throw new IllegalStateException("live source already started");
        }
        if (closed) {
            throw new IllegalStateException("live source is closed");
        }
        started = true;
        submit(() -> begin(sink));
    }

    /** Closes the stream connection and stops the source thread; idempotent, does not block. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        closeSocket();
        if (status.state() != SourceStatus.State.FAILED) {
            SourceStatus last = status.with(SourceStatus.State.FINISHED, status.barsDelivered(), "closed");
            status = last;
            try {
                executor.execute(() -> {
                    if (sink != null) {
                        notifyStatus(sink, last);
                    }
                });
            } catch (RejectedExecutionException ignored) {
                // already shut down
            }
        }
        executor.shutdown();
    }

    // ---- source thread -------------------------------------------------------------------------------------------

    private void begin(BarSink s) {
        this.sink = s;
        publish(SourceStatus.State.CONNECTING, "Backfilling " + backfillBars + " bars from " + restBaseUrl);
        try {
            if (market == Market.SPOT) {
                rest = new SpotClientImpl(restBaseUrl);
            } else {
                futuresRest = new UMFuturesClientImpl(restBaseUrl);
            }
            List<Bar> rows = fetch(null, null, backfillBars + 1);
            deliverFetched(rows, true);
            if (backfillBars > 0 && delivered == 0) {
                emptyBackfill = "The venue returned no " + interval.code() + " klines for " + symbol + " ("
                        + (market == Market.SPOT ? "spot" : "USD-M futures") + ")";
                log.info("{} at {}", emptyBackfill, restBaseUrl);
            }
        } catch (RuntimeException e) {
            String msg = e instanceof BinanceClientException
                    || e instanceof com.binance.connector.futures.client.exceptions.BinanceClientException
                    ? "Binance refused the klines request for " + symbol + " " + interval.code() + " at "
                    + restBaseUrl + ": " + cause(e)
                    : "Cannot reach Binance market data at " + restBaseUrl + ": " + cause(e);
            log.warn("{}", msg);
            publish(SourceStatus.State.FAILED, msg);
            closeSocket();
            executor.shutdown();
            return;
        }
        subscribe();
    }

    private void subscribe() {
        if (closed) {
            return;
        }
        int gen = ++generation;
        gotMessageSinceOpen = false;
        lastStreamNanos = System.nanoTime();
        if (!watchdogStarted) {
            watchdogStarted = true;
            long period = Math.max(1, staleAfterNanos / 4);
            try {
                executor.scheduleWithFixedDelay(this::checkStale, period, period, TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException ignored) {
                // closed meanwhile
            }
        }
        try {
            synchronized (wsLock) {
                if (closed) {
                    return;
                }
                if (market == Market.USDM_FUTURES) {
                    if (futuresWsClient == null) {
                        futuresWsClient = new UMWebsocketClientImpl(wsBaseUrl);
                    }
                    // The futures connector hands every callback a String: null on open and failure, the reason on
                    // closing; it reports no separate "closed".
                    connectionId = futuresWsClient.klineStream(symbol, interval.code(),
                            opened -> submit(() -> onOpen(gen)),
                            message -> submit(() -> onMessage(gen, message)),
                            reason -> submit(() -> onDrop(gen, "stream closing by server"
                                    + (reason == null || reason.isBlank() ? "" : " (" + reason + ")"))),
                            failure -> submit(() -> onDrop(gen, "stream failed"
                                    + (failure == null || failure.isBlank() ? "" : ": " + failure))));
                    return;
                }
                if (wsClient == null) {
                    wsClient = new WebSocketStreamClientImpl(wsBaseUrl);
                }
                connectionId = wsClient.klineStream(symbol, interval.code(),
                        response -> submit(() -> onOpen(gen)),
                        message -> submit(() -> onMessage(gen, message)),
                        (code, reason) -> submit(() -> onDrop(gen, "stream closing by server (" + code
                                + (reason == null || reason.isBlank() ? "" : " " + reason) + ")")),
                        (code, reason) -> submit(() -> onDrop(gen, "stream closed (" + code + ")")),
                        (t, response) -> submit(() -> onDrop(gen, "stream failed: " + cause(t)
                                + (response == null ? "" : " (HTTP " + response.code() + ")"))));
            }
        } catch (RuntimeException e) {
            onDrop(gen, "cannot open stream: " + cause(e));
        }
    }

    private void checkStale() {
        if (closed || reconnectPending) {
            return;
        }
        long silent = System.nanoTime() - lastStreamNanos;
        if (silent > staleAfterNanos) {
            onDrop(generation, "no data from the stream for " + formatDelay(TimeUnit.NANOSECONDS.toMillis(silent)));
        }
    }

    private void onOpen(int gen) {
        if (gen != generation || closed) {
            return;
        }
        lastStreamNanos = System.nanoTime();
        publish(SourceStatus.State.RUNNING, delivered == 0 ? emptyBackfill : "");
    }

    private void onMessage(int gen, String message) {
        if (gen != generation || closed) {
            return;
        }
        lastStreamNanos = System.nanoTime();
        if (!gotMessageSinceOpen) {
            gotMessageSinceOpen = true;
            backoffMs = initialBackoffMs;
        }
        Bar bar;
        try {
            bar = parseEvent(message);
        } catch (RuntimeException e) {
            log.warn("Ignoring malformed kline event for {}: {}", symbol, cause(e));
            return;
        }
        if (bar == null) {
            return;
        }
        if (lastClosedOpenTime != Long.MIN_VALUE && bar.openTime() > nextOpen(lastClosedOpenTime)) {
            try {
                fillGap(bar.openTime());
            } catch (RuntimeException e) {
                // Delivering the stream bar now would leave a hole: reconnect, whose backfill closes it.
                onDrop(gen, "cannot backfill missed bars: " + cause(e));
                return;
            }
        }
        deliver(bar);
    }

    private void onDrop(int gen, String reason) {
        if (gen != generation || closed || reconnectPending) {
            return;
        }
        generation++; // ignore anything else the dropped connection still reports
        closeSocket();
        scheduleReconnect(reason);
    }

    private void scheduleReconnect(String reason) {
        long delay = Math.max(1, (long) (backoffMs * (0.8 + 0.4 * ThreadLocalRandom.current().nextDouble())));
        backoffMs = Math.min(maxBackoffMs, backoffMs * 2);
        reconnectPending = true;
        publish(SourceStatus.State.LAGGING, reason + "; reconnecting in " + formatDelay(delay));
        // one WARN line per drop, with the reason (the connector's own ERROR + stack trace is filtered out)
        log.warn("Live {} {} {}: {}; reconnecting in {} ms", market, symbol, interval.code(), reason, delay);
        try {
            executor.schedule(this::reconnect, delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException ignored) {
            // closed meanwhile
        }
    }

    private void reconnect() {
        reconnectPending = false;
        if (closed) {
            return;
        }
        try {
            Long from = lastClosedOpenTime == Long.MIN_VALUE ? null : nextOpen(lastClosedOpenTime);
            List<Bar> rows = from == null ? fetch(null, null, backfillBars + 1) : fetchFrom(from, null);
            deliverFetched(rows, true);
        } catch (RuntimeException e) {
            scheduleReconnect("backfill failed: " + cause(e));
            return;
        }
        subscribe();
    }

    /** Fetches and delivers the closed bars from the next expected open time up to (excluding) {@code before}. */
    private void fillGap(long before) {
        long from = nextOpen(lastClosedOpenTime);
        List<Bar> rows = fetchFrom(from, before - 1);
        deliverFetched(rows, false);
    }

    /**
     * Delivers REST rows: all closed, except the very last one of an open-ended fetch, which Binance always
     * reports as the current forming kline.
     */
    private void deliverFetched(List<Bar> rows, boolean lastIsForming) {
        for (int i = 0; i < rows.size(); i++) {
            boolean forming = lastIsForming && i == rows.size() - 1;
            deliver(rows.get(i).withClosed(!forming), true);
        }
    }

    private void deliver(Bar bar) {
        deliver(bar, false);
    }

    /**
     * @param history true for bars fetched by REST (backfill, gap fill): they reach the sink as warm-up bars, which
     *                update indicators but never trade — their prices are already in the past
     */
    private void deliver(Bar bar, boolean history) {
        if (closed || bar.openTime() <= lastClosedOpenTime) {
            return;
        }
        try {
            if (bar.closed()) {
                lastClosedOpenTime = bar.openTime();
                delivered++;
                if (history) {
                    sink.onWarmupBar(bar);
                } else {
                    sink.onBar(bar);
                }
            } else {
                sink.onBarUpdate(bar);
            }
        } catch (RuntimeException e) {
            log.error("Bar sink failed on {} bar {} of {}", bar.closed() ? "closed" : "forming",
                    bar.openInstant(), symbol, e);
        }
        if (bar.closed()) {
            status = status.with(status.state(), delivered, status.message());
        }
    }

    /** Pages through {@code GET /api/v3/klines} (futures {@code /fapi/v1/klines}) from {@code startTime} until a short page or {@code endTime}. */
    private List<Bar> fetchFrom(long startTime, Long endTime) {
        List<Bar> all = new ArrayList<>();
        long from = startTime;
        for (int page = 0; page < MAX_PAGES && !closed; page++) {
            List<Bar> rows = fetch(from, endTime, PAGE);
            all.addAll(rows);
            if (rows.size() < PAGE) {
                break;
            }
            from = rows.get(rows.size() - 1).openTime() + 1;
        }
        return all;
    }

    private List<Bar> fetch(Long startTime, Long endTime, int limit) {
        LinkedHashMap<String, Object> params = new LinkedHashMap<>();
        params.put("symbol", symbol);
        params.put("interval", interval.code());
        if (startTime != null) {
            params.put("startTime", startTime);
        }
        if (endTime != null) {
            params.put("endTime", endTime);
        }
        params.put("limit", limit);
        String body = market == Market.SPOT ? rest.createMarket().klines(params)
                : futuresRest.market().klines(params);
        return parseRest(body);
    }

    // ---- parsing -------------------------------------------------------------------------------------------------

    /**
     * Parses a REST klines answer: {@code [[openTime, "o", "h", "l", "c", "v", closeTime, "q", n, "V", "Q", "0"],
     * ...]} into bars marked closed, ascending as Binance sends them.
     */
    List<Bar> parseRest(String body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("klines answer is not JSON: " + e.getMessage(), e);
        }
        if (!root.isArray()) {
            throw new IllegalStateException("klines answer is not an array");
        }
        List<Bar> bars = new ArrayList<>(root.size());
        for (JsonNode r : root) {
            bars.add(new Bar(symbol, interval, r.get(0).asLong(), r.get(6).asLong(),
                    dec(r.get(1)), dec(r.get(2)), dec(r.get(3)), dec(r.get(4)), dec(r.get(5)),
                    dec(r.get(7)), r.get(8).asLong(), dec(r.get(9)), dec(r.get(10)), true));
        }
        return bars;
    }

    /**
     * Parses a kline stream event ({@code {"e":"kline","s":..,"k":{"t","T","o","h","l","c","v","q","n","V","Q","x"}}},
     * raw or wrapped in a combined-stream {@code {"stream":..,"data":..}}).
     *
     * @return the bar, or {@code null} when the event is not a kline of this symbol and interval
     */
    Bar parseEvent(String message) {
        JsonNode root;
        try {
            root = JSON.readTree(message);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
        if (root.has("data")) {
            root = root.get("data");
        }
        JsonNode k = root.get("k");
        if (!"kline".equals(root.path("e").asText()) || k == null) {
            return null;
        }
        if (!symbol.equalsIgnoreCase(k.path("s").asText(root.path("s").asText(symbol)))
                || !interval.code().equals(k.path("i").asText(interval.code()))) {
            return null;
        }
        return new Bar(symbol, interval, req(k, "t").asLong(), req(k, "T").asLong(),
                dec(req(k, "o")), dec(req(k, "h")), dec(req(k, "l")), dec(req(k, "c")), dec(req(k, "v")),
                dec(k.get("q")), k.has("n") ? k.get("n").asLong() : -1, dec(k.get("V")), dec(k.get("Q")),
                req(k, "x").asBoolean());
    }

    private static JsonNode req(JsonNode k, String field) {
        JsonNode n = k.get(field);
        if (n == null || n.isNull()) {
            throw new IllegalArgumentException("kline event lacks field k." + field);
        }
        return n;
    }

    private static BigDecimal dec(JsonNode n) {
        return n == null || n.isNull() ? null : new BigDecimal(n.asText());
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    /** Open time of the bar after the one opening at {@code openTime} (calendar month for {@code 1M}). */
    private long nextOpen(long openTime) {
        if (interval.isCalendarMonth()) {
            return Instant.ofEpochMilli(openTime).atZone(ZoneOffset.UTC).plusMonths(1).toInstant().toEpochMilli();
        }
        return openTime + interval.millis();
    }

    private void closeSocket() {
        synchronized (wsLock) {
            if ((wsClient != null || futuresWsClient != null) && connectionId >= 0) {
                // closeConnection, never closeAllConnections: the latter shuts down the connector's shared
                // OkHttp dispatcher for every stream in the JVM.
                try {
                    if (market == Market.SPOT) {
                        wsClient.closeConnection(connectionId);
                    } else {
                        futuresWsClient.closeConnection(connectionId);
                    }
                } catch (RuntimeException e) {
                    log.debug("closing stream {}: {}", connectionId, cause(e));
                }
                connectionId = -1;
            }
        }
    }

    private void submit(Runnable task) {
        if (closed) {
            return;
        }
        try {
            executor.execute(() -> {
                if (!closed) {
                    task.run();
                }
            });
        } catch (RejectedExecutionException ignored) {
            // closed meanwhile
        }
    }

    private void publish(SourceStatus.State state, String message) {
        SourceStatus s = status.with(state, delivered, message);
        status = s;
        notifyStatus(sink, s);
    }

    private static void notifyStatus(BarSink s, SourceStatus st) {
        try {
            s.onStatus(st);
        } catch (RuntimeException e) {
            log.error("Bar sink failed on status {}", st.state(), e);
        }
    }

    private static String stripSlash(String url) {
        String u = url.trim();
        while (u.endsWith("/")) {
            u = u.substring(0, u.length() - 1);
        }
        return u;
    }

    /** The innermost message of {@code e}, without the connector's {@code [ResponseHandler] OKHTTP Error:} prefix. */
    private static String cause(Throwable e) {
        // Say what the trader can act on, not only the exception's name: look through the whole cause chain.
        for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof java.nio.channels.UnresolvedAddressException || c instanceof java.net.UnknownHostException) {
                return "host name not found (no internet connection or DNS)";
            }
            if (c instanceof java.net.ConnectException) {
                return "connection refused or network unreachable";
            }
            if (c instanceof java.net.http.HttpTimeoutException || c instanceof java.net.SocketTimeoutException) {
                return "no answer in time";
            }
        }
        Throwable t = e;
        for (int i = 0; i < 10 && t.getCause() != null && t.getCause() != t; i++) {
            t = t.getCause();
        }
        String m = t.getMessage();
        if (m == null || m.isBlank()) {
            return t.getClass().getSimpleName();
        }
        return m.replace("[ResponseHandler] ", "").replace("OKHTTP Error: ", "").trim();
    }

    private static String formatDelay(long ms) {
        return ms < 1000 ? ms + " ms" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }
}
