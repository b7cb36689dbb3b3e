package dev.pennant.core.persistence;

import dev.pennant.core.model.Fill;
import dev.pennant.core.model.Order;
import dev.pennant.core.model.Position;

import java.util.Objects;

/**
 * A fill as the execution engine books it: the order's snapshot after the fill, the fill, and the position after it
 * (what {@link dev.pennant.core.execution.ExecutionListener#onOrder} and {@code onFill} report together).
 *
 * @param order    the order snapshot after this fill (same {@code clientOrderId} as the fill)
 * @param fill     the fill
 * @param position the position in the fill's symbol and positionSide after the fill
 */
public record BookedFill(Order order, Fill fill, Position position) {

    /**
     * @throws NullPointerException     naming the missing part
     * @throws IllegalArgumentException when the order, fill and position disagree on the clientOrderId or symbol
     */
    public BookedFill {
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(fill, "fill");
        Objects.requireNonNull(position, "position");
        if (!order.clientOrderId().equals(fill.clientOrderId())) {
            throw new IllegalArgumentException("fill " + fill.tradeId() + " is for order " + fill.clientOrderId()
                    + ", not " + order.clientOrderId());
        }
        if (!fill.symbol().equals(position.symbol())) {
            throw new IllegalArgumentException("fill " + fill.tradeId() + " is in " + fill.symbol()
                    + " but the position is in " + position.symbol());
        }
    }
}
