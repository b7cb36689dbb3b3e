package dev.pennant.core.persistence;

import dev.pennant.core.model.Order;
import dev.pennant.core.model.OrderStatus;
import dev.pennant.core.model.OrderType;
import dev.pennant.core.model.Side;
import dev.pennant.core.model.TimeInForce;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;

/** Row of {@code trade_order}: the latest snapshot of each order. */
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
        return e;
    }

    Order toOrder() {
        return new Order(clientOrderId, symbol, Side.valueOf(side), OrderType.valueOf(orderType),
                timeInForce == null ? null : TimeInForce.valueOf(timeInForce), quantity, price,
                OrderStatus.valueOf(status), filledQuantity, averagePrice, createdTime, updatedTime, signalId, rejectReason);
    }
}
