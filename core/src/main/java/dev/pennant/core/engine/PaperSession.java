package dev.pennant.core.engine;

import dev.pennant.core.marketdata.BarSink;
import dev.pennant.core.marketdata.MarketDataSource;
import dev.pennant.core.marketdata.ReplaySource;
import dev.pennant.core.marketdata.SourceStatus;
import dev.pennant.core.model.Bar;
import dev.pennant.core.persistence.HistoryRecorder;
import dev.pennant.core.persistence.HistoryStore;
import dev.pennant.core.persistence.SessionInfo;

import java.util.List;
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
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean closed;

    private PaperSession(String id, TradingEngine engine, MarketDataSource source, HistoryStore store, SessionInfo info) {
        this.id = id;
        this.engine = engine;
        this.source = source;
        this.store = store;
        this.loop = new EngineLoop("engine-" + id, 4096);
        if (store != null) {
            store.startSession(info);
            // Recorder first: a fill is on disk before any view hears of it.
            engine.addListener(new HistoryRecorder(store, id));
        }
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

    private static SessionInfo info(String id, EngineConfig c, String venue, String description) {
        return new SessionInfo(id, "PAPER", venue, description, c.instrument().symbol(), c.interval(),
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
        if (source instanceof ReplaySource r) {
            try {
                r.awaitFinished(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        loop.close();
        finished.countDown();
        if (store != null) {
            store.endSession(id, System.currentTimeMillis());
        }
    }
}
