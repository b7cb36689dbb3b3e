package dev.pennant.core.marketdata.book;

import dev.pennant.core.marketdata.parse.DepthSnapshot;
import dev.pennant.core.marketdata.parse.DepthUpdate;
import dev.pennant.core.model.Market;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Objects;

/**
 * Keeps an {@link OrderBook} equal to Binance's book with the documented snapshot + diff-depth procedure.
 *
 * <p>Spot (<a href="https://developers.binance.com/docs/binance-spot-api-docs/web-socket-streams#how-to-manage-a-local-order-book-correctly">
 * How to manage a local order book correctly</a>): buffer the diff events; fetch a snapshot; if its
 * {@code lastUpdateId} is below the first buffered {@code U}, fetch again; discard buffered events with
 * {@code u <= lastUpdateId}; the first remaining event must satisfy {@code U <= lastUpdateId + 1 <= u}; then for every
 * event ignore it if {@code u <=} the book's id, treat {@code U >} book id + 1 as a gap, else apply it and set the
 * book id to {@code u} (so consecutive events have {@code U == previous u + 1}). The docs' alternative wording
 * "lastUpdateId within [U;u]" would reject the legitimate case {@code U == lastUpdateId + 1}, which the recorded
 * spot stream shows (snapshot 499869752, next event U 499869753); the update procedure accepts it, and so do we.
 *
 * <p>USDⓈ-M futures (<a href="https://developers.binance.com/docs/derivatives/usds-margined-futures/websocket-market-streams/How-to-manage-a-local-order-book-correctly">
 * How to manage a local order book correctly</a>): drop events with {@code u < lastUpdateId}; the first processed event
 * must satisfy {@code U <= lastUpdateId <= u}; afterwards each event's {@code pu} must equal the previous event's
 * {@code u}, otherwise re-initialise from the snapshot step.
 *
 * <p>On a gap the state becomes {@link SyncState#RESYNCING}: the book is cleared, the offending event starts a new
 * buffer and a new snapshot is fetched at once; the state returns to {@link SyncState#LIVE} when a snapshot bridges
 * the buffer. Quantities are absolute and 0 removes a level; removing an absent level is normal and ignored.
 *
 * <p>Threads: call {@link #onEvent} from one thread (the stream's reader); the snapshot is fetched synchronously on
 * that thread (frames queue in the socket meanwhile). {@link #state()} and {@link #health()} may be read from any
 * thread; {@link #book()} only from the event thread (give the UI {@link OrderBook#depth(int)} copies).
 */
public final class DepthSynchronizer {

    /** Events buffered at most while unsynced; older ones are discarded (counted as dropped) beyond this. */
    public static final int MAX_BUFFERED = 10_000;

    private final String symbol;
    private final boolean futures;
    private final SnapshotSource source;
    private final OrderBook book;
    private final ArrayDeque<DepthUpdate> buffer = new ArrayDeque<>();

    private DepthSnapshot snapshot;
    private long previousFinalId = DepthUpdate.NO_ID;

    private volatile SyncState state = SyncState.SYNCING;
    private volatile long lastUpdateId = -1;
    private volatile long eventsApplied;
    private volatile long eventsDropped;
    private volatile long levelUpdates;
    private volatile long resyncs;
    private volatile long snapshotsFetched;
    private volatile long snapshotsRejected;
    private volatile long snapshotFailures;
    private volatile String lastError;

    /**
     * @param symbol upper-case symbol, e.g. {@code BTCUSDT}
     * @param market {@link Market#SPOT} (U/u continuity) or {@link Market#USDM_FUTURES} (pu continuity)
     * @param source fetches depth snapshots for {@code symbol}
     */
    public DepthSynchronizer(String symbol, Market market, SnapshotSource source) {
        this.symbol = Objects.requireNonNull(symbol, "symbol");
        this.futures = Objects.requireNonNull(market, "market") == Market.USDM_FUTURES;
        this.source = Objects.requireNonNull(source, "source");
        this.book = new OrderBook(symbol);
    }

    /** The symbol. */
    public String symbol() {
        return symbol;
    }

    /** The local book (event thread only). Empty unless {@link #state()} is {@link SyncState#LIVE}. */
    public OrderBook book() {
        return book;
    }

    /** Current state (any thread). */
    public SyncState state() {
        return state;
    }

    /** Diff events applied. */
    public long eventsApplied() {
        return eventsApplied;
    }

