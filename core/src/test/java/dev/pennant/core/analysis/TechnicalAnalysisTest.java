package dev.pennant.core.analysis;

import dev.pennant.core.marketdata.KlineCsvImporter;
import dev.pennant.core.model.Bar;
import dev.pennant.core.model.Side;
import dev.pennant.core.testkit.SharedData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Fibonacci levels, support/resistance, trend and stop/target suggestions: exact expectations on hand-made paths,
 * and definition checks (recomputed here from the bars) on the real BTCUSDT 1m week of 2021-05-15.
 */
class TechnicalAnalysisTest {

    private static List<Bar> btc;

    @BeforeAll
    static void load() throws IOException {
        btc = new KlineCsvImporter().read(SharedData.btc1m()).bars();
    }

    private static List<Bar> btcUntil(String isoUtc) {
        long t = Instant.parse(isoUtc).toEpochMilli();
        int n = 0;
        while (n < btc.size() && btc.get(n).openTime() < t) n++;
        return btc.subList(0, n);
    }

    // ------------------------------------------------------------------ Fibonacci

    @Test
    void fibonacciOfAHandMadeUpSwing() {
        // 150 → down to 100 (bar 10) → up to 200 (bar 20) → back to 170: last significant swing is 100 → 200
        double[] closes = new double[31];
        for (int i = 0; i <= 10; i++) closes[i] = 150 - 5 * i;
        for (int i = 11; i <= 20; i++) closes[i] = 100 + 10 * (i - 10);
        for (int i = 21; i <= 30; i++) closes[i] = 200 - 3 * (i - 20);
        List<Bar> bars = TestBars.path(0, closes);
        FibonacciLevels.Analysis f = FibonacciLevels.ofLastSwing(bars, new FibonacciLevels.Parameters(0.05, 0, 14)).orElseThrow();
        // zig-zag: 150 high, 100 low, 200 high (confirmed by the 15 % drop to 170), then the running low at 170
        assertThat(f.from().price()).isEqualTo(200);
        assertThat(f.to().price()).isEqualTo(170);
        assertThat(f.to().confirmed()).isFalse();

        SwingPoint low = new SwingPoint(10, 0, 100, SwingPoint.Type.LOW, true);
        SwingPoint high = new SwingPoint(20, 0, 200, SwingPoint.Type.HIGH, true);
        FibonacciLevels.Analysis up = FibonacciLevels.levels(low, high, Map.of());
        assertThat(up.upSwing()).isTrue();
        assertThat(up.level(0.618, false).price()).isCloseTo(200 - 61.8, within(1e-9));
        assertThat(up.level(0.5, false).price()).isCloseTo(150, within(1e-9));
        assertThat(up.level(0, false).price()).isEqualTo(200);
        assertThat(up.level(1, false).price()).isEqualTo(100);
        assertThat(up.level(1.618, true).price()).isCloseTo(261.8, within(1e-9));
        assertThat(up.level(1.618, true).label()).isEqualTo("161.8% ext");
        FibonacciLevels.Analysis down = FibonacciLevels.levels(high, low, Map.of());
        assertThat(down.level(0.382, false).price()).isCloseTo(138.2, within(1e-9));
        assertThat(down.level(2.618, true).price()).isCloseTo(200 - 261.8, within(1e-9));
        assertThatThrownBy(() -> FibonacciLevels.levels(low, low, Map.of())).hasMessageContaining("a high and a low");
    }

