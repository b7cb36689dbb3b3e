package dev.pennant.core.backtest;

import dev.pennant.core.engine.EngineConfig;
import dev.pennant.core.marketdata.KlineCsvImporter;
import dev.pennant.core.model.Bar;
import dev.pennant.core.model.Fill;
import dev.pennant.core.model.Instrument;
import dev.pennant.core.model.Interval;
import dev.pennant.core.model.Side;
import dev.pennant.core.testkit.SharedData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reference backtest (issue 8) on the 10,081-bar BTCUSDT 1m file of 2021-05-15, checked against an independent
 * plain loop written here from the rules, and against ta4j's own BarSeriesManager.
 */
class ReferenceBacktestTest {

    private static List<Bar> bars;
    private static EngineConfig config;

    @BeforeAll
    static void load() throws Exception {
        bars = new KlineCsvImporter().read(SharedData.btc1m()).bars();
        config = ReferenceBacktest.config(Instrument.defaultSpotUsdt("BTCUSDT"), Interval.M1);
    }

    /** One fill of the independent loop. */
    private record LoopFill(Side side, BigDecimal qty, BigDecimal price, long time) {
    }

    /**
     * The reference rules as a plain loop: EMA(n) with multiplier 2/(n+1), RSI with Wilder's 1/n smoothing, both seeded
     * as ta4j 0.22 seeds them (undefined for the first n bars, then the bar's own value); a cross is a sign change of
     * EMA12 − EMA26 (equal bars skipped); a signal at bar i fills at bar i+1's open; BUY quantity =
     * floor(0.95 × cash / (close × 1.001)) to the 0.00001 step, fee = 0.1 % of the notional in USDT.
     */
    private static List<LoopFill> plainLoop(List<Bar> bars, BigDecimal[] finalEquity) {
        int n = bars.size();
        double[] c = new double[n];
        for (int i = 0; i < n; i++) {
            c[i] = bars.get(i).close().doubleValue();
        }
        double[] e12 = ema(c, 12);
        double[] e26 = ema(c, 26);
        double[] rsi = rsi(c, 14);
        BigDecimal cash = new BigDecimal("10000");
        BigDecimal qty = BigDecimal.ZERO;
        BigDecimal fee = new BigDecimal("0.001");
        List<LoopFill> fills = new ArrayList<>();
        Side pending = null;
        BigDecimal pendingQty = null;
        int lastSign = 0;
        boolean started = false;
        for (int i = 0; i < n; i++) {
            Bar b = bars.get(i);
            if (pending != null) {
                BigDecimal notional = pendingQty.multiply(b.open());
                BigDecimal f = notional.multiply(fee).setScale(8, RoundingMode.HALF_UP);
                if (pending == Side.BUY) {
                    cash = cash.subtract(notional).subtract(f);
                    qty = pendingQty;
                } else {
                    cash = cash.add(notional).subtract(f);
                    qty = BigDecimal.ZERO;
                }
                fills.add(new LoopFill(pending, pendingQty, b.open(), b.openTime()));
                pending = null;
            }
            if (Double.isNaN(e26[i])) {
                continue;
            }
            double d = e12[i] - e26[i];
            int s = d > 0 ? 1 : d < 0 ? -1 : 0;
            boolean up = started && s > 0 && lastSign < 0;
            boolean down = started && s < 0 && lastSign > 0;
            if (!started || s != 0) {
                lastSign = s;
            }
            started = true;
            if (i == n - 1) {
                break; // no next bar to fill at
            }
            if (qty.signum() == 0 && up && rsi[i] < 70) {
                BigDecimal unit = b.close().multiply(BigDecimal.ONE.add(fee));
                pendingQty = cash.multiply(new BigDecimal("0.95")).divide(unit, MathContext.DECIMAL64)
                        .setScale(5, RoundingMode.DOWN);
                pending = Side.BUY;
            } else if (qty.signum() > 0 && down) {
                pendingQty = qty;
                pending = Side.SELL;
            }
        }
        finalEquity[0] = cash.add(qty.multiply(bars.getLast().close()));
        return fills;
    }

