package dev.pennant.core.model;

/** Order side, Binance's {@code side} field. */
public enum Side {
    BUY, SELL;

    /** +1 for BUY, -1 for SELL: the sign a fill of this side gives a position's quantity. */
    public int sign() {
        return this == BUY ? 1 : -1;
    }

    /** The other side. */
    public Side opposite() {
        return this == BUY ? SELL : BUY;
    }
}
