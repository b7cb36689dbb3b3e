package dev.pennant.core.analysis;

import dev.pennant.core.marketdata.KlineCsvImporter;
import dev.pennant.core.model.Bar;
import dev.pennant.core.testkit.SharedData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every catalogue indicator against a reference computed here, straight from the formula's published source, on the
 * real BTCUSDT 1m week of 2021-05-15 (10,081 bars, the May 2021 crash: large ranges and trend flips).
 *
 * <p>The references do not call ta4j. Where the classic definition seeds a recursive average differently from ta4j
 * (Wilder seeds RSI/ATR/ADX with the simple mean of the first {@code n} values, the classic EMA with an SMA; ta4j with
 * one value), the seed's weight decays geometrically, so those lines are compared from bar {@link #SETTLED} on, where
 * the seed's weight is below 1e-12; non-recursive lines are compared on every bar after their warm-up.
 */
class IndicatorsReferenceTest {

    /** From here on a seed's weight is < (1 - 1/14)^(2000-28) ≈ 1e-63 for every period used below. */
    private static final int SETTLED = 2000;
    private static final double TOL = 1e-9;

    private static List<Bar> bars;
    private static BarArrays a;

    @BeforeAll
    static void load() throws IOException {
        bars = new KlineCsvImporter().read(SharedData.btc1m()).bars();
        a = BarArrays.of(bars);
        assertThat(bars).hasSize(10_081);
    }

    // ------------------------------------------------------------------ reference formulas

    private static double[] sma(double[] x, int n) {
        double[] out = nan(x.length);
        for (int i = n - 1; i < x.length; i++) {
            double s = 0;
            for (int j = i - n + 1; j <= i; j++) s += x[j];
            out[i] = s / n;
        }
        return out;
    }

    /** Classic EMA: alpha = 2/(n+1), seeded with the SMA of the first n values (at index n-1). */
    private static double[] ema(double[] x, int n, int start) {
        double alpha = 2.0 / (n + 1);
        double[] out = nan(x.length);
        if (start + n > x.length) return out;
        double s = 0;
        for (int j = start; j < start + n; j++) s += x[j];
        out[start + n - 1] = s / n;
        for (int i = start + n; i < x.length; i++) out[i] = out[i - 1] + alpha * (x[i] - out[i - 1]);
        return out;
    }

    /** Wilder's smoothing (New Concepts in Technical Trading Systems, 1978): seed = mean of x[start..start+n-1], then (prev×(n-1)+x)/n. */
    private static double[] wilder(double[] x, int n, int start) {
        double[] out = nan(x.length);
        double s = 0;
        for (int j = start; j < start + n; j++) s += x[j];
        out[start + n - 1] = s / n;
        for (int i = start + n; i < x.length; i++) out[i] = (out[i - 1] * (n - 1) + x[i]) / n;
        return out;
    }

    private static double[] trueRange() {
        double[] tr = new double[a.size()];
        tr[0] = a.high()[0] - a.low()[0];
        for (int i = 1; i < tr.length; i++) {
            double pc = a.close()[i - 1];
            tr[i] = Math.max(a.high()[i] - a.low()[i], Math.max(Math.abs(a.high()[i] - pc), Math.abs(a.low()[i] - pc)));
        }
        return tr;
    }

    private static double[] nan(int n) {
        double[] d = new double[n];
        java.util.Arrays.fill(d, Double.NaN);
        return d;
    }

    private static double[] typical() {
        double[] tp = new double[a.size()];
        for (int i = 0; i < tp.length; i++) tp[i] = (a.high()[i] + a.low()[i] + a.close()[i]) / 3;
        return tp;
    }

    private static double highest(double[] x, int i, int n) {
        double m = Double.NEGATIVE_INFINITY;
        for (int j = Math.max(0, i - n + 1); j <= i; j++) m = Math.max(m, x[j]);
        return m;
    }

