package dev.pennant.core.model;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The parts of an order request beyond side/type/quantity/price, named as Binance names them.
 *
 * @param market          SPOT or USDM_FUTURES: decides what the type means and which fields are allowed
 * @param positionSide    futures {@code positionSide}: BOTH (one-way) or LONG/SHORT (hedge mode); BOTH for spot
 * @param stopPrice       trigger price of a conditional order, quote asset; {@code null} otherwise
 * @param quoteOrderQty   spot MARKET by quote amount (spend/receive this much quote asset); {@code null} otherwise
 * @param callbackRate    TRAILING_STOP_MARKET retracement in <b>percent</b> (Binance: 0.1 to 10); {@code null} otherwise
 * @param activationPrice TRAILING_STOP_MARKET activation price, quote asset; {@code null} = active at once
 * @param workingType     which price futures triggers watch; spot always watches the last price
 * @param reduceOnly      futures: may only reduce the position
 * @param closePosition   futures STOP_MARKET/TAKE_PROFIT_MARKET: close the whole position (quantity ignored)
 * @param goodTillDate    GTD expiry, epoch ms UTC; 0 when not GTD
 * @param orderListId     contingency group (OCO / bracket exits) this order belongs to; {@code null} when none
 * @param parentId        clientOrderId of the entry a bracket exit is attached to; {@code null} when none
 * @param strategyId      the strategy (or "manual", "ai") that placed it; {@code null} when unknown
 * @param selfTradePreventionMode Binance {@code selfTradePreventionMode}, used when this order is the taker;
 *                        {@code null} = not sent, the venue's default applies (spot: the symbol's
 *                        {@code defaultSelfTradePreventionMode} in exchangeInfo; USDⓈ-M: NONE)
 */
public record OrderOptions(Market market, PositionSide positionSide, BigDecimal stopPrice, BigDecimal quoteOrderQty,
                           BigDecimal callbackRate, BigDecimal activationPrice, WorkingType workingType,
                           boolean reduceOnly, boolean closePosition, long goodTillDate, String orderListId,
                           String parentId, String strategyId,
                           StpMode selfTradePreventionMode) {

    /** Spot, one-way, nothing else set. */
    public static final OrderOptions SPOT = new OrderOptions(Market.SPOT, PositionSide.BOTH, null, null, null, null,
            WorkingType.CONTRACT_PRICE, false, false, 0, null, null, null, null);

    /** USDⓈ-M futures, one-way, last-price triggers, nothing else set. */
    public static final OrderOptions FUTURES = new OrderOptions(Market.USDM_FUTURES, PositionSide.BOTH, null, null,
            null, null, WorkingType.CONTRACT_PRICE, false, false, 0, null, null, null, null);

    /** @throws NullPointerException naming the missing field */
    public OrderOptions {
        Objects.requireNonNull(market, "market");
        Objects.requireNonNull(positionSide, "positionSide");
        Objects.requireNonNull(workingType, "workingType");
    }

    /** Without a self-trade prevention mode (the venue default applies); kept for callers written before STP. */
    public OrderOptions(Market market, PositionSide positionSide, BigDecimal stopPrice, BigDecimal quoteOrderQty,
                        BigDecimal callbackRate, BigDecimal activationPrice, WorkingType workingType,
                        boolean reduceOnly, boolean closePosition, long goodTillDate, String orderListId,
                        String parentId, String strategyId) {
        this(market, positionSide, stopPrice, quoteOrderQty, callbackRate, activationPrice, workingType, reduceOnly,
                closePosition, goodTillDate, orderListId, parentId, strategyId, null);
    }

    /** Defaults for {@code market}. */
    public static OrderOptions of(Market market) {
        return market == Market.SPOT ? SPOT : FUTURES;
    }

    /** With {@code stopPrice} (quote asset). */
    public OrderOptions withStopPrice(BigDecimal v) {
        return new OrderOptions(market, positionSide, v, quoteOrderQty, callbackRate, activationPrice, workingType,
                reduceOnly, closePosition, goodTillDate, orderListId, parentId, strategyId, selfTradePreventionMode);
    }

    /** With {@code quoteOrderQty} (quote asset). */
    public OrderOptions withQuoteOrderQty(BigDecimal v) {
        return new OrderOptions(market, positionSide, stopPrice, v, callbackRate, activationPrice, workingType,
                reduceOnly, closePosition, goodTillDate, orderListId, parentId, strategyId, selfTradePreventionMode);
    }

    /** With a trailing stop: {@code callbackRatePercent} (0.1..10) and an optional activation price. */
    public OrderOptions withTrailing(BigDecimal callbackRatePercent, BigDecimal activation) {
        return new OrderOptions(market, positionSide, stopPrice, quoteOrderQty, callbackRatePercent, activation,
                workingType, reduceOnly, closePosition, goodTillDate, orderListId, parentId, strategyId,
                selfTradePreventionMode);
    }

    /** With {@code positionSide}. */
    public OrderOptions withPositionSide(PositionSide v) {
        return new OrderOptions(market, v, stopPrice, quoteOrderQty, callbackRate, activationPrice, workingType,
                reduceOnly, closePosition, goodTillDate, orderListId, parentId, strategyId, selfTradePreventionMode);
    }

    /** With {@code workingType}. */
    public OrderOptions withWorkingType(WorkingType v) {
        return new OrderOptions(market, positionSide, stopPrice, quoteOrderQty, callbackRate, activationPrice, v,
                reduceOnly, closePosition, goodTillDate, orderListId, parentId, strategyId, selfTradePreventionMode);
    }

    /** With {@code reduceOnly}. */
    public OrderOptions withReduceOnly(boolean v) {
        return new OrderOptions(market, positionSide, stopPrice, quoteOrderQty, callbackRate, activationPrice,
                workingType, v, closePosition, goodTillDate, orderListId, parentId, strategyId,
                selfTradePreventionMode);
    }

    /** With {@code closePosition}. */
    public OrderOptions withClosePosition(boolean v) {
        return new OrderOptions(market, positionSide, stopPrice, quoteOrderQty, callbackRate, activationPrice,
                workingType, reduceOnly, v, goodTillDate, orderListId, parentId, strategyId, selfTradePreventionMode);
    }

    /** With a GTD expiry, epoch ms UTC. */
    public OrderOptions withGoodTillDate(long v) {
        return new OrderOptions(market, positionSide, stopPrice, quoteOrderQty, callbackRate, activationPrice,
                workingType, reduceOnly, closePosition, v, orderListId, parentId, strategyId,
                selfTradePreventionMode);
    }

    /** In contingency group {@code listId}, attached to entry {@code parent} (either may be null). */
    public OrderOptions withContingency(String listId, String parent) {
        return new OrderOptions(market, positionSide, stopPrice, quoteOrderQty, callbackRate, activationPrice,
                workingType, reduceOnly, closePosition, goodTillDate, listId, parent, strategyId,
                selfTradePreventionMode);
    }

    /** With {@code strategyId}. */
    public OrderOptions withStrategyId(String v) {
        return new OrderOptions(market, positionSide, stopPrice, quoteOrderQty, callbackRate, activationPrice,
                workingType, reduceOnly, closePosition, goodTillDate, orderListId, parentId, v,
                selfTradePreventionMode);
    }

    /** With {@code selfTradePreventionMode} ({@code null}: the venue default). */
    public OrderOptions withSelfTradePreventionMode(StpMode v) {
        return new OrderOptions(market, positionSide, stopPrice, quoteOrderQty, callbackRate, activationPrice,
                workingType, reduceOnly, closePosition, goodTillDate, orderListId, parentId, strategyId, v);
    }
}
