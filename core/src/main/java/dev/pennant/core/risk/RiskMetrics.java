package dev.pennant.core.risk;

import java.util.Arrays;

/**
 * The risk engine's statistics on primitive doubles (hot path): historical-simulation VaR, Pearson correlation,
 * time scaling. Pure functions.
 */
public final class RiskMetrics {

    private RiskMetrics() {
    }

    /** Bars of {@code spacingMs} in one day (24/7 crypto market: 86,400,000 ms). */
    public static double barsPerDay(long spacingMs) {
        return spacingMs <= 0 ? 1 : 86_400_000.0 / spacingMs;
    }

    /**
     * Historical-simulation Value at Risk (Jorion, "Value at Risk", 3rd ed., ch. 10): the loss not exceeded with
     * probability {@code confidence} among the scenario P&Ls, taken as the k-th worst with
     * {@code k = ceil((1 − confidence) × n)} (no interpolation), scaled from the scenario horizon to the target by
     * {@code √horizonScale} (square-root-of-time rule).
     *
     * @param pnl          scenario profits (negative = loss), quote asset; only the first {@code n} are read and they
     *                     are reordered in place
     * @param confidence   e.g. 0.95 or 0.99
     * @param horizonScale target horizon / scenario horizon (bars per day for 1-day VaR from bar returns)
     * @return the VaR as a positive loss, quote asset; 0 when no scenario loses; NaN when n = 0
     */
    public static double historicalVar(double[] pnl, int n, double confidence, double horizonScale) {
        if (n <= 0) {
            return Double.NaN;
        }
        Arrays.sort(pnl, 0, n);
        int k = (int) Math.ceil((1 - confidence) * n - 1e-9);
        double q = pnl[Math.max(0, Math.min(n - 1, k - 1))];
        return Math.max(0, -q) * Math.sqrt(horizonScale);
    }

    /** Pearson correlation of the first n values of a and b; NaN when n &lt; 2 or a series is constant. */
    public static double pearson(double[] a, double[] b, int n) {
        if (n < 2) {
            return Double.NaN;
        }
        double ma = 0;
        double mb = 0;
        for (int i = 0; i < n; i++) {
            ma += a[i];
            mb += b[i];
        }
        ma /= n;
        mb /= n;
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < n; i++) {
            double da = a[i] - ma;
            double db = b[i] - mb;
            sab += da * db;
            saa += da * da;
            sbb += db * db;
        }
        return saa == 0 || sbb == 0 ? Double.NaN : sab / Math.sqrt(saa * sbb);
    }

    /**
     * Correlation matrix of the rows of {@code x} (each of length ≥ n) by z-scores: {@code ρ_ij = Σ z_i z_j / (n − 1)}
     * with sample standard deviations, equal to {@link #pearson}; constant rows give NaN off the diagonal. The rows are
     * overwritten with their z-scores.
     *
     * @return a symmetric m × m matrix with 1 on the diagonal
     */
    public static double[][] correlationMatrix(double[][] x, int m, int n) {
        double[][] c = new double[m][m];
        boolean[] constant = new boolean[m];
        for (int i = 0; i < m; i++) {
            double[] r = x[i];
            double mean = 0;
            for (int k = 0; k < n; k++) {
                mean += r[k];
            }
            mean /= n;
            double ss = 0;
            for (int k = 0; k < n; k++) {
                double d = r[k] - mean;
                r[k] = d;
                ss += d * d;
            }
            double sd = Math.sqrt(ss / (n - 1));
            constant[i] = sd == 0 || n < 2;
            if (!constant[i]) {
                for (int k = 0; k < n; k++) {
                    r[k] /= sd;
                }
            }
        }
        for (int i = 0; i < m; i++) {
            c[i][i] = 1;
            for (int j = i + 1; j < m; j++) {
                double v;
                if (constant[i] || constant[j]) {
                    v = Double.NaN;
                } else {
                    double s = 0;
                    double[] a = x[i];
                    double[] b = x[j];
                    for (int k = 0; k < n; k++) {
                        s += a[k] * b[k];
                    }
                    v = s / (n - 1);
                }
                c[i][j] = v;
                c[j][i] = v;
            }
        }
        return c;
    }
}
