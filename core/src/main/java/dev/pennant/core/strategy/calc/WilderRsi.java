package dev.pennant.core.strategy.calc;

/**
 * Incremental RSI with Wilder's smoothing, as ta4j 0.22's {@code RSIIndicator}: gain/loss of each close against the
 * previous one (0 for the first), each smoothed by {@link Ema#wilder}; {@code RSI = 100 − 100 / (1 + avgGain/avgLoss)},
 * 100 when only gains, 0 when neither; {@code NaN} for the first {@code n} closes. Source: J. Welles Wilder, "New
 * Concepts in Technical Trading Systems" (1978), seeded as ta4j seeds it (first smoothed value = that bar's gain).
 */
public final class WilderRsi {

    private final Ema gain;
    private final Ema loss;
    private double prev = Double.NaN;
    private double value = Double.NaN;

    /** @throws IllegalArgumentException when n < 1 */
    public WilderRsi(int n) {
        gain = Ema.wilder(n);
        loss = Ema.wilder(n);
    }

    /** Feeds the next close. @return RSI in [0, 100], or {@code NaN} while unstable */
    public double update(double close) {
        double d = Double.isNaN(prev) ? 0 : close - prev;
        prev = close;
        double g = gain.update(d > 0 ? d : 0);
        double l = loss.update(d < 0 ? -d : 0);
        if (Double.isNaN(g) || Double.isNaN(l)) {
            value = Double.NaN;
        } else if (l == 0) {
            value = g == 0 ? 0 : 100;
        } else {
            value = 100 - 100 / (1 + g / l);
        }
        return value;
    }

    /** RSI after the last close, {@code NaN} while unstable. */
    public double value() {
        return value;
    }
}
