package dev.pennant.core.execution;

import dev.pennant.core.model.Market;
import dev.pennant.core.model.OrderOptions;
import dev.pennant.core.model.OrderType;
import dev.pennant.core.model.PositionSide;
import dev.pennant.core.model.Side;
import dev.pennant.core.model.TimeInForce;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * What a strategy, the AI or a click asks for; the execution engine turns it into an {@link dev.pennant.core.model.Order}
 * after the risk engine approved it.
 *
 * @param symbol        e.g. {@code BTCUSDT}
 * @param side          BUY or SELL
 * @param type          Binance order type, valid for {@code options.market()}
 * @param timeInForce   GTC/IOC/FOK/GTX/GTD for priced types; {@code null} means GTC for them, none for MARKET types
 * @param quantity      base-asset quantity (rounded down to the step by the engine); {@code null} when the risk
 *                      engine sizes the order, or with {@code quoteOrderQty} / {@code closePosition}
 * @param price         limit price, quote asset; {@code null} for MARKET-like types (rounded to the tick by the engine)
 * @param options       market, stopPrice, trailing, positionSide, reduceOnly, closePosition, ...
 * @param clientOrderId caller-chosen id for idempotent resubmission; {@code null} lets the engine number it
 * @param signalId      the signal behind it, or {@code null}
 */
public record OrderRequest(String symbol, Side side, OrderType type, TimeInForce timeInForce, BigDecimal quantity,
                           BigDecimal price, OrderOptions options, String clientOrderId, String signalId) {

    /** @throws NullPointerException naming the missing field */
    public OrderRequest {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(options, "options");
    }

    /** A MARKET order of {@code quantity} (null = sized by risk) on {@code market}. */
    public static OrderRequest market(Market market, String symbol, Side side, BigDecimal quantity) {
        return new OrderRequest(symbol, side, OrderType.MARKET, null, quantity, null, OrderOptions.of(market), null, null);
    }

    /** A GTC LIMIT order on {@code market}. */
    public static OrderRequest limit(Market market, String symbol, Side side, BigDecimal quantity, BigDecimal price) {
        return new OrderRequest(symbol, side, OrderType.LIMIT, TimeInForce.GTC, quantity, price,
                OrderOptions.of(market), null, null);
    }

    /**
     * A conditional order: {@code type} one of the stop / take-profit types, {@code stopPrice} its trigger and
     * {@code limitPrice} the price it works at once triggered (null for the market-on-trigger types).
     */
    public static OrderRequest conditional(Market market, String symbol, Side side, OrderType type, BigDecimal quantity,
                                           BigDecimal stopPrice, BigDecimal limitPrice) {
        TimeInForce tif = type.hasLimitPrice(market) ? TimeInForce.GTC : null;
        return new OrderRequest(symbol, side, type, tif, quantity, limitPrice,
                OrderOptions.of(market).withStopPrice(stopPrice), null, null);
    }

    /** The market. */
    public Market market() {
        return options.market();
    }

    /** With {@code tif}. */
    public OrderRequest withTimeInForce(TimeInForce tif) {
        return new OrderRequest(symbol, side, type, tif, quantity, price, options, clientOrderId, signalId);
    }

    /** With {@code options}. */
    public OrderRequest withOptions(OrderOptions o) {
        return new OrderRequest(symbol, side, type, timeInForce, quantity, price, o, clientOrderId, signalId);
    }

    /** With {@code qty} (base asset). */
    public OrderRequest withQuantity(BigDecimal qty) {
        return new OrderRequest(symbol, side, type, timeInForce, qty, price, options, clientOrderId, signalId);
    }

    /** With a caller-chosen clientOrderId. */
    public OrderRequest withClientOrderId(String id) {
        return new OrderRequest(symbol, side, type, timeInForce, quantity, price, options, id, signalId);
    }

    /** With the signal behind it. */
    public OrderRequest withSignalId(String id) {
        return new OrderRequest(symbol, side, type, timeInForce, quantity, price, options, clientOrderId, id);
    }

    /** Reduce-only (futures) on {@code positionSide}. */
    public OrderRequest reduceOnly(PositionSide positionSide) {
        return withOptions(options.withReduceOnly(options.market() == Market.USDM_FUTURES
                && positionSide == PositionSide.BOTH).withPositionSide(positionSide));
    }
}