    private static double[] ema(double[] x, int n) {
        double[] out = new double[x.length];
        double k = 2.0 / (n + 1);
        for (int i = 0; i < x.length; i++) {
            out[i] = i < n ? Double.NaN : i == n ? x[i] : out[i - 1] + k * (x[i] - out[i - 1]);
        }
        return out;
    }

    private static double[] rsi(double[] x, int n) {
        double[] out = new double[x.length];
        double g = Double.NaN;
        double l = Double.NaN;
        for (int i = 0; i < x.length; i++) {
            double d = i == 0 ? 0 : x[i] - x[i - 1];
            double gain = Math.max(d, 0);
            double loss = Math.max(-d, 0);
            if (i < n) {
                out[i] = Double.NaN;
                continue;
            }
            g = i == n ? gain : g + (gain - g) / n;
            l = i == n ? loss : l + (loss - l) / n;
            out[i] = l == 0 ? (g == 0 ? 0 : 100) : 100 - 100 / (1 + g / l);
        }
        return out;
    }

    @Test
    void theEngineMakesTheTradesOfAnIndependentPlainLoop() {
        BacktestResult r = ReferenceBacktest.run(bars, config);
        BigDecimal[] loopEquity = new BigDecimal[1];
        List<LoopFill> loop = plainLoop(bars, loopEquity);

        assertThat(bars).hasSize(10_081);
        assertThat(r.fills()).hasSize(loop.size());
        for (int i = 0; i < loop.size(); i++) {
            Fill f = r.fills().get(i);
            LoopFill l = loop.get(i);
            assertThat(f.side()).as("fill %d side", i).isEqualTo(l.side());
            assertThat(f.time()).as("fill %d time", i).isEqualTo(l.time());
            assertThat(f.price()).as("fill %d price", i).isEqualByComparingTo(l.price());
            assertThat(f.quantity()).as("fill %d qty", i).isEqualByComparingTo(l.qty());
        }
        assertThat(r.stats().trades()).isEqualTo(loop.size() / 2);
        assertThat(r.stats().finalEquity().doubleValue()).isCloseTo(loopEquity[0].doubleValue(),
                org.assertj.core.data.Offset.offset(1e-6));
        System.out.printf("reference: trades %d, final equity %.2f USDT%n", r.stats().trades(),
                r.stats().finalEquity().doubleValue());
    }

    @Test
    void ta4jsBarSeriesManagerEntersAtTheSameBars() {
        BacktestResult r = ReferenceBacktest.run(bars, config);
        ReferenceBacktest.Ta4jResult t = ReferenceBacktest.ta4jBaseline(bars);
        List<Long> ours = r.fills().stream().filter(f -> f.side() == Side.BUY).map(Fill::time).toList();
        List<Long> theirs = t.entryIndex().stream().map(i -> bars.get(i).openTime()).toList();
        // ta4j lists closed positions; ours also holds the entry of the position still open at the end
        assertThat(ours).hasSize(theirs.size() + (r.stats().openTrade() ? 1 : 0));
        assertThat(ours.subList(0, theirs.size())).isEqualTo(theirs);
        assertThat(t.trades()).isEqualTo(r.stats().trades());
    }

    @Test
    void theReferenceBacktestIsDeterministic() {
        BacktestResult a = ReferenceBacktest.run(bars, config);
        BacktestResult b = ReferenceBacktest.run(bars, config);
        assertThat(b.fills()).isEqualTo(a.fills());
        assertThat(b.stats()).isEqualTo(a.stats());
        assertThat(a.stats().trades()).isEqualTo(176);
        assertThat(a.stats().finalEquity()).isEqualByComparingTo("5803.82341506");
    }
}
