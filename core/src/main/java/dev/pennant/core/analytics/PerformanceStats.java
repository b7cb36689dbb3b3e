package dev.pennant.core.analytics;

import java.math.BigDecimal;
import java.util.List;

/**
 * Summary statistics of a session, all money in the quote asset.
 *
 * <ul>
 *   <li>{@code trades}: closed round trips (flat → position → flat); {@code fills} counts executions.</li>
 *   <li>{@code netPnl} = final equity − starting equity (commissions included).</li>
 *   <li>{@code maxDrawdown}: largest peak-to-trough fall of the per-bar equity curve as a fraction of the peak
 *       (0.12 = 12 %); {@code maxDrawdownQuote} the same fall in the quote asset.</li>
 *   <li>{@code winRate}: share of round trips with P&L &gt; 0 (net of fees), 0..1; NaN with no trades.</li>
 *   <li>{@code sharpe}: annualised Sharpe ratio of per-bar simple returns, risk-free rate 0:
 *       {@code mean / stdev(sample) × sqrt(barsPerYear)}, {@code barsPerYear = 365 × 86 400 000 / barMillis}
 *       (Sharpe 1994, "The Sharpe Ratio"; crypto trades 365 days a year). NaN when the returns have no variance.</li>
 * </ul>
 *
 * @param openTrade true when a position was still open at the end (its P&L is in netPnl, not in trades)
 */
public record PerformanceStats(int trades, int fills, BigDecimal netPnl, double netPnlFraction, double maxDrawdown,
                               double maxDrawdownQuote, double winRate, double sharpe, BigDecimal finalEquity,
                               boolean openTrade) {

    /** Computes the statistics; see the type's docs for each formula. */
    static PerformanceStats compute(BigDecimal start, BigDecimal last, double[] equity, List<BigDecimal> trips,
                                    boolean openTrade, int fills, long barMillis) {
        double peak = start.doubleValue();
        double maxDd = 0;
        double maxDdQuote = 0;
        double prev = start.doubleValue();
        double sum = 0;
        double sumSq = 0;
        int k = 0;
        for (double e : equity) {
            peak = Math.max(peak, e);
            if (peak > 0) {
                maxDd = Math.max(maxDd, (peak - e) / peak);
            }
            maxDdQuote = Math.max(maxDdQuote, peak - e);
            if (prev > 0) {
                double r = e / prev - 1;
                sum += r;
                sumSq += r * r;
                k++;
            }
            prev = e;
        }
        double sharpe = Double.NaN;
        if (k > 1) {
            double mean = sum / k;
            double var = (sumSq - k * mean * mean) / (k - 1);
            if (var > 1e-24) {
                sharpe = mean / Math.sqrt(var) * Math.sqrt(365.0 * 86_400_000.0 / barMillis);
            }
        }
        long wins = trips.stream().filter(p -> p.signum() > 0).count();
        double winRate = trips.isEmpty() ? Double.NaN : (double) wins / trips.size();
        BigDecimal net = last.subtract(start);
        double netFrac = start.signum() == 0 ? 0 : net.doubleValue() / start.doubleValue();
        return new PerformanceStats(trips.size(), fills, net, netFrac, maxDd, maxDdQuote, winRate, sharpe, last, openTrade);
    }
}
