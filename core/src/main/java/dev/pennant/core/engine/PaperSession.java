package dev.pennant.core.engine;

import dev.pennant.core.marketdata.BarSink;
import dev.pennant.core.marketdata.MarketDataSource;
import dev.pennant.core.marketdata.ReplaySource;
import dev.pennant.core.marketdata.SourceStatus;
import dev.pennant.core.model.Bar;
import dev.pennant.core.persistence.HistoryRecorder;
import dev.pennant.core.persistence.HistoryStore;
import dev.pennant.core.persistence.SessionInfo;

import dev.pennant.core.exchange.ExecutionClient;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One paper-trading session: a {@link TradingEngine} fed by a market-data source, recording to the history
 * database. The terminal window and the headless {@code paper} command both run sessions through this class, so
 * they trade identically.
 *
 * <p>Life cycle: create → {@link #addListener} → {@link #start()} → {@link #awaitFinished} / {@link #close()}.
 * Every paper session runs on market-data time ({@link SimulatedClock}): the paper venue matches orders against the
 * bars and ticks by their times, so the engine's "now" is the latest market event's time. On Binance's live feed that
 * trails the wall clock by less than one bar; on the local simulator, which replays recorded dates, it is the only
 * consistent choice (a wall-clock order time would lie years after every replayed bar and never match).
 */
public final class PaperSession implements AutoCloseable {

    private final String id;
    private final TradingEngine engine;
    private final MarketDataSource source;
    private final HistoryStore store;
    private final EngineLoop loop;
    private final String mode;
    private final ExecutionClient venue; // closed with the session when it is AutoCloseable (a live client)
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean closed;
    private HistoryRecorder recorder;
    private boolean resumed;

    private PaperSession(String id, TradingEngine engine, MarketDataSource source, HistoryStore store, SessionInfo info) {
        this(id, new EngineLoop("engine-" + id, 4096), engine, null, source, store, info);
    }

    private PaperSession(String id, EngineLoop loop, TradingEngine engine, ExecutionClient venue,
                         MarketDataSource source, HistoryStore store, SessionInfo info) {
        this.id = id;
        this.engine = engine;
        this.source = source;
        this.store = store;
        this.loop = loop;
        this.venue = venue;
        this.mode = info.mode();
        if (store != null) {
            store.startSession(info);
            // Recorder first: a fill is on disk before any view hears of it.
            recorder = new HistoryRecorder(store, id);
            if (engine.execution().client() instanceof dev.pennant.core.exchange.paper.PaperExchange) {
                // the resumable state rides in each fill's own transaction (see PaperSessionState)
                recorder.recordSessionState(() -> PaperSessionState.capture(engine).toJson(), engine.clock()::nowMillis);
            }
            engine.addListener(recorder);
        }
    }

    /**
     * Resumes a paper session stored in {@code store}: a new session (new id, same history database) whose paper
     * venue, ledger and open orders are exactly those of {@code previousSessionId} after its last stored fill or order
     * change, fed by {@code source}. Open orders keep their ids, queue positions and locks; positions their entry
     * prices; balances their locked parts.
     *
     * @throws IllegalArgumentException naming the problem when the previous session has no stored state, was not a
     *                                  paper session of {@code config}'s symbol, or its state cannot be read
     */
    public static PaperSession resume(EngineConfig config, MarketDataSource source, HistoryStore store,
                                      String previousSessionId) {
        java.util.Objects.requireNonNull(store, "store");
        SessionInfo prev = store.sessions().stream().filter(s -> s.id().equals(previousSessionId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("resume: no session " + previousSessionId + " in "
                        + store.file()));
        if (!"PAPER".equals(prev.mode()) || !prev.symbol().equals(config.instrument().symbol())) {
            throw new IllegalArgumentException("resume: session " + previousSessionId + " was " + prev.mode() + " "
                    + prev.symbol() + ", not PAPER " + config.instrument().symbol());
        }
        PaperSessionState state = PaperSessionState.fromJson(store.sessionState(previousSessionId).orElseThrow(() ->
                new IllegalArgumentException("resume: session " + previousSessionId + " stored no state (no order yet)")));
        String id = newSessionId();
        TradingEngine engine = TradingEngine.paper(id, config, new SimulatedClock());
        state.applyTo(engine);
        engine.clock().onEvent(state.venue().clock());
        PaperSession session = new PaperSession(id, engine, source, store, info(id, config, "paper",
                source.status().description() + " (resumes " + previousSessionId + ")"));
        session.resumed = true;
        return session;
    }

    /**
     * A session replaying recorded bars.
     *
     * @param config      engine configuration
     * @param bars        closed bars in time order
     * @param description status-bar text, e.g. {@code "Replay of BTCUSDT-1m-….csv.gz"}
     * @param speed       multiple of real time, 0 = max
     * @param instantBars bars delivered at once before pacing starts (chart history, indicator warm-up)
     * @param store       history database, or {@code null} to record nothing
     */
    public static PaperSession replay(EngineConfig config, List<Bar> bars, String description, double speed,
                                      int instantBars, HistoryStore store) {
        String id = newSessionId();
        TradingEngine engine = TradingEngine.paper(id, config, new SimulatedClock());
        ReplaySource source = new ReplaySource(bars, description, speed, instantBars);
        return new PaperSession(id, engine, source, store, info(id, config, "paper", description));
    }

    /**
     * As {@link #replay(EngineConfig, List, String, double, int, HistoryStore)} with {@code strategy} trading instead
     * of the configured EMA-cross+RSI (the backtester's parity check replays a backtest's own strategy).
     *
     * @param strategy a fresh strategy instance
     */
    public static PaperSession replay(EngineConfig config, dev.pennant.core.strategy.Strategy strategy, List<Bar> bars,
                                      String description, double speed, int instantBars, HistoryStore store) {
        String id = newSessionId();
        TradingEngine engine = TradingEngine.paper(id, config, new SimulatedClock(), strategy);
        ReplaySource source = new ReplaySource(bars, description, speed, instantBars);
        return new PaperSession(id, engine, source, store, info(id, config, "paper", description));
    }

    /**
     * A session on a live source (market-data time, see the class doc).
     *
     * @param source a live source for {@code config}'s symbol and interval
     * @param store  history database, or {@code null}
     */
    public static PaperSession live(EngineConfig config, MarketDataSource source, HistoryStore store) {
        String id = newSessionId();
        TradingEngine engine = TradingEngine.paper(id, config, new SimulatedClock());
        return new PaperSession(id, engine, source, store, info(id, config, "paper", source.status().description()));
    }

    /**
     * A session on a live source whose orders go to another venue than the paper exchange — a
     * {@code BinanceExecutionClient} for Binance ({@code live(LiveAuthorization, …)}) or the loopback simulator
     * ({@code local(…)}). The engine is {@link TradingEngine#paper}'s (same strategy, explainer, risk limits, wall
     * clock) except for the venue, and a ledger starting at {@code config.startingCash()}.
     *
     * <p>{@code venueFactory} receives the session's engine executor ({@link EngineLoop#post}), the only way a live
     * client may hand its reports to the engine, and returns the venue; it runs once, before the engine exists. A venue
     * that is {@link AutoCloseable} is closed when the session closes (before its loop). Starting the venue's
     * user-data streams is the caller's ({@link #venue()}), after this returns and before {@link #start()}.
     *
     * @param config       engine configuration (instrument, interval, ledger start, strategy, risk limits)
     * @param source       a live source for {@code config}'s symbol and interval
     * @param store        history database, or {@code null}
     * @param venueFactory engine executor → venue
     * @param mode         recorded as {@link SessionInfo#mode()}: {@code PAPER} or {@code LIVE}, so paper and live
     *                     histories stay apart
     * @throws IllegalArgumentException {@code mode} is neither PAPER nor LIVE
     * @throws NullPointerException     naming the missing argument, or when the factory returned null
     */
    public static PaperSession live(EngineConfig config, MarketDataSource source, HistoryStore store,
                                    Function<Consumer<Runnable>, ExecutionClient> venueFactory, String mode) {
        return live(config, source, store, venueFactory, mode, v -> config.startingCash());
    }

    /**
     * As {@link #live(EngineConfig, MarketDataSource, HistoryStore, Function, String)}, but the ledger starts at what
     * {@code startingCash} answers for the venue once it exists — a LIVE session's account balance at the venue
     * (e.g. {@code BinanceExecutionClient.walletBalance}) rather than the configured paper amount. It runs on the
     * caller's thread and may block (one REST call); the session is recorded with that starting cash.
     *
     * @param startingCash venue → starting cash of the ledger, quote asset, &gt; 0
     * @throws IllegalArgumentException when {@code startingCash} answers a value ≤ 0 (the venue is closed again)
     * @throws RuntimeException         whatever {@code startingCash} throws (the venue is closed again)
     */
    public static PaperSession live(EngineConfig config, MarketDataSource source, HistoryStore store,
                                    Function<Consumer<Runnable>, ExecutionClient> venueFactory, String mode,
                                    Function<ExecutionClient, java.math.BigDecimal> startingCash) {
        java.util.Objects.requireNonNull(config, "config");
        java.util.Objects.requireNonNull(startingCash, "startingCash");
        java.util.Objects.requireNonNull(source, "source");
        java.util.Objects.requireNonNull(venueFactory, "venueFactory");
        if (!"PAPER".equals(mode) && !"LIVE".equals(mode)) {
            throw new IllegalArgumentException("mode must be PAPER or LIVE, was " + mode);
        }
        String id = newSessionId();
        EngineLoop loop = new EngineLoop("engine-" + id, 4096);
        ExecutionClient venue;
        try {
            venue = java.util.Objects.requireNonNull(venueFactory.apply(loop::post), "venueFactory returned null");
        } catch (RuntimeException e) {
            loop.close();
            throw e;
        }
        try {
            java.math.BigDecimal cash = startingCash.apply(venue);
            if (cash == null || cash.signum() <= 0) {
                throw new IllegalArgumentException("startingCash: the account holds " + cash + " "
                        + config.instrument().quoteAsset() + " at " + venue.venue() + "; a ledger needs more than 0");
            }
            config = new EngineConfig(config.instrument(), config.interval(), cash, config.feeRate(), config.strategy(),
                    config.risk());
        } catch (RuntimeException e) {
            if (venue instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // closing a half-started venue: the original failure is what matters
                }
            }
            loop.close();
            throw e;
        }
        var inst = config.instrument();
        TradingEngine engine = new TradingEngine(id, inst,
                new dev.pennant.core.strategy.EmaCrossRsiStrategy(config.strategy()),
                new dev.pennant.core.ai.RuleBasedExplainer(config.strategy()),
                new dev.pennant.core.risk.RiskEngine(config.risk()), venue,
                new dev.pennant.core.portfolio.Portfolio(inst.quoteAsset(), config.startingCash()), new WallClock());
        if ("LIVE".equals(mode)) {
            // a real venue: the strategy's signals are shown and recorded, but only the trader's orders are sent
            engine.haltStrategies();
        }
        return new PaperSession(id, loop, engine, venue, source, store,
                info(id, config, mode, venue.venue(), source.status().description()));
    }

    private static SessionInfo info(String id, EngineConfig c, String venue, String description) {
        return info(id, c, "PAPER", venue, description);
    }

    private static SessionInfo info(String id, EngineConfig c, String mode, String venue, String description) {
        return new SessionInfo(id, mode, venue, description, c.instrument().symbol(), c.interval(),
                dev.pennant.core.strategy.EmaCrossRsiStrategy.NAME, c.instrument().quoteAsset(), c.startingCash(),
                System.currentTimeMillis(), null);
    }

    /** A short unique id: {@code pn-} + base-36 wall-clock ms (e.g. {@code pn-mhx3k2a1}). */
    static String newSessionId() {
        return "pn-" + Long.toString(System.currentTimeMillis(), 36);
    }

    /** Session id (prefix of its order and signal ids). */
    public String id() {
        return id;
    }

    /** {@code PAPER} or {@code LIVE}, as recorded in the history database. */
    public String mode() {
        return mode;
    }

    /**
     * The venue of a session built by {@link #live(EngineConfig, MarketDataSource, HistoryStore, Function, String)},
     * or {@code null} for the paper exchange's sessions (the engine owns that one).
     */
    public ExecutionClient venue() {
        return venue;
    }

    /** The engine (listeners, kill switch, strategy indicator specs). */
    public TradingEngine engine() {
        return engine;
    }

    /** The market-data source (e.g. a {@link ReplaySource} whose speed can change). */
    public MarketDataSource source() {
        return source;
    }

    /** Adds a listener; call before {@link #start()} to see every event. */
    public void addListener(EngineListener listener) {
        engine.addListener(listener);
    }

    /**
     * Starts the source. Its events are queued onto the session's {@link EngineLoop} (thread {@code engine-<id>}),
     * where the engine, its venue and every listener run.
     */
    public void start() {
        if (resumed) {
            loop.post(engine::announceOpenOrders); // before the first bar: the views see the resumed open orders
        }
        source.start(new BarSink() {
            @Override
            public void onBar(Bar bar) {
                loop.post(() -> engine.onBar(bar));
            }

            @Override
            public void onWarmupBar(Bar bar) {
                loop.post(() -> engine.onWarmupBar(bar));
            }

            @Override
            public void onBarUpdate(Bar bar) {
                loop.post(() -> engine.onBarUpdate(bar));
            }

            @Override
            public void onStatus(SourceStatus status) {
                loop.post(() -> {
                    engine.onStatus(status);
                    if (status.state() == SourceStatus.State.FINISHED || status.state() == SourceStatus.State.FAILED) {
                        finished.countDown();
                    }
                });
            }
        });
    }

    /**
     * Sends a command (submit, bracket, modify, cancel, cancel all) to the engine from any thread without blocking.
     *
     * @return the order concerned once the engine handled it (REJECTED with the reason when refused); fails with
     * {@link java.util.concurrent.RejectedExecutionException} when the session is closed or its queue is full
     */
    public java.util.concurrent.CompletableFuture<dev.pennant.core.model.Order> submit(
            dev.pennant.core.execution.TradingCommand command) {
        return loop.call(() -> engine.execute(command));
    }

    /** Runs {@code query} on the engine thread (for a consistent read of engine state) without blocking the caller. */
    public <T> java.util.concurrent.CompletableFuture<T> query(java.util.function.Supplier<T> query) {
        return loop.call(query);
    }

    /** Waits until the source finished (replays) or failed. @return false on timeout */
    public boolean awaitFinished(long timeout, TimeUnit unit) throws InterruptedException {
        return finished.await(timeout, unit);
    }

    /** Stops the source and marks the session ended in the history database; idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        source.close();
        if (venue instanceof AutoCloseable c) {
            try {
                c.close(); // streams and REST first: no late report reaches a closed loop
            } catch (Exception e) {
                org.slf4j.LoggerFactory.getLogger(PaperSession.class).warn("venue {} did not close cleanly",
                        venue.venue(), e);
            }
        }
        if (source instanceof ReplaySource r) {
            try {
                r.awaitFinished(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (recorder != null) {
            loop.post(recorder::flush); // runs before the loop stops: the last orders and state are committed
        }
        loop.close();
        finished.countDown();
        if (store != null) {
            store.endSession(id, System.currentTimeMillis());
        }
    }
}
