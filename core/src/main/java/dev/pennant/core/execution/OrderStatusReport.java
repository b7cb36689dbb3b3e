package dev.pennant.core.execution;

import dev.pennant.core.model.Market;
import dev.pennant.core.model.Order;
import dev.pennant.core.model.OrderOptions;
import dev.pennant.core.model.OrderStatus;
import dev.pennant.core.model.OrderType;
import dev.pennant.core.model.PositionSide;
import dev.pennant.core.model.Side;
import dev.pennant.core.model.TimeInForce;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * What a venue says about one order at one moment (NautilusTrader's {@code OrderStatusReport}): the answer of an order
 * query, an open-orders listing or a cancel. Venue-neutral; the Binance adapter builds it from {@code GET /order},
 * {@code openOrders} and {@code algoOrder} answers.
 *
 * @param market         SPOT or USDM_FUTURES
 * @param symbol         e.g. {@code BTCUSDT}
 * @param clientOrderId  the order's client id ({@code clientOrderId} / {@code clientAlgoId})
 * @param venueOrderId   the venue's id ({@code orderId} / {@code algoId}), decimal string
 * @param side           BUY or SELL
 * @param venueType      the venue's order type verbatim, e.g. {@code STOP_LOSS_LIMIT}
 * @param status         Pennant's status (the venue's mapped, e.g. EXPIRED_IN_MATCH → EXPIRED)
 * @param venueStatus    the venue's status verbatim, e.g. {@code PENDING_CANCEL}, {@code TRIGGERED}
 * @param quantity       ordered base-asset quantity (0 for a futures closePosition order)
 * @param price          limit price in the quote asset, {@code null} when none
 * @param stopPrice      trigger price in the quote asset, {@code null} when none
 * @param filledQuantity base-asset quantity executed so far
 * @param averagePrice   average fill price in the quote asset, {@code null} before the first fill
 * @param positionSide   futures positionSide (BOTH for spot)
 * @param timeInForce    GTC/IOC/FOK/GTX/GTD, {@code null} for market-like orders
 * @param triggered      true once a conditional order has fired
 * @param createdTime    when the venue created the order, epoch ms UTC
 * @param updatedTime    the venue's last change, epoch ms UTC
 */
public record OrderStatusReport(Market market, String symbol, String clientOrderId, String venueOrderId, Side side,
                                String venueType, OrderStatus status, String venueStatus, BigDecimal quantity,
                                BigDecimal price, BigDecimal stopPrice, BigDecimal filledQuantity,
                                BigDecimal averagePrice, PositionSide positionSide, TimeInForce timeInForce,
                                boolean triggered, long createdTime, long updatedTime) {

    /** @throws NullPointerException naming the missing field */
    public OrderStatusReport {
        Objects.requireNonNull(market, "market");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(clientOrderId, "clientOrderId");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(venueType, "venueType");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(filledQuantity, "filledQuantity");
        Objects.requireNonNull(positionSide, "positionSide");
    }

    /**
     * Pennant's type for {@link #venueType}: the same Binance name when it is valid on the market, else LIMIT when the
     * order has a price and MARKET otherwise.
     */
    public OrderType orderType() {
        try {
            OrderType t = OrderType.valueOf(venueType);
            if (t.validFor(market)) return t;
        } catch (IllegalArgumentException ignored) {
            // a venue type Pennant does not name
        }
        return price != null && price.signum() > 0 ? OrderType.LIMIT : OrderType.MARKET;
    }

    /**
     * This order as a Pennant {@link Order} snapshot with {@code filled} base quantity at {@code avg} in status
     * {@code st} (reconciliation builds the snapshot of an order the engine never knew fill by fill). Falls back to a
     * plain MARKET/LIMIT snapshot when the venue's fields do not satisfy Pennant's rules for the exact type (e.g. a
     * trailing stop without its callback rate).
     */
    public Order toOrder(OrderStatus st, BigDecimal filled, BigDecimal avg, long time) {
        OrderOptions opts = OrderOptions.of(market).withPositionSide(positionSide).withStopPrice(stopPrice);
        BigDecimal qty = quantity.signum() > 0 ? quantity : filledQuantity;
        OrderType t = orderType();
        try {
            return new Order(clientOrderId, symbol, side, t, t.hasLimitPrice(market) ? timeInForce : null, qty,
                    t.hasLimitPrice(market) ? price : null, st, filled, avg, createdTime, time, null, null, opts,
                    triggered, venueOrderId);
        } catch (IllegalArgumentException e) {
            OrderType plain = price != null && price.signum() > 0 ? OrderType.LIMIT : OrderType.MARKET;
            return new Order(clientOrderId, symbol, side, plain, plain == OrderType.LIMIT ? timeInForce : null, qty,
                    plain == OrderType.LIMIT ? price : null, st, filled, avg, createdTime, time, null, null,
                    OrderOptions.of(market).withPositionSide(positionSide), triggered, venueOrderId);
        }
    }

    /** {@link #toOrder(OrderStatus, BigDecimal, BigDecimal, long)} with the venue's own status and fills. */
    public Order toOrder() {
        return toOrder(status, filledQuantity, averagePrice, updatedTime);
    }
}
