package dev.pennant.core.strategy.calc;

/**
 * Incremental ADX / DMI (Wilder, "New Concepts in Technical Trading Systems", 1978): true range, +DM and −DM per bar,
 * each smoothed by Wilder's average ({@link Ema#wilder}); {@code +DI = 100 × sm(+DM) / sm(TR)}, likewise −DI;
 * {@code DX = 100 × |+DI − −DI| / (+DI + −DI)}; ADX = Wilder's average of DX. The first bar has no previous close, so
 * its true range is high − low and its DMs are 0. {@code NaN} while any average is unstable (about 2n bars).
 */
public final class Adx {

    private final Ema tr;
    private final Ema plusDm;
    private final Ema minusDm;
    private final Ema adx;
    private double prevHigh = Double.NaN;
    private double prevLow;
    private double prevClose;
    private double plusDi = Double.NaN;
    private double minusDi = Double.NaN;

    /** @throws IllegalArgumentException when n < 1 */
    public Adx(int n) {
        tr = Ema.wilder(n);
        plusDm = Ema.wilder(n);
        minusDm = Ema.wilder(n);
        adx = Ema.wilder(n);
    }

    /** Feeds one bar. @return ADX in [0, 100], or {@code NaN} while unstable */
    public double update(double high, double low, double close) {
        double trueRange;
        double up = 0;
        double down = 0;
        if (Double.isNaN(prevHigh)) {
            trueRange = high - low;
        } else {
            trueRange = Math.max(high - low, Math.max(Math.abs(high - prevClose), Math.abs(low - prevClose)));
            double u = high - prevHigh;
            double d = prevLow - low;
            up = u > d && u > 0 ? u : 0;
            down = d > u && d > 0 ? d : 0;
        }
        prevHigh = high;
        prevLow = low;
        prevClose = close;
        double t = tr.update(trueRange);
        double p = plusDm.update(up);
        double m = minusDm.update(down);
        if (Double.isNaN(t) || t == 0) {
            plusDi = minusDi = Double.NaN;
            return adx.value();
        }
        plusDi = 100 * p / t;
        minusDi = 100 * m / t;
        double s = plusDi + minusDi;
        return adx.update(s == 0 ? 0 : 100 * Math.abs(plusDi - minusDi) / s);
    }

    /** ADX after the last bar ({@code NaN} while unstable). */
    public double value() {
        return adx.value();
    }

    /** +DI after the last bar ({@code NaN} while unstable). */
    public double plusDi() {
        return plusDi;
    }

    /** −DI after the last bar ({@code NaN} while unstable). */
    public double minusDi() {
        return minusDi;
    }

    /** Wilder's average true range after the last bar (quote asset; {@code NaN} while unstable). */
    public double atr() {
        return tr.value();
    }
}
