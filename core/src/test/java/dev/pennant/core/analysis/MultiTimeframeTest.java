package dev.pennant.core.analysis;

import dev.pennant.core.marketdata.KlineCsvImporter;
import dev.pennant.core.model.Bar;
import dev.pennant.core.model.Interval;
import dev.pennant.core.testkit.SharedData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Aggregation checked against klines Binance itself formed (other files, other repositories), and the
 * multi-timeframe analysis of BTCUSDT on 2021-05-22 from a 1m, a 1h and a 1d file (5m/15m built from 1m, 4h from 1h).
 */
class MultiTimeframeTest {

    private static List<Bar> m1;
    private static List<Bar> h1;
    private static List<Bar> d1;

    @BeforeAll
    static void load() throws IOException {
        KlineCsvImporter imp = new KlineCsvImporter();
        m1 = imp.read(SharedData.btc1m()).bars();
        h1 = imp.read(SharedData.file("spot/klines/BTCUSDT/BTCUSDT-1h-20210408_20210607.gatrading.csv.gz")).bars();
        d1 = imp.read(SharedData.file("spot/klines/BTCUSDT/BTCUSDT-1d-20170817_20230815.savio.csv.gz")).bars();
    }

    /** Every closed aggregated bar equals the exchange's own bar of that open time (OHLCV exactly). */
    private static int assertSameAsExchange(List<Bar> aggregated, List<Bar> exchange, boolean allFields) {
        return assertSameAsExchange(aggregated, exchange, allFields, Long.MIN_VALUE);
    }

    private static int assertSameAsExchange(List<Bar> aggregated, List<Bar> exchange, boolean allFields, long volumeDiffers) {
        Map<Long, Bar> byTime = new HashMap<>();
        exchange.forEach(b -> byTime.put(b.openTime(), b));
        int compared = 0;
        for (Bar a : aggregated) {
            Bar e = byTime.get(a.openTime());
            if (e == null || !a.closed()) continue;
            String at = a.interval() + " bar " + a.openInstant();
            assertThat(a.open()).as(at + " open").isEqualByComparingTo(e.open());
            assertThat(a.high()).as(at + " high").isEqualByComparingTo(e.high());
            assertThat(a.low()).as(at + " low").isEqualByComparingTo(e.low());
            assertThat(a.close()).as(at + " close").isEqualByComparingTo(e.close());
            assertThat(a.closeTime()).isEqualTo(e.closeTime());
            if (a.openTime() == volumeDiffers) {
                compared++;
                continue;
            }
            assertThat(a.volume().subtract(e.volume()).abs()).as(at + " volume").isLessThanOrEqualTo(new BigDecimal("1e-6"));
            if (allFields) {
                assertThat(a.trades()).as(at + " trades").isEqualTo(e.trades());
                assertThat(a.quoteVolume().subtract(e.quoteVolume()).abs()).as(at + " quote volume").isLessThanOrEqualTo(new BigDecimal("1e-4"));
            }
            compared++;
        }
        return compared;
    }

    @Test
    void aggregatesMatchTheExchangesCoarserKlines() throws IOException {
        // the 1m file runs 2021-05-15 22:02 → 05-22 22:02: the partial first hour is dropped, the last one is open
        List<Bar> hours = BarAggregator.aggregate(m1, Interval.H1);
        assertThat(hours.get(0).openInstant()).hasToString("2021-05-15T23:00:00Z");
        assertThat(hours.get(hours.size() - 1).closed()).isFalse();
        assertThat(assertSameAsExchange(hours, h1, true)).isEqualTo(7 * 24 - 1);
        // 1h (gatrading) → 1d against the savio daily file, a different repository; SOURCES.md notes one day
        // (2021-04-23) whose volume differs by 0.1 % between the two sources: its prices are still compared
        long apr23 = java.time.Instant.parse("2021-04-23T00:00:00Z").toEpochMilli();
        assertThat(assertSameAsExchange(BarAggregator.aggregate(h1, Interval.D1), d1, true, apr23)).isGreaterThanOrEqualTo(55);
        // 1h → 4h against the yanniedog 4h OHLCV file (the same 2021-04-23 volume difference, in its 00:00 bar)
        List<Bar> h4 = new KlineCsvImporter().read(SharedData.file("spot/klines/BTCUSDT/BTCUSDT-4h-20170817_20260106.ohlcv.yanniedog.csv.gz")).bars();
        assertThat(assertSameAsExchange(BarAggregator.aggregate(h1, Interval.H4), h4, false, apr23)).isGreaterThanOrEqualTo(55 * 6);
        assertThatThrownBy(() -> BarAggregator.aggregate(h1, Interval.M5)).hasMessageContaining("cannot aggregate 1h bars into 5m");
        assertThatThrownBy(() -> BarAggregator.aggregate(h1, Interval.W1)).hasMessageContaining("at most 1d");
    }

