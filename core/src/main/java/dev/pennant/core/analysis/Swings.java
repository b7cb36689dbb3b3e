package dev.pennant.core.analysis;

import java.util.ArrayList;
import java.util.List;

/**
 * Swing detection over {@link BarArrays}: fractal pivots (Bill Williams' n-bar fractal generalised to {@code left}/
 * {@code right} bars) and a zig-zag whose reversal threshold is the larger of a percentage of price and a multiple of
 * ATR. Own code: ta4j's swing indicators work per bar index, these passes return the swing list in one scan.
 */
public final class Swings {
    private Swings() {
    }

    /**
     * Fractal pivots: bar i is a pivot high when its high is strictly above the {@code left} highs before it and not
     * below the {@code right} highs after it (lows mirrored). Only bars with {@code right} later bars qualify, so a
     * pivot is never based on bars that do not exist yet.
     *
     * @throws IllegalArgumentException when left or right &lt; 1
     * @return pivots in bar order (a bar can be both a high and a low pivot: both are listed, high first)
     */
    public static List<SwingPoint> pivots(BarArrays b, int left, int right) {
        if (left < 1 || right < 1) {
            throw new IllegalArgumentException("pivot left and right must be >= 1, were " + left + " and " + right);
        }
        List<SwingPoint> out = new ArrayList<>();
        double[] h = b.high();
        double[] l = b.low();
        for (int i = left; i + right < b.size(); i++) {
            boolean isHigh = true;
            boolean isLow = true;
            for (int j = i - left; j < i && (isHigh || isLow); j++) {
                isHigh &= h[j] < h[i];
                isLow &= l[j] > l[i];
            }
            for (int j = i + 1; j <= i + right && (isHigh || isLow); j++) {
                isHigh &= h[j] <= h[i];
                isLow &= l[j] >= l[i];
            }
            if (isHigh) out.add(new SwingPoint(i, b.openTime()[i], h[i], SwingPoint.Type.HIGH, true));
            if (isLow) out.add(new SwingPoint(i, b.openTime()[i], l[i], SwingPoint.Type.LOW, true));
        }
        return out;
    }

    /**
     * Zig-zag swings: alternating highs and lows, a new leg starting when price moves against the running extreme by
     * at least {@code max(minFraction × extreme, atrMultiple × atr[i])}.
     *
     * @param atr          ATR per bar (quote asset), {@code NaN} entries count as 0; {@code null} to use only the percentage
     * @param minFraction  reversal threshold as a fraction of price, e.g. 0.01 for 1 %; ≥ 0
     * @param atrMultiple  reversal threshold in ATRs, ≥ 0
     * @return points in bar order; the last one is the running extreme ({@code confirmed = false})
     * @throws IllegalArgumentException when both thresholds are 0 or one is negative
     */
    public static List<SwingPoint> zigZag(BarArrays b, double[] atr, double minFraction, double atrMultiple) {
        if (minFraction < 0 || atrMultiple < 0 || (minFraction == 0 && (atrMultiple == 0 || atr == null))) {
            throw new IllegalArgumentException("zig-zag needs minFraction >= 0 and atrMultiple >= 0, not both 0 (were "
                    + minFraction + ", " + atrMultiple + ")");
        }
        List<SwingPoint> out = new ArrayList<>();
        int n = b.size();
        if (n == 0) return out;
        double[] h = b.high();
        double[] l = b.low();
        int hiIdx = 0;
        int loIdx = 0;
        int dir = 0; // 0: no leg yet, +1: leg up (tracking a high), -1: leg down (tracking a low)
        for (int i = 1; i < n; i++) {
            double a = atr == null || Double.isNaN(atr[i]) ? 0 : atr[i];
            if (dir == 0) {
                if (h[i] > h[hiIdx]) hiIdx = i;
                if (l[i] < l[loIdx]) loIdx = i;
                double th = Math.max(minFraction * l[loIdx], atrMultiple * a);
                if (h[hiIdx] - l[loIdx] >= th) {
                    if (hiIdx < loIdx) {
                        out.add(point(b, hiIdx, SwingPoint.Type.HIGH));
                        dir = -1;
                    } else {
                        out.add(point(b, loIdx, SwingPoint.Type.LOW));
                        dir = 1;
                    }
                }
            } else if (dir == 1) {
                if (h[i] >= h[hiIdx]) {
                    hiIdx = i;
                } else if (h[hiIdx] - l[i] >= Math.max(minFraction * h[hiIdx], atrMultiple * a)) {
                    out.add(point(b, hiIdx, SwingPoint.Type.HIGH));
                    dir = -1;
                    loIdx = i;
                }
            } else {
                if (l[i] <= l[loIdx]) {
                    loIdx = i;
                } else if (h[i] - l[loIdx] >= Math.max(minFraction * l[loIdx], atrMultiple * a)) {
                    out.add(point(b, loIdx, SwingPoint.Type.LOW));
                    dir = 1;
                    hiIdx = i;
                }
            }
        }
        if (dir == 1) out.add(new SwingPoint(hiIdx, b.openTime()[hiIdx], h[hiIdx], SwingPoint.Type.HIGH, false));
        if (dir == -1) out.add(new SwingPoint(loIdx, b.openTime()[loIdx], l[loIdx], SwingPoint.Type.LOW, false));
        return out;
    }

    private static SwingPoint point(BarArrays b, int i, SwingPoint.Type t) {
        return new SwingPoint(i, b.openTime()[i], t == SwingPoint.Type.HIGH ? b.high()[i] : b.low()[i], t, true);
    }
}
