package dev.pennant.core.analysis;

import dev.pennant.core.model.Bar;
import dev.pennant.core.model.Interval;

import java.util.List;

/**
 * A bar list as primitive columns for the analysis loops (swings, levels, trend): prices in the quote asset and
 * base-asset volume as {@code double}, open times epoch ms UTC. Built once per analysis from {@link Bar}s.
 *
 * @param interval bar interval ({@code null} for an empty list)
 * @param openTime open times, ascending
 * @param open     open prices
 * @param high     high prices
 * @param low      low prices
 * @param close    close prices
 * @param volume   base-asset volumes
 */
public record BarArrays(Interval interval, long[] openTime, double[] open, double[] high, double[] low, double[] close,
                        double[] volume) {

    /** Columns of {@code bars} (ascending open time expected, not checked). */
    public static BarArrays of(List<Bar> bars) {
        int n = bars.size();
        long[] t = new long[n];
        double[] o = new double[n];
        double[] h = new double[n];
        double[] l = new double[n];
        double[] c = new double[n];
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            Bar b = bars.get(i);
            t[i] = b.openTime();
            o[i] = b.open().doubleValue();
            h[i] = b.high().doubleValue();
            l[i] = b.low().doubleValue();
            c[i] = b.close().doubleValue();
            v[i] = b.volume().doubleValue();
        }
        return new BarArrays(n == 0 ? null : bars.get(0).interval(), t, o, h, l, c, v);
    }

    /** Number of bars. */
    public int size() {
        return close.length;
    }

    /** Index of the last bar. @throws IllegalStateException when empty */
    public int last() {
        if (close.length == 0) {
            throw new IllegalStateException("no bars");
        }
        return close.length - 1;
    }
}
