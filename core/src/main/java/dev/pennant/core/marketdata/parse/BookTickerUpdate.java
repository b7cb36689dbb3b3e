package dev.pennant.core.marketdata.parse;

/**
 * A best bid/offer event (stream {@code <symbol>@bookTicker}; spot frames carry no {@code "e"}, futures ones
 * {@code "e":"bookTicker"}). {@link #updateId()} is the order-book update id the quote belongs to, which lets a
 * local order book be checked against it. Reused by the parser; not thread-safe.
 */
public final class BookTickerUpdate {

    String symbol;
    long updateId;
    final DecimalField bidPrice = new DecimalField();
    final DecimalField bidQty = new DecimalField();
    final DecimalField askPrice = new DecimalField();
    final DecimalField askQty = new DecimalField();

    /** Symbol, upper case. */
    public String symbol() {
        return symbol;
    }

    /** Order book update id {@code "u"}. */
    public long updateId() {
        return updateId;
    }

    /** Best bid price {@code "b"}. */
    public DecimalField bidPrice() {
        return bidPrice;
    }

    /** Best bid quantity {@code "B"}. */
    public DecimalField bidQty() {
        return bidQty;
    }

    /** Best ask price {@code "a"}. */
    public DecimalField askPrice() {
        return askPrice;
    }

    /** Best ask quantity {@code "A"}. */
    public DecimalField askQty() {
        return askQty;
    }
}
