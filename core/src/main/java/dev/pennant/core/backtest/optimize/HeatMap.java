package dev.pennant.core.backtest.optimize;

/**
 * Best score over two parameters: each cell holds the highest score of the trials with that (x, y), whatever the
 * other parameters were.
 *
 * @param x      parameter on the horizontal axis
 * @param y      parameter on the vertical axis
 * @param xs     distinct x values, ascending
 * @param ys     distinct y values, ascending
 * @param values {@code values[yIndex][xIndex]}: best score, NaN where no trial had that pair
 * @param metric the score's metric
 */
public record HeatMap(String x, String y, double[] xs, double[] ys, double[][] values, Metric metric) {

    /** Smallest and largest defined cell, {@code {NaN, NaN}} when none is. */
    public double[] range() {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] row : values) {
            for (double v : row) {
                if (!Double.isNaN(v) && !Double.isInfinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        return lo > hi ? new double[] {Double.NaN, Double.NaN} : new double[] {lo, hi};
    }
}
