package dev.pennant.core.exchange.paper;

import java.math.BigDecimal;

/**
 * The USDⓈ-M account of the paper venue in Binance's terms ({@code GET /fapi/v2/account}), all in USDT.
 *
 * @param walletBalance          deposits + realised P&L − commissions + funding ({@code totalWalletBalance})
 * @param unrealizedPnl          Σ quantity × (mark − entry) over all positions
 * @param marginBalance          walletBalance + unrealizedPnl
 * @param positionInitialMargin  Σ cross |quantity| × mark / leverage + Σ isolated margin
 * @param openOrderInitialMargin Σ over open orders that would increase a position: quantity × price / leverage
 * @param maintenanceMargin      Σ {@link MarginModel#maintenanceMargin} of every position at its mark
 * @param availableBalance       walletBalance + cross unrealised P&L − positionInitialMargin − openOrderInitialMargin:
 *                               what a new order's initial margin is checked against
 */
public record FuturesAccountSummary(BigDecimal walletBalance, BigDecimal unrealizedPnl, BigDecimal marginBalance,
                                    BigDecimal positionInitialMargin, BigDecimal openOrderInitialMargin,
                                    BigDecimal maintenanceMargin, BigDecimal availableBalance) {
}
