package dev.pennant.core.backtest.optimize;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Predicate;

/**
 * The parameters an optimisation varies: one {@link ParameterRange} each, and a constraint every candidate must pass
 * (e.g. slow EMA longer than fast). Generic: any strategy whose parameters are named numbers plugs in through its
 * {@link Objective}.
 */
public final class ParameterSpace {

    private final List<ParameterRange> ranges;
    private final Predicate<ParameterSet> constraint;
    private final String constraintText;

    /**
     * @param ranges         the parameters, in order (names unique)
     * @param constraint     candidates failing it are never evaluated
     * @param constraintText the constraint in words, for messages (e.g. {@code slowPeriod > fastPeriod})
     * @throws IllegalArgumentException when there is no range or a name repeats
     */
    public ParameterSpace(List<ParameterRange> ranges, Predicate<ParameterSet> constraint, String constraintText) {
        if (ranges.isEmpty()) {
            throw new IllegalArgumentException("a parameter space needs at least one range");
        }
        Set<String> names = new HashSet<>();
        for (ParameterRange r : ranges) {
            if (!names.add(r.name())) {
                throw new IllegalArgumentException("parameter '" + r.name() + "' is given twice");
            }
        }
        this.ranges = List.copyOf(ranges);
        this.constraint = constraint;
        this.constraintText = constraintText;
    }

    /**
     * The EMA-cross + RSI strategy's space: fastPeriod 3..30, slowPeriod 10..100 (step 2), rsiPeriod 7..28,
     * rsiEntryMax 50..80 (step 5), rsiExitMin 70..95 (step 5); slowPeriod &gt; fastPeriod and rsiExitMin &gt;
     * rsiEntryMax.
     */
    public static ParameterSpace emaCrossRsi() {
        return emaCrossRsi(List.of(ParameterRange.ofInt("fastPeriod", 3, 30, 1), ParameterRange.ofInt("slowPeriod", 10, 100, 2),
                ParameterRange.ofInt("rsiPeriod", 7, 28, 1), ParameterRange.ofDouble("rsiEntryMax", 50, 80, 5),
                ParameterRange.ofDouble("rsiExitMin", 70, 95, 5)));
    }

    /** {@code ranges} with the EMA-cross + RSI constraint (slow &gt; fast, exit RSI &gt; entry RSI when both vary). */
    public static ParameterSpace emaCrossRsi(List<ParameterRange> ranges) {
        return new ParameterSpace(ranges, p -> p.getInt("slowPeriod", 21) > p.getInt("fastPeriod", 9)
                && p.getDouble("rsiExitMin", 80) > p.getDouble("rsiEntryMax", 70),
                "slowPeriod > fastPeriod and rsiExitMin > rsiEntryMax");
    }

    /** The ranges, in order. */
    public List<ParameterRange> ranges() {
        return ranges;
    }

    /** The constraint in words. */
    public String constraintText() {
        return constraintText;
    }

    /** True when {@code p} passes the constraint. */
    public boolean allows(ParameterSet p) {
        return constraint.test(p);
    }

    /** Number of grid points before the constraint (product of the range counts). */
    public long gridSize() {
        long n = 1;
        for (ParameterRange r : ranges) {
            n = Math.multiplyExact(n, r.count());
        }
        return n;
    }

    /**
     * Every grid point that passes the constraint, the last parameter varying fastest.
     *
     * @throws IllegalArgumentException when the grid has more than {@code limit} points (name the size)
     */
    public List<ParameterSet> grid(long limit) {
        long size = gridSize();
        if (size > limit) {
            throw new IllegalArgumentException("grid of " + size + " points is above the limit of " + limit
                    + ": narrow the ranges or use random / cmaes search");
        }
        List<ParameterSet> out = new ArrayList<>();
        int[] idx = new int[ranges.size()];
        for (long n = 0; n < size; n++) {
            Map<String, Object> v = new LinkedHashMap<>();
            for (int i = 0; i < idx.length; i++) {
                v.put(ranges.get(i).name(), ranges.get(i).value(idx[i]));
            }
            ParameterSet p = new ParameterSet(v);
            if (allows(p)) {
                out.add(p);
            }
            for (int i = idx.length - 1; i >= 0; i--) {
                if (++idx[i] < ranges.get(i).count()) {
                    break;
                }
                idx[i] = 0;
            }
        }
        return out;
    }

    /**
     * Up to {@code n} distinct grid points drawn uniformly (each parameter independently) with a
     * {@link SplittableRandom} seeded by {@code seed}, skipping those failing the constraint; fewer when the space
     * has fewer valid points. Same seed, same list.
     */
    public List<ParameterSet> random(int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Set<ParameterSet> seen = new HashSet<>();
        List<ParameterSet> out = new ArrayList<>();
        long attempts = 0;
        long maxAttempts = 50L * n + 1000;
        while (out.size() < n && attempts++ < maxAttempts) {
            Map<String, Object> v = new LinkedHashMap<>();
            for (ParameterRange r : ranges) {
                v.put(r.name(), r.value(rnd.nextInt(r.count())));
            }
            ParameterSet p = new ParameterSet(v);
            if (allows(p) && seen.add(p)) {
                out.add(p);
            }
        }
        return out;
    }

    /** The grid point nearest {@code unit} (one coordinate in [0, 1] per range, in order). */
    public ParameterSet at(double[] unit) {
        Map<String, Object> v = new LinkedHashMap<>();
        for (int i = 0; i < ranges.size(); i++) {
            v.put(ranges.get(i).name(), ranges.get(i).at(unit[i]));
        }
        return new ParameterSet(v);
    }
}
