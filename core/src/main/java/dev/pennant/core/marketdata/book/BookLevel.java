package dev.pennant.core.marketdata.book;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One price level of an order book, for the UI.
 *
 * @param price    exact price in the quote asset, trailing zeros removed (so equal prices are {@code equals})
 * @param quantity exact resting quantity in the base asset, &gt; 0, trailing zeros removed
 */
public record BookLevel(BigDecimal price, BigDecimal quantity) {

    /** @throws NullPointerException naming the missing component */
    public BookLevel {
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(quantity, "quantity");
    }

    @Override
    public String toString() {
        return price.toPlainString() + " x " + quantity.toPlainString();
    }
}
