package dev.pennant.core.marketdata.parse;

import java.math.BigDecimal;
import java.util.Arrays;

/**
 * One side of a depth message as parallel primitive arrays: level {@code i} has price
 * {@code priceMantissa(i) × 10^-priceScale(i)} (quote asset) and quantity {@code qtyMantissa(i) × 10^-qtyScale(i)}
 * (base asset; 0 means "remove this level"). Order is the message's order. Grows as needed and is reused between
 * messages by the parser; {@link #copy()} it to keep it. Not thread-safe.
 */
public final class Levels {

    private long[] priceMantissa;
    private int[] priceScale;
    private long[] qtyMantissa;
    private int[] qtyScale;
    private int size;

    /** An empty list with room for {@code capacity} levels. */
    public Levels(int capacity) {
        int c = Math.max(4, capacity);
        priceMantissa = new long[c];
        priceScale = new int[c];
        qtyMantissa = new long[c];
        qtyScale = new int[c];
    }

    /** Number of levels. */
    public int size() {
        return size;
    }

    /** Price mantissa of level {@code i}. */
    public long priceMantissa(int i) {
        return priceMantissa[i];
    }

    /** Price scale of level {@code i}. */
    public int priceScale(int i) {
        return priceScale[i];
    }

    /** Quantity mantissa of level {@code i} (0 = remove). */
    public long qtyMantissa(int i) {
        return qtyMantissa[i];
    }

    /** Quantity scale of level {@code i}. */
    public int qtyScale(int i) {
        return qtyScale[i];
    }

    /** Exact price of level {@code i}. */
    public BigDecimal price(int i) {
        return Decimals.toBigDecimal(priceMantissa[i], priceScale[i]);
    }

    /** Exact quantity of level {@code i}. */
    public BigDecimal quantity(int i) {
        return Decimals.toBigDecimal(qtyMantissa[i], qtyScale[i]);
    }

    /** Removes all levels (keeps the arrays). */
    public void clear() {
        size = 0;
    }

    /** Appends one level. */
    public void add(long priceMantissa, int priceScale, long qtyMantissa, int qtyScale) {
        if (size == this.priceMantissa.length) {
            int c = size * 2;
            this.priceMantissa = Arrays.copyOf(this.priceMantissa, c);
            this.priceScale = Arrays.copyOf(this.priceScale, c);
            this.qtyMantissa = Arrays.copyOf(this.qtyMantissa, c);
            this.qtyScale = Arrays.copyOf(this.qtyScale, c);
        }
        this.priceMantissa[size] = priceMantissa;
        this.priceScale[size] = priceScale;
        this.qtyMantissa[size] = qtyMantissa;
        this.qtyScale[size] = qtyScale;
        size++;
    }

    /** An independent copy holding exactly these levels. */
    public Levels copy() {
        Levels c = new Levels(size);
        System.arraycopy(priceMantissa, 0, c.priceMantissa, 0, size);
        System.arraycopy(priceScale, 0, c.priceScale, 0, size);
        System.arraycopy(qtyMantissa, 0, c.qtyMantissa, 0, size);
        System.arraycopy(qtyScale, 0, c.qtyScale, 0, size);
        c.size = size;
        return c;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < size; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(price(i).toPlainString()).append('x').append(quantity(i).toPlainString());
        }
        return sb.append(']').toString();
    }
}
