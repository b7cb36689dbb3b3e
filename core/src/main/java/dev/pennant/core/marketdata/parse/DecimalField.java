package dev.pennant.core.marketdata.parse;

import java.math.BigDecimal;

/**
 * A mutable exact decimal, reused by the parser's views: value = {@link #mantissa()} × 10<sup>-{@link #scale()}</sup>.
 * Not thread-safe; read it inside the handler callback or {@link #toBigDecimal()} it.
 */
public final class DecimalField {

    private long mantissa;
    private int scale;

    /** Unscaled value. */
    public long mantissa() {
        return mantissa;
    }

    /** Number of fractional digits, 0..18. */
    public int scale() {
        return scale;
    }

    void set(long mantissa, int scale) {
        this.mantissa = mantissa;
        this.scale = scale;
    }

    /** The exact value (trailing zeros removed). */
    public BigDecimal toBigDecimal() {
        return Decimals.toBigDecimal(mantissa, scale);
    }

    /** The nearest double, for display and charts only. */
    public double toDouble() {
        return Decimals.toDouble(mantissa, scale);
    }

    @Override
    public String toString() {
        return toBigDecimal().toPlainString();
    }
}