    @Test
    void sixTimeframesFromThreeFiles() {
        Map<Interval, List<Bar>> available = new EnumMap<>(Interval.class);
        available.put(Interval.M1, m1);
        available.put(Interval.H1, h1);
        available.put(Interval.D1, d1);
        MultiTimeframeAnalyzer.Analysis a = MultiTimeframeAnalyzer.analyze("BTCUSDT", available);
        long asOf = m1.get(m1.size() - 1).closeTime() + 1;
        assertThat(a.asOf()).isEqualTo(asOf);
        assertThat(a.readings()).extracting(MultiTimeframeAnalyzer.TimeframeReading::interval)
                .containsExactlyElementsOf(MultiTimeframeAnalyzer.DEFAULT_INTERVALS);
        assertThat(a.reading(Interval.M5).source()).isEqualTo("aggregated from 1m");
        assertThat(a.reading(Interval.M15).source()).isEqualTo("aggregated from 1m");
        assertThat(a.reading(Interval.H4).source()).isEqualTo("aggregated from 1h");
        assertThat(a.reading(Interval.H1).source()).isEqualTo("bars");
        // each timeframe is read on its last 1,000 closed bars (5m: 2,015 from 1m, the partial first and last dropped)
        assertThat(a.reading(Interval.M1).bars()).isEqualTo(MultiTimeframeAnalyzer.LOAD_BARS);
        assertThat(a.reading(Interval.M5).bars()).isEqualTo(MultiTimeframeAnalyzer.LOAD_BARS);
        assertThat(a.reading(Interval.H4).bars()).isEqualTo((int) ((asOf - h1.get(0).openTime()) / (4 * 3_600_000L)) - 1);
        // no timeframe reads past asOf: the 1h file runs to June, the daily to 2023
        long day = 86_400_000L;
        long hour = 3_600_000L;
        assertThat(a.reading(Interval.D1).close()).isEqualTo(closeAt(d1, Math.floorDiv(asOf, day) * day - day));
        assertThat(a.reading(Interval.H1).close()).isEqualTo(closeAt(h1, Math.floorDiv(asOf, hour) * hour - hour));
        assertThat(a.reading(Interval.M1).close()).isEqualTo(m1.get(m1.size() - 1).close().doubleValue());

        // consensus and alignment recomputed from the readings with the documented weights
        double sw = 0, ss = 0, sd = 0;
        for (MultiTimeframeAnalyzer.TimeframeReading r : a.readings()) {
            assertThat(r.sufficient()).as(r.interval() + " has enough bars").isTrue();
            assertThat(r.weight()).isCloseTo(1 + Math.log(r.interval().millis() / 60_000.0), within(1e-12));
            assertThat(r.rsi()).isBetween(0.0, 100.0);
            assertThat(r.macdHist()).isCloseTo(r.macd() - r.macdSignal(), within(1e-9));
            sw += r.weight();
            ss += r.weight() * r.trend().direction().sign() * r.trend().strength();
            sd += r.weight() * r.trend().direction().sign();
        }
        assertThat(a.consensusScore()).isCloseTo(ss / sw, within(1e-12));
        assertThat(a.alignment()).isCloseTo(Math.abs(sd) / sw, within(1e-12));
        TrendDirection expected = ss / sw >= 0.2 ? TrendDirection.BULLISH : ss / sw <= -0.2 ? TrendDirection.BEARISH : TrendDirection.NEUTRAL;
        assertThat(a.consensus()).isEqualTo(expected);
        // the daily trend after the May 2021 crash (58k → 37k in a month) is bearish
        assertThat(a.reading(Interval.D1).trend().direction()).isEqualTo(TrendDirection.BEARISH);

        for (Divergence d : a.divergences()) {
            if (d.kind() == Divergence.Kind.TIMEFRAME_CONFLICT) {
                assertThat(a.reading(d.interval()).trend().direction().sign()).isEqualTo(-a.consensus().sign());
                continue;
            }
            double p1 = (double) d.inputs().get("pivot1Price");
            double p2 = (double) d.inputs().get("pivot2Price");
            boolean bearish = d.kind() == Divergence.Kind.BEARISH_RSI || d.kind() == Divergence.Kind.BEARISH_MACD;
            assertThat(bearish ? p2 > p1 : p2 < p1).as(d.description()).isTrue();
        }
        assertThat(a.inputs()).containsEntry("4h.source", "aggregated from 1h").containsKey("1d.trend");
    }

