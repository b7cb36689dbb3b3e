package dev.pennant.core.model;

/**
 * Binance order types ({@code type} field) of spot ({@code /api/v3/order}, order lists) and USDⓈ-M futures
 * ({@code /fapi/v1/order}). Some names mean different things per market, so behaviour asks with a {@link Market}:
 * spot {@code TAKE_PROFIT} is a market order on trigger, futures {@code TAKE_PROFIT} is a limit order on trigger
 * (Binance "New Order (TRADE)" spot and USDⓈ-M pages).
 *
 * <table>
 *   <caption>Trigger direction (stopPrice) per Binance</caption>
 *   <tr><th>kind</th><th>BUY triggers when</th><th>SELL triggers when</th></tr>
 *   <tr><td>stop-loss (STOP_LOSS*, STOP, STOP_MARKET)</td><td>price &ge; stopPrice</td><td>price &le; stopPrice</td></tr>
 *   <tr><td>take-profit (TAKE_PROFIT*)</td><td>price &le; stopPrice</td><td>price &ge; stopPrice</td></tr>
 * </table>
 */
public enum OrderType {
    /** Both markets: fill now at the best available prices (spot also by {@code quoteOrderQty}). */
    MARKET,
    /** Both markets: rest at {@code price} with a timeInForce. */
    LIMIT,
    /** Spot: a LIMIT that is rejected if it would take liquidity (post-only). */
    LIMIT_MAKER,
    /** Spot: MARKET when the stop-loss trigger is hit. */
    STOP_LOSS,
    /** Spot: LIMIT at {@code price} when the stop-loss trigger is hit. */
    STOP_LOSS_LIMIT,
    /** Spot: MARKET on a take-profit trigger; futures: LIMIT at {@code price} on a take-profit trigger. */
    TAKE_PROFIT,
    /** Spot: LIMIT at {@code price} on a take-profit trigger. */
    TAKE_PROFIT_LIMIT,
    /** Futures: LIMIT at {@code price} when the stop trigger is hit (stop-limit). */
    STOP,
    /** Futures: MARKET when the stop trigger is hit. */
    STOP_MARKET,
    /** Futures: MARKET on a take-profit trigger. */
    TAKE_PROFIT_MARKET,
    /** Futures: MARKET when price retraces {@code callbackRate} % from its extreme after activation. */
    TRAILING_STOP_MARKET;

    /** Whether Binance accepts this type on {@code market}. */
    public boolean validFor(Market market) {
        return switch (this) {
            case MARKET, LIMIT, TAKE_PROFIT -> true;
            case LIMIT_MAKER, STOP_LOSS, STOP_LOSS_LIMIT, TAKE_PROFIT_LIMIT -> market == Market.SPOT;
            case STOP, STOP_MARKET, TAKE_PROFIT_MARKET, TRAILING_STOP_MARKET -> market == Market.USDM_FUTURES;
        };
    }

    /** True for conditional types that wait for a trigger (stopPrice, or activation/callback for trailing). */
    public boolean isConditional() {
        return this != MARKET && this != LIMIT && this != LIMIT_MAKER;
    }

    /**
     * Whether Binance counts it against {@code MAX_NUM_ALGO_ORDERS} (spot: STOP_LOSS*, TAKE_PROFIT*; futures:
     * conditional orders). Same as {@link #isConditional()}.
     */
    public boolean isAlgo() {
        return isConditional();
    }

    /** True for the stop-loss family, false for take-profit; meaningless for non-conditional types. */
    public boolean isStopLossKind() {
        return this == STOP_LOSS || this == STOP_LOSS_LIMIT || this == STOP || this == STOP_MARKET
                || this == TRAILING_STOP_MARKET;
    }

    /** Whether an order of this type on {@code market} carries a limit {@code price} (before or after triggering). */
    public boolean hasLimitPrice(Market market) {
        return switch (this) {
            case LIMIT, LIMIT_MAKER, STOP_LOSS_LIMIT, TAKE_PROFIT_LIMIT, STOP -> true;
            case TAKE_PROFIT -> market == Market.USDM_FUTURES;
            default -> false;
        };
    }

    /** The type an order of this type becomes once triggered on {@code market}: MARKET or LIMIT (itself if not conditional). */
    public OrderType onTrigger(Market market) {
        if (!isConditional()) {
            return this;
        }
        return hasLimitPrice(market) ? LIMIT : MARKET;
    }

    /**
     * Whether a trigger at {@code stopPrice} fires when the market is at {@code price}.
     *
     * @throws IllegalStateException for non-conditional types and TRAILING_STOP_MARKET (which tracks an extreme)
     */
    public boolean triggers(Side side, java.math.BigDecimal stopPrice, java.math.BigDecimal price) {
        if (!isConditional() || this == TRAILING_STOP_MARKET) {
            throw new IllegalStateException(this + " has no fixed stopPrice trigger");
        }
        int c = price.compareTo(stopPrice);
        boolean up = (side == Side.BUY) == isStopLossKind();
        return up ? c >= 0 : c <= 0;
    }
}
