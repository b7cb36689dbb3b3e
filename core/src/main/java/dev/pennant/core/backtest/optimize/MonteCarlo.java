package dev.pennant.core.backtest.optimize;

import dev.pennant.core.analytics.Trade;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Monte Carlo of a run's closed trades: how much of its equity path was the luck of the trade order.
 *
 * <p>Each trade becomes a return on the equity it was entered with, {@code r_k = pnl_k / E_(k−1)} (closed trades in
 * closing order, {@code E_0} = starting equity), and each simulation compounds a re-ordered sequence
 * {@code E_k = E_(k−1) × (1 + r_k)}, recording the final equity and the largest peak-to-trough fall of that
 * trade-by-trade path.
 * <ul>
 *   <li>{@link Mode#SHUFFLE}: a random permutation (Fisher–Yates). Compounding is commutative, so the final equity is
 *       the same in every permutation: only the drawdown distribution is informative.</li>
 *   <li>{@link Mode#BOOTSTRAP}: n trades drawn with replacement (Efron 1979, "Bootstrap Methods", Ann. Statist. 7(1)):
 *       final equity and drawdown both vary.</li>
 * </ul>
 * Simulation {@code i} uses its own {@link SplittableRandom} seeded from {@code (seed, i)}, so the result is the
 * same on any number of threads. Percentiles are nearest-rank on the sorted outcomes.
 */
public final class MonteCarlo {

    /** Percentiles reported, in percent. */
    public static final double[] PERCENTILES = {5, 25, 50, 75, 95};

    /** How each simulation re-orders the trades. */
    public enum Mode {
        /** Permutation of the actual trades. */
        SHUFFLE,
        /** Resampling with replacement. */
        BOOTSTRAP
    }

    /**
     * The distribution.
     *
     * @param mode                   re-ordering used
     * @param simulations            number of simulated paths
     * @param trades                 closed trades per path
     * @param actualFinalEquity      final equity of the actual order, quote asset
     * @param actualMaxDrawdown      max drawdown of the actual trade-by-trade path, fraction
     * @param finalEquityPercentiles final equity at {@link #PERCENTILES}, quote asset
     * @param maxDrawdownPercentiles max drawdown at {@link #PERCENTILES}, fraction
     * @param probabilityOfLoss      share of paths ending below the starting equity
     */
    public record Result(Mode mode, int simulations, int trades, double actualFinalEquity, double actualMaxDrawdown,
                         double[] finalEquityPercentiles, double[] maxDrawdownPercentiles, double probabilityOfLoss) {
    }

    private MonteCarlo() {
    }

    /**
     * Simulates {@code simulations} paths.
     *
     * @param trades         the run's trades (open ones are ignored)
     * @param startingEquity equity before the first trade, quote asset (&gt; 0)
     * @throws IllegalArgumentException naming the argument when there is no closed trade, simulations &lt; 1 or the
     *                                  starting equity is ≤ 0
     */
    public static Result run(List<Trade> trades, double startingEquity, int simulations, long seed, Mode mode) {
        double[] pnl = trades.stream().filter(t -> !t.open()).mapToDouble(Trade::pnl).toArray();
        if (pnl.length == 0) {
            throw new IllegalArgumentException("Monte Carlo needs at least one closed trade");
        }
        if (simulations < 1) {
            throw new IllegalArgumentException("simulations must be >= 1, was " + simulations);
        }
        if (!(startingEquity > 0)) {
            throw new IllegalArgumentException("startingEquity must be > 0, was " + startingEquity);
        }
        double[] r = new double[pnl.length];
        double e = startingEquity;
        for (int k = 0; k < pnl.length; k++) {
            r[k] = pnl[k] / e;
            e += pnl[k];
        }
        double[] actual = path(r, startingEquity);
        double[] finals = new double[simulations];
        double[] dds = new double[simulations];
        IntStream.range(0, simulations).parallel().forEach(i -> {
            SplittableRandom rnd = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + i);
            double[] seq = new double[r.length];
            if (mode == Mode.SHUFFLE) {
                System.arraycopy(r, 0, seq, 0, r.length);
                for (int k = seq.length - 1; k > 0; k--) {
                    int j = rnd.nextInt(k + 1);
                    double tmp = seq[k];
                    seq[k] = seq[j];
                    seq[j] = tmp;
                }
            } else {
                for (int k = 0; k < seq.length; k++) {
                    seq[k] = r[rnd.nextInt(r.length)];
                }
            }
            double[] p = path(seq, startingEquity);
            finals[i] = p[0];
            dds[i] = p[1];
        });
        long losses = Arrays.stream(finals).filter(f -> f < startingEquity).count();
        Arrays.sort(finals);
        Arrays.sort(dds);
        return new Result(mode, simulations, r.length, actual[0], actual[1], percentiles(finals), percentiles(dds),
                (double) losses / simulations);
    }

    /** {final equity, max drawdown fraction} of compounding {@code r} from {@code start}. */
    static double[] path(double[] r, double start) {
        double e = start;
        double peak = start;
        double maxDd = 0;
        for (double x : r) {
            e *= 1 + x;
            peak = Math.max(peak, e);
            maxDd = Math.max(maxDd, (peak - e) / peak);
        }
        return new double[] {e, maxDd};
    }

    /** Nearest-rank percentiles of sorted {@code v}: index {@code ceil(p/100 × n) − 1}. */
    static double[] percentiles(double[] sorted) {
        double[] out = new double[PERCENTILES.length];
        for (int i = 0; i < out.length; i++) {
            int rank = (int) Math.ceil(PERCENTILES[i] / 100 * sorted.length);
            out[i] = sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
        }
        return out;
    }
}
