package dev.pennant.core.exchange.binance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pennant.core.exchange.ExecutionClient;
import dev.pennant.core.exchange.ExecutionEventHandler;
import dev.pennant.core.exchange.ExecutionReport;
import dev.pennant.core.exchange.ExecutionReport.ExecType;
import dev.pennant.core.execution.ExecutionEngine;
import dev.pennant.core.execution.FillReport;
import dev.pennant.core.execution.LiveAuthorization;
import dev.pennant.core.execution.OrderStatusReport;
import dev.pennant.core.execution.PositionReport;
import dev.pennant.core.execution.Reconciler;
import dev.pennant.core.model.Fill;
import dev.pennant.core.model.Instrument;
import dev.pennant.core.model.Market;
import dev.pennant.core.model.Order;
import dev.pennant.core.model.OrderStatus;
import dev.pennant.core.vault.VaultException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The LIVE venue: Pennant's orders on Binance spot and USDⓈ-M futures (mainnet, testnet, or the local simulator),
 * over signed REST ({@link BinanceRestClient}, through its weight governor) and the user-data streams
 * ({@link BinanceUserDataStream}).
 *
 * <p><b>Orders.</b> {@link #submit} sends {@link BinanceOrderMapper#newOrder} (every Pennant type; USDⓈ-M conditional
 * types go to the Algo Service); {@link #cancel} is {@code DELETE} by {@code origClientOrderId} ({@code clientAlgoId});
 * {@link #modify} is USDⓈ-M {@code PUT /fapi/v1/order} or spot {@code cancelReplace}.
 *
 * <p><b>Threads.</b> The engine calls the {@link ExecutionClient} methods on its thread; they never block: HTTP runs on
 * the client's own I/O thread ({@code binance-exec-io}, one, so a cancel follows its order), the streams on their
 * reader threads. Every answer and stream event is handed to the <b>engine executor</b> given at construction (e.g.
 * {@code EngineLoop::post}) and turned into {@link ExecutionReport}s there; the handler is never called from an HTTP or
 * WebSocket thread. All bookkeeping below is engine-thread state.
 *
 * <p><b>Exactly once.</b> A fill is booked once per (market, symbol, trade id), whichever of the REST answer (spot
 * {@code FULL} {@code fills}) and the stream ({@code executionReport} / {@code ORDER_TRADE_UPDATE}) brings it first;
 * NEW and terminal reports are sent once per order. Trades are booked through {@link BinanceFillBooking} (spot fees
 * taken in the base asset become an in-kind adjustment, so the ledger moves exactly as the Binance balances).
 *
 * <p><b>Idempotent resubmission.</b> When a new-order call times out, fails on I/O, or Binance answers that the outcome
 * is unknown (HTTP 5xx, -1006, -1007), the client first asks whether the order exists — by the stream (an event for the
 * clientOrderId already arrived) and by {@code GET order} with {@code origClientOrderId} — and only when Binance
 * answers -2013 (does not exist) sends it again, at most {@link Options#maxSubmitAttempts} times. When the question
 * itself cannot be answered, nothing more is sent: the order stays NEW "in doubt" (logged at ERROR, counted in
 * {@link #inDoubt()}) until the stream or the next reconciliation settles it. No second order is ever sent for a
 * clientOrderId Binance knows.
 *
 * <p><b>Errors</b> become REJECTED reports carrying Binance's code and words, e.g.
 * {@code "-2010 Account has insufficient balance for requested action."}; a refused cancel or modify becomes
 * REQUEST_REJECTED.
 *
 * <p><b>Reconciliation.</b> With {@link #enableReconciliation}, the client reconciles ({@link Reconciler}) at
 * {@link #start()} and after every reconnect of a user-data stream: it fetches the venue state on its I/O thread,
 * compares and repairs on the engine thread, and hands the {@link Reconciler.Result} to the listener (and the log).
 *
 * <p>Factories: {@link #live} needs a {@link LiveAuthorization}; {@link #local} accepts only loopback endpoints (the
 * simulator). The API key and secret never appear in logs or messages.
 */
public final class BinanceExecutionClient implements ExecutionClient, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BinanceExecutionClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_ORPHANS = 1000;
    private static final long SPOT_TRADE_WINDOW_MS = 24 * 3_600_000L;     // myTrades: startTime..endTime ≤ 24 h
    private static final long FUTURES_TRADE_WINDOW_MS = 7 * 24 * 3_600_000L; // userTrades: ≤ 7 days
    /** Reconciliation asks for trades of at most the last 7 days (7 spot calls, 1 futures call per symbol). */
    static final long MAX_TRADE_LOOKBACK_MS = 7 * 24 * 3_600_000L;

    /** One signed REST call; production: {@link BinanceRestClient#signedRequest}. */
    @FunctionalInterface
    interface SignedApi {
        String call(Market market, String method, String path, Map<String, String> params);
    }

    /**
     * Tuning.
     *
     * @param maxSubmitAttempts new-order calls per clientOrderId when earlier ones ended with an unknown outcome and
     *                          Binance confirmed it does not know the order (≥ 1)
     * @param maxStatusQueries  {@code GET order} attempts to learn whether an order exists (≥ 1)
     * @param retryDelayMillis  pause between those attempts on the I/O thread, ms (≥ 0)
     * @param assetPrices       asset → price in the ledger's quote asset, for commissions in a third asset (BNB);
     *                          may answer null
     */
    public record Options(int maxSubmitAttempts, int maxStatusQueries, long retryDelayMillis,
                          Function<String, BigDecimal> assetPrices) {
        /** @throws IllegalArgumentException naming the field out of range */
        public Options {
            if (maxSubmitAttempts < 1) throw new IllegalArgumentException("maxSubmitAttempts must be >= 1");
            if (maxStatusQueries < 1) throw new IllegalArgumentException("maxStatusQueries must be >= 1");
            if (retryDelayMillis < 0) throw new IllegalArgumentException("retryDelayMillis must be >= 0");
            Objects.requireNonNull(assetPrices, "assetPrices");
        }

        /** 3 placement attempts, 3 status queries, 500 ms apart, no third-asset prices. */
        public static Options defaults() {
            return new Options(3, 3, 500, a -> null);
        }
    }

    /** An order this client works (engine-thread state). */
    private static final class Tracked {
        Order current;
        final boolean algo;
        boolean accepted;
        boolean done;
        String venueOrderId;
        BigDecimal finishedAt; // algo FINISHED with trades still to come: the executed quantity it reported
        final Set<String> replacedVenueIds = new HashSet<>();

        Tracked(Order o, Map<String, Boolean> algoById) {
            this.current = o;
            this.algo = BinanceOrderMapper.isAlgo(o);
            this.venueOrderId = o.venueOrderId();
            algoById.put(o.clientOrderId(), algo);
        }
    }

    private final String venueName;
    private final SignedApi api;
    private final Consumer<Runnable> engine;
    private final Executor io;
    private final ExecutorService ownedIo;
    private final BiFunction<Market, String, Instrument> instruments;
    private final BinanceFillBooking booking;
    private final Options options;
    private final LongSupplier venueClock;
    private final Set<Market> markets;
    private final List<AutoCloseable> owned = new ArrayList<>();
    private final List<BinanceUserDataStream> streams = new ArrayList<>();
    private Function<Market, BinanceUserDataStream> streamFactory;
    private ExecutionEventHandler handler;

    // engine-thread state
    private final Map<String, Tracked> tracked = new HashMap<>();
    private final Map<String, String> byVenueId = new HashMap<>();
    private final Set<String> bookedTrades = new HashSet<>();
    private final List<Fill> bookedFills = new ArrayList<>();
    private final List<UserDataEvent.OrderUpdate> orphans = new ArrayList<>();
    private final Set<String> inDoubt = new HashSet<>();

    // any thread
    private final Set<String> seenOnStream = ConcurrentHashMap.newKeySet();
    /** clientOrderId → whether it is an Algo Service order, for the I/O thread's queries. */
    private final Map<String, Boolean> algoById = new ConcurrentHashMap<>();
    private volatile Supplier<Reconciler.Scope> scope;
    private volatile Supplier<Reconciler.LocalState> localState;
    private volatile Consumer<Reconciler.Result> reconciliationListener = r -> { };
    private volatile boolean closed;

    /**
     * The general constructor (tests drive it with a scripted {@code api} and a direct I/O executor).
     *
     * @param venueName   for the status bar, e.g. {@code binance-mainnet}
     * @param api         signed REST calls
     * @param engine      hands a task to the engine thread (e.g. {@code EngineLoop::post}); the only way reports reach
     *                    the handler
     * @param io          runs REST calls off the engine thread (null: the client's own single thread)
     * @param instruments (market, symbol) → instrument, read on the engine thread
     * @param ledgerQuote the portfolio's quote asset, e.g. {@code USDT}
     * @param venueClock  venue time, epoch ms (server-time corrected)
     * @param markets     markets this client trades (their user-data streams are opened at {@link #start()})
     */
    BinanceExecutionClient(String venueName, SignedApi api, Consumer<Runnable> engine, Executor io,
                           BiFunction<Market, String, Instrument> instruments, String ledgerQuote,
                           LongSupplier venueClock, Set<Market> markets, Options options) {
        this.venueName = Objects.requireNonNull(venueName, "venueName");
        this.api = Objects.requireNonNull(api, "api");
        this.engine = Objects.requireNonNull(engine, "engine");
        this.instruments = Objects.requireNonNull(instruments, "instruments");
        this.options = Objects.requireNonNull(options, "options");
        this.venueClock = Objects.requireNonNull(venueClock, "venueClock");
        this.markets = markets.isEmpty() ? EnumSet.noneOf(Market.class) : EnumSet.copyOf(markets);
        this.booking = new BinanceFillBooking(instruments, Objects.requireNonNull(ledgerQuote, "ledgerQuote"),
                options.assetPrices());
        if (io == null) {
            this.ownedIo = Executors.newSingleThreadExecutor(
                    Thread.ofPlatform().daemon().name("binance-exec-io").factory());
            this.io = ownedIo;
        } else {
            this.ownedIo = null;
            this.io = io;
        }
    }

    // ------------------------------------------------------------------------------------------ factories

    /**
     * A client for a real Binance venue (the authorization's profile and market), with its user-data stream.
     *
     * @param engine      the engine executor (e.g. {@code EngineLoop::post})
     * @param instruments (market, symbol) → instrument, read on the engine thread
     * @param ledgerQuote the portfolio's quote asset
     * @throws VaultException when the vault was locked since the authorization (nothing is built)
     */
    public static BinanceExecutionClient live(LiveAuthorization auth, Consumer<Runnable> engine,
                                              BiFunction<Market, String, Instrument> instruments, String ledgerQuote,
                                              Options options) throws VaultException {
        Objects.requireNonNull(auth, "auth");
        return auth.withCredentials((key, secret) -> build("binance-" + auth.profile().label(), auth.endpoints(),
                new String(key), secret, EnumSet.of(auth.market()), engine, instruments, ledgerQuote, options));
    }

    /**
     * A client for a local Binance-compatible venue (the simulator) on loopback.
     *
     * @param secret copied into the signer; wipe yours afterwards
     * @throws IllegalArgumentException {@code endpoints}: a base URL is not on 127.0.0.1/localhost/::1 — real venues
     *                                  need {@link #live} and a {@link LiveAuthorization}
     */
    public static BinanceExecutionClient local(BinanceEndpoints endpoints, String apiKey, char[] secret,
                                               Set<Market> markets, Consumer<Runnable> engine,
                                               BiFunction<Market, String, Instrument> instruments, String ledgerQuote,
                                               Options options) {
        requireLoopback(endpoints);
        return build("binance-" + endpoints.name(), endpoints, apiKey, secret, markets, engine, instruments,
                ledgerQuote, options);
    }

    /** @throws IllegalArgumentException unless every base URL of {@code e} is on a loopback host */
    static void requireLoopback(BinanceEndpoints e) {
        for (String url : List.of(e.spotRest(), e.spotWs(), e.futuresRest(), e.futuresWs())) {
            String host;
            try {
                host = URI.create(url).getHost();
            } catch (IllegalArgumentException bad) {
                host = null;
            }
            if (host == null || !(host.equals("127.0.0.1") || host.equals("localhost") || host.equals("[::1]")
                    || host.equals("::1"))) {
                throw new IllegalArgumentException("endpoints: " + url + " is not a loopback simulator; a real "
                        + "Binance venue needs a LiveAuthorization (BinanceExecutionClient.live)");
            }
        }
    }

    private static BinanceExecutionClient build(String name, BinanceEndpoints endpoints, String apiKey,
                                                char[] secret, Set<Market> markets, Consumer<Runnable> engine,
                                                BiFunction<Market, String, Instrument> instruments,
                                                String ledgerQuote, Options options) {
        BinanceSigner signer = BinanceSigner.hmac(secret);
        BinanceRestClient rest = new BinanceRestClient(endpoints, apiKey, signer);
        Market clockMarket = markets.contains(Market.SPOT) || markets.isEmpty() ? Market.SPOT : Market.USDM_FUTURES;
        BinanceExecutionClient c = new BinanceExecutionClient(name, rest::signedRequest, engine, null, instruments,
                ledgerQuote, () -> rest.timeSync(clockMarket).serverNow(), markets, options);
        c.owned.add(rest);
        c.owned.add(signer);
        c.streamFactory = m -> new BinanceUserDataStream(rest, m, ev -> c.onUserData(m, ev));
        return c;
    }

    // ------------------------------------------------------------------------------------------ life cycle

    /**
     * Opens the user-data streams of the client's markets (creating their listenKeys on the calling thread) and, when
     * {@link #enableReconciliation} was called, reconciles once.
     *
     * @throws Exception when Binance refuses a listenKey (e.g. -2015: the key lacks the permission)
     */
    public void start() throws Exception {
        if (streamFactory != null) {
            for (Market m : markets) {
                BinanceUserDataStream s = streamFactory.apply(m);
                s.onConnected(n -> {
                    if (n > 1) reconcileNow(m + " user-data stream reconnected (connection " + n + ")");
                });
                streams.add(s);
                s.start();
            }
        }
        if (scope != null) reconcileNow("start");
    }

    /** The open user-data streams (tests wait for them to connect). */
    public List<BinanceUserDataStream> streams() {
        return List.copyOf(streams);
    }

    /** Stops the streams, the I/O thread and the REST client; idempotent. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        for (BinanceUserDataStream s : streams) s.close();
        if (ownedIo != null) ownedIo.shutdownNow();
        for (AutoCloseable c : owned) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.debug("close failed: {}", e.getClass().getSimpleName());
            }
        }
    }

    // ------------------------------------------------------------------------------------------ ExecutionClient

    @Override
    public void setEventHandler(ExecutionEventHandler handler) {
        this.handler = Objects.requireNonNull(handler, "handler");
    }

    @Override
    public String venue() {
        return venueName;
    }

    @Override
    public void submit(Order order) {
        Tracked t = new Tracked(order, algoById);
        tracked.put(order.clientOrderId(), t);
        BinanceOrderMapper.Request req;
        try {
            req = BinanceOrderMapper.newOrder(order);
        } catch (IllegalArgumentException e) {
            post(() -> reject(t, "not sent: " + e.getMessage(), order.createdTime()));
            return;
        }
        io.execute(() -> place(order, req));
    }

    @Override
    public void cancel(String clientOrderId, long time) {
        Tracked t = trackedOrAdopt(clientOrderId);
        if (t == null) {
            LOG.warn("cancel of {}: no such order in this client or the engine", clientOrderId);
            return;
        }
        BinanceOrderMapper.Request req = BinanceOrderMapper.cancel(t.current);
        io.execute(() -> {
            try {
                JsonNode n = tree(api.call(req.market(), req.method(), req.path(), req.params()));
                post(() -> onCancelAnswer(clientOrderId, n));
            } catch (BinanceApiException e) {
                post(() -> requestRejected(clientOrderId, reason(e), time));
            } catch (RuntimeException e) {
                post(() -> requestRejected(clientOrderId, "cancel outcome unknown (" + e.getClass().getSimpleName()
                        + "); the stream or the next reconciliation will tell", time));
            }
        });
    }

    @Override
    public void modify(String clientOrderId, BigDecimal quantity, BigDecimal price, long time) {
        Tracked t = trackedOrAdopt(clientOrderId);
        if (t == null) {
            LOG.warn("modify of {}: no such order in this client or the engine", clientOrderId);
            return;
        }
        BinanceOrderMapper.Request req;
        try {
            req = BinanceOrderMapper.modify(t.current, quantity, price);
        } catch (IllegalArgumentException e) {
            post(() -> requestRejected(clientOrderId, e.getMessage(), time));
            return;
        }
        String oldVenueId = t.venueOrderId;
        boolean spot = t.current.market() == Market.SPOT;
        if (spot && oldVenueId != null) t.replacedVenueIds.add(oldVenueId); // its CANCELED is the replace, not ours
        io.execute(() -> {
            try {
                JsonNode n = tree(api.call(req.market(), req.method(), req.path(), req.params()));
                post(() -> onModified(clientOrderId, n, time));
            } catch (BinanceApiException e) {
                if (spot && e.code() == -2021) {
                    // cancel-replace "partially failed": the cancel went through, the new order did not
                    Optional<JsonNode> now = queryQuietly(t.current.market(), t.current.symbol(), clientOrderId, false);
                    post(() -> now.ifPresentOrElse(n -> apply(clientOrderId, n, List.of()),
                            () -> requestRejected(clientOrderId, reason(e), time)));
                } else {
                    post(() -> {
                        if (oldVenueId != null) t.replacedVenueIds.remove(oldVenueId);
                        requestRejected(clientOrderId, reason(e), time);
                    });
                }
            } catch (RuntimeException e) {
                post(() -> requestRejected(clientOrderId, "modify outcome unknown (" + e.getClass().getSimpleName()
                        + "); the stream or the next reconciliation will tell", time));
            }
        });
    }

    // ------------------------------------------------------------------------------------------ placement (I/O)

    private void place(Order order, BinanceOrderMapper.Request req) {
        String id = order.clientOrderId();
        String last = null;
        for (int attempt = 1; attempt <= options.maxSubmitAttempts(); attempt++) {
            try {
                JsonNode n = tree(api.call(req.market(), req.method(), req.path(), req.params()));
                post(() -> apply(id, n, List.of()));
                return;
            } catch (BinanceApiException e) {
                if (!outcomeUnknown(e)) {
                    post(() -> rejectById(id, reason(e)));
                    return;
                }
                last = reason(e);
            } catch (UncheckedIOException e) {
                last = "I/O " + (e.getCause() == null ? e.getMessage() : e.getCause().getClass().getSimpleName());
            } catch (UnreadableAnswer e) {
                last = e.getMessage();
            } catch (RuntimeException e) {
                String why = "not sent: " + e.getClass().getSimpleName() + ": " + e.getMessage();
                post(() -> rejectById(id, why));
                return;
            }
            LOG.warn("order {}: placement outcome unknown ({}), asking Binance whether it exists", id, last);
            Lookup l = lookup(order);
            switch (l.kind) {
                case FOUND -> {
                    LOG.info("order {}: Binance has it ({}); not resent", id, l.node.path("status").asText(
                            l.node.path("algoStatus").asText()));
                    post(() -> apply(id, l.node, List.of()));
                    return;
                }
                case SEEN_ON_STREAM -> {
                    LOG.info("order {}: the user-data stream reported it; not resent", id);
                    return;
                }
                case UNKNOWN -> {
                    String why = last + "; whether Binance has it is unknown (" + l.error + ")";
                    post(() -> markInDoubt(id, why));
                    return;
                }
                case NOT_FOUND -> LOG.warn("order {}: Binance does not know it (attempt {} of {})", id, attempt,
                        options.maxSubmitAttempts());
            }
            pause();
        }
        String why = "not placed after " + options.maxSubmitAttempts() + " attempt(s), Binance does not know it; last "
                + "error: " + last;
        post(() -> rejectById(id, why));
    }

    private enum LookupKind { FOUND, NOT_FOUND, SEEN_ON_STREAM, UNKNOWN }

    private record Lookup(LookupKind kind, JsonNode node, String error) {
    }

    /** Does Binance know {@code order}? Asked by the stream first, then by {@code GET order}. */
    private Lookup lookup(Order order) {
        String key = order.market() + ":" + order.clientOrderId();
        String error = "no answer";
        for (int q = 1; q <= options.maxStatusQueries(); q++) {
            if (seenOnStream.contains(key)) return new Lookup(LookupKind.SEEN_ON_STREAM, null, null);
            BinanceOrderMapper.Request req = BinanceOrderMapper.query(order.market(), order.symbol(),
                    order.clientOrderId(), null, BinanceOrderMapper.isAlgo(order));
            try {
                return new Lookup(LookupKind.FOUND, tree(api.call(req.market(), req.method(), req.path(),
                        req.params())), null);
            } catch (BinanceApiException e) {
                if (notFound(e)) {
                    return seenOnStream.contains(key) ? new Lookup(LookupKind.SEEN_ON_STREAM, null, null)
                            : new Lookup(LookupKind.NOT_FOUND, null, reason(e));
                }
                error = reason(e);
                if (!outcomeUnknown(e) && !e.retryable()) return new Lookup(LookupKind.UNKNOWN, null, error);
            } catch (RuntimeException e) {
                error = e.getClass().getSimpleName();
            }
            if (q < options.maxStatusQueries()) pause();
        }
        return new Lookup(LookupKind.UNKNOWN, null, error);
    }

    private Optional<JsonNode> queryQuietly(Market market, String symbol, String clientOrderId, boolean algo) {
        try {
            BinanceOrderMapper.Request req = BinanceOrderMapper.query(market, symbol, clientOrderId, null, algo);
            return Optional.of(tree(api.call(req.market(), req.method(), req.path(), req.params())));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Binance could not tell whether the request executed (5xx, -1006 bus error, -1007 backend timeout). */
    static boolean outcomeUnknown(BinanceApiException e) {
        return e.httpStatus() >= 500 || e.code() == -1006 || e.code() == -1007;
    }

    private static boolean notFound(BinanceApiException e) {
        return e.code() == -2013 || e.code() == -2011 || e.httpStatus() == 404;
    }

    /** Binance's code and words, e.g. {@code -2010 Account has insufficient balance for requested action.} */
    static String reason(BinanceApiException e) {
        if (e.httpStatus() == 0) return e.getMessage(); // the governor's own refusal: nothing was sent
        return (e.code() != 0 ? Integer.toString(e.code()) : "HTTP " + e.httpStatus()) + " " + e.binanceMessage();
    }

    private void pause() {
        if (options.retryDelayMillis() <= 0) return;
        try {
            Thread.sleep(options.retryDelayMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ------------------------------------------------------------------------------------------ answers (engine)

    /** A REST answer about {@code id}'s order (placement, query, cancel-replace's new order). */
    private void apply(String id, JsonNode n, List<FillReport> extraFills) {
        Tracked t = tracked.get(id);
        if (t == null) return;
        OrderStatusReport r;
        try {
            r = BinanceOrderMapper.orderReport(t.current.market(), n);
        } catch (IllegalArgumentException e) {
            LOG.error("order {}: unreadable Binance answer ({}); the stream or the next reconciliation settles it", id,
                    e.getMessage());
            return;
        }
        List<FillReport> fills = new ArrayList<>(extraFills);
        if (t.current.market() == Market.SPOT) fills.addAll(BinanceOrderMapper.responseFills(r, n));
        applyReport(t, r, fills);
    }

    private void applyReport(Tracked t, OrderStatusReport r, List<FillReport> fills) {
        inDoubt.remove(t.current.clientOrderId());
        link(t, r.venueOrderId());
        if (r.quantity().signum() > 0 && t.current.quantity().signum() == 0) {
            t.current = t.current.withQuantity(r.quantity(), r.updatedTime());
        }
        if (r.status() == OrderStatus.REJECTED) {
            reject(t, "venue status REJECTED", r.updatedTime());
            return;
        }
        accept(t, r.createdTime());
        for (FillReport f : fills) bookTrade(t, f);
        if (r.triggered() && !t.current.triggered() && t.current.isOpen()) {
            t.current = t.current.withTriggered(r.updatedTime());
            deliver(ExecType.TRIGGERED, t.current, null, r.updatedTime(), null);
        }
        if ((r.status() == OrderStatus.CANCELED || r.status() == OrderStatus.EXPIRED)
                && t.current.filledQuantity().compareTo(r.filledQuantity()) >= 0) {
            terminal(t, r.status(), r.updatedTime(), r.status() == OrderStatus.EXPIRED ? "venue " + r.venueStatus()
                    : null);
        }
    }

    private void onCancelAnswer(String id, JsonNode n) {
        Tracked t = tracked.get(id);
        if (t == null) return;
        if (n.has("algoId") && !n.has("algoStatus")) { // DELETE /fapi/v1/algoOrder: {algoId, clientAlgoId, code, msg}
            terminal(t, OrderStatus.CANCELED, venueClock.getAsLong(), null);
            return;
        }
        apply(id, n, List.of());
    }

    private void onModified(String id, JsonNode n, long requested) {
        Tracked t = tracked.get(id);
        if (t == null) return;
        if (t.current.market() == Market.USDM_FUTURES) {
            OrderStatusReport r = BinanceOrderMapper.orderReport(Market.USDM_FUTURES, n);
            replaced(t, r.quantity(), r.price(), r.updatedTime());
            applyReport(t, r, List.of());
            return;
        }
        // spot cancelReplace: {cancelResult, newOrderResult, cancelResponse, newOrderResponse}
        JsonNode fresh = n.path("newOrderResponse");
        if (!"SUCCESS".equals(n.path("newOrderResult").asText()) || !fresh.isObject()) {
            requestRejected(id, "cancel-replace: new order " + n.path("newOrderResult").asText("?"), requested);
            return;
        }
        OrderStatusReport r = BinanceOrderMapper.orderReport(Market.SPOT, fresh);
        link(t, r.venueOrderId());
        BigDecimal total = t.current.filledQuantity().add(r.quantity());
        t.current = t.current.accepted(r.venueOrderId(), r.updatedTime());
        replaced(t, total, r.price(), r.updatedTime());
        for (FillReport f : BinanceOrderMapper.responseFills(r, fresh)) bookTrade(t, f);
    }

    private void replaced(Tracked t, BigDecimal qty, BigDecimal price, long time) {
        if (qty.compareTo(t.current.quantity()) == 0 && Objects.equals(price, t.current.price())) return;
        t.current = t.current.modified(qty, price, time);
        deliver(ExecType.REPLACED, t.current, null, time, null);
    }

    // ------------------------------------------------------------------------------------------ stream

    /**
     * A user-data event of {@code market} (the streams call this on their reader thread; tests may call it from
     * anywhere). Order events are handed to the engine executor; account events are not needed (the ledger is built
     * from fills) and ignored.
     */
    public void onUserData(Market market, UserDataEvent event) {
        switch (event) {
            case UserDataEvent.OrderUpdate u -> {
                seenOnStream.add(market + ":" + u.clientOrderId());
                post(() -> onOrderUpdate(u));
            }
            case UserDataEvent.AlgoUpdate a -> {
                seenOnStream.add(Market.USDM_FUTURES + ":" + a.clientAlgoId());
                post(() -> onAlgoUpdate(a));
            }
            default -> LOG.trace("user-data {} {} not needed", market, event.eventType());
        }
    }

    private void onOrderUpdate(UserDataEvent.OrderUpdate u) {
        Tracked t = tracked.get(u.clientOrderId());
        if (t != null && t.current.market() != u.market()) t = null;
        if (t == null) {
            String linked = byVenueId.get(vkey(u.market(), symbolOf(u), Long.toString(u.orderId())));
            if (linked != null) t = tracked.get(linked);
        }
        if (t == null) {
            if (orphans.size() < MAX_ORPHANS) orphans.add(u);
            LOG.info("user-data: {} {} for order {} ({}) not placed by this session; kept for reconciliation",
                    u.eventType(), u.executionType(), u.clientOrderId(), u.orderId());
            return;
        }
        inDoubt.remove(t.current.clientOrderId());
        String venueId = Long.toString(u.orderId());
        boolean actualOfAlgo = t.algo && !venueId.equals(t.venueOrderId);
        long time = u.transactionTime() > 0 ? u.transactionTime() : u.eventTime();
        if (!actualOfAlgo && t.current.quantity().signum() == 0 && u.order() != null
                && u.order().quantity().signum() > 0) {
            t.current = t.current.withQuantity(u.order().quantity(), time);
        }
        switch (u.executionType()) {
            case "NEW" -> {
                if (!actualOfAlgo && !t.replacedVenueIds.contains(venueId)) {
                    link(t, venueId);
                    accept(t, time);
                }
            }
            case "TRADE", "CALCULATED" -> {
                if (u.fill() == null) return;
                if (!actualOfAlgo) link(t, venueId);
                accept(t, time);
                Fill f = u.fill();
                bookTrade(t, new FillReport(u.market(), f.symbol(), t.current.clientOrderId(), venueId, f.tradeId(),
                        f.side(), f.quantity(), f.price(), f.commission(), f.commissionAsset(), f.liquiditySide(),
                        BinanceOrderMapper.positionSide(u.positionSide()), u.venueRealizedPnl(), time));
            }
            case "CANCELED" -> {
                if (t.replacedVenueIds.contains(venueId) || actualOfAlgo) return; // a replace, or ALGO_UPDATE decides
                terminal(t, OrderStatus.CANCELED, time, null);
            }
            case "EXPIRED", "TRADE_PREVENTION" -> {
                if (actualOfAlgo || !"EXPIRED".equals(u.venueStatus()) && !"EXPIRED_IN_MATCH".equals(u.venueStatus())) {
                    return;
                }
                terminal(t, OrderStatus.EXPIRED, time, "venue " + u.venueStatus()
                        + (u.rejectReason() == null ? "" : " " + u.rejectReason()));
            }
            case "REJECTED" -> reject(t, "venue REJECTED" + (u.rejectReason() == null ? "" : ": " + u.rejectReason()),
                    time);
            case "AMENDMENT" -> {
                if (u.order() != null) replaced(t, u.order().quantity(), u.order().price(), time);
            }
            default -> LOG.debug("user-data: order {} execution type {} ignored", u.clientOrderId(),
                    u.executionType());
        }
    }

    private static String symbolOf(UserDataEvent.OrderUpdate u) {
        return u.order() != null ? u.order().symbol() : u.fill() != null ? u.fill().symbol() : "";
    }

    private void onAlgoUpdate(UserDataEvent.AlgoUpdate a) {
        Tracked t = tracked.get(a.clientAlgoId());
        if (t == null || t.current.market() != Market.USDM_FUTURES) {
            LOG.info("user-data: ALGO_UPDATE {} for algo order {} not placed by this session", a.algoStatus(),
                    a.clientAlgoId());
            return;
        }
        inDoubt.remove(a.clientAlgoId());
        long time = a.eventTime();
        link(t, Long.toString(a.algoId()));
        boolean newLink = a.actualOrderId() != null && byVenueId.put(vkey(Market.USDM_FUTURES, a.symbol(),
                a.actualOrderId()), a.clientAlgoId()) == null;
        switch (a.algoStatus()) {
            case "NEW" -> accept(t, time);
            case "TRIGGERING", "TRIGGERED" -> {
                accept(t, time);
                if (!t.current.triggered() && t.current.isOpen()) {
                    t.current = t.current.withTriggered(a.triggerTime() > 0 ? a.triggerTime() : time);
                    deliver(ExecType.TRIGGERED, t.current, null, time, null);
                }
            }
            case "CANCELED" -> terminal(t, OrderStatus.CANCELED, time, null);
            case "EXPIRED" -> terminal(t, OrderStatus.EXPIRED, time, "venue algo EXPIRED");
            case "REJECTED" -> reject(t, "venue algo REJECTED" + (a.rejectReason() == null ? ""
                    : ": " + a.rejectReason()), time);
            case "FINISHED" -> {
                // filled or canceled in the matching engine; the trades come as ORDER_TRADE_UPDATE of the actual order
                if (t.current.filledQuantity().compareTo(a.actualFilledQuantity()) >= 0) {
                    if (t.current.isOpen()) terminal(t, OrderStatus.CANCELED, time, null);
                } else {
                    t.finishedAt = a.actualFilledQuantity();
                }
            }
            default -> LOG.debug("ALGO_UPDATE status {} ignored", a.algoStatus());
        }
        // trades of the actual order that arrived before this event named it (after TRIGGERED, in that order)
        if (newLink) replayOrphans(a.symbol(), a.actualOrderId());
    }

    private void replayOrphans(String symbol, String venueOrderId) {
        List<UserDataEvent.OrderUpdate> mine = new ArrayList<>();
        orphans.removeIf(u -> Long.toString(u.orderId()).equals(venueOrderId) && symbolOf(u).equals(symbol)
                && mine.add(u));
        mine.forEach(this::onOrderUpdate);
    }

    // ------------------------------------------------------------------------------------------ booking (engine)

    /**
     * Records the venue's id of the order: the first one seen; for a spot order replaced by cancel-replace, the new
     * order's (ids of replaced ones never come back); algo orders keep their algoId.
     */
    private void link(Tracked t, String venueOrderId) {
        if (venueOrderId == null || venueOrderId.isEmpty()) return;
        if (t.venueOrderId == null || (!t.algo && !t.replacedVenueIds.contains(venueOrderId))) {
            t.venueOrderId = venueOrderId;
        }
        byVenueId.put(vkey(t.current.market(), t.current.symbol(), venueOrderId), t.current.clientOrderId());
    }

    private void accept(Tracked t, long time) {
        if (t.accepted) return;
        t.accepted = true;
        t.current = t.current.accepted(t.venueOrderId, time);
        deliver(ExecType.NEW, t.current, null, time, null);
    }

    private void bookTrade(Tracked t, FillReport f) {
        if (!bookedTrades.add(f.key())) return; // the REST answer and the stream bring the same trade
        List<Fill> ledger = booking.book(f, t.current.clientOrderId());
        if (t.current.quantity().signum() == 0) t.current = t.current.withQuantity(f.quantity(), f.time());
        t.current = t.current.withFill(f.quantity(), f.price(), f.time());
        for (Fill x : ledger) {
            bookedFills.add(x);
            deliver(ExecType.TRADE, t.current, x, f.time(), null);
        }
        if (t.current.status() == OrderStatus.FILLED) {
            t.done = true;
        } else if (t.finishedAt != null && t.current.filledQuantity().compareTo(t.finishedAt) >= 0) {
            terminal(t, OrderStatus.CANCELED, f.time(), null);
        }
    }

    private void terminal(Tracked t, OrderStatus status, long time, String reason) {
        if (t.done || !t.current.isOpen()) return;
        accept(t, time);
        t.done = true;
        t.current = t.current.withStatus(status, time, null);
        deliver(status == OrderStatus.EXPIRED ? ExecType.EXPIRED : ExecType.CANCELED, t.current, null, time, reason);
    }

    private void reject(Tracked t, String reason, long time) {
        if (t.done) return;
        t.done = true;
        inDoubt.remove(t.current.clientOrderId());
        t.current = t.current.rejected(reason, time);
        deliver(ExecType.REJECTED, t.current, null, time, reason);
    }

    private void rejectById(String id, String reason) {
        Tracked t = tracked.get(id);
        if (t != null) reject(t, reason, venueClock.getAsLong());
    }

    private void requestRejected(String id, String reason, long time) {
        Tracked t = tracked.get(id);
        if (t != null) deliver(ExecType.REQUEST_REJECTED, t.current, null, time, reason);
    }

    private void markInDoubt(String id, String why) {
        Tracked t = tracked.get(id);
        if (t == null || t.accepted || t.done) return;
        inDoubt.add(id);
        LOG.error("order {} IN DOUBT: {}; nothing more is sent for it until the stream or a reconciliation settles it",
                id, why);
    }

    private Tracked trackedOrAdopt(String id) {
        Tracked t = tracked.get(id);
        if (t == null && handler instanceof ExecutionEngine ee && ee.order(id) != null) {
            adopt(List.of(ee.order(id)));
            t = tracked.get(id);
        }
        return t;
    }

    private void deliver(ExecType type, Order order, Fill fill, long time, String reason) {
        if (handler == null) throw new IllegalStateException("no event handler set on " + venueName);
        handler.onReport(new ExecutionReport(type, order, fill, time, reason));
    }

    private void post(Runnable task) {
        if (closed) return;
        engine.accept(task);
    }

    private static String vkey(Market m, String symbol, String venueOrderId) {
        return m + ":" + symbol + ":" + venueOrderId;
    }

    /** A 2xx answer that is not JSON: the request may well have executed. */
    private static final class UnreadableAnswer extends RuntimeException {
        UnreadableAnswer(String message) {
            super(message);
        }
    }

    private static JsonNode tree(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UnreadableAnswer("Binance answer is not JSON: " + e.getClass().getSimpleName());
        }
    }

    // ------------------------------------------------------------------------------------------ restore, reconcile

    /**
     * Takes over orders the engine restored from history (restart), so that their cancels, modifies and stream events
     * are routed. Engine thread.
     */
    public void adopt(Collection<Order> orders) {
        for (Order o : orders) {
            Tracked t = tracked.computeIfAbsent(o.clientOrderId(), k -> new Tracked(o, algoById));
            t.current = o;
            t.accepted = o.venueOrderId() != null || o.status() != OrderStatus.NEW;
            t.done = !o.isOpen();
            if (o.venueOrderId() != null) link(t, o.venueOrderId());
        }
    }

    /** Marks fills from history as booked, so a replayed trade is not booked twice. Engine thread. */
    public void adoptFills(Collection<Fill> fills) {
        for (Fill f : fills) {
            if (f.tradeId() >= 0) bookedTrades.add(FillReport.key(f.market(), f.symbol(), f.tradeId()));
            bookedFills.add(f);
        }
    }

    /**
     * Turns on reconciliation at {@link #start()} and after every stream reconnect (and {@link #reconcileNow}).
     *
     * @param scope    the instruments in play and the trade window, read on the engine thread
     * @param local    the engine's orders, fills, positions (and spot baseline), read on the engine thread
     * @param listener receives every result on the engine thread (after the repairs were handed to the engine)
     */
    public void enableReconciliation(Supplier<Reconciler.Scope> scope, Supplier<Reconciler.LocalState> local,
                                     Consumer<Reconciler.Result> listener) {
        this.localState = Objects.requireNonNull(local, "local");
        this.reconciliationListener = Objects.requireNonNull(listener, "listener");
        this.scope = Objects.requireNonNull(scope, "scope");
    }

    /**
     * Reconciles now: the local state is read on the engine thread, the venue fetched on the I/O thread, the comparison
     * made and repaired on the engine thread. Orders still on their way to Binance (not yet acknowledged) are left
     * out, so they are not mistaken for lost ones.
     *
     * @param why for the log, e.g. {@code "user-data stream reconnected"}
     * @throws IllegalStateException when {@link #enableReconciliation} was not called
     */
    public void reconcileNow(String why) {
        if (scope == null) throw new IllegalStateException("enableReconciliation first");
        post(() -> {
            Reconciler.Scope sc = scope.get();
            Reconciler.LocalState before = settled(localState.get());
            io.execute(() -> {
                Reconciler.VenueState venue;
                try {
                    venue = Reconciler.fetch(venueQuery(), sc, before);
                } catch (RuntimeException e) {
                    Reconciler.Result failed = Reconciler.Result.failed(venueClock.getAsLong(), why + ": "
                            + e.getClass().getSimpleName() + ": " + e.getMessage());
                    post(() -> report(failed));
                    return;
                }
                post(() -> {
                    Reconciler.Result r = new Reconciler(booking).compare(sc, venue, settled(localState.get()));
                    applyRepairs(r);
                    report(r);
                });
            });
        });
    }

    private Reconciler.LocalState settled(Reconciler.LocalState s) {
        List<Order> orders = s.orders().stream().filter(o -> {
            Tracked t = tracked.get(o.clientOrderId());
            return t == null || t.accepted || t.done || inDoubt.contains(o.clientOrderId());
        }).toList();
        return new Reconciler.LocalState(orders, s.fills(), s.positions(), s.spotBaseline());
    }

    private void report(Reconciler.Result r) {
        if (r.failure() != null) LOG.error(r.summary());
        else if (r.clean()) LOG.info(r.summary());
        else LOG.warn(r.summary());
        reconciliationListener.accept(r);
    }

    /**
     * Hands a reconciliation's repairs to the engine in order, keeping this client's books in step (the orders become
     * tracked, the trades booked). Engine thread.
     */
    public void applyRepairs(Reconciler.Result result) {
        for (ExecutionReport rep : result.repairs()) {
            Order o = rep.order();
            Tracked t = tracked.computeIfAbsent(o.clientOrderId(), k -> new Tracked(o, algoById));
            t.current = o;
            inDoubt.remove(o.clientOrderId());
            if (o.venueOrderId() != null) link(t, o.venueOrderId());
            if (rep.execType() == ExecType.NEW) t.accepted = true;
            if (rep.fill() != null) {
                if (rep.fill().tradeId() >= 0) {
                    bookedTrades.add(FillReport.key(rep.fill().market(), rep.fill().symbol(), rep.fill().tradeId()));
                }
                bookedFills.add(rep.fill());
            }
            t.accepted |= rep.execType() != ExecType.REJECTED;
            t.done = !o.isOpen();
            handler.onReport(rep);
        }
        List<UserDataEvent.OrderUpdate> again = new ArrayList<>(orphans);
        orphans.clear();
        again.forEach(this::onOrderUpdate); // events of orders the repairs just introduced
    }

    /** Ledger fills booked through this client (and adopted from history), in booking order. Engine thread. */
    public List<Fill> bookedFills() {
        return List.copyOf(bookedFills);
    }

    /** clientOrderIds whose placement outcome could not be learnt (see the class comment). Engine thread. */
    public Set<String> inDoubt() {
        return Set.copyOf(inDoubt);
    }

    /**
     * The account's balance of {@code asset} at the venue, what a LIVE ledger starts from (blocking REST, one
     * signed call; not on the engine thread): spot {@code free + locked} ({@code GET /api/v3/account}); USDⓈ-M the
     * asset's {@code walletBalance} ({@code GET /fapi/v2/account}, unrealised P&amp;L excluded, as Binance's wallet
     * model books it).
     *
     * @param market SPOT or USDM_FUTURES (one of this client's markets)
     * @param asset  e.g. {@code USDT}
     * @return the balance, 0 when the account holds none
     * @throws RuntimeException what the REST call throws (I/O, Binance errors)
     */
    public BigDecimal walletBalance(Market market, String asset) {
        Objects.requireNonNull(asset, "asset");
        if (market == Market.SPOT) {
            return BinanceOrderMapper.spotBalances(tree(api.call(market, "GET", "/api/v3/account", Map.of())))
                    .getOrDefault(asset, BigDecimal.ZERO);
        }
        for (JsonNode a : tree(api.call(market, "GET", "/fapi/v2/account", Map.of())).path("assets")) {
            if (asset.equals(a.path("asset").asText())) {
                return new BigDecimal(a.path("walletBalance").asText("0"));
            }
        }
        return BigDecimal.ZERO;
    }

    /** The {@link Reconciler.VenueQuery} over this client's REST calls (blocking; not on the engine thread). */
    public Reconciler.VenueQuery venueQuery() {
        return new RestVenueQuery();
    }

    /** The fill booking this client uses (for a {@link Reconciler} built by the caller). */
    public BinanceFillBooking fillBooking() {
        return booking;
    }

    /** Reconciliation's venue calls over Binance REST. */
    private final class RestVenueQuery implements Reconciler.VenueQuery {

        @Override
        public long time() {
            return venueClock.getAsLong();
        }

        @Override
        public List<OrderStatusReport> openOrders(Market market, String symbol) {
            Map<String, String> p = Map.of("symbol", symbol);
            List<OrderStatusReport> out = new ArrayList<>();
            for (JsonNode o : tree(api.call(market, "GET", market == Market.SPOT ? "/api/v3/openOrders"
                    : "/fapi/v1/openOrders", p))) {
                out.add(BinanceOrderMapper.orderReport(market, o));
            }
            if (market == Market.USDM_FUTURES) {
                try {
                    for (JsonNode o : tree(api.call(market, "GET", "/fapi/v1/openAlgoOrders", p))) {
                        out.add(BinanceOrderMapper.algoReport(o));
                    }
                } catch (BinanceApiException e) {
                    if (e.httpStatus() != 404) throw e;
                    LOG.debug("{} has no Algo Service (404): no open algo orders", venueName);
                }
            }
            return out;
        }

        @Override
        public Optional<OrderStatusReport> order(Market market, String symbol, String clientOrderId,
                                                 String venueOrderId) {
            Boolean known = clientOrderId == null ? null : algoById.get(clientOrderId);
            boolean algo = known != null && known;
            Optional<OrderStatusReport> r = query(market, symbol, clientOrderId, venueOrderId, algo);
            if (r.isEmpty() && market == Market.USDM_FUTURES && known == null && clientOrderId != null) {
                r = query(market, symbol, clientOrderId, null, true); // an unknown id may be a conditional order
            }
            return r;
        }

        private Optional<OrderStatusReport> query(Market market, String symbol, String cid, String vid, boolean algo) {
            BinanceOrderMapper.Request req = BinanceOrderMapper.query(market, symbol, cid, cid == null ? vid : null,
                    algo);
            try {
                JsonNode n = tree(api.call(req.market(), req.method(), req.path(), req.params()));
                return Optional.of(algo ? BinanceOrderMapper.algoReport(n) : BinanceOrderMapper.orderReport(market, n));
            } catch (BinanceApiException e) {
                if (notFound(e)) return Optional.empty();
                throw e;
            }
        }

        @Override
        public List<FillReport> fills(Market market, String symbol, long since) {
            String path = market == Market.SPOT ? "/api/v3/myTrades" : "/fapi/v1/userTrades";
            long window = market == Market.SPOT ? SPOT_TRADE_WINDOW_MS : FUTURES_TRADE_WINDOW_MS;
            long now = venueClock.getAsLong();
            // Binance answers at most one window per call; older trades than the lookback are not asked for
            long start = Math.max(since, now - MAX_TRADE_LOOKBACK_MS);
            if (start > since) {
                LOG.warn("{} {} trades: the window starts {} but only the last {} days are fetched", market, symbol,
                        java.time.Instant.ofEpochMilli(since), MAX_TRADE_LOOKBACK_MS / 86_400_000L);
            }
            Map<Long, FillReport> byId = new LinkedHashMap<>();
            for (long from = start; from <= now; from += window) {
                Map<String, String> p = new LinkedHashMap<>();
                p.put("symbol", symbol);
                p.put("startTime", Long.toString(from));
                p.put("endTime", Long.toString(Math.min(from + window - 1, now)));
                p.put("limit", "1000");
                List<FillReport> page = BinanceOrderMapper.trades(market, tree(api.call(market, "GET", path, p)));
                page.forEach(f -> byId.putIfAbsent(f.tradeId(), f));
                while (page.size() >= 1000) { // more in this window: page on by trade id
                    long next = page.getLast().tradeId() + 1;
                    Map<String, String> q = new LinkedHashMap<>();
                    q.put("symbol", symbol);
                    q.put("fromId", Long.toString(next));
                    q.put("limit", "1000");
                    page = BinanceOrderMapper.trades(market, tree(api.call(market, "GET", path, q)));
                    page.forEach(f -> byId.putIfAbsent(f.tradeId(), f));
                }
            }
            return byId.values().stream().filter(f -> f.time() >= since)
                    .sorted(java.util.Comparator.comparingLong(FillReport::time)
                            .thenComparingLong(FillReport::tradeId)).toList();
        }

        @Override
        public List<PositionReport> positions(Market market) {
            if (market != Market.USDM_FUTURES) return List.of();
            return BinanceOrderMapper.positions(tree(api.call(market, "GET", "/fapi/v2/account", Map.of())));
        }

        @Override
        public Map<String, BigDecimal> balances(Market market) {
            if (market != Market.SPOT) return Map.of();
            return BinanceOrderMapper.spotBalances(tree(api.call(market, "GET", "/api/v3/account", Map.of())));
        }
    }

    @Override
    public String toString() {
        return "BinanceExecutionClient[" + venueName + ", " + markets + "]";
    }
}
