package dev.pennant.core.execution;

import dev.pennant.core.model.Fill;
import dev.pennant.core.model.Order;
import dev.pennant.core.model.Position;

/** Order and fill events as the execution engine books them. Called on the engine thread. */
public interface ExecutionListener {

    /** A new snapshot of an order (created, accepted, rejected, filled). */
    default void onOrder(Order order) {
    }

    /** A fill booked into the portfolio, with its realised P&L, and the position after it. */
    default void onFill(Fill fill, Position position) {
    }
}
