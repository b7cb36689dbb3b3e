package dev.pennant.core.strategy.calc;

/**
 * Incremental exponential moving average with ta4j 0.22's conventions ({@code EMAIndicator}, {@code MMAIndicator}):
 * {@code NaN} for the first {@code n} inputs (indices 0..n-1), the input itself at index n, then
 * {@code ema += k × (x − ema)}. The multiplier is {@code 2 / (n + 1)} for an EMA and {@code 1 / n} for Wilder's
 * smoothing (MMA). {@code double} on purpose: a hot loop that holds no money. O(1) per value, no allocation.
 */
public final class Ema {

    private final int n;
    private final double k;
    private long index = -1;
    private double value = Double.NaN;

    private Ema(int n, double k) {
        if (n < 1) {
            throw new IllegalArgumentException("period must be >= 1, was " + n);
        }
        this.n = n;
        this.k = k;
    }

    /** An EMA of {@code n} bars (multiplier 2 / (n + 1)). @throws IllegalArgumentException when n < 1 */
    public static Ema exponential(int n) {
        return new Ema(n, 2.0 / (n + 1));
    }

    /** Wilder's moving average of {@code n} bars (multiplier 1 / n). @throws IllegalArgumentException when n < 1 */
    public static Ema wilder(int n) {
        return new Ema(n, 1.0 / n);
    }

    /** Feeds the next input. @return the value now ({@code NaN} while unstable) */
    public double update(double x) {
        index++;
        if (index < n) {
            return value; // NaN
        }
        value = Double.isNaN(value) ? x : value + (x - value) * k;
        return value;
    }

    /** The value after the last input ({@code NaN} while unstable). */
    public double value() {
        return value;
    }

    /** The period in bars. */
    public int period() {
        return n;
    }
}
