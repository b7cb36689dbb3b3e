package dev.pennant.core.strategy.calc;

/**
 * The last {@code n} inputs in a ring: simple mean, population standard deviation (Bollinger's), highest and lowest.
 * Values are {@code NaN} until {@code n} inputs were seen. Mean and deviation keep running sums (O(1)); highest and
 * lowest scan the window (O(n), n is small). {@code double}: indicator maths, no money.
 */
public final class Window {

    private final double[] buf;
    private int pos;
    private long count;
    private double sum;
    private double sumSq;

    /** @throws IllegalArgumentException when n < 1 */
    public Window(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("window must be >= 1 bar, was " + n);
        }
        buf = new double[n];
    }

    /** Adds an input, dropping the oldest once full. */
    public void add(double x) {
        if (count >= buf.length) {
            double old = buf[pos];
            sum -= old;
            sumSq -= old * old;
        }
        buf[pos] = x;
        pos = (pos + 1) % buf.length;
        sum += x;
        sumSq += x * x;
        count++;
    }

    /** True once the window is full. */
    public boolean full() {
        return count >= buf.length;
    }

    /** Simple mean of the window, {@code NaN} until full. */
    public double mean() {
        return full() ? sum / buf.length : Double.NaN;
    }

    /** Population standard deviation of the window, {@code NaN} until full. */
    public double stdDev() {
        if (!full()) {
            return Double.NaN;
        }
        double m = sum / buf.length;
        return Math.sqrt(Math.max(0, sumSq / buf.length - m * m));
    }

    /** Highest input in the window, {@code NaN} until full. */
    public double max() {
        if (!full()) {
            return Double.NaN;
        }
        double m = Double.NEGATIVE_INFINITY;
        for (double v : buf) {
            m = Math.max(m, v);
        }
        return m;
    }

    /** Lowest input in the window, {@code NaN} until full. */
    public double min() {
        if (!full()) {
            return Double.NaN;
        }
        double m = Double.POSITIVE_INFINITY;
        for (double v : buf) {
            m = Math.min(m, v);
        }
        return m;
    }
}
