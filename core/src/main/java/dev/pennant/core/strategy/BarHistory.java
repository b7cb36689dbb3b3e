package dev.pennant.core.strategy;

import dev.pennant.core.model.Bar;

/**
 * The closed bars of one symbol seen so far, newest last, as primitive {@code double}s in a ring buffer: a strategy's
 * window onto the past. Index 0 is the bar that just closed, 1 the one before, and so on; there is no accessor for a
 * bar after the current one, so a strategy cannot look ahead.
 *
 * <p>Prices are in the quote asset, volumes in the base asset, as {@code double}s converted from the {@link Bar}'s
 * {@code BigDecimal}s on first read of each field (a strategy that reads only closes pays for one conversion per bar):
 * indicator maths is a hot loop and holds no money. Only the last {@link #capacity()} bars are
 * kept (older ones are gone; {@link #count()} still counts them). Not thread-safe: the engine thread writes, the
 * strategies it calls read.
 */
public final class BarHistory {

    private final int mask;
    private final long[] openTime;
    private final double[] open;
    private final double[] high;
    private final double[] low;
    private final double[] close;
    private final double[] volume;
    private final Bar[] source;
    /** Per slot: bit f set when field f (OPEN..VOLUME) has been converted from {@link #source}. */
    private final byte[] converted;
    private long count;
    private static final int O = 1, H = 2, L = 4, C = 8, V = 16;

    /**
     * @param capacity bars kept, rounded up to a power of two (at least 2)
     * @throws IllegalArgumentException when capacity is not positive or above 2^24
     */
    public BarHistory(int capacity) {
        if (capacity < 1 || capacity > (1 << 24)) {
            throw new IllegalArgumentException("capacity must be within 1..16777216 bars, was " + capacity);
        }
        int c = Integer.highestOneBit(Math.max(2, capacity - 1)) << 1;
        mask = c - 1;
        openTime = new long[c];
        open = new double[c];
        high = new double[c];
        low = new double[c];
        close = new double[c];
        volume = new double[c];
        source = new Bar[c];
        converted = new byte[c];
    }

    /** Appends a closed bar (the new index 0); its prices are converted when first read. */
    public void add(Bar bar) {
        int i = (int) (count & mask);
        openTime[i] = bar.openTime();
        source[i] = bar;
        converted[i] = 0;
        count++;
    }

    /** Appends a closed bar given as primitives (open time epoch ms UTC; prices quote asset; volume base asset). */
    public void add(long openTimeMs, double o, double h, double l, double c, double v) {
        int i = (int) (count & mask);
        openTime[i] = openTimeMs;
        open[i] = o;
        high[i] = h;
        low[i] = l;
        close[i] = c;
        volume[i] = v;
        source[i] = null;
        converted[i] = O | H | L | C | V;
        count++;
    }

    /** Bars appended since creation (including those no longer kept). */
    public long count() {
        return count;
    }

    /** Bars available to read: {@code min(count, capacity)}. */
    public int size() {
        return (int) Math.min(count, mask + 1L);
    }

    /** Bars kept at most. */
    public int capacity() {
        return mask + 1;
    }

    private int idx(int ago) {
        if (ago < 0 || ago >= size()) {
            throw new IndexOutOfBoundsException("bar " + ago + " ago is not available (" + size() + " kept)");
        }
        return (int) ((count - 1 - ago) & mask);
    }

    /** Open time (epoch ms UTC) of the bar {@code ago} bars back (0 = current). @throws IndexOutOfBoundsException */
    public long openTime(int ago) { return openTime[idx(ago)]; }
    /** Open price {@code ago} bars back. @throws IndexOutOfBoundsException when not kept */
    public double open(int ago) {
        int i = idx(ago);
        if ((converted[i] & O) == 0) {
            open[i] = source[i].open().doubleValue();
            converted[i] |= O;
        }
        return open[i];
    }

    /** High price {@code ago} bars back. @throws IndexOutOfBoundsException when not kept */
    public double high(int ago) {
        int i = idx(ago);
        if ((converted[i] & H) == 0) {
            high[i] = source[i].high().doubleValue();
            converted[i] |= H;
        }
        return high[i];
    }

    /** Low price {@code ago} bars back. @throws IndexOutOfBoundsException when not kept */
    public double low(int ago) {
        int i = idx(ago);
        if ((converted[i] & L) == 0) {
            low[i] = source[i].low().doubleValue();
            converted[i] |= L;
        }
        return low[i];
    }

    /** Close price {@code ago} bars back. @throws IndexOutOfBoundsException when not kept */
    public double close(int ago) {
        int i = idx(ago);
        if ((converted[i] & C) == 0) {
            close[i] = source[i].close().doubleValue();
            converted[i] |= C;
        }
        return close[i];
    }

    /** Base volume {@code ago} bars back. @throws IndexOutOfBoundsException when not kept */
    public double volume(int ago) {
        int i = idx(ago);
        if ((converted[i] & V) == 0) {
            volume[i] = source[i].volume().doubleValue();
            converted[i] |= V;
        }
        return volume[i];
    }
}
