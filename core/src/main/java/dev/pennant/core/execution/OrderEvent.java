package dev.pennant.core.execution;

import dev.pennant.core.model.Fill;
import dev.pennant.core.model.LiquiditySide;
import dev.pennant.core.model.Order;

import java.math.BigDecimal;

/**
 * What happened to an order, as the execution engine books it. Every event carries the order snapshot after it, the
 * event time and the order's init time (its creation), epoch ms UTC.
 */
public sealed interface OrderEvent {

    /** The order after the event. */
    Order order();

    /** When it happened (venue time for venue events, engine clock otherwise), epoch ms UTC. */
    long eventTime();

    /** When the order was created, epoch ms UTC. */
    default long initTime() {
        return order().createdTime();
    }

    /** Created and sent to the venue (risk approved). */
    record OrderSubmitted(Order order, long eventTime) implements OrderEvent {
    }

    /** Acknowledged by the venue (status NEW). */
    record OrderAccepted(Order order, long eventTime) implements OrderEvent {
    }

    /** Refused by risk or by the venue; {@code reason} names the rule or the venue's code. */
    record OrderRejected(Order order, long eventTime, String reason) implements OrderEvent {
    }

    /** Canceled (request, contingency, kill switch). */
    record OrderCanceled(Order order, long eventTime) implements OrderEvent {
    }

    /** Expired (IOC/FOK remainder, GTD, GTX that would take, liquidation). */
    record OrderExpired(Order order, long eventTime, String reason) implements OrderEvent {
    }

    /** A conditional order's trigger fired. */
    record OrderTriggered(Order order, long eventTime) implements OrderEvent {
    }

    /** Modified in place (quantity / price). */
    record OrderUpdated(Order order, long eventTime) implements OrderEvent {
    }

    /** A cancel or modify was refused; the order is unchanged. */
    record OrderRequestRejected(Order order, long eventTime, String reason) implements OrderEvent {
    }

    /**
     * A fill, with its realised P&L booked.
     *
     * @param fill the execution: {@link #lastQty()}, {@link #lastPx()}, commission and asset, liquidity side
     */
    record OrderFilled(Order order, long eventTime, Fill fill) implements OrderEvent {
        /** Quantity of this fill, base asset. */
        public BigDecimal lastQty() {
            return fill.quantity();
        }

        /** Price of this fill, quote asset. */
        public BigDecimal lastPx() {
            return fill.price();
        }

        /** Commission of this fill, in {@link #commissionAsset()}. */
        public BigDecimal commission() {
            return fill.commission();
        }

        /** Asset the commission was charged in. */
        public String commissionAsset() {
            return fill.commissionAsset();
        }

        /** MAKER or TAKER. */
        public LiquiditySide liquiditySide() {
            return fill.liquiditySide();
        }
    }
}
