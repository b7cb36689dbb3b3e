package dev.pennant.core.persistence;

import dev.pennant.core.model.Market;
import dev.pennant.core.model.Order;
import dev.pennant.core.model.OrderOptions;
import dev.pennant.core.model.OrderStatus;
import dev.pennant.core.model.OrderType;
import dev.pennant.core.model.PositionSide;
import dev.pennant.core.model.Side;
import dev.pennant.core.model.TimeInForce;
import dev.pennant.core.model.WorkingType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;

/** Row of {@code trade_order}: the latest snapshot of each order (columns: V1, V3). */
@Entity
@Table(name = "trade_order")
class OrderEntity {
    @Id @Column(name = "client_order_id") String clientOrderId;
    @Column(name = "session_id", nullable = false) String sessionId;
    @Column(nullable = false) String symbol;
    @Column(nullable = false) String side;
    @Column(name = "order_type", nullable = false) String orderType;
    @Column(name = "time_in_force") String timeInForce;
    @Column(nullable = false, precision = 38, scale = 12) BigDecimal quantity;
    @Column(precision = 38, scale = 12) BigDecimal price;
    @Column(nullable = false) String status;
    @Column(name = "filled_quantity", nullable = false, precision = 38, scale = 12) BigDecimal filledQuantity;
    @Column(name = "average_price", precision = 38, scale = 12) BigDecimal averagePrice;
    @Column(name = "created_time", nullable = false) long createdTime;
    @Column(name = "updated_time", nullable = false) long updatedTime;
    @Column(name = "signal_id") String signalId;
    @Column(name = "reject_reason", length = 1000) String rejectReason;
    @Column(nullable = false) String market;
    @Column(name = "position_side", nullable = false) String positionSide;
    @Column(name = "stop_price", precision = 38, scale = 12) BigDecimal stopPrice;
    @Column(name = "quote_order_qty", precision = 38, scale = 12) BigDecimal quoteOrderQty;
    @Column(name = "callback_rate", precision = 38, scale = 12) BigDecimal callbackRate;
    @Column(name = "activation_price", precision = 38, scale = 12) BigDecimal activationPrice;
    @Column(name = "working_type", nullable = false) String workingType;
    @Column(name = "reduce_only", nullable = false) boolean reduceOnly;
    @Column(name = "close_position", nullable = false) boolean closePosition;
    @Column(name = "good_till_date", nullable = false) long goodTillDate;
    @Column(name = "order_list_id") String orderListId;
    @Column(name = "parent_id") String parentId;
    @Column(name = "strategy_id") String strategyId;
    @Column(nullable = false) boolean triggered;
    @Column(name = "venue_order_id") String venueOrderId;

    protected OrderEntity() {
    }

    static OrderEntity of(String sessionId, Order o) {
        OrderEntity e = new OrderEntity();
        e.clientOrderId = o.clientOrderId();
        e.sessionId = sessionId;
        e.symbol = o.symbol();
        e.side = o.side().name();
        e.orderType = o.type().name();
        e.timeInForce = o.timeInForce() == null ? null : o.timeInForce().name();
        e.quantity = o.quantity();
        e.price = o.price();
        e.status = o.status().name();
        e.filledQuantity = o.filledQuantity();
        e.averagePrice = o.averagePrice();
        e.createdTime = o.createdTime();
        e.updatedTime = o.updatedTime();
        e.signalId = o.signalId();
        e.rejectReason = o.rejectReason() != null && o.rejectReason().length() > 1000
                ? o.rejectReason().substring(0, 1000) : o.rejectReason();
        OrderOptions x = o.options();
        e.market = x.market().name();
        e.positionSide = x.positionSide().name();
        e.stopPrice = x.stopPrice();
        e.quoteOrderQty = x.quoteOrderQty();
        e.callbackRate = x.callbackRate();
        e.activationPrice = x.activationPrice();
        e.workingType = x.workingType().name();
        e.reduceOnly = x.reduceOnly();
        e.closePosition = x.closePosition();
        e.goodTillDate = x.goodTillDate();
        e.orderListId = x.orderListId();
        e.parentId = x.parentId();
        e.strategyId = x.strategyId();
        e.triggered = o.triggered();
        e.venueOrderId = o.venueOrderId();
        return e;
    }

    Order toOrder() {
        OrderOptions x = new OrderOptions(Market.valueOf(market), PositionSide.valueOf(positionSide), strip(stopPrice),
                strip(quoteOrderQty), strip(callbackRate), strip(activationPrice), WorkingType.valueOf(workingType),
                reduceOnly, closePosition, goodTillDate, orderListId, parentId, strategyId);
        return new Order(clientOrderId, symbol, Side.valueOf(side), OrderType.valueOf(orderType),
                timeInForce == null ? null : TimeInForce.valueOf(timeInForce), quantity, price,
                OrderStatus.valueOf(status), filledQuantity, averagePrice, createdTime, updatedTime, signalId, rejectReason,
                x, triggered, venueOrderId);
    }

    private static BigDecimal strip(BigDecimal v) {
        return v == null ? null : v.stripTrailingZeros();
    }
}