    @Test
    void fibonacciOnRealDataUsesTheLastZigZagLeg() {
        List<Bar> bars = btcUntil("2021-05-20T00:00:00Z");
        FibonacciLevels.Analysis f = FibonacciLevels.ofLastSwing(bars).orElseThrow();
        BarArrays b = BarArrays.of(bars);
        // the end point is the running extreme: no later bar goes beyond it
        for (int i = f.to().index(); i < b.size(); i++) {
            if (f.upSwing()) assertThat(b.high()[i]).isLessThanOrEqualTo(f.to().price());
            else assertThat(b.low()[i]).isGreaterThanOrEqualTo(f.to().price());
        }
        // the swing start is the extreme of the leg that ends at the end point
        for (int i = f.from().index(); i <= f.to().index(); i++) {
            if (f.upSwing()) assertThat(b.low()[i]).isGreaterThanOrEqualTo(f.from().price());
            else assertThat(b.high()[i]).isLessThanOrEqualTo(f.from().price());
        }
        double range = Math.abs(f.to().price() - f.from().price());
        assertThat(range).as("significant: >= 1 %% of price").isGreaterThanOrEqualTo(0.01 * Math.min(f.from().price(), f.to().price()));
        double hi = Math.max(f.from().price(), f.to().price());
        double lo = Math.min(f.from().price(), f.to().price());
        double r618 = f.upSwing() ? hi - 0.618 * range : lo + 0.618 * range;
        assertThat(f.level(0.618, false).price()).isCloseTo(r618, within(1e-6));
        assertThat(f.inputs()).containsKeys("swingStartPrice", "swingEndPrice", "atrAtSwingEnd", "minFraction");
        assertThat(f.inputs().get("swingEndPrice")).isEqualTo(f.to().price());
    }

    // ------------------------------------------------------------------ support / resistance

    @Test
    void supportAndResistanceOfARange() {
        // a range between ~100 and ~110: tops at 110, 110.1, 109.9 and bottoms at 100, 99.9, 100.1
        double[] seq = {105, 108, 110, 108, 105, 102, 100, 102, 105, 108, 110.1, 108, 105, 102, 99.9, 102, 105, 108,
                109.9, 108, 105, 102, 100.1, 102, 105};
        List<Bar> bars = TestBars.path(0, seq);
        SupportResistance.Analysis sr = SupportResistance.analyze(bars, new SupportResistance.Parameters(500, 2, 0.005, 0, 8));
        assertThat(sr.levels()).hasSize(2);
        PriceLevel support = sr.levels().get(0);
        PriceLevel resistance = sr.levels().get(1);
        assertThat(support.kind()).isEqualTo(PriceLevel.Kind.SUPPORT);
        assertThat(support.touches()).isEqualTo(3);
        assertThat(support.price()).isCloseTo(100, within(1e-9));
        assertThat(resistance.kind()).isEqualTo(PriceLevel.Kind.RESISTANCE);
        assertThat(resistance.touches()).isEqualTo(3);
        assertThat(resistance.price()).isCloseTo(110, within(1e-9));
        assertThat(sr.supportBelow(105)).contains(support);
        assertThat(sr.resistanceAbove(105)).contains(resistance);
        assertThat(sr.inputs()).containsEntry("pivots", 6);
    }

    @Test
    void supportAndResistanceOnRealData() {
        List<Bar> bars = btcUntil("2021-05-21T00:00:00Z");
        SupportResistance.Analysis sr = SupportResistance.analyze(bars);
        List<Bar> window = bars.subList(bars.size() - 500, bars.size());
        double min = window.stream().mapToDouble(b -> b.low().doubleValue()).min().orElseThrow();
        double max = window.stream().mapToDouble(b -> b.high().doubleValue()).max().orElseThrow();
        double close = bars.get(bars.size() - 1).close().doubleValue();
        assertThat(sr.levels()).isNotEmpty().hasSizeLessThanOrEqualTo(8);
        assertThat(sr.levels()).anyMatch(l -> l.strength() == 1.0);
        double prev = Double.NEGATIVE_INFINITY;
        for (PriceLevel l : sr.levels()) {
            assertThat(l.price()).isBetween(min, max).isGreaterThan(prev);
            assertThat(l.kind()).isEqualTo(l.price() < close ? PriceLevel.Kind.SUPPORT : PriceLevel.Kind.RESISTANCE);
            assertThat(l.strength()).isGreaterThan(0).isLessThanOrEqualTo(1);
            // every level is backed by as many real 5-bar pivots within the tolerance as it claims
            double tol = (double) sr.inputs().get("tolerance");
            long near = Swings.pivots(BarArrays.of(window), 5, 5).stream().filter(p -> Math.abs(p.price() - l.price()) <= 2 * tol).count();
            assertThat(near).isGreaterThanOrEqualTo(l.touches());
            prev = l.price();
        }
    }

