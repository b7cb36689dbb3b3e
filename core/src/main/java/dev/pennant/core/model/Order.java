package dev.pennant.core.model;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * Immutable snapshot of an order. Each state change (accepted, triggered, filled, modified, canceled, expired,
 * rejected) produces a new snapshot with the same {@code clientOrderId}.
 *
 * @param clientOrderId  Pennant's id, unique per data directory, sent to Binance as {@code newClientOrderId}
 *                       (Binance pattern {@code ^[.A-Z:/a-z0-9_-]{1,36}$})
 * @param symbol         e.g. {@code BTCUSDT}
 * @param side           BUY or SELL
 * @param type           Binance order type (what it was submitted as; {@link #triggered()} tells whether a
 *                       conditional order has fired)
 * @param timeInForce    for types with a limit price; {@code null} for MARKET-like types
 * @param quantity       ordered base-asset quantity, rounded to the instrument's step size; zero for a spot
 *                       {@code quoteOrderQty} MARKET before it fills and for futures {@code closePosition} orders
 * @param price          limit price in the quote asset; {@code null} for MARKET-like types
 * @param status         Binance order status
 * @param filledQuantity base-asset quantity filled so far ({@code z} in execution reports)
 * @param averagePrice   volume-weighted fill price so far (quote asset); {@code null} before the first fill
 * @param createdTime    engine clock when the order was created, epoch ms UTC
 * @param updatedTime    engine clock of the last change, epoch ms UTC
 * @param signalId       the signal that caused the order, or {@code null} for manual orders
 * @param rejectReason   why risk or the venue rejected / expired it; {@code null} otherwise
 * @param options        market, positionSide, stopPrice, trailing, reduceOnly, contingency links (never null)
 * @param triggered      true once a conditional order's trigger fired (it then works as MARKET or LIMIT)
 * @param venueOrderId   the venue's orderId once acknowledged; {@code null} before
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
        String rejectReason,
        OrderOptions options,
        boolean triggered,
        String venueOrderId) {

    /**
     * @throws NullPointerException     naming the missing field
     * @throws IllegalArgumentException when (unless REJECTED) quantity is not positive, a priced type has no positive
     *                                  price, a conditional type has no stopPrice / callbackRate, or the type is not
     *                                  valid on the options' market
     */
    public Order {
        Objects.requireNonNull(clientOrderId, "clientOrderId");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(filledQuantity, "filledQuantity");
        Objects.requireNonNull(options, "options");
        if (status != OrderStatus.REJECTED) {
            boolean qtyOptional = options.closePosition() || options.quoteOrderQty() != null;
            if (quantity.signum() < 0 || (quantity.signum() == 0 && !qtyOptional)) {
                throw new IllegalArgumentException("quantity must be > 0, was " + quantity.toPlainString());
            }
            if (!type.validFor(options.market())) {
                throw new IllegalArgumentException("type " + type + " is not a " + options.market() + " order type");
            }
            if (type.hasLimitPrice(options.market()) && (price == null || price.signum() <= 0)) {
                throw new IllegalArgumentException("price must be > 0 for a " + type + " order, was " + price);
            }
            // spot trailing stops (trailingDelta, here callbackRate) may go without a stopPrice (Binance New Order)
            boolean spotTrailing = options.market() == Market.SPOT && options.callbackRate() != null;
            if (type.isConditional() && type != OrderType.TRAILING_STOP_MARKET && !spotTrailing
                    && (options.stopPrice() == null || options.stopPrice().signum() <= 0)) {
                throw new IllegalArgumentException("stopPrice must be > 0 for a " + type + " order, was "
                        + options.stopPrice());
            }
            if (type == OrderType.TRAILING_STOP_MARKET && (options.callbackRate() == null
                    || options.callbackRate().compareTo(new BigDecimal("0.1")) < 0
                    || options.callbackRate().compareTo(BigDecimal.TEN) > 0)) {
                throw new IllegalArgumentException("callbackRate must be within 0.1..10 (percent) for "
                        + "TRAILING_STOP_MARKET, was " + options.callbackRate());
            }
        }
    }

    /** The pre-engine shape (spot, one-way, no stop): kept for venue mappings and tests written against it. */
    public Order(String clientOrderId, String symbol, Side side, OrderType type, TimeInForce timeInForce,
                 BigDecimal quantity, BigDecimal price, OrderStatus status, BigDecimal filledQuantity,
                 BigDecimal averagePrice, long createdTime, long updatedTime, String signalId, String rejectReason) {
        this(clientOrderId, symbol, side, type, timeInForce, quantity, price, status, filledQuantity, averagePrice,
                createdTime, updatedTime, signalId, rejectReason, OrderOptions.SPOT, false, null);
    }

    /** A new spot MARKET order in status NEW. */
    public static Order market(String clientOrderId, String symbol, Side side, BigDecimal quantity, long time, String signalId) {
        return new Order(clientOrderId, symbol, side, OrderType.MARKET, null, quantity, null, OrderStatus.NEW,
                BigDecimal.ZERO, null, time, time, signalId, null);
    }

    /** The market the order trades on. */
    public Market market() {
        return options.market();
    }

    /** Futures positionSide (BOTH for spot and one-way mode). */
    public PositionSide positionSide() {
        return options.positionSide();
    }

    /** Trigger price, or {@code null}. */
    public BigDecimal stopPrice() {
        return options.stopPrice();
    }

    /** Quantity still to fill (never negative). */
    public BigDecimal remaining() {
        return quantity.subtract(filledQuantity).max(BigDecimal.ZERO);
    }

    /** True while it can still fill. */
    public boolean isOpen() {
        return status.isOpen();
    }

    /**
     * How it works now: the type itself, or MARKET/LIMIT once a conditional order has triggered.
     */
    public OrderType workingType() {
        return triggered ? type.onTrigger(options.market()) : type;
    }

    /** This order in {@code status} at {@code time} with {@code reason} (kept when null). */
    public Order withStatus(OrderStatus newStatus, long time, String reason) {
        return new Order(clientOrderId, symbol, side, type, timeInForce, quantity, price, newStatus, filledQuantity,
                averagePrice, createdTime, time, signalId, reason != null ? reason : rejectReason, options, triggered,
                venueOrderId);
    }

    /** This order rejected with {@code reason} at {@code time}. */
    public Order rejected(String reason, long time) {
        return withStatus(OrderStatus.REJECTED, time, reason);
    }

    /** Acknowledged by the venue as {@code venueId} at {@code time}. */
    public Order accepted(String venueId, long time) {
        return new Order(clientOrderId, symbol, side, type, timeInForce, quantity, price, status, filledQuantity,
                averagePrice, createdTime, time, signalId, rejectReason, options, triggered, venueId);
    }

    /** The trigger fired at {@code time}. */
    public Order withTriggered(long time) {
        return new Order(clientOrderId, symbol, side, type, timeInForce, quantity, price, status, filledQuantity,
                averagePrice, createdTime, time, signalId, rejectReason, options, true, venueOrderId);
    }

    /** With a new quantity and limit price (ModifyOrder) at {@code time}; status unchanged. */
    public Order modified(BigDecimal newQuantity, BigDecimal newPrice, long time) {
        return new Order(clientOrderId, symbol, side, type, timeInForce, newQuantity, newPrice, status, filledQuantity,
                averagePrice, createdTime, time, signalId, rejectReason, options, triggered, venueOrderId);
    }

    /** With a new stop price (trailing stops move theirs) at {@code time}. */
    public Order withStopPrice(BigDecimal stop, long time) {
        return new Order(clientOrderId, symbol, side, type, timeInForce, quantity, price, status, filledQuantity,
                averagePrice, createdTime, time, signalId, rejectReason, options.withStopPrice(stop), triggered,
                venueOrderId);
    }

    /** With the quantity fixed at {@code qty} (a quoteOrderQty MARKET or closePosition order once sized). */
    public Order withQuantity(BigDecimal qty, long time) {
        return modified(qty, price, time);
    }

    /** This order after a fill of {@code qty} at {@code px}; status becomes PARTIALLY_FILLED or FILLED. */
    public Order withFill(BigDecimal qty, BigDecimal px, long time) {
        BigDecimal newFilled = filledQuantity.add(qty);
        BigDecimal notional = (averagePrice == null ? BigDecimal.ZERO : averagePrice.multiply(filledQuantity))
                .add(px.multiply(qty));
        BigDecimal avg = notional.divide(newFilled, Math.max(px.scale(), 8), RoundingMode.HALF_EVEN);
        BigDecimal target = quantity.signum() > 0 ? quantity : newFilled;
        OrderStatus st = newFilled.compareTo(target) >= 0 ? OrderStatus.FILLED : OrderStatus.PARTIALLY_FILLED;
        return new Order(clientOrderId, symbol, side, type, timeInForce, quantity.signum() > 0 ? quantity : newFilled,
                price, st, newFilled, avg, createdTime, time, signalId, rejectReason, options, triggered, venueOrderId);
    }
}