    /** Diff events dropped as too old. */
    public long eventsDropped() {
        return eventsDropped;
    }

    /** Gaps detected. */
    public long resyncs() {
        return resyncs;
    }

    /** Price-level updates applied from diff events. */
    public long levelUpdates() {
        return levelUpdates;
    }

    /** All counters (any thread). */
    public SyncHealth health() {
        return new SyncHealth(state, lastUpdateId, eventsApplied, eventsDropped, levelUpdates, resyncs, snapshotsFetched,
                snapshotsRejected, snapshotFailures, lastError);
    }

    /**
     * Feeds one diff event of this symbol's depth stream, in stream order. The update may be the parser's reused
     * view: it is copied if it has to be buffered.
     *
     * @throws IllegalArgumentException when the event is for another symbol
     */
    public void onEvent(DepthUpdate event) {
        if (!symbol.equals(event.symbol())) {
            throw new IllegalArgumentException("depth event of " + event.symbol() + " fed to the synchronizer of " + symbol);
        }
        if (state == SyncState.LIVE) {
            applyLive(event, false);
            return;
        }
        buffer(event);
        trySync();
    }

    private void buffer(DepthUpdate event) {
        if (buffer.size() >= MAX_BUFFERED) {
            buffer.pollFirst();
            eventsDropped++;
        }
        buffer.addLast(event.copy());
    }

    private void trySync() {
        if (snapshot == null) {
            DepthSnapshot s;
            try {
                s = Objects.requireNonNull(source.fetch(symbol), "snapshot source returned null");
            } catch (IOException | RuntimeException e) {
                snapshotFailures++;
                lastError = e.toString();
                return; // retry on the next event
            }
            snapshotsFetched++;
            if (s.lastUpdateId() < buffer.peekFirst().firstUpdateId()) {
                snapshotsRejected++; // older than the first buffered event: fetch again (next event)
                return;
            }
            snapshot = s;
        }
        long last = snapshot.lastUpdateId();
        while (!buffer.isEmpty() && (futures ? buffer.peekFirst().finalUpdateId() < last
                : buffer.peekFirst().finalUpdateId() <= last)) {
            buffer.pollFirst();
            eventsDropped++;
        }
        if (buffer.isEmpty()) {
            return; // keep the snapshot and wait for the event that bridges it
        }
        DepthUpdate first = buffer.peekFirst();
        boolean bridges = futures
                ? first.firstUpdateId() <= last && last <= first.finalUpdateId()
                : first.firstUpdateId() <= last + 1 && last + 1 <= first.finalUpdateId();
        if (!bridges) {
            snapshotsRejected++; // the stream moved past the snapshot with a hole between them
            snapshot = null;
            return;
        }
        book.load(snapshot);
        snapshot = null;
        lastUpdateId = book.lastUpdateId();
        state = SyncState.LIVE;
        boolean firstEvent = true;
        while (!buffer.isEmpty()) {
            DepthUpdate e = buffer.pollFirst();
            applyLive(e, firstEvent);
            firstEvent = false;
            if (state != SyncState.LIVE) {
                return; // a gap inside the buffer started a resync (which re-buffered what it needs)
            }
        }
    }

    private void applyLive(DepthUpdate e, boolean firstAfterSnapshot) {
        long bookId = book.lastUpdateId();
        if (futures) {
            if (!firstAfterSnapshot && e.prevFinalUpdateId() != previousFinalId) {
                gap(e);
                return;
            }
        } else {
            if (e.finalUpdateId() <= bookId) {
                eventsDropped++;
                return;
            }
            if (e.firstUpdateId() > bookId + 1) {
                gap(e);
                return;
            }
        }
        int n = book.apply(e);
        previousFinalId = e.finalUpdateId();
        lastUpdateId = previousFinalId;
        eventsApplied++;
        levelUpdates += n;
    }

    private void gap(DepthUpdate e) {
        resyncs++;
        state = SyncState.RESYNCING;
        book.clear();
        lastUpdateId = -1;
        ArrayDeque<DepthUpdate> rest = new ArrayDeque<>(buffer);
        buffer.clear();
        snapshot = null;
        previousFinalId = DepthUpdate.NO_ID;
        buffer(e);
        buffer.addAll(rest); // events still pending behind the gap (when it was found while draining the buffer)
        trySync();
    }
}
