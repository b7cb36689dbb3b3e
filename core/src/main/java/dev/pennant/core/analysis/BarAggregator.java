package dev.pennant.core.analysis;

import dev.pennant.core.model.Bar;
import dev.pennant.core.model.Interval;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds coarser bars from finer ones (1m → 5m, 1h → 4h, …), the way Binance forms its klines: buckets aligned to
 * multiples of the target length since the epoch (UTC midnight for 1d), open = first open, high = max, low = min,
 * close = last close, volumes, quote volumes, trade counts and taker volumes summed (a sum is {@code null} / -1 when
 * any input lacks the field). A bucket with missing finer bars (an exchange outage) is still one bar.
 */
public final class BarAggregator {
    private BarAggregator() {
    }

    /** True when {@code target} can be built from {@code source}: a longer fixed length, a whole multiple, at most 1d. */
    public static boolean canAggregate(Interval source, Interval target) {
        return target.millis() > source.millis() && target.millis() % source.millis() == 0
                && target.millis() <= Interval.D1.millis() && !source.isCalendarMonth();
    }

    /**
     * Aggregates {@code bars} (one symbol, one interval, ascending open time) into {@code target} bars.
     *
     * <p>The last bucket is {@code closed = false} when its final finer bar is absent or still forming (the
     * coarser bar is not finished yet); every other bucket is closed. A first bucket whose data starts after the
     * bucket's boundary (the list begins mid-bucket) is dropped: its open and range would be wrong.
     *
     * @throws IllegalArgumentException when the intervals do not fit ({@link #canAggregate}) — weeks and months do not
     *                                  align to the epoch the way Binance aligns them — or bars are out of order or
     *                                  of another interval
     */
    public static List<Bar> aggregate(List<Bar> bars, Interval target) {
        List<Bar> out = new ArrayList<>();
        if (bars.isEmpty()) {
            return out;
        }
        Interval source = bars.get(0).interval();
        if (!canAggregate(source, target)) {
            throw new IllegalArgumentException("cannot aggregate " + source + " bars into " + target
                    + ": the target must be a whole multiple of the source, longer, and at most 1d");
        }
        long len = target.millis();
        int start = 0;
        long prevOpen = Long.MIN_VALUE;
        for (int i = 0; i <= bars.size(); i++) {
            if (i < bars.size()) {
                Bar b = bars.get(i);
                if (b.interval() != source) {
                    throw new IllegalArgumentException("bar " + i + " is " + b.interval() + ", expected " + source);
                }
                if (b.openTime() <= prevOpen) {
                    throw new IllegalArgumentException("bars must have strictly ascending openTime (bar " + i + ")");
                }
                prevOpen = b.openTime();
            }
            if (i == bars.size() || Math.floorDiv(bars.get(i).openTime(), len) != Math.floorDiv(bars.get(start).openTime(), len)) {
                boolean lastBucket = i == bars.size();
                boolean partialFirst = start == 0 && Math.floorMod(bars.get(0).openTime(), len) != 0;
                if (!partialFirst) {
                    out.add(merge(bars.subList(start, i), target, lastBucket));
                }
                start = i;
            }
        }
        return out;
    }

    private static Bar merge(List<Bar> group, Interval target, boolean lastBucket) {
        Bar first = group.get(0);
        Bar last = group.get(group.size() - 1);
        long open = Math.floorDiv(first.openTime(), target.millis()) * target.millis();
        long close = open + target.millis() - 1;
        BigDecimal high = first.high();
        BigDecimal low = first.low();
        BigDecimal volume = BigDecimal.ZERO;
        BigDecimal quote = BigDecimal.ZERO;
        BigDecimal takerBase = BigDecimal.ZERO;
        BigDecimal takerQuote = BigDecimal.ZERO;
        long trades = 0;
        for (Bar b : group) {
            high = high.max(b.high());
            low = low.min(b.low());
            volume = volume.add(b.volume());
            quote = quote == null || b.quoteVolume() == null ? null : quote.add(b.quoteVolume());
            takerBase = takerBase == null || b.takerBuyBaseVolume() == null ? null : takerBase.add(b.takerBuyBaseVolume());
            takerQuote = takerQuote == null || b.takerBuyQuoteVolume() == null ? null : takerQuote.add(b.takerBuyQuoteVolume());
            trades = trades < 0 || b.trades() < 0 ? -1 : trades + b.trades();
        }
        boolean closed = !lastBucket || (last.closed() && last.closeTime() >= close);
        return new Bar(first.symbol(), target, open, close, first.open(), high, low, last.close(), volume, quote, trades,
                takerBase, takerQuote, closed);
    }
}