    private static double lowest(double[] x, int i, int n) {
        double m = Double.POSITIVE_INFINITY;
        for (int j = Math.max(0, i - n + 1); j <= i; j++) m = Math.min(m, x[j]);
        return m;
    }

    // ------------------------------------------------------------------ comparison

    private static IndicatorSeries compute(String definition) {
        return Indicators.compute(bars, IndicatorDefinition.parse(definition));
    }

    /** Every bar from {@code from} on matches within a relative tolerance; warm-up bars before {@code warmUp} are NaN. */
    private static void assertLine(IndicatorSeries s, String line, double[] ref, int warmUp, int from, double tol) {
        double[] got = s.line(line);
        for (int i = 0; i < Math.min(warmUp, got.length); i++) {
            assertThat(got[i]).as("%s bar %d is warm-up", line, i).isNaN();
        }
        int compared = 0;
        for (int i = Math.max(from, warmUp); i < got.length; i++) {
            double scale = Math.max(1.0, Math.abs(ref[i]));
            assertThat(Math.abs(got[i] - ref[i]) / scale).as("%s at bar %d: %s vs reference %s", line, i, got[i], ref[i])
                    .isLessThanOrEqualTo(tol);
            compared++;
        }
        assertThat(compared).as(line + " bars compared").isGreaterThan(5000);
    }

    // ------------------------------------------------------------------ tests

    @Test
    void movingAverages() {
        assertLine(compute("SMA(20)"), "SMA(20)", sma(a.close(), 20), 19, 0, TOL);
        assertLine(compute("EMA(21)"), "EMA(21)", ema(a.close(), 21, 0), 21, SETTLED, TOL);
        double[] wma = nan(a.size());
        for (int i = 9; i < a.size(); i++) {
            double s = 0;
            for (int w = 1; w <= 10; w++) s += w * a.close()[i - 10 + w];
            wma[i] = s / 55.0;
        }
        assertLine(compute("WMA(10)"), "WMA(10)", wma, 9, 0, TOL);
    }

    @Test
    void rsiIsWilders() {
        int n = 14;
        double[] gain = new double[a.size()];
        double[] loss = new double[a.size()];
        for (int i = 1; i < a.size(); i++) {
            double d = a.close()[i] - a.close()[i - 1];
            gain[i] = Math.max(d, 0);
            loss[i] = Math.max(-d, 0);
        }
        double[] ag = wilder(gain, n, 1);
        double[] al = wilder(loss, n, 1);
        double[] rsi = nan(a.size());
        for (int i = n; i < a.size(); i++) rsi[i] = al[i] == 0 ? 100 : 100 - 100 / (1 + ag[i] / al[i]);
        IndicatorSeries s = compute("RSI(14)");
        assertLine(s, "RSI(14)", rsi, 14, SETTLED, 1e-8);
        for (double v : s.line("RSI(14)")) {
            if (!Double.isNaN(v)) assertThat(v).isBetween(0.0, 100.0);
        }
    }

    @Test
    void macd() {
        double[] fast = ema(a.close(), 12, 0);
        double[] slow = ema(a.close(), 26, 0);
        double[] macd = new double[a.size()];
        for (int i = 0; i < macd.length; i++) macd[i] = fast[i] - slow[i];
        double[] signal = ema(macd, 9, 25);
        double[] hist = new double[a.size()];
        for (int i = 0; i < hist.length; i++) hist[i] = macd[i] - signal[i];
        IndicatorSeries s = compute("MACD(12,26,9)");
        assertLine(s, "MACD(12,26,9)", macd, 26, SETTLED, 1e-8);
        assertLine(s, "MACD(12,26,9) signal", signal, 35, SETTLED, 1e-8);
        assertLine(s, "MACD(12,26,9) hist", hist, 35, SETTLED, 1e-8);
    }