    @Test
    void loadReadsOnlyTheFilesAroundTheAnalysisTime() throws IOException {
        long asOf = m1.get(m1.size() - 1).closeTime() + 1;
        Map<Interval, List<Bar>> loaded = MultiTimeframeAnalyzer.load(SharedData.binance().resolve("spot/klines/BTCUSDT"),
                "BTCUSDT", asOf);
        // of the seven 1m windows only 2021-05-15 → 05-22 is near; the 1h of 2017-2020 and of 2022+ are not read
        assertThat(loaded.get(Interval.M1)).hasSize(m1.size());
        assertThat(loaded.get(Interval.H1).get(0).openTime()).isEqualTo(h1.get(0).openTime()); // the gatrading file, 2021-04-08 13:00
        assertThat(loaded.get(Interval.H1).get(loaded.get(Interval.H1).size() - 1).openTime()).isLessThan(
                java.time.Instant.parse("2022-01-01T00:00:00Z").toEpochMilli());
        assertThat(loaded).containsKeys(Interval.H4, Interval.D1);
        MultiTimeframeAnalyzer.Analysis a = MultiTimeframeAnalyzer.analyze("BTCUSDT", loaded, MultiTimeframeAnalyzer.DEFAULT_INTERVALS, asOf);
        assertThat(a.reading(Interval.H4).source()).isEqualTo("bars");
        assertThat(a.reading(Interval.M15).source()).isEqualTo("aggregated from 1m");
    }

    @Test
    void rsiDivergenceOnAHandMadePath() {
        // a strong rally to 130, pull-back, then a weak grind to a marginally higher high at 131: bearish RSI divergence
        double[] c = new double[120];
        for (int i = 0; i < 40; i++) c[i] = 100;
        for (int i = 40; i < 60; i++) c[i] = 100 + 1.5 * (i - 39);       // 101.5 … 130
        for (int i = 60; i < 80; i++) c[i] = 130 - 0.75 * (i - 59);      // back to 115
        for (int i = 80; i < 110; i++) c[i] = 115 + 16.0 / 30 * (i - 79); // grind to 131
        for (int i = 110; i < 120; i++) c[i] = 131 - (i - 109);          // roll over
        List<Bar> bars = TestBars.path(0, c);
        double[] rsi = Indicators.compute(bars, IndicatorDefinition.of(IndicatorKind.RSI, 14)).mainLine();
        double[] macd = Indicators.compute(bars, IndicatorDefinition.defaults(IndicatorKind.MACD)).mainLine();
        List<Divergence> d = MultiTimeframeAnalyzer.oscillatorDivergences(Interval.M1, bars, rsi, macd);
        assertThat(d).extracting(Divergence::kind).contains(Divergence.Kind.BEARISH_RSI);
        Divergence rsiDiv = d.stream().filter(x -> x.kind() == Divergence.Kind.BEARISH_RSI).findFirst().orElseThrow();
        assertThat(rsiDiv.inputs()).containsEntry("pivot1Price", 130.0).containsEntry("pivot2Price", 131.0);
        assertThat((double) rsiDiv.inputs().get("pivot2RSI(14)")).isLessThan((double) rsiDiv.inputs().get("pivot1RSI(14)"));
    }

    @Test
    void missingTimeframesAreReportedNotGuessed() {
        Map<Interval, List<Bar>> onlyDaily = Map.of(Interval.D1, d1);
        MultiTimeframeAnalyzer.Analysis a = MultiTimeframeAnalyzer.analyze("BTCUSDT", onlyDaily);
        assertThat(a.reading(Interval.M1).source()).isEqualTo("none");
        assertThat(a.reading(Interval.M1).bars()).isZero();
        assertThat(a.reading(Interval.M1).sufficient()).isFalse();
        assertThat(a.reading(Interval.D1).sufficient()).isTrue();
        assertThat(a.alignment()).isEqualTo(a.reading(Interval.D1).trend().direction() == TrendDirection.NEUTRAL ? 0.0 : 1.0);
    }

    private static double closeAt(List<Bar> bars, long openTime) {
        return bars.stream().filter(b -> b.openTime() == openTime).findFirst().orElseThrow().close().doubleValue();
    }
}
