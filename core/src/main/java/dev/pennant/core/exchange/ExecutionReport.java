package dev.pennant.core.exchange;

import dev.pennant.core.model.Fill;
import dev.pennant.core.model.Order;

import java.util.Objects;

/**
 * One venue report about one order, shaped after Binance's {@code executionReport} (spot) and
 * {@code ORDER_TRADE_UPDATE} (futures): the execution type, the order snapshot after it, and the fill of a TRADE.
 *
 * @param execType what happened
 * @param order    the order after this event (status, filled quantity, average price as the venue reports them)
 * @param fill     the trade of a TRADE report ({@code lastQty}, {@code lastPx}, commission); {@code null} otherwise
 * @param time     venue event time, epoch ms UTC
 * @param reason   the venue's words for REJECTED / EXPIRED / cancel refusals (e.g. {@code -2010 ...}); {@code null}
 */
public record ExecutionReport(ExecType execType, Order order, Fill fill, long time, String reason) {

    /** Binance's {@code x} / execution type values, plus TRIGGERED for a conditional order that fired. */
    public enum ExecType {
        /** Accepted by the venue (status NEW). */
        NEW,
        /** Canceled (by request, OCO contingency, or self-trade prevention). */
        CANCELED,
        /** Modified in place (quantity / price). */
        REPLACED,
        /** Refused: the order never rested. */
        REJECTED,
        /** Refusal of a cancel or modify; the order itself is unchanged. */
        REQUEST_REJECTED,
        /** A fill. */
        TRADE,
        /** Expired (IOC/FOK remainder, GTD, GTX that would take, liquidation). */
        EXPIRED,
        /** A conditional order's trigger fired; it now works as MARKET or LIMIT. */
        TRIGGERED
    }

    /** @throws NullPointerException naming the missing field; IllegalArgumentException for a TRADE without a fill */
    public ExecutionReport {
        Objects.requireNonNull(execType, "execType");
        Objects.requireNonNull(order, "order");
        if (execType == ExecType.TRADE && fill == null) {
            throw new IllegalArgumentException("a TRADE report needs its fill");
        }
    }
}
