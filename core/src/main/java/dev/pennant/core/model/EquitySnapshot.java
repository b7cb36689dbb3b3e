package dev.pennant.core.model;

import java.math.BigDecimal;

/**
 * Account value at one moment, all in the quote asset (USDT).
 *
 * @param time          engine clock, epoch ms UTC
 * @param cash          free quote-asset balance
 * @param positionValue sum of signed position quantity × mark price
 * @param equity        cash + positionValue
 * @param realizedPnl   realised P&L since the session started, net of commissions
 * @param unrealizedPnl unrealised P&L of open positions
 */
public record EquitySnapshot(
        long time,
        BigDecimal cash,
        BigDecimal positionValue,
        BigDecimal equity,
        BigDecimal realizedPnl,
        BigDecimal unrealizedPnl) {
}