    // ------------------------------------------------------------------ trend

    @Test
    void trendOnHandMadePaths() {
        double[] up = new double[200];
        for (int i = 0; i < up.length; i++) up[i] = 100 * Math.pow(1.005, i); // accelerating: MACD histogram stays > 0
        TrendAnalyzer.Trend t = TrendAnalyzer.analyze(TestBars.path(0.2, up));
        assertThat(t.direction()).isEqualTo(TrendDirection.BULLISH);
        assertThat(t.score()).isEqualTo(1.0);
        assertThat(t.strength()).isGreaterThan(0.9);

        double[] down = new double[200];
        for (int i = 0; i < down.length; i++) down[i] = 400 - i;
        assertThat(TrendAnalyzer.analyze(TestBars.path(0.2, down)).direction()).isEqualTo(TrendDirection.BEARISH);

        double[] flat = new double[200];
        for (int i = 0; i < flat.length; i++) flat[i] = 100 + (i % 2 == 0 ? 1 : -1);
        TrendAnalyzer.Trend f = TrendAnalyzer.analyze(TestBars.path(0.2, flat));
        assertThat(f.direction()).isEqualTo(TrendDirection.NEUTRAL);

        TrendAnalyzer.Trend few = TrendAnalyzer.analyze(TestBars.path(0.2, 1, 2, 3));
        assertThat(few.direction()).isEqualTo(TrendDirection.NEUTRAL);
        assertThat(few.strength()).isZero();
        assertThat(few.inputs()).containsEntry("insufficientBars", true);
    }

    @Test
    void trendDuringTheMay19CrashIsBearishAndItsInputsAreTheIndicators() {
        // hourly bars of 15-19 May 2021: BTC fell from ~50k to ~37k
        List<Bar> bars = BarAggregator.aggregate(btcUntil("2021-05-19T16:00:00Z"), dev.pennant.core.model.Interval.H1);
        TrendAnalyzer.Trend t = TrendAnalyzer.analyze(bars);
        assertThat(t.direction()).isEqualTo(TrendDirection.BEARISH);
        assertThat(t.strength()).isBetween(0.0, 1.0);
        // the inputs cite the indicators of the last bar: recompute the EMA(50) here (alpha 2/51; on only ~110 bars
        // the seed still weighs, so use the documented catalogue convention: seeded with the close of bar 50)
        double alpha = 2.0 / 51;
        double e = bars.get(50).close().doubleValue();
        for (int i = 51; i < bars.size(); i++) e += alpha * (bars.get(i).close().doubleValue() - e);
        assertThat((double) t.inputs().get("EMA(50)")).isCloseTo(e, within(1e-6));
        assertThat(t.inputs().get("close")).isEqualTo(bars.get(bars.size() - 1).close().doubleValue());
        int votes = (int) t.inputs().get("voteEmaCross") + (int) t.inputs().get("voteCloseVsSlow")
                + (int) t.inputs().get("voteSlope") + (int) t.inputs().get("voteMacd");
        assertThat(t.score()).isEqualTo(votes / 4.0);
        assertThat(t.strength()).isCloseTo(Math.abs(t.score()) * Math.min(1, (double) t.inputs().get("ADX(14)") / 40), within(1e-12));
    }

    // ------------------------------------------------------------------ stop / target

