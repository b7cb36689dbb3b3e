package dev.pennant.core.analysis;

import dev.pennant.core.model.Bar;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Fibonacci retracement and extension levels of the last significant swing.
 *
 * <p>The swing is the last leg of a zig-zag ({@link Swings#zigZag}) whose reversal threshold is
 * {@code max(minFraction × price, atrMultiple × ATR(atrPeriod))}: its two most recent points. For an up-swing from low
 * L to high H (range R = H - L) retracement r sits at {@code H - r×R} and extension e at {@code L + e×R}; a down-swing
 * mirrors this ({@code L + r×R}, {@code H - e×R}). Ratios: retracements 0.236, 0.382, 0.5, 0.618, 0.786 (with 0 and 1,
 * the swing ends), extensions 1.272, 1.618, 2.0, 2.618 — the common charting set (ratios of the Fibonacci sequence and
 * their square roots). Prices in the quote asset, as double.
 */
public final class FibonacciLevels {

    /** Retracement ratios, swing end (0) to swing start (1). */
    public static final double[] RETRACEMENTS = {0, 0.236, 0.382, 0.5, 0.618, 0.786, 1};
    /** Extension ratios of the swing's range, measured from its start. */
    public static final double[] EXTENSIONS = {1.272, 1.618, 2.0, 2.618};

    /**
     * Zig-zag settings for "significant".
     *
     * @param minFraction reversal of at least this fraction of price (default 0.01 = 1 %)
     * @param atrMultiple and of at least this many ATRs (default 3)
     * @param atrPeriod   ATR bars (default 14)
     */
    public record Parameters(double minFraction, double atrMultiple, int atrPeriod) {
        /** @throws IllegalArgumentException naming the parameter and the rule */
        public Parameters {
            if (!(minFraction >= 0 && minFraction < 1)) throw new IllegalArgumentException("minFraction must be in [0, 1), was " + minFraction);
            if (!(atrMultiple >= 0)) throw new IllegalArgumentException("atrMultiple must be >= 0, was " + atrMultiple);
            if (atrPeriod < 1) throw new IllegalArgumentException("atrPeriod must be >= 1, was " + atrPeriod);
            if (minFraction == 0 && atrMultiple == 0) throw new IllegalArgumentException("minFraction and atrMultiple cannot both be 0");
        }

        /** 1 %, 3 ATR(14). */
        public static Parameters defaults() {
            return new Parameters(0.01, 3, 14);
        }
    }

    /**
     * One level.
     *
     * @param ratio       Fibonacci ratio
     * @param price       level price, quote asset
     * @param extension   true for an extension, false for a retracement
     */
    public record Level(double ratio, double price, boolean extension) {
        /** Label such as {@code "61.8%"} or {@code "161.8% ext"}. */
        public String label() {
            String pct = IndicatorParameter.format(Math.round(ratio * 1000) / 10.0) + "%";
            return extension ? pct + " ext" : pct;
        }
    }

    /**
     * The levels of one swing.
     *
     * @param from      swing start
     * @param to        swing end (may be the running extreme: {@code to.confirmed() == false})
     * @param upSwing   true when the swing runs from a low up to a high
     * @param levels    retracements (0 → 1) then extensions
     * @param inputs    what produced it: parameters, the swing's points, ATR at its end, bars analysed
     */
    public record Analysis(SwingPoint from, SwingPoint to, boolean upSwing, List<Level> levels, Map<String, Object> inputs) {
        /** Copies. */
        public Analysis {
            levels = List.copyOf(levels);
            inputs = Inputs.copy(inputs);
        }

        /** Retracement levels only. */
        public List<Level> retracements() {
            return levels.stream().filter(l -> !l.extension()).toList();
        }

        /** Extension levels only. */
        public List<Level> extensions() {
            return levels.stream().filter(Level::extension).toList();
        }

        /** The level with {@code ratio} (e.g. 0.618). @throws IllegalArgumentException when not in the set */
        public Level level(double ratio, boolean extension) {
            return levels.stream().filter(l -> l.extension() == extension && Math.abs(l.ratio() - ratio) < 1e-12)
                    .findFirst().orElseThrow(() -> new IllegalArgumentException("no " + (extension ? "extension" : "retracement")
                            + " level " + ratio));
        }
    }

    private FibonacciLevels() {
    }

    /** {@link #ofLastSwing(List, Parameters)} with {@link Parameters#defaults()}. */
    public static Optional<Analysis> ofLastSwing(List<Bar> bars) {
        return ofLastSwing(bars, Parameters.defaults());
    }

    /**
     * Levels of the last significant swing of {@code bars}.
     *
     * @return empty when the bars hold no swing of the required size (fewer than two zig-zag points)
     */
    public static Optional<Analysis> ofLastSwing(List<Bar> bars, Parameters p) {
        BarArrays b = BarArrays.of(bars);
        double[] atr = bars.isEmpty() ? new double[0]
                : Indicators.compute(bars, IndicatorDefinition.of(IndicatorKind.ATR, p.atrPeriod())).mainLine();
        List<SwingPoint> zz = Swings.zigZag(b, atr, p.minFraction(), p.atrMultiple());
        if (zz.size() < 2) {
            return Optional.empty();
        }
        SwingPoint from = zz.get(zz.size() - 2);
        SwingPoint to = zz.get(zz.size() - 1);
        return Optional.of(levels(from, to, Inputs.of(
                "bars", bars.size(),
                "minFraction", p.minFraction(),
                "atrMultiple", p.atrMultiple(),
                "atrPeriod", p.atrPeriod(),
                "atrAtSwingEnd", atr[to.index()],
                "swingStartTime", from.time(),
                "swingStartPrice", from.price(),
                "swingEndTime", to.time(),
                "swingEndPrice", to.price(),
                "swingEndConfirmed", to.confirmed())));
    }

    /**
     * The levels between two swing points (any two: a trader may pick them on the chart).
     *
     * @throws IllegalArgumentException when both points are the same type or have the same price
     */
    public static Analysis levels(SwingPoint from, SwingPoint to, Map<String, Object> inputs) {
        if (from.type() == to.type() || from.price() == to.price()) {
            throw new IllegalArgumentException("a swing needs a high and a low at different prices, got " + from + " and " + to);
        }
        boolean up = to.price() > from.price();
        double hi = Math.max(from.price(), to.price());
        double lo = Math.min(from.price(), to.price());
        double range = hi - lo;
        List<Level> out = new ArrayList<>();
        for (double r : RETRACEMENTS) {
            out.add(new Level(r, up ? hi - r * range : lo + r * range, false));
        }
        for (double e : EXTENSIONS) {
            out.add(new Level(e, up ? lo + e * range : hi - e * range, true));
        }
        return new Analysis(from, to, up, out, inputs);
    }
}
