package dev.pennant.core.model;

/**
 * Binance self-trade prevention mode ({@code selfTradePreventionMode}): what the venue does when an order of the
 * account, as <b>taker</b>, would match a resting order of the same account. Only the taker's mode counts; a resting
 * order's mode is ignored. An order expired this way gets status {@link OrderStatus#EXPIRED_IN_MATCH} and keeps what it
 * filled before.
 *
 * <p>Sources: Binance spot "Self Trade Prevention (STP) FAQ" and USDⓈ-M "Self Trade Prevention (STP) FAQ"
 * (developers.binance.com). Spot's DECREMENT and TRANSFER modes are not modelled.
 */
public enum StpMode {
    /** No prevention: the trade happens. */
    NONE,
    /** Expire the taker's remaining quantity; the resting order stays. */
    EXPIRE_TAKER,
    /** Expire the resting (maker) order's remaining quantity; the taker goes on matching. */
    EXPIRE_MAKER,
    /** Expire the remaining quantity of both. */
    EXPIRE_BOTH
}
