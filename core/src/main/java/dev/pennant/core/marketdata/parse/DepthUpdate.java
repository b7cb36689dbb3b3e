package dev.pennant.core.marketdata.parse;

/**
 * A diff-depth event ({@code "e":"depthUpdate"}) of the spot or USDⓈ-M stream {@code <symbol>@depth[@100ms]}.
 *
 * <p>Spot: <a href="https://developers.binance.com/docs/binance-spot-api-docs/web-socket-streams#diff-depth-stream">
 * Diff. Depth Stream</a>; futures: <a href="https://developers.binance.com/docs/derivatives/usds-margined-futures/websocket-market-streams/Diff-Book-Depth-Streams">
 * Diff. Book Depth Streams</a> (adds {@code pu} and {@code T}). The parser reuses one instance per parser;
 * {@link #copy()} it to keep it past the callback. Not thread-safe.
 */
public final class DepthUpdate {

    /** Value of {@link #prevFinalUpdateId()} when the frame has no {@code pu} (spot). */
    public static final long NO_ID = -1;

    String symbol;
    long eventTime;
    long transactionTime = NO_ID;
    long firstUpdateId;
    long finalUpdateId;
    long prevFinalUpdateId = NO_ID;
    final Levels bids;
    final Levels asks;

    /** An empty, reusable update. */
    public DepthUpdate() {
        this(new Levels(64), new Levels(64));
    }

    private DepthUpdate(Levels bids, Levels asks) {
        this.bids = bids;
        this.asks = asks;
    }

    /**
     * A fully specified update (tests, simulators).
     *
     * @param prevFinalUpdateId futures {@code pu}, or {@link #NO_ID} for spot
     */
    public static DepthUpdate of(String symbol, long eventTime, long firstUpdateId, long finalUpdateId,
                                 long prevFinalUpdateId, Levels bids, Levels asks) {
        DepthUpdate u = new DepthUpdate(bids.copy(), asks.copy());
        u.symbol = symbol;
        u.eventTime = eventTime;
        u.firstUpdateId = firstUpdateId;
        u.finalUpdateId = finalUpdateId;
        u.prevFinalUpdateId = prevFinalUpdateId;
        return u;
    }

    /** Symbol, upper case ({@code "s"}). */
    public String symbol() {
        return symbol;
    }

    /** Event time {@code "E"}, epoch ms UTC. */
    public long eventTime() {
        return eventTime;
    }

    /** Futures transaction time {@code "T"}, epoch ms UTC, or {@link #NO_ID}. */
    public long transactionTime() {
        return transactionTime;
    }

    /** First update id in the event ({@code "U"}). */
    public long firstUpdateId() {
        return firstUpdateId;
    }

    /** Final update id in the event ({@code "u"}). */
    public long finalUpdateId() {
        return finalUpdateId;
    }

    /** Futures: final update id of the previous event ({@code "pu"}); spot: {@link #NO_ID}. */
    public long prevFinalUpdateId() {
        return prevFinalUpdateId;
    }

    /** Changed bid levels ({@code "b"}), absolute quantities, 0 = remove. */
    public Levels bids() {
        return bids;
    }

    /** Changed ask levels ({@code "a"}), absolute quantities, 0 = remove. */
    public Levels asks() {
        return asks;
    }

    /** Total number of level changes in the event. */
    public int levelCount() {
        return bids.size() + asks.size();
    }

    /** An independent copy (for buffering while the order book syncs). */
    public DepthUpdate copy() {
        DepthUpdate c = new DepthUpdate(bids.copy(), asks.copy());
        c.symbol = symbol;
        c.eventTime = eventTime;
        c.transactionTime = transactionTime;
        c.firstUpdateId = firstUpdateId;
        c.finalUpdateId = finalUpdateId;
        c.prevFinalUpdateId = prevFinalUpdateId;
        return c;
    }

    void reset() {
        symbol = null;
        eventTime = 0;
        transactionTime = NO_ID;
        firstUpdateId = NO_ID;
        finalUpdateId = NO_ID;
        prevFinalUpdateId = NO_ID;
        bids.clear();
        asks.clear();
    }

    @Override
    public String toString() {
        return "DepthUpdate[" + symbol + " U=" + firstUpdateId + " u=" + finalUpdateId
                + (prevFinalUpdateId == NO_ID ? "" : " pu=" + prevFinalUpdateId) + " b=" + bids + " a=" + asks + "]";
    }
}
