package dev.pennant.core.model;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One execution of (part of) an order: Binance's trade in {@code executionReport} / {@code ORDER_TRADE_UPDATE}.
 *
 * @param tradeId          venue trade id (the paper exchange numbers its fills 1, 2, 3 … per session)
 * @param clientOrderId    the order it fills
 * @param symbol           e.g. {@code BTCUSDT}
 * @param side             BUY or SELL
 * @param quantity         base-asset quantity of this fill ({@code lastQty})
 * @param price            fill price, quote asset ({@code lastPx})
 * @param commission       fee charged for this fill, in {@code commissionAsset}
 * @param commissionAsset  asset the fee was charged in (the quote asset for the paper exchange)
 * @param liquiditySide    MAKER or TAKER
 * @param time             event time, epoch ms UTC
 * @param realizedPnl      P&L this fill realised in the quote asset, net of its commission; zero for opening fills
 *                         except for the commission
 * @param market           SPOT or USDM_FUTURES (futures fills move the wallet by realised P&L only, not by notional)
 * @param positionSide     futures positionSide of the order (BOTH for spot and one-way mode)
 */
public record Fill(
        long tradeId,
        String clientOrderId,
        String symbol,
        Side side,
        BigDecimal quantity,
        BigDecimal price,
        BigDecimal commission,
        String commissionAsset,
        LiquiditySide liquiditySide,
        long time,
        BigDecimal realizedPnl,
        Market market,
        PositionSide positionSide) {

    /** @throws NullPointerException naming the missing field; IllegalArgumentException when quantity or price ≤ 0 */
    public Fill {
        Objects.requireNonNull(clientOrderId, "clientOrderId");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(commission, "commission");
        Objects.requireNonNull(commissionAsset, "commissionAsset");
        Objects.requireNonNull(liquiditySide, "liquiditySide");
        Objects.requireNonNull(realizedPnl, "realizedPnl");
        Objects.requireNonNull(market, "market");
        Objects.requireNonNull(positionSide, "positionSide");
        if (quantity.signum() <= 0) {
            throw new IllegalArgumentException("fill quantity must be > 0, was " + quantity.toPlainString());
        }
        if (price.signum() <= 0) {
            throw new IllegalArgumentException("fill price must be > 0, was " + price.toPlainString());
        }
    }

    /** A spot, one-way fill (the shape before futures positions existed). */
    public Fill(long tradeId, String clientOrderId, String symbol, Side side, BigDecimal quantity, BigDecimal price,
                BigDecimal commission, String commissionAsset, LiquiditySide liquiditySide, long time,
                BigDecimal realizedPnl) {
        this(tradeId, clientOrderId, symbol, side, quantity, price, commission, commissionAsset, liquiditySide, time,
                realizedPnl, Market.SPOT, PositionSide.BOTH);
    }

    /** quantity × price, in the quote asset. */
    public BigDecimal notional() {
        return quantity.multiply(price);
    }

    /** The same fill with its realised P&L set (the portfolio computes it). */
    public Fill withRealizedPnl(BigDecimal pnl) {
        return new Fill(tradeId, clientOrderId, symbol, side, quantity, price, commission, commissionAsset,
                liquiditySide, time, pnl, market, positionSide);
    }
}