    @Test
    void bollingerUsesPopulationStandardDeviation() {
        int n = 20;
        double k = 2;
        double[] mid = sma(a.close(), n);
        double[] up = nan(a.size());
        double[] lo = nan(a.size());
        for (int i = n - 1; i < a.size(); i++) {
            double ss = 0;
            for (int j = i - n + 1; j <= i; j++) ss += (a.close()[j] - mid[i]) * (a.close()[j] - mid[i]);
            double sd = Math.sqrt(ss / n); // population: divide by n (Bollinger on Bollinger Bands, 2001)
            up[i] = mid[i] + k * sd;
            lo[i] = mid[i] - k * sd;
        }
        IndicatorSeries s = compute("BB(20,2)");
        assertLine(s, "BB(20,2)", mid, 19, 0, TOL);
        assertLine(s, "BB(20,2) upper", up, 19, 0, 1e-8);
        assertLine(s, "BB(20,2) lower", lo, 19, 0, 1e-8);
    }

    @Test
    void atrIsWilders() {
        assertLine(compute("ATR(14)"), "ATR(14)", wilder(trueRange(), 14, 1), 14, SETTLED, 1e-8);
    }

    @Test
    void adxAndDmiAreWilders() {
        int n = 14;
        double[] pdm = new double[a.size()];
        double[] mdm = new double[a.size()];
        for (int i = 1; i < a.size(); i++) {
            double up = a.high()[i] - a.high()[i - 1];
            double down = a.low()[i - 1] - a.low()[i];
            pdm[i] = up > down && up > 0 ? up : 0;
            mdm[i] = down > up && down > 0 ? down : 0;
        }
        double[] atr = wilder(trueRange(), n, 1);
        double[] spdm = wilder(pdm, n, 1);
        double[] smdm = wilder(mdm, n, 1);
        double[] pdi = nan(a.size());
        double[] mdi = nan(a.size());
        double[] dx = new double[a.size()];
        for (int i = n; i < a.size(); i++) {
            pdi[i] = 100 * spdm[i] / atr[i];
            mdi[i] = 100 * smdm[i] / atr[i];
            dx[i] = pdi[i] + mdi[i] == 0 ? 0 : 100 * Math.abs(pdi[i] - mdi[i]) / (pdi[i] + mdi[i]);
        }
        double[] adx = wilder(dx, n, n);
        IndicatorSeries s = compute("ADX(14)");
        assertLine(s, "ADX(14)", adx, 28, SETTLED, 1e-8);
        assertLine(s, "ADX(14) +DI", pdi, 14, SETTLED, 1e-8);
        assertLine(s, "ADX(14) -DI", mdi, 14, SETTLED, 1e-8);
    }

    @Test
    void stochasticAndCci() {
        double[] k = nan(a.size());
        for (int i = 13; i < a.size(); i++) {
            double hh = highest(a.high(), i, 14);
            double ll = lowest(a.low(), i, 14);
            k[i] = 100 * (a.close()[i] - ll) / (hh - ll);
        }
        double[] d = nan(a.size());
        for (int i = 15; i < a.size(); i++) d[i] = (k[i] + k[i - 1] + k[i - 2]) / 3;
        IndicatorSeries st = compute("STOCH(14,3)");
        assertLine(st, "STOCH(14,3)", k, 13, 0, TOL);
        assertLine(st, "STOCH(14,3) %D", d, 15, 0, TOL);

        double[] tp = typical();
        double[] tpSma = sma(tp, 20);
        double[] cci = nan(a.size());
        for (int i = 19; i < a.size(); i++) {
            double md = 0;
            for (int j = i - 19; j <= i; j++) md += Math.abs(tp[j] - tpSma[i]);
            md /= 20;
            cci[i] = md == 0 ? 0 : (tp[i] - tpSma[i]) / (0.015 * md); // Lambert's constant 0.015
        }
        assertLine(compute("CCI(20)"), "CCI(20)", cci, 19, 0, 1e-8);
    }

