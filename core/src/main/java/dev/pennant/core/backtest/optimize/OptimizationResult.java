package dev.pennant.core.backtest.optimize;

import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * Outcome of one optimisation.
 *
 * @param trials       every evaluated set, best score first (ties: parameter text ascending) — the same order on any
 *                     number of threads
 * @param method       search method
 * @param metric       ranked metric
 * @param elapsedNanos wall time
 * @param cancelled    true when it was cancelled before every trial ran (the trials are those that finished)
 */
public record OptimizationResult(List<Trial> trials, SearchMethod method, Metric metric, long elapsedNanos,
                                 boolean cancelled) {

    /** The best trial. @throws IllegalStateException when no trial ran */
    public Trial best() {
        if (trials.isEmpty()) {
            throw new IllegalStateException("no trial was evaluated");
        }
        return trials.getFirst();
    }

    /**
     * The best score per (x, y) pair.
     *
     * @throws IllegalArgumentException when a name is not a parameter of the trials
     */
    public HeatMap heatMap(String x, String y) {
        if (trials.isEmpty()) {
            return new HeatMap(x, y, new double[0], new double[0], new double[0][0], metric);
        }
        var first = trials.getFirst().parameters().values();
        if (!first.containsKey(x) || !first.containsKey(y)) {
            throw new IllegalArgumentException("heat map axes must be parameters of the search " + first.keySet()
                    + ", were " + x + " and " + y);
        }
        TreeSet<Double> xv = new TreeSet<>();
        TreeSet<Double> yv = new TreeSet<>();
        for (Trial t : trials) {
            xv.add(t.parameters().getDouble(x));
            yv.add(t.parameters().getDouble(y));
        }
        double[] xs = xv.stream().mapToDouble(Double::doubleValue).toArray();
        double[] ys = yv.stream().mapToDouble(Double::doubleValue).toArray();
        double[][] v = new double[ys.length][xs.length];
        for (double[] row : v) {
            Arrays.fill(row, Double.NaN);
        }
        for (Trial t : trials) {
            int xi = Arrays.binarySearch(xs, t.parameters().getDouble(x));
            int yi = Arrays.binarySearch(ys, t.parameters().getDouble(y));
            if (Double.isNaN(v[yi][xi]) || t.score() > v[yi][xi]) {
                v[yi][xi] = t.score();
            }
        }
        return new HeatMap(x, y, xs, ys, v, metric);
    }
}
