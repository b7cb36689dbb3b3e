package dev.pennant.core.execution;

import dev.pennant.core.model.LiquiditySide;
import dev.pennant.core.model.Market;
import dev.pennant.core.model.PositionSide;
import dev.pennant.core.model.Side;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One trade as the venue reports it (NautilusTrader's {@code FillReport}): Binance spot {@code myTrades}, USDⓈ-M
 * {@code userTrades}, or a REST/stream fill before Pennant books it. The commission is in the asset the venue charged
 * it in (e.g. BTC for a spot BUY without BNB fees); {@link FillBooking} turns it into ledger fills.
 *
 * @param market           SPOT or USDM_FUTURES
 * @param symbol           e.g. {@code BTCUSDT}
 * @param clientOrderId    the order's client id, or {@code null} when the venue's answer does not carry it
 *                         ({@code myTrades} has only {@code orderId})
 * @param venueOrderId     the venue's order id, decimal string
 * @param tradeId          the venue's trade id (unique per symbol)
 * @param side             BUY or SELL
 * @param quantity         base-asset quantity, &gt; 0
 * @param price            price in the quote asset, &gt; 0
 * @param commission       fee, in {@code commissionAsset}, ≥ 0
 * @param commissionAsset  asset of the fee; "" when the venue sent none
 * @param liquiditySide    MAKER or TAKER
 * @param positionSide     futures positionSide (BOTH for spot)
 * @param venueRealizedPnl futures {@code realizedPnl} as the venue computed it (quote asset), {@code null} for spot
 * @param time             trade time, epoch ms UTC
 */
public record FillReport(Market market, String symbol, String clientOrderId, String venueOrderId, long tradeId,
                         Side side, BigDecimal quantity, BigDecimal price, BigDecimal commission,
                         String commissionAsset, LiquiditySide liquiditySide, PositionSide positionSide,
                         BigDecimal venueRealizedPnl, long time) {

    /** @throws NullPointerException naming the missing field; IllegalArgumentException for quantity/price ≤ 0 */
    public FillReport {
        Objects.requireNonNull(market, "market");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(commission, "commission");
        Objects.requireNonNull(commissionAsset, "commissionAsset");
        Objects.requireNonNull(liquiditySide, "liquiditySide");
        Objects.requireNonNull(positionSide, "positionSide");
        if (quantity.signum() <= 0) throw new IllegalArgumentException("quantity must be > 0, was " + quantity);
        if (price.signum() <= 0) throw new IllegalArgumentException("price must be > 0, was " + price);
    }

    /** The same trade attributed to {@code id} (when the order is known from elsewhere). */
    public FillReport withClientOrderId(String id) {
        return new FillReport(market, symbol, id, venueOrderId, tradeId, side, quantity, price, commission,
                commissionAsset, liquiditySide, positionSide, venueRealizedPnl, time);
    }

    /** Key that identifies the trade on the venue: market, symbol and trade id (Binance trade ids are per symbol). */
    public String key() {
        return key(market, symbol, tradeId);
    }

    /** The {@link #key()} of a trade. */
    public static String key(Market market, String symbol, long tradeId) {
        return market + ":" + symbol + ":" + tradeId;
    }
}