    @Test
    void volumeIndicators() {
        double[] obv = new double[a.size()]; // Granville; starting at 0 on the first bar
        for (int i = 1; i < a.size(); i++) {
            double c = a.close()[i];
            double p = a.close()[i - 1];
            obv[i] = obv[i - 1] + (c > p ? a.volume()[i] : c < p ? -a.volume()[i] : 0);
        }
        assertLine(compute("OBV"), "OBV", obv, 0, 0, 1e-9);

        double[] tp = typical();
        double[] vwap = nan(a.size());
        for (int i = 19; i < a.size(); i++) {
            double pv = 0;
            double v = 0;
            for (int j = i - 19; j <= i; j++) {
                pv += tp[j] * a.volume()[j];
                v += a.volume()[j];
            }
            vwap[i] = pv / v;
        }
        assertLine(compute("VWAP(20)"), "VWAP(20)", vwap, 19, 0, TOL);

        double[] vma = sma(a.volume(), 20);
        assertLine(compute("VOLMA(20)"), "VOLMA(20)", vma, 19, 0, TOL);
        double[] v5 = sma(a.volume(), 5);
        double[] trend = nan(a.size());
        for (int i = 19; i < a.size(); i++) trend[i] = v5[i] / vma[i] - 1;
        assertLine(compute("VOLTREND(5,20)"), "VOLTREND(5,20)", trend, 19, 0, TOL);
    }

    @Test
    void channels() {
        double[] up = nan(a.size());
        double[] lo = nan(a.size());
        double[] mid = nan(a.size());
        for (int i = 19; i < a.size(); i++) {
            up[i] = highest(a.high(), i, 20);
            lo[i] = lowest(a.low(), i, 20);
            mid[i] = (up[i] + lo[i]) / 2;
        }
        IndicatorSeries d = compute("DONCHIAN(20)");
        assertLine(d, "DONCHIAN(20) upper", up, 19, 0, TOL);
        assertLine(d, "DONCHIAN(20) lower", lo, 19, 0, TOL);
        assertLine(d, "DONCHIAN(20)", mid, 19, 0, TOL);

        double[] kMid = ema(typical(), 20, 0);
        double[] atr = wilder(trueRange(), 10, 1);
        double[] kUp = new double[a.size()];
        double[] kLo = new double[a.size()];
        for (int i = 0; i < a.size(); i++) {
            kUp[i] = kMid[i] + 2 * atr[i];
            kLo[i] = kMid[i] - 2 * atr[i];
        }
        IndicatorSeries k = compute("KELTNER(20,10,2)");
        assertLine(k, "KELTNER(20,10,2)", kMid, 20, SETTLED, 1e-8);
        assertLine(k, "KELTNER(20,10,2) upper", kUp, 20, SETTLED, 1e-8);
        assertLine(k, "KELTNER(20,10,2) lower", kLo, 20, SETTLED, 1e-8);
    }

    @Test
    void ichimokuMatchesHosodasMidpointsWithTradingViewDisplacement() {
        int n = a.size();
        double[] tenkan = nan(n);
        double[] kijun = nan(n);
        double[] spanBLine = nan(n);
        for (int i = 0; i < n; i++) {
            if (i >= 8) tenkan[i] = (highest(a.high(), i, 9) + lowest(a.low(), i, 9)) / 2;
            if (i >= 25) kijun[i] = (highest(a.high(), i, 26) + lowest(a.low(), i, 26)) / 2;
            if (i >= 51) spanBLine[i] = (highest(a.high(), i, 52) + lowest(a.low(), i, 52)) / 2;
        }
        // leading spans drawn displacement-1 = 25 bars ahead: the value at bar i comes from bar i-25
        double[] spanA = nan(n);
        double[] spanB = nan(n);
        for (int i = 25; i < n; i++) {
            spanA[i] = (tenkan[i - 25] + kijun[i - 25]) / 2;
            spanB[i] = spanBLine[i - 25];
        }
        IndicatorSeries s = compute("ICHIMOKU(9,26,52)");
        assertLine(s, "ICHIMOKU(9,26,52) tenkan", tenkan, 8, 0, TOL);
        assertLine(s, "ICHIMOKU(9,26,52) kijun", kijun, 25, 0, TOL);
        assertLine(s, "ICHIMOKU(9,26,52) senkouA", spanA, 50, 0, TOL);
        assertLine(s, "ICHIMOKU(9,26,52) senkouB", spanB, 76, 0, TOL);
    }

