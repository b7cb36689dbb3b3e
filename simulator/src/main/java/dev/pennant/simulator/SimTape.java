package dev.pennant.simulator;

import dev.pennant.core.model.Bar;
import dev.pennant.core.model.Instrument;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Synthetic trades of one symbol: at each {@link #step(long)} (100 ms) one trade at the replayed price whose quantity
 * is the replayed bar volume added since the previous step (at least one lot step), buyer-maker when the price fell.
 * Keeps the last {@value #KEEP} trades for {@code /trades} and {@code /aggTrades} (one trade per aggregate). Thread-safe.
 */
final class SimTape {
    static final int KEEP = 1000;

    record Trade(long id, BigDecimal price, BigDecimal qty, long time, boolean buyerMaker) {
        BigDecimal quoteQty() {
            return price.multiply(qty).stripTrailingZeros();
        }
    }

    final String symbol;
    private final Instrument ins;
    private final SimMarket market;
    private final ArrayDeque<Trade> trades = new ArrayDeque<>();
    private long nextId = 10_000_000L;
    private long barOpen = Long.MIN_VALUE;
    private BigDecimal barVolume = BigDecimal.ZERO;
    private BigDecimal lastPrice;

    SimTape(String symbol, Instrument ins, SimMarket market) {
        this.symbol = symbol;
        this.ins = ins;
        this.market = market;
    }

    /** Adds the trade of this step (server time {@code now}), or returns null when nothing traded. */
    synchronized Trade step(long now) {
        BigDecimal price = market.price(symbol);
        if (price == null) return null;
        Bar b = market.priceSeries(symbol).map(s -> SimMarket.barAt(s, market.cursor(symbol))).orElse(null);
        BigDecimal delta = BigDecimal.ZERO;
        if (b != null) {
            if (b.openTime() != barOpen) {
                barOpen = b.openTime();
                barVolume = BigDecimal.ZERO;
            }
            delta = b.volume().subtract(barVolume);
            barVolume = b.volume();
        }
        if (delta.signum() <= 0 && price.equals(lastPrice)) return null;
        BigDecimal step = ins.stepSize();
        BigDecimal qty = delta.divide(step, 0, RoundingMode.DOWN).multiply(step).max(step).stripTrailingZeros();
        boolean buyerMaker = lastPrice != null && price.compareTo(lastPrice) < 0;
        lastPrice = price;
        Trade t = new Trade(nextId++, price, qty, now, buyerMaker);
        trades.addLast(t);
        while (trades.size() > KEEP) trades.removeFirst();
        return t;
    }

    /** The last {@code limit} trades, oldest first; from {@code fromId} when ≥ 0; within [start, end] when ≥ 0. */
    synchronized List<Trade> recent(int limit, long fromId, long start, long end) {
        List<Trade> all = new ArrayList<>();
        for (Trade t : trades) {
            if (fromId >= 0 && t.id() < fromId) continue;
            if (start >= 0 && t.time() < start) continue;
            if (end >= 0 && t.time() > end) continue;
            all.add(t);
        }
        if (fromId >= 0 || start >= 0) return all.subList(0, Math.min(limit, all.size()));
        return all.subList(Math.max(0, all.size() - limit), all.size());
    }
}
