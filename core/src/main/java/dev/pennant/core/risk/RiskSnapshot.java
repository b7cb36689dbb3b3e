package dev.pennant.core.risk;

import java.util.List;

/**
 * The risk engine's full recomputation for one scope at one time (the risk panel's figures).
 *
 * @param time          engine time, epoch ms UTC
 * @param scope         {@code account} or {@code portfolio:<id>}
 * @param state         trading state
 * @param reason        why the state is not ACTIVE (limit, value, since, what lifts it); empty when ACTIVE
 * @param equity        equity, quote asset
 * @param dailyPnl      equity − the UTC day's first equity, quote asset
 * @param drawdown      1 − equity / peak, fraction
 * @param grossExposure Σ |position notional|, quote asset
 * @param netExposure   Σ signed position notional, quote asset
 * @param var95         1-day historical-simulation VaR at 95 %, quote asset (positive loss; NaN without history)
 * @param var99         the same at 99 %
 * @param symbols       the open positions' symbols, the correlation matrix's row/column order
 * @param correlation   Pearson correlation of bar returns between the open positions (NaN where unknown)
 * @param marginRatio   futures margin ratio (maintenance / margin balance; worst of cross and isolated), fraction;
 *                      NaN without futures positions
 * @param openPositions open positions
 */
public record RiskSnapshot(long time, String scope, RiskState state, String reason, double equity, double dailyPnl,
                           double drawdown, double grossExposure, double netExposure, double var95, double var99,
                           List<String> symbols, double[][] correlation, double marginRatio, int openPositions) {
}
