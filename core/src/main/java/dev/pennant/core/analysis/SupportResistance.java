package dev.pennant.core.analysis;

import dev.pennant.core.model.Bar;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Support and resistance levels from clusters of fractal pivots ({@link Swings#pivots}).
 *
 * <p>Method: take the pivot highs and lows of the last {@code lookback} bars, sort their prices, and join neighbours
 * into one cluster while each is within {@code tolerance = max(clusterFraction × lastClose, clusterAtr × ATR)} of the
 * cluster's running mean. Each cluster is one level at its mean price; the {@code maxLevels} most-touched clusters are
 * kept (ties: the most recent). Own code: ta4j has pivot-point indicators (floor pivots from one prior period) but no
 * clustering of swing pivots.
 */
public final class SupportResistance {

    /**
     * Settings.
     *
     * @param lookback        bars analysed, from the last bar back (default 500)
     * @param pivotBars       bars each side of a fractal pivot (default 5)
     * @param clusterFraction pivots within this fraction of price join a cluster (default 0.002 = 0.2 %)
     * @param clusterAtr      or within this many ATR(14) (default 0.5)
     * @param maxLevels       levels kept (default 8)
     */
    public record Parameters(int lookback, int pivotBars, double clusterFraction, double clusterAtr, int maxLevels) {
        /** @throws IllegalArgumentException naming the parameter and the rule */
        public Parameters {
            if (lookback < 3) throw new IllegalArgumentException("lookback must be >= 3, was " + lookback);
            if (pivotBars < 1) throw new IllegalArgumentException("pivotBars must be >= 1, was " + pivotBars);
            if (!(clusterFraction >= 0)) throw new IllegalArgumentException("clusterFraction must be >= 0, was " + clusterFraction);
            if (!(clusterAtr >= 0)) throw new IllegalArgumentException("clusterAtr must be >= 0, was " + clusterAtr);
            if (maxLevels < 1) throw new IllegalArgumentException("maxLevels must be >= 1, was " + maxLevels);
        }

        /** 500 bars, 5-bar pivots, 0.2 % or 0.5 ATR clusters, 8 levels. */
        public static Parameters defaults() {
            return new Parameters(500, 5, 0.002, 0.5, 8);
        }
    }

    /**
     * The levels found.
     *
     * @param levels    ascending by price
     * @param lastClose close of the last bar (what support/resistance is relative to)
     * @param inputs    parameters, bars analysed, ATR, tolerance, pivot count
     */
    public record Analysis(List<PriceLevel> levels, double lastClose, Map<String, Object> inputs) {
        /** Copies. */
        public Analysis {
            levels = List.copyOf(levels);
            inputs = Inputs.copy(inputs);
        }

        /** The highest support below {@code price}. */
        public Optional<PriceLevel> supportBelow(double price) {
            return levels.stream().filter(l -> l.price() < price).max(Comparator.comparingDouble(PriceLevel::price));
        }

        /** The lowest resistance above {@code price}. */
        public Optional<PriceLevel> resistanceAbove(double price) {
            return levels.stream().filter(l -> l.price() > price).min(Comparator.comparingDouble(PriceLevel::price));
        }
    }

    private SupportResistance() {
    }

    /** {@link #analyze(List, Parameters)} with defaults. */
    public static Analysis analyze(List<Bar> bars) {
        return analyze(bars, Parameters.defaults());
    }

    /**
     * Levels of {@code bars}.
     *
     * @throws IllegalArgumentException when {@code bars} is empty
     */
    public static Analysis analyze(List<Bar> bars, Parameters p) {
        if (bars.isEmpty()) {
            throw new IllegalArgumentException("bars must not be empty");
        }
        List<Bar> window = bars.subList(Math.max(0, bars.size() - p.lookback()), bars.size());
        BarArrays b = BarArrays.of(window);
        double lastClose = b.close()[b.last()];
        double atr = Indicators.compute(window, IndicatorDefinition.of(IndicatorKind.ATR, 14)).last();
        double tol = Math.max(p.clusterFraction() * lastClose, Double.isNaN(atr) ? 0 : p.clusterAtr() * atr);
        List<SwingPoint> pivots = new ArrayList<>(Swings.pivots(b, p.pivotBars(), p.pivotBars()));
        pivots.sort(Comparator.comparingDouble(SwingPoint::price));

        record Cluster(double sum, int n, long first, long last) {
            double mean() { return sum / n; }
        }
        List<Cluster> clusters = new ArrayList<>();
        Cluster cur = null;
        for (SwingPoint sp : pivots) {
            if (cur != null && sp.price() - cur.mean() <= tol) {
                cur = new Cluster(cur.sum + sp.price(), cur.n + 1, Math.min(cur.first, sp.time()), Math.max(cur.last, sp.time()));
                clusters.set(clusters.size() - 1, cur);
            } else {
                cur = new Cluster(sp.price(), 1, sp.time(), sp.time());
                clusters.add(cur);
            }
        }
        List<Cluster> kept = new ArrayList<>(clusters);
        kept.sort(Comparator.comparingInt(Cluster::n).reversed().thenComparing(Comparator.comparingLong(Cluster::last).reversed()));
        kept = kept.subList(0, Math.min(p.maxLevels(), kept.size()));
        int maxTouches = kept.isEmpty() ? 1 : kept.get(0).n;
        List<PriceLevel> levels = new ArrayList<>();
        for (Cluster c : kept) {
            levels.add(new PriceLevel(c.mean(), c.mean() < lastClose ? PriceLevel.Kind.SUPPORT : PriceLevel.Kind.RESISTANCE,
                    c.n, (double) c.n / maxTouches, c.first, c.last));
        }
        levels.sort(Comparator.comparingDouble(PriceLevel::price));
        return new Analysis(levels, lastClose, Inputs.of(
                "bars", window.size(),
                "lookback", p.lookback(),
                "pivotBars", p.pivotBars(),
                "clusterFraction", p.clusterFraction(),
                "clusterAtr", p.clusterAtr(),
                "atr14", atr,
                "tolerance", tol,
                "pivots", pivots.size(),
                "clusters", clusters.size(),
                "lastClose", lastClose));
    }
}
