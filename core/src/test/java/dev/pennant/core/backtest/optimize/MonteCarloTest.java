package dev.pennant.core.backtest.optimize;

import dev.pennant.core.analytics.Trade;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class MonteCarloTest {

    private static Trade trade(double pnl) {
        return new Trade("BTCUSDT", "LONG", 0, 1, 1, 100, 100 + pnl, pnl, 0, 2);
    }

    private static final List<Trade> TRADES = List.of(trade(10), trade(-20), trade(5));

    /** Trade returns on the equity before each trade: 10/100, −20/110, 5/90. */
    private static final double[] R = {10 / 100.0, -20 / 110.0, 5 / 90.0};

    private static double[] path(double[] r) {
        double e = 100;
        double peak = 100;
        double dd = 0;
        for (double x : r) {
            e *= 1 + x;
            peak = Math.max(peak, e);
            dd = Math.max(dd, (peak - e) / peak);
        }
        return new double[] {e, dd};
    }

    @Test
    void shuffleKeepsTheFinalEquityAndSpreadsTheDrawdown() {
        MonteCarlo.Result r = MonteCarlo.run(TRADES, 100, 2_000, 1, MonteCarlo.Mode.SHUFFLE);
        double[] actual = path(R);
        assertThat(r.actualFinalEquity()).isCloseTo(actual[0], within(1e-9));
        assertThat(r.actualMaxDrawdown()).isCloseTo(actual[1], within(1e-12));
        for (double f : r.finalEquityPercentiles()) {
            assertThat(f).isCloseTo(actual[0], within(1e-9)); // compounding commutes
        }
        // every drawdown percentile is one of the 6 permutations' drawdowns, and both extremes occur
        List<Double> perms = new ArrayList<>();
        int[][] orders = {{0, 1, 2}, {0, 2, 1}, {1, 0, 2}, {1, 2, 0}, {2, 0, 1}, {2, 1, 0}};
        for (int[] o : orders) {
            perms.add(path(new double[] {R[o[0]], R[o[1]], R[o[2]]})[1]);
        }
        double min = perms.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double max = perms.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        for (double dd : r.maxDrawdownPercentiles()) {
            assertThat(perms.stream().anyMatch(p -> Math.abs(p - dd) < 1e-12)).isTrue();
        }
        assertThat(r.maxDrawdownPercentiles()[0]).isCloseTo(min, within(1e-12));
        assertThat(r.maxDrawdownPercentiles()[4]).isCloseTo(max, within(1e-12));
        assertThat(r.probabilityOfLoss()).isEqualTo(actual[0] < 100 ? 1.0 : 0.0);
    }

    @Test
    void bootstrapIsSeededAndVaries() {
        MonteCarlo.Result a = MonteCarlo.run(TRADES, 100, 5_000, 9, MonteCarlo.Mode.BOOTSTRAP);
        MonteCarlo.Result b = MonteCarlo.run(TRADES, 100, 5_000, 9, MonteCarlo.Mode.BOOTSTRAP);
        assertThat(a.finalEquityPercentiles()).containsExactly(b.finalEquityPercentiles());
        assertThat(a.finalEquityPercentiles()[0]).isLessThan(a.finalEquityPercentiles()[4]);
        // the best path draws +10 % three times, the worst −18.2 % three times
        assertThat(a.finalEquityPercentiles()[4]).isLessThanOrEqualTo(100 * Math.pow(1.1, 3) + 1e-9);
        assertThat(a.finalEquityPercentiles()[0]).isGreaterThanOrEqualTo(100 * Math.pow(1 - 20 / 110.0, 3) - 1e-9);
    }

    @Test
    void nearestRankPercentiles() {
        double[] v = new double[20];
        for (int i = 0; i < 20; i++) {
            v[i] = i + 1;
        }
        // ranks ceil(p/100 × 20): 1, 5, 10, 15, 19
        assertThat(MonteCarlo.percentiles(v)).containsExactly(1, 5, 10, 15, 19);
    }

    @Test
    void badInput() {
        assertThatThrownBy(() -> MonteCarlo.run(List.of(), 100, 10, 1, MonteCarlo.Mode.SHUFFLE))
                .hasMessageContaining("closed trade");
        assertThatThrownBy(() -> MonteCarlo.run(TRADES, 100, 0, 1, MonteCarlo.Mode.SHUFFLE))
                .hasMessageContaining("simulations");
    }
}
