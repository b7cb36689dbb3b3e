package dev.pennant.core.marketdata.parse;

import java.math.BigDecimal;

/**
 * Exact decimal helpers over (mantissa, scale) pairs: value = mantissa × 10<sup>-scale</sup>, scale 0..18.
 * Binance sends every price and quantity as a plain decimal string ({@code "0.35210000"}, {@code "7.6110"},
 * {@code "6"}); these are parsed without rounding, so the order book can compare and store them as {@code long}s.
 */
public final class Decimals {

    /** Largest scale handled (10<sup>18</sup> still fits a {@code long}). */
    public static final int MAX_SCALE = 18;

    private static final long[] POW10 = new long[MAX_SCALE + 1];

    static {
        long p = 1;
        for (int i = 0; i <= MAX_SCALE; i++) {
            POW10[i] = p;
            p *= 10;
        }
    }

    private Decimals() {
    }

    /** 10<sup>n</sup> for 0 ≤ n ≤ 18. */
    public static long pow10(int n) {
        return POW10[n];
    }

    /**
     * Parses a plain decimal ({@code -?digits[.digits]}, no exponent) from {@code chars[off, off+len)}.
     * Trailing fractional zeros are dropped, so {@code "672.00000000"} gives mantissa 672, scale 0 and
     * {@code "0.35210000"} gives 3521, scale 4.
     *
     * @return the mantissa; the scale is stored in {@code scaleOut[0]}
     * @throws NumberFormatException when the text is not a plain decimal or needs more than 18 digits / scale 18
     */
    public static long parse(char[] chars, int off, int len, int[] scaleOut) {
        int i = off;
        int end = off + len;
        boolean negative = false;
        if (i < end && chars[i] == '-') {
            negative = true;
            i++;
        }
        if (i >= end) {
            throw new NumberFormatException("not a decimal: '" + new String(chars, off, len) + "'");
        }
        long m = 0;
        int fracDigits = 0;
        int pendingZeros = 0; // fractional zeros not yet multiplied in (dropped if trailing)
        boolean fraction = false;
        boolean digits = false;
        for (; i < end; i++) {
            char c = chars[i];
            if (c >= '0' && c <= '9') {
                digits = true;
                int d = c - '0';
                if (fraction) {
                    fracDigits++;
                    if (d == 0) {
                        pendingZeros++;
                        continue;
                    }
                    m = times10(m, pendingZeros + 1, chars, off, len) + d;
                    pendingZeros = 0;
                } else {
                    m = times10(m, 1, chars, off, len) + d;
                }
                if (m < 0) {
                    throw tooLong(chars, off, len);
                }
            } else if (c == '.' && !fraction) {
                fraction = true;
            } else {
                throw new NumberFormatException("not a decimal: '" + new String(chars, off, len) + "'");
            }
        }
        if (!digits) {
            throw new NumberFormatException("not a decimal: '" + new String(chars, off, len) + "'");
        }
        int scale = fracDigits - pendingZeros;
        if (scale > MAX_SCALE) {
            throw tooLong(chars, off, len);
        }
        scaleOut[0] = m == 0 ? 0 : scale;
        return negative ? -m : m;
    }

    /** Parses a plain decimal string; see {@link #parse(char[], int, int, int[])}. */
    public static long parse(String text, int[] scaleOut) {
        return parse(text.toCharArray(), 0, text.length(), scaleOut);
    }

    private static long times10(long m, int n, char[] chars, int off, int len) {
        if (n > MAX_SCALE) {
            if (m == 0) {
                return 0;
            }
            throw tooLong(chars, off, len);
        }
        long p = POW10[n];
        long hi = Math.multiplyHigh(m, p);
        long r = m * p;
        if (hi != 0 || r < 0) {
            throw tooLong(chars, off, len);
        }
        return r;
    }

    private static NumberFormatException tooLong(char[] chars, int off, int len) {
        return new NumberFormatException("decimal '" + new String(chars, off, len)
                + "' needs more than 18 significant digits or scale > " + MAX_SCALE);
    }

    /** The exact {@link BigDecimal} of (mantissa, scale), trailing fractional zeros removed. */
    public static BigDecimal toBigDecimal(long mantissa, int scale) {
        while (scale > 0 && mantissa % 10 == 0) {
            mantissa /= 10;
            scale--;
        }
        return BigDecimal.valueOf(mantissa, scale);
    }

    /** The nearest {@code double} of (mantissa, scale), for charts; not for bookkeeping. */
    public static double toDouble(long mantissa, int scale) {
        return mantissa / (double) POW10[scale];
    }

    /**
     * Re-expresses (mantissa, scale) at a larger or equal {@code target} scale.
     *
     * @throws ArithmeticException when the result overflows a {@code long}
     * @throws IllegalArgumentException when {@code target < scale} (that would round)
     */
    public static long rescale(long mantissa, int scale, int target) {
        if (target < scale) {
            throw new IllegalArgumentException("cannot rescale from " + scale + " down to " + target + " without rounding");
        }
        return Math.multiplyExact(mantissa, POW10[target - scale]);
    }
}