    @Test
    void atrStopsOnConstantRangeBars() {
        // every bar spans exactly 2.0 and opens at the previous close: true range = 2 on every bar, so ATR = 2 exactly
        double[] closes = new double[60];
        java.util.Arrays.fill(closes, 100);
        List<Bar> bars = TestBars.path(1, closes);
        SupportResistance.Analysis none = new SupportResistance.Analysis(List.of(), 100, Map.of());
        StopTargetAdvisor.Suggestion s = StopTargetAdvisor.suggest(bars, Side.BUY, 100, none, StopTargetAdvisor.Parameters.defaults());
        assertThat(s.atr()).isCloseTo(2, within(1e-12));
        assertThat(s.stop()).isCloseTo(97, within(1e-9));
        assertThat(s.target()).isCloseTo(106, within(1e-9));
        assertThat(s.stopBasis()).isEqualTo("ATR");
        assertThat(s.rewardRisk()).isCloseTo(2, within(1e-9));

        // S/R: support 96 (2 ATR below) qualifies as stop at 96 - 0.25 × 2 = 95.5; resistance 110 gives reward 9.5 / risk 4.5
        SupportResistance.Analysis levels = new SupportResistance.Analysis(List.of(
                new PriceLevel(96, PriceLevel.Kind.SUPPORT, 3, 1, 0, 0),
                new PriceLevel(110, PriceLevel.Kind.RESISTANCE, 2, 0.67, 0, 0)), 100, Map.of());
        StopTargetAdvisor.Suggestion sr = StopTargetAdvisor.suggest(bars, Side.BUY, 100, levels, StopTargetAdvisor.Parameters.defaults());
        assertThat(sr.stop()).isCloseTo(95.5, within(1e-9));
        assertThat(sr.stopBasis()).isEqualTo("S/R");
        assertThat(sr.target()).isCloseTo(109.5, within(1e-9));
        assertThat(sr.targetBasis()).isEqualTo("S/R");
        assertThat(sr.inputs()).containsEntry("stopLevel", 96.0).containsEntry("targetLevelTouches", 2);

        // short: stop above resistance 110 is 5 ATR away (> 4): ATR stop 103; target below support 96 + 0.5 = 96.5 (RR 1.17 < 1.5): ATR target 94
        StopTargetAdvisor.Suggestion sh = StopTargetAdvisor.suggest(bars, Side.SELL, 100, levels, StopTargetAdvisor.Parameters.defaults());
        assertThat(sh.stop()).isCloseTo(103, within(1e-9));
        assertThat(sh.target()).isCloseTo(94, within(1e-9));
        assertThat(sh.srTarget()).isCloseTo(96.5, within(1e-9));

        assertThatThrownBy(() -> StopTargetAdvisor.suggest(bars.subList(0, 5), Side.BUY, 100, none,
                StopTargetAdvisor.Parameters.defaults())).hasMessageContaining("bars must be more than atrPeriod (14)");
        assertThatThrownBy(() -> StopTargetAdvisor.suggest(bars, Side.BUY, -1, none,
                StopTargetAdvisor.Parameters.defaults())).hasMessageContaining("entry must be a positive price");
    }

    @Test
    void stopsOnRealDataBracketTheEntry() {
        List<Bar> bars = btcUntil("2021-05-21T00:00:00Z");
        for (Side side : Side.values()) {
            StopTargetAdvisor.Suggestion s = StopTargetAdvisor.suggest(bars, side);
            int dir = side == Side.BUY ? 1 : -1;
            assertThat(dir * (s.entry() - s.stop())).isGreaterThan(0);
            assertThat(dir * (s.target() - s.entry())).isGreaterThan(0);
            assertThat(s.rewardRisk()).isCloseTo(Math.abs(s.target() - s.entry()) / Math.abs(s.entry() - s.stop()), within(1e-9));
            assertThat(s.inputs()).containsKeys("atr", "stopLevel", "targetLevel");
        }
    }

    @Test
    void swingsRejectBadSettings() {
        BarArrays b = BarArrays.of(new ArrayList<>());
        assertThatThrownBy(() -> Swings.pivots(b, 0, 2)).hasMessageContaining("left and right must be >= 1");
        assertThatThrownBy(() -> Swings.zigZag(b, null, 0, 1)).hasMessageContaining("not both 0");
        assertThatThrownBy(() -> new SupportResistance.Parameters(2, 5, 0, 0, 8)).hasMessageContaining("lookback must be >= 3");
    }
}
