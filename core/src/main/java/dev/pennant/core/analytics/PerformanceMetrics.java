package dev.pennant.core.analytics;

/**
 * The scalar figures of a {@link PerformanceReport}. Money in the quote asset (USDT), fractions as fractions
 * (0.12 = 12 %), durations in milliseconds, NaN where a figure is undefined (named per field). {@code double} on
 * purpose: these are analysis figures computed over whole curves; exact money stays in the fills.
 *
 * <p>Annualisation: crypto trades 24/7, so a year is <b>365 days</b> of the bar interval:
 * {@code barsPerYear = 365 × 86,400,000 / barMillis} (8,760 for 1h bars, 525,600 for 1m bars). No 252-trading-day
 * convention is used anywhere.
 *
 * <p>Per-bar simple returns {@code r_i = E_i / E_(i−1) − 1} over the curve (starting equity first), n of them.
 *
 * @param startingEquity     equity before the first bar
 * @param finalEquity        equity after the last bar
 * @param netProfit          {@code finalEquity − startingEquity}
 * @param totalReturn        {@code finalEquity / startingEquity − 1}
 * @param cagr               compound annual growth rate {@code (final/start)^(1/years) − 1},
 *                           {@code years = n × barMillis / (365 d)}; −1 when the final equity is ≤ 0
 * @param sharpe             Sharpe ratio, risk-free rate 0: {@code mean(r) / stdev(r) × √barsPerYear}, sample stdev
 *                           (n − 1). Sharpe (1994) "The Sharpe Ratio", J. Portfolio Management 21(1); the √q
 *                           annualisation of i.i.d. returns as in Lo (2002) "The Statistics of Sharpe Ratios", FAJ
 *                           58(4). NaN with fewer than 2 returns or no variance
 * @param sortino            Sortino ratio, target 0: {@code mean(r) / DD × √barsPerYear}, downside deviation
 *                           {@code DD = √(Σ min(r_i, 0)² / n)} over all n returns. Sortino &amp; Price (1994)
 *                           "Performance Measurement in a Downside Risk Framework", J. Investing 3(3); the
 *                           all-returns denominator as in Rollinger &amp; Hoffman (2013), Red Rock Capital
 *                           "Sortino: A 'Sharper' Ratio". NaN when no return is negative
 * @param calmar             Calmar ratio {@code cagr / maxDrawdown} over the whole run (Young 1991, "Calmar Ratio: A
 *                           Smoother Tool", Futures 20(1), used a 36-month window; here: the run). NaN with no
 *                           drawdown
 * @param maxDrawdown        largest peak-to-trough fall, fraction of the peak (peaks include the starting equity)
 * @param maxDrawdownQuote   largest peak-to-trough fall in the quote asset (may be a different episode)
 * @param maxDrawdownDurationMs time from the peak before the deepest trough to the first point back at that peak
 *                           (or to the end when never recovered)
 * @param maxDrawdownRecovered false when the deepest drawdown had not recovered by the end
 * @param longestDrawdownMs  longest time spent below a previous peak (peak to recovery or end)
 * @param closedTrades       round trips closed ({@link Trade#fromFills})
 * @param wins               closed trades with pnl &gt; 0
 * @param losses             closed trades with pnl &lt; 0 (pnl = 0 counts as neither)
 * @param winRate            {@code wins / closedTrades}; NaN with no closed trade
 * @param averageWin         mean pnl of the winners; NaN without one
 * @param averageLoss        mean |pnl| of the losers (positive); NaN without one
 * @param winLossRatio       {@code averageWin / averageLoss}; NaN when either is
 * @param profitFactor       gross profit / gross loss (Σ winners / Σ |losers|); +∞ with wins and no loss, NaN with
 *                           neither
 * @param expectancy         mean pnl per closed trade, quote asset ({@code = winRate·avgWin − lossRate·avgLoss} when
 *                           no trade is flat); NaN with no closed trade
 * @param exposure           share of the run's time with a position open (union of the trades' entry→exit spans,
 *                           open trades to the end, over {@code end − start}), 0..1
 * @param feesPaid           commissions of all fills, quote asset
 * @param slippagePaid       Σ over fills of (fill price − reference price) × qty for BUY, (reference − fill) × qty
 *                           for SELL — positive is a cost; reference = the open of the bar the fill happened in
 *                           ({@link PerformanceReport#compute} with bars), 0 without bars
 * @param barsPerYear        {@code 365 × 86,400,000 / barMillis}
 * @param openTrade          true when a position was still open at the end
 */
public record PerformanceMetrics(double startingEquity, double finalEquity, double netProfit, double totalReturn,
                                 double cagr, double sharpe, double sortino, double calmar, double maxDrawdown,
                                 double maxDrawdownQuote, long maxDrawdownDurationMs, boolean maxDrawdownRecovered,
                                 long longestDrawdownMs, int closedTrades, int wins, int losses, double winRate,
                                 double averageWin, double averageLoss, double winLossRatio, double profitFactor,
                                 double expectancy, double exposure, double feesPaid, double slippagePaid,
                                 double barsPerYear, boolean openTrade) {
}
