package dev.pennant.simulator;

import dev.pennant.core.model.Instrument;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A simulated order book around the replayed price: {@value #LEVELS} levels per side, spaced about 0.5 bp apart (at
 * least one tick), quantities pseudo-random but deterministic (each level changes every few steps). Every
 * {@link #step()} (100 ms) rebuilds the book at the current price and returns the diff, numbered like Binance's diff
 * depth stream ({@code U = previous u + 1}, futures {@code pu = previous u}), so a client's snapshot + diff sync works.
 * The diffs since the last {@link #drainSecond()} are merged for the 1000 ms {@code @depth} stream. Thread-safe.
 */
final class SimBook {
    static final int LEVELS = 200;

    /** A diff event: update ids and changed levels ({@code [price, qty]}, qty 0 = removed). */
    record Diff(long firstId, long lastId, long prevLastId, List<BigDecimal[]> bids, List<BigDecimal[]> asks) {
        boolean isEmpty() {
            return bids.isEmpty() && asks.isEmpty();
        }
    }

    /** A snapshot: update id and levels best first. */
    record Snapshot(long lastUpdateId, List<BigDecimal[]> bids, List<BigDecimal[]> asks) {
    }

    final String symbol;
    private final Instrument ins;
    private final SimMarket market;
    private final TreeMap<BigDecimal, BigDecimal> bids = new TreeMap<>(Comparator.reverseOrder());
    private final TreeMap<BigDecimal, BigDecimal> asks = new TreeMap<>();
    private long lastUpdateId = 1_000_000L;
    // merged diffs for the 1000 ms stream
    private final TreeMap<BigDecimal, BigDecimal> accBids = new TreeMap<>(Comparator.reverseOrder());
    private final TreeMap<BigDecimal, BigDecimal> accAsks = new TreeMap<>();
    private long accFirst = -1;
    private long accPrev = -1;

    SimBook(String symbol, Instrument ins, SimMarket market) {
        this.symbol = symbol;
        this.ins = ins;
        this.market = market;
        step();
        drainSecond();
    }

    /** Rebuilds the book at the current price; the diff against the previous book. */
    synchronized Diff step() {
        BigDecimal price = market.price(symbol);
        long prev = lastUpdateId;
        long id = ++lastUpdateId;
        TreeMap<BigDecimal, BigDecimal> nb = new TreeMap<>(Comparator.reverseOrder());
        TreeMap<BigDecimal, BigDecimal> na = new TreeMap<>();
        if (price != null) {
            BigDecimal tick = ins.tickSize();
            BigDecimal spacing = tick.multiply(BigDecimal.valueOf(Math.max(1,
                    price.multiply(new BigDecimal("0.00005")).divide(tick, 0, RoundingMode.HALF_UP).longValue())));
            BigDecimal bestBid = price.subtract(tick);
            BigDecimal bestAsk = price.add(tick);
            for (int k = 0; k < LEVELS; k++) {
                BigDecimal off = spacing.multiply(BigDecimal.valueOf(k));
                BigDecimal b = bestBid.subtract(off).stripTrailingZeros();
                if (b.signum() > 0) nb.put(b, qty(b, id, price));
                BigDecimal a = bestAsk.add(off).stripTrailingZeros();
                na.put(a, qty(a, id, price));
            }
        }
        List<BigDecimal[]> db = diff(bids, nb);
        List<BigDecimal[]> da = diff(asks, na);
        bids.clear();
        bids.putAll(nb);
        asks.clear();
        asks.putAll(na);
        if (accFirst < 0) {
            accFirst = id;
            accPrev = prev;
        }
        for (BigDecimal[] l : db) accBids.put(l[0], l[1]);
        for (BigDecimal[] l : da) accAsks.put(l[0], l[1]);
        return new Diff(prev + 1, id, prev, db, da);
    }

    /** The diffs merged since the previous call (for {@code <symbol>@depth} at 1000 ms), or null when none. */
    synchronized Diff drainSecond() {
        if (accFirst < 0) return null;
        Diff d = new Diff(accFirst, lastUpdateId, accPrev, levels(accBids, Integer.MAX_VALUE), levels(accAsks, Integer.MAX_VALUE));
        accBids.clear();
        accAsks.clear();
        accFirst = -1;
        return d;
    }

    synchronized Snapshot snapshot(int limit) {
        return new Snapshot(lastUpdateId, levels(bids, limit), levels(asks, limit));
    }

    /** Best bid and ask: {bidPrice, bidQty, askPrice, askQty, updateId}; null entries when empty. */
    synchronized Object[] top() {
        Map.Entry<BigDecimal, BigDecimal> b = bids.firstEntry();
        Map.Entry<BigDecimal, BigDecimal> a = asks.firstEntry();
        return new Object[]{b == null ? null : b.getKey(), b == null ? null : b.getValue(),
                a == null ? null : a.getKey(), a == null ? null : a.getValue(), lastUpdateId};
    }

    private BigDecimal qty(BigDecimal level, long id, BigDecimal price) {
        int lh = level.hashCode();
        long epoch = (id + (lh & 7)) / 8;
        long h = mix(lh * 31L + epoch);
        BigDecimal notional = BigDecimal.valueOf(50 + Math.floorMod(h, 5000));
        BigDecimal step = ins.stepSize();
        BigDecimal q = notional.divide(price, 12, RoundingMode.DOWN).divide(step, 0, RoundingMode.DOWN).multiply(step);
        return q.max(step).stripTrailingZeros();
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }

    private static List<BigDecimal[]> diff(TreeMap<BigDecimal, BigDecimal> old, TreeMap<BigDecimal, BigDecimal> now) {
        List<BigDecimal[]> out = new ArrayList<>();
        for (Map.Entry<BigDecimal, BigDecimal> e : old.entrySet()) {
            if (!now.containsKey(e.getKey())) out.add(new BigDecimal[]{e.getKey(), BigDecimal.ZERO});
        }
        for (Map.Entry<BigDecimal, BigDecimal> e : now.entrySet()) {
            BigDecimal o = old.get(e.getKey());
            if (o == null || o.compareTo(e.getValue()) != 0) out.add(new BigDecimal[]{e.getKey(), e.getValue()});
        }
        return out;
    }

    private static List<BigDecimal[]> levels(TreeMap<BigDecimal, BigDecimal> side, int limit) {
        List<BigDecimal[]> out = new ArrayList<>();
        for (Map.Entry<BigDecimal, BigDecimal> e : side.entrySet()) {
            if (out.size() >= limit) break;
            out.add(new BigDecimal[]{e.getKey(), e.getValue()});
        }
        return out;
    }
}
