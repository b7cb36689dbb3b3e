package dev.pennant.core.risk;

/**
 * One symbol's recent closed-bar history for the risk engine: simple returns {@code close/prevClose − 1} with their
 * bar close times (a ring of {@link #CAPACITY}), the Wilder ATR (14 bars) and the bar spacing. Primitive doubles in
 * the hot path (documented exception to BigDecimal: these are statistics, not money). Not thread-safe.
 */
public final class ReturnSeries {

    /** Returns kept per symbol (the VaR and correlation window). */
    public static final int CAPACITY = 256;
    /** ATR period (Wilder 1978, "New Concepts in Technical Trading Systems"). */
    public static final int ATR_PERIOD = 14;

    private final long[] times = new long[CAPACITY];
    private final double[] returns = new double[CAPACITY];
    private int head; // next write slot
    private int size;
    private double prevClose = Double.NaN;
    private long prevTime;
    private long spacingMs;
    private double atr = Double.NaN;
    private double trSum;
    private int trCount;

    /** Adds a closed bar (prices in quote asset, time = close time epoch ms). A bar at or before the last is ignored. */
    public void add(double high, double low, double close, long time) {
        if (!Double.isNaN(prevClose) && time <= prevTime) {
            return;
        }
        if (!Double.isNaN(prevClose)) {
            double tr = Math.max(high - low, Math.max(Math.abs(high - prevClose), Math.abs(low - prevClose)));
            if (trCount < ATR_PERIOD) {
                trSum += tr;
                trCount++;
                if (trCount == ATR_PERIOD) {
                    atr = trSum / ATR_PERIOD;
                }
            } else {
                atr = (atr * (ATR_PERIOD - 1) + tr) / ATR_PERIOD;
            }
            if (prevClose > 0) {
                times[head] = time;
                returns[head] = close / prevClose - 1;
                head = (head + 1) % CAPACITY;
                size = Math.min(size + 1, CAPACITY);
            }
            spacingMs = spacingMs == 0 ? time - prevTime : Math.min(spacingMs, time - prevTime);
        }
        prevClose = close;
        prevTime = time;
    }

    /** Returns held (≤ {@link #CAPACITY}). */
    public int size() {
        return size;
    }

    /** The i-th oldest return held (0 ≤ i < size). */
    public double returnAt(int i) {
        return returns[(head - size + i + CAPACITY) % CAPACITY];
    }

    /** The close time of the i-th oldest return held, epoch ms. */
    public long timeAt(int i) {
        return times[(head - size + i + CAPACITY) % CAPACITY];
    }

    /** Wilder ATR in quote asset, NaN before {@link #ATR_PERIOD} true ranges. */
    public double atr() {
        return atr;
    }

    /** Last close, NaN before the first bar. */
    public double lastClose() {
        return prevClose;
    }

    /** Smallest bar spacing seen, ms (0 before two bars). */
    public long spacingMs() {
        return spacingMs;
    }

    /**
     * Realised 1-day volatility: the standard deviation of the held returns × √(bars per day) (square-root-of-time),
     * a fraction; NaN with fewer than 2 returns.
     */
    public double dailyVolatility() {
        if (size < 2 || spacingMs <= 0) {
            return Double.NaN;
        }
        double mean = 0;
        for (int i = 0; i < size; i++) {
            mean += returnAt(i);
        }
        mean /= size;
        double ss = 0;
        for (int i = 0; i < size; i++) {
            double d = returnAt(i) - mean;
            ss += d * d;
        }
        return Math.sqrt(ss / (size - 1)) * Math.sqrt(RiskMetrics.barsPerDay(spacingMs));
    }

    /**
     * Writes this series' returns aligned to {@code refTimes} into {@code out} (0 where this series has no return at
     * that time; merge walk, both in ascending time). @return how many reference times matched
     */
    public int alignTo(long[] refTimes, int n, double[] out) {
        int j = 0;
        int matched = 0;
        for (int i = 0; i < n; i++) {
            long t = refTimes[i];
            while (j < size && timeAt(j) < t) {
                j++;
            }
            if (j < size && timeAt(j) == t) {
                out[i] = returnAt(j);
                matched++;
            } else {
                out[i] = 0;
            }
        }
        return matched;
    }
}
