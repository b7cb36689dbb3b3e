package dev.pennant.core.model;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * Immutable snapshot of an order. Each state change (accepted, filled, rejected) produces a new snapshot
 * with the same {@code clientOrderId}.
 *
 * @param clientOrderId  Pennant's id, unique per data directory, sent to Binance as {@code newClientOrderId}
 * @param symbol         e.g. {@code BTCUSDT}
 * @param side           BUY or SELL
 * @param type           MARKET or LIMIT
 * @param timeInForce    for LIMIT orders; {@code null} for MARKET
 * @param quantity       ordered base-asset quantity, rounded to the instrument's step size
 * @param price          limit price in the quote asset; {@code null} for MARKET
 * @param status         Binance order status
 * @param filledQuantity base-asset quantity filled so far
 * @param averagePrice   volume-weighted fill price so far (quote asset); {@code null} before the first fill
 * @param createdTime    engine clock when the order was created, epoch ms UTC
 * @param updatedTime    engine clock of the last change, epoch ms UTC
 * @param signalId       the signal that caused the order, or {@code null} for manual orders
 * @param rejectReason   why risk or the venue rejected it; {@code null} otherwise
 */
public record Order(
        String clientOrderId,
        String symbol,
        Side side,
        OrderType type,
        TimeInForce timeInForce,
        BigDecimal quantity,
        BigDecimal price,
        OrderStatus status,
        BigDecimal filledQuantity,
        BigDecimal averagePrice,
        long createdTime,
        long updatedTime,
        String signalId,
        String rejectReason) {

    /**
     * @throws NullPointerException     naming the missing field
     * @throws IllegalArgumentException when quantity is not positive or a LIMIT order has no positive price
     */
    public Order {
        Objects.requireNonNull(clientOrderId, "clientOrderId");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(filledQuantity, "filledQuantity");
        if (quantity.signum() <= 0 && status != OrderStatus.REJECTED) {
            throw new IllegalArgumentException("quantity must be > 0, was " + quantity.toPlainString());
        }
        if (type == OrderType.LIMIT && (price == null || price.signum() <= 0)) {
            throw new IllegalArgumentException("price must be > 0 for a LIMIT order, was " + price);
        }
    }

    /** A new MARKET order in status NEW. */
    public static Order market(String clientOrderId, String symbol, Side side, BigDecimal quantity, long time, String signalId) {
        return new Order(clientOrderId, symbol, side, OrderType.MARKET, null, quantity, null, OrderStatus.NEW,
                BigDecimal.ZERO, null, time, time, signalId, null);
    }

    /** This order rejected with {@code reason} at {@code time}. */
    public Order rejected(String reason, long time) {
        return new Order(clientOrderId, symbol, side, type, timeInForce, quantity, price, OrderStatus.REJECTED,
                filledQuantity, averagePrice, createdTime, time, signalId, reason);
    }

    /** This order after a fill of {@code qty} at {@code px}; status becomes PARTIALLY_FILLED or FILLED. */
    public Order withFill(BigDecimal qty, BigDecimal px, long time) {
        BigDecimal newFilled = filledQuantity.add(qty);
        BigDecimal notional = (averagePrice == null ? BigDecimal.ZERO : averagePrice.multiply(filledQuantity))
                .add(px.multiply(qty));
        BigDecimal avg = notional.divide(newFilled, Math.max(px.scale(), 8), java.math.RoundingMode.HALF_EVEN);
        OrderStatus st = newFilled.compareTo(quantity) >= 0 ? OrderStatus.FILLED : OrderStatus.PARTIALLY_FILLED;
        return new Order(clientOrderId, symbol, side, type, timeInForce, quantity, price, st, newFilled, avg,
                createdTime, time, signalId, rejectReason);
    }
}