    @Test
    void superTrendFollowsSebansBandRules() {
        int n = 10;
        double m = 3;
        double[] atr = wilder(trueRange(), n, 1);
        double[] fu = nan(a.size());
        double[] fl = nan(a.size());
        double[] st = nan(a.size());
        for (int i = n; i < a.size(); i++) {
            double hl2 = (a.high()[i] + a.low()[i]) / 2;
            double bu = hl2 + m * atr[i];
            double bl = hl2 - m * atr[i];
            if (i == n) {
                fu[i] = bu;
                fl[i] = bl;
                st[i] = bl;
                continue;
            }
            double pc = a.close()[i - 1];
            fu[i] = bu < fu[i - 1] || pc > fu[i - 1] ? bu : fu[i - 1];
            fl[i] = bl > fl[i - 1] || pc < fl[i - 1] ? bl : fl[i - 1];
            double c = a.close()[i];
            st[i] = st[i - 1] == fu[i - 1] ? (c <= fu[i] ? fu[i] : fl[i]) : (c >= fl[i] ? fl[i] : fu[i]);
        }
        assertLine(compute("SUPERTREND(10,3)"), "SUPERTREND(10,3)", st, 10, SETTLED, 1e-8);
    }

    @Test
    void catalogueRulesAndNames() {
        IndicatorDefinition d = IndicatorDefinition.parse("macd");
        assertThat(d.name()).isEqualTo("MACD(12,26,9)");
        assertThat(d.lineNames()).containsExactly("MACD(12,26,9)", "MACD(12,26,9) signal", "MACD(12,26,9) hist");
        assertThat(d.specs()).allMatch(sp -> sp.pane() == IndicatorSpec.Pane.SUB_PANE);
        assertThat(IndicatorDefinition.parse("BB(20,2.5)").specs().get(1))
                .isEqualTo(IndicatorSpec.overlay("BB(20,2.5) upper"));
        assertThat(IndicatorDefinition.parse("RSI").specs().get(0)).isEqualTo(IndicatorSpec.oscillator("RSI(14)", 30, 70));
        assertThatThrownBy(() -> IndicatorDefinition.parse("EMA(0)")).hasMessageContaining("EMA parameter period must be in [1, 1000], was 0");
        assertThatThrownBy(() -> IndicatorDefinition.parse("EMA(2.5)")).hasMessageContaining("must be a whole number");
        assertThatThrownBy(() -> IndicatorDefinition.parse("MACD(26,12)")).hasMessageContaining("fast (26) must be < slow (12)");
        assertThatThrownBy(() -> IndicatorDefinition.parse("FOO(1)")).hasMessageContaining("not one of");
        assertThatThrownBy(() -> new IndicatorDefinition(IndicatorKind.SMA, java.util.Map.of("length", 3.0)))
                .hasMessageContaining("SMA has no parameter 'length'");
        for (IndicatorKind k : IndicatorKind.values()) {
            IndicatorSeries s = Indicators.compute(bars.subList(0, 600), IndicatorDefinition.defaults(k));
            assertThat(s.lines().keySet()).as(k.name()).containsExactlyElementsOf(IndicatorDefinition.defaults(k).lineNames());
            assertThat(s.last()).as(k + " has a value at bar 600").isFinite();
            assertThat(s.snapshot(599).time()).isEqualTo(bars.get(599).openTime());
        }
    }
}
