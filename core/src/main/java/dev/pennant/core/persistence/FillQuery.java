package dev.pennant.core.persistence;

import dev.pennant.core.model.Side;

/**
 * A page of stored fills for {@link HistoryStore#fillPage} / {@link HistoryStore#fillCount}: every non-null filter
 * must match; the page is sorted by event time (ties by storage order) and cut by offset and limit.
 *
 * <p>Build with {@link #all()} and the {@code with…} methods, e.g.
 * {@code FillQuery.all().withSymbol("BTCUSDT").withSide(Side.BUY).page(1000, 100)}.
 *
 * @param mode        session mode ({@code PAPER}, {@code LIVE}, {@code BACKTEST}) or {@code null} for all
 * @param sessionId   one session, or {@code null} for all
 * @param symbol      e.g. {@code BTCUSDT}, or {@code null} for all
 * @param side        BUY or SELL, or {@code null} for both
 * @param fromTime    earliest event time included, epoch ms UTC, or {@code null}
 * @param toTime      event times before this are included (exclusive bound), epoch ms UTC, or {@code null}
 * @param newestFirst true: newest fill first (the fills table); false: oldest first
 * @param offset      fills skipped before the page (≥ 0)
 * @param limit       page size, 1 to {@value #MAX_LIMIT}
 */
public record FillQuery(String mode, String sessionId, String symbol, Side side, Long fromTime, Long toTime,
                        boolean newestFirst, int offset, int limit) {

    /** Largest page a query may ask for. */
    public static final int MAX_LIMIT = 10_000;

    /** @throws IllegalArgumentException naming the field when offset &lt; 0, limit is out of range or fromTime &gt; toTime */
    public FillQuery {
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be >= 0, was " + offset);
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be within 1.." + MAX_LIMIT + ", was " + limit);
        }
        if (fromTime != null && toTime != null && fromTime > toTime) {
            throw new IllegalArgumentException("fromTime " + fromTime + " is after toTime " + toTime);
        }
    }

    /** Every fill of every session, newest first, the first 100. */
    public static FillQuery all() {
        return new FillQuery(null, null, null, null, null, null, true, 0, 100);
    }

    /** Only sessions of {@code m} (e.g. {@code PAPER}). */
    public FillQuery withMode(String m) {
        return new FillQuery(m, sessionId, symbol, side, fromTime, toTime, newestFirst, offset, limit);
    }

    /** Only session {@code id}. */
    public FillQuery withSession(String id) {
        return new FillQuery(mode, id, symbol, side, fromTime, toTime, newestFirst, offset, limit);
    }

    /** Only {@code s}. */
    public FillQuery withSymbol(String s) {
        return new FillQuery(mode, sessionId, s, side, fromTime, toTime, newestFirst, offset, limit);
    }

    /** Only {@code s}. */
    public FillQuery withSide(Side s) {
        return new FillQuery(mode, sessionId, symbol, s, fromTime, toTime, newestFirst, offset, limit);
    }

    /** Event times in {@code [from, to)}, epoch ms UTC; either may be null (open). */
    public FillQuery between(Long from, Long to) {
        return new FillQuery(mode, sessionId, symbol, side, from, to, newestFirst, offset, limit);
    }

    /** Newest first ({@code true}) or oldest first. */
    public FillQuery sortedNewestFirst(boolean v) {
        return new FillQuery(mode, sessionId, symbol, side, fromTime, toTime, v, offset, limit);
    }

    /** Skip {@code skip} fills, return at most {@code size}. */
    public FillQuery page(int skip, int size) {
        return new FillQuery(mode, sessionId, symbol, side, fromTime, toTime, newestFirst, skip, size);
    }
}
