package dev.pennant.core.model;

import java.math.BigDecimal;

/**
 * A position in one symbol, marked to the last price.
 *
 * @param symbol          e.g. {@code BTCUSDT}
 * @param quantity        signed base-asset quantity (&gt; 0 long, &lt; 0 short, 0 flat)
 * @param averageEntryPrice volume-weighted entry price of the open quantity, quote asset; zero when flat
 * @param lastPrice       mark price used for unrealised P&L, quote asset
 * @param realizedPnl     P&L realised in this symbol so far, quote asset, net of commissions
 * @param unrealizedPnl   quantity × (lastPrice − averageEntryPrice), quote asset
 * @param updatedTime     engine clock of the last change, epoch ms UTC
 * @param market          SPOT or USDM_FUTURES
 * @param positionSide    BOTH (spot, one-way futures) or LONG/SHORT (hedge mode)
 */
public record Position(
        String symbol,
        BigDecimal quantity,
        BigDecimal averageEntryPrice,
        BigDecimal lastPrice,
        BigDecimal realizedPnl,
        BigDecimal unrealizedPnl,
        long updatedTime,
        Market market,
        PositionSide positionSide) {

    /** A spot, one-way position (the shape before futures positions existed). */
    public Position(String symbol, BigDecimal quantity, BigDecimal averageEntryPrice, BigDecimal lastPrice,
                    BigDecimal realizedPnl, BigDecimal unrealizedPnl, long updatedTime) {
        this(symbol, quantity, averageEntryPrice, lastPrice, realizedPnl, unrealizedPnl, updatedTime, Market.SPOT,
                PositionSide.BOTH);
    }

    /** A flat position in {@code symbol}. */
    public static Position flat(String symbol, Market market, PositionSide side) {
        BigDecimal z = BigDecimal.ZERO;
        return new Position(symbol, z, z, z, z, z, 0, market, side);
    }

    /** True when the quantity is zero. */
    public boolean isFlat() {
        return quantity.signum() == 0;
    }

    /** |quantity| × lastPrice, quote asset. */
    public BigDecimal notional() {
        return quantity.abs().multiply(lastPrice);
    }
}
