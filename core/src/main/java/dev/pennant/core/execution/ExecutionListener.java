package dev.pennant.core.execution;

import dev.pennant.core.model.Fill;
import dev.pennant.core.model.Order;
import dev.pennant.core.model.Position;
import dev.pennant.core.model.PositionSide;

import java.math.BigDecimal;

/**
 * Order, fill and position events as the execution engine books them. Called on the engine thread, in event order,
 * after the portfolio was updated. The typed {@link OrderEvent}/{@link PositionEvent} callbacks and the snapshot
 * callbacks ({@link #onOrder}, {@link #onFill}) describe the same events; implement whichever fits.
 */
public interface ExecutionListener {

    /** A new snapshot of an order (submitted, accepted, rejected, triggered, filled, canceled, expired, modified). */
    default void onOrder(Order order) {
    }

    /** A fill booked into the portfolio, with its realised P&L, and the position after it. */
    default void onFill(Fill fill, Position position) {
    }

    /** The typed order event (called just before {@link #onOrder} / {@link #onFill} for the same change). */
    default void onOrderEvent(OrderEvent event) {
    }

    /** A position opened, changed or closed (after the fill's {@link #onFill}). */
    default void onPositionEvent(PositionEvent event) {
    }

    /**
     * A futures funding payment booked into the portfolio.
     *
     * @param amount signed, quote asset: positive received, negative paid
     * @param rate   funding rate applied, a fraction
     */
    default void onFunding(String symbol, PositionSide positionSide, BigDecimal amount, BigDecimal rate, long time) {
    }
}
