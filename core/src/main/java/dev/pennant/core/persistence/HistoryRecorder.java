package dev.pennant.core.persistence;

import dev.pennant.core.ai.Explanation;
import dev.pennant.core.analysis.IndicatorSnapshot;
import dev.pennant.core.engine.EngineListener;
import dev.pennant.core.marketdata.SourceStatus;
import dev.pennant.core.model.Bar;
import dev.pennant.core.model.EquitySnapshot;
import dev.pennant.core.model.Fill;
import dev.pennant.core.model.Order;
import dev.pennant.core.model.Position;
import dev.pennant.core.model.Signal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Writes an engine's events to the {@link HistoryStore}, keeping the database small while it runs (decision 0012).
 * Register it before the UI listeners so a fill is on disk before anyone is shown it.
 *
 * <ul>
 *   <li><b>Fills</b> commit at once: {@link #onFill} returns only after the fill, its order snapshot, the position and
 *       everything recorded before it are committed (H2 {@code WRITE_DELAY=0}: on disk when the commit returns).</li>
 *   <li><b>Orders, signals, equity</b> are batched: committed together at most every
 *       {@link Policy#commitIntervalMillis} of wall time or {@link Policy#commitEveryEvents} events, at the next fill,
 *       when the source pauses, finishes or fails, and on {@link #flush()} / {@link #close()}. A killed process loses at most
 *       the batch since the last commit, never a fill.</li>
 *   <li><b>Equity</b> is sampled: one row per {@link Policy#equityIntervalMillis} of engine time and at least
 *       {@link Policy#equityEveryBars} bars, carrying the lowest and highest equity over its bars. The row being
 *       collected is written (and then moved forward) at every commit, so the latest equity is always stored.</li>
 * </ul>
 *
 * <p>Called on the engine thread only (not thread-safe).
 */
public final class HistoryRecorder implements EngineListener, AutoCloseable {

    /**
     * How often the recorder writes.
     *
     * @param equityIntervalMillis engine time between equity rows, ms (≥ 0; 0 = no time limit)
     * @param equityEveryBars      bars per equity row at least (≥ 1; 1 = no bar limit)
     * @param commitIntervalMillis wall time between batched commits at most, ms (≥ 0; 0 = commit every event)
     * @param commitEveryEvents    events (orders, signals, bars) per batched commit at most (≥ 1)
     */
    public record Policy(long equityIntervalMillis, int equityEveryBars, long commitIntervalMillis,
                         int commitEveryEvents) {

        /**
         * 15 minutes of engine time per equity row (96 rows a day whatever the interval, one per bar from 15m up),
         * commits at most every 500 ms or 1,000 events.
         */
        public static final Policy DEFAULT = new Policy(15 * 60_000L, 1, 500, 1_000);

        /** Every event committed and every bar's equity stored (the pre-0012 behaviour; for comparisons). */
        public static final Policy EVERY_EVENT = new Policy(0, 1, 0, 1);

        /** @throws IllegalArgumentException naming the field out of range */
        public Policy {
            if (equityIntervalMillis < 0) {
                throw new IllegalArgumentException("equityIntervalMillis must be >= 0, was " + equityIntervalMillis);
            }
            if (equityEveryBars < 1) {
                throw new IllegalArgumentException("equityEveryBars must be >= 1, was " + equityEveryBars);
            }
            if (commitIntervalMillis < 0) {
                throw new IllegalArgumentException("commitIntervalMillis must be >= 0, was " + commitIntervalMillis);
            }
            if (commitEveryEvents < 1) {
                throw new IllegalArgumentException("commitEveryEvents must be >= 1, was " + commitEveryEvents);
            }
        }
    }

    private final HistoryStore store;
    private final String sessionId;
    private final Policy policy;
    private final LongSupplier wallMillis;
    private final List<Consumer<HistoryStore.Writer>> pending = new ArrayList<>();
    private int eventsSinceCommit;
    private long lastCommitWall;

    // The equity row being collected (one per sample); rowId once it has been written.
    private EquitySnapshot sampleLast;
    private BigDecimal sampleMin;
    private BigDecimal sampleMax;
    private int sampleBars;
    private boolean sampleDirty;
    private Long sampleRowId;
    private long lastRowTime = Long.MIN_VALUE;

    /** Records into {@code store} under {@code sessionId} (already started there) with {@link Policy#DEFAULT}. */
    public HistoryRecorder(HistoryStore store, String sessionId) {
        this(store, sessionId, Policy.DEFAULT, () -> System.nanoTime() / 1_000_000);
    }

    /**
     * @param store      the history database
     * @param sessionId  a session already started in {@code store}
     * @param policy     sampling and batching limits
     * @param wallMillis a monotonic wall clock in ms (only differences are used), e.g. {@code System.nanoTime()/1e6}
     */
    public HistoryRecorder(HistoryStore store, String sessionId, Policy policy, LongSupplier wallMillis) {
        this.store = store;
        this.sessionId = sessionId;
        this.policy = policy;
        this.wallMillis = wallMillis;
        this.lastCommitWall = wallMillis.getAsLong();
    }

    /**
     * Also stores the session's resumable state: {@code state} is asked (on the engine thread) for the JSON at each fill
     * — in the fill's own durable transaction — and at the next commit after any order change.
     *
     * @param state supplies {@code [json, engineTimeMillis]}-style content: the JSON; the time is the commit's
     */
    public void recordSessionState(java.util.function.Supplier<String> state, LongSupplier engineTime) {
        this.sessionState = state;
        this.engineTime = engineTime;
    }

    private java.util.function.Supplier<String> sessionState;
    private LongSupplier engineTime;
    private boolean stateDirty;

    private void addState(HistoryStore.Writer w) {
        if (sessionState != null) {
            w.sessionState(sessionId, sessionState.get(), engineTime.getAsLong());
            stateDirty = false;
        }
    }

    @Override
    public void onOrder(Order order) {
        pending.add(w -> w.order(sessionId, order));
        stateDirty = sessionState != null;
        counted();
    }

    @Override
    public void onSignal(Signal signal, Explanation explanation) {
        pending.add(w -> w.signal(sessionId, signal, explanation));
        counted();
    }

    /** Commits the fill, its position and everything pending in one transaction before returning. */
    @Override
    public void onFill(Fill fill, Position position) {
        commit(w -> {
            w.fill(sessionId, fill);
            w.position(sessionId, position);
            addState(w);
        }, true);
    }

    @Override
    public void onBar(Bar bar, IndicatorSnapshot indicators) {
        // bars are market data, not history; their equity arrives in onEquity
    }

    @Override
    public void onEquity(EquitySnapshot snapshot) {
        BigDecimal eq = snapshot.equity();
        sampleMin = sampleBars == 0 || eq.compareTo(sampleMin) < 0 ? eq : sampleMin;
        sampleMax = sampleBars == 0 || eq.compareTo(sampleMax) > 0 ? eq : sampleMax;
        sampleLast = snapshot;
        sampleBars++;
        sampleDirty = true;
        boolean due = sampleBars >= policy.equityEveryBars()
                && (lastRowTime == Long.MIN_VALUE || snapshot.time() - lastRowTime >= policy.equityIntervalMillis());
        if (due) {
            // the sample is complete: write it (as a new row, or over the row that held it so far) and start the next
            EquitySample sample = new EquitySample(sampleLast, sampleMin, sampleMax, sampleBars);
            Long rowId = sampleRowId;
            pending.add(w -> {
                if (rowId == null) {
                    w.equity(sessionId, sample);
                } else {
                    w.replaceEquity(rowId, sample);
                }
            });
            lastRowTime = snapshot.time();
            sampleBars = 0;
            sampleDirty = false;
            sampleRowId = null;
        }
        counted();
    }

    @Override
    public void onSourceStatus(SourceStatus status) {
        SourceStatus.State st = status.state();
        if (st == SourceStatus.State.PAUSED || st == SourceStatus.State.FINISHED || st == SourceStatus.State.FAILED) {
            flush();
        }
    }

    /**
     * Commits everything pending, including the equity row being collected (on disk within H2's write delay).
     *
     * @throws HistoryException when the commit fails; the pending events are dropped
     */
    public void flush() {
        if (!pending.isEmpty() || sampleDirty || stateDirty) {
            boolean withState = stateDirty;
            commit(w -> {
                if (withState) {
                    addState(w);
                }
            }, false);
        }
    }

    /** {@link #flush()}; the recorder may still be used afterwards. */
    @Override
    public void close() {
        flush();
    }

    private void counted() {
        eventsSinceCommit++;
        if (eventsSinceCommit >= policy.commitEveryEvents()
                || wallMillis.getAsLong() - lastCommitWall >= policy.commitIntervalMillis()) {
            flush();
        }
    }

    /** One transaction: the pending batch, the open equity sample, then {@code last}. Pending work is dropped on failure. */
    private void commit(Consumer<HistoryStore.Writer> last, boolean durable) {
        List<Consumer<HistoryStore.Writer>> batch = new ArrayList<>(pending);
        pending.clear();
        eventsSinceCommit = 0;
        lastCommitWall = wallMillis.getAsLong();
        EquitySample open = sampleDirty ? new EquitySample(sampleLast, sampleMin, sampleMax, sampleBars) : null;
        Long openRowId = sampleRowId;
        long[] written = {0};
        Consumer<HistoryStore.Writer> work = w -> {
            batch.forEach(c -> c.accept(w));
            if (open != null) {
                if (openRowId == null) {
                    written[0] = w.equity(sessionId, open);
                } else {
                    w.replaceEquity(openRowId, open);
                }
            }
            last.accept(w);
        };
        if (durable) {
            store.write(work);
        } else {
            store.writeBatched(work);
        }
        if (open != null) {
            // only once committed: a rolled-back insert has no row to move forward
            sampleDirty = false;
            if (openRowId == null) {
                sampleRowId = written[0];
            }
        }
    }
}
