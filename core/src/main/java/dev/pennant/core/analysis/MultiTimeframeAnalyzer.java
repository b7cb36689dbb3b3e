package dev.pennant.core.analysis;

import dev.pennant.core.marketdata.KlineCsvImporter;
import dev.pennant.core.model.Bar;
import dev.pennant.core.model.Interval;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Multi-timeframe analysis of one symbol: the same trend / RSI / MACD reading on each timeframe (1m, 5m, 15m, 1h, 4h,
 * 1d by default), a weighted consensus, an alignment score and divergences.
 *
 * <p><b>Data.</b> A timeframe with no bars of its own is aggregated ({@link BarAggregator}) from the coarsest
 * available finer timeframe that divides it (coarser sources reach further back). Every timeframe is read "as of" one
 * instant (default: the end of the finest timeframe's last closed bar) and only bars closed by then are used, so a
 * coarser file that runs on past the finer data never leaks later prices in.
 *
 * <p><b>Consensus.</b> Timeframe weight {@code w = 1 + ln(minutes)} (1m → 1, 1h → 5.1, 1d → 8.3: higher timeframes
 * count more, as in top-down analysis). {@code consensusScore = Σ w·sign·strength / Σ w} in [-1, 1]; BULLISH at
 * ≥ 0.2, BEARISH at ≤ -0.2, else NEUTRAL. {@code alignment = |Σ w·sign| / Σ w} in [0, 1]: 1 when every timeframe calls
 * the same direction, 0 when they cancel out or all are neutral. Timeframes with too few bars are reported but left
 * out of both. Each timeframe is read on its last {@value #LOAD_BARS} bars. Own composition (no library offers it).
 *
 * <p><b>Divergences.</b> Per timeframe, on the last two fractal pivots (3 bars each side) of the last 100 bars:
 * a higher price high with a lower RSI(14) / MACD high is bearish, a lower price low with a higher oscillator low is
 * bullish. Plus a {@link Divergence.Kind#TIMEFRAME_CONFLICT} for each timeframe whose direction opposes a non-neutral
 * consensus.
 */
public final class MultiTimeframeAnalyzer {

    /** The default timeframes. */
    public static final List<Interval> DEFAULT_INTERVALS = List.of(Interval.M1, Interval.M5, Interval.M15, Interval.H1,
            Interval.H4, Interval.D1);

    private static final int DIVERGENCE_LOOKBACK = 100;
    private static final int DIVERGENCE_PIVOT = 3;
    private static final double CONSENSUS_THRESHOLD = 0.2;

    /**
     * The reading of one timeframe.
     *
     * @param interval   timeframe
     * @param source     {@code "bars"} when given bars of this interval, else {@code "aggregated from 1m"} etc.
     * @param bars       closed bars used
     * @param sufficient false when there were too few bars for every input (then left out of the consensus)
     * @param trend      trend reading
     * @param close      last close, quote asset ({@code NaN} without bars)
     * @param rsi        RSI(14) at the last bar
     * @param macd       MACD(12,26,9) line
     * @param macdSignal its signal line
     * @param macdHist   its histogram
     * @param weight     consensus weight {@code 1 + ln(minutes)}
     */
    public record TimeframeReading(Interval interval, String source, int bars, boolean sufficient,
                                   TrendAnalyzer.Trend trend, double close, double rsi, double macd, double macdSignal,
                                   double macdHist, double weight) {
    }

    /**
     * The whole analysis.
     *
     * @param symbol         symbol
     * @param asOf           instant read at, epoch ms UTC (bars closing after it are ignored)
     * @param readings       one per requested timeframe, finest first
     * @param consensus      weighted direction
     * @param consensusScore in [-1, 1]
     * @param alignment      in [0, 1]
     * @param divergences    oscillator divergences and timeframe conflicts
     * @param inputs         timeframes, weights, thresholds, counts
     */
    public record Analysis(String symbol, long asOf, List<TimeframeReading> readings, TrendDirection consensus,
                           double consensusScore, double alignment, List<Divergence> divergences,
                           Map<String, Object> inputs) {
        /** Copies. */
        public Analysis {
            readings = List.copyOf(readings);
            divergences = List.copyOf(divergences);
            inputs = Inputs.copy(inputs);
        }

        /** The reading of {@code interval}. @throws IllegalArgumentException when it was not requested */
        public TimeframeReading reading(Interval interval) {
            return readings.stream().filter(r -> r.interval() == interval).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no reading for " + interval));
        }
    }

    private MultiTimeframeAnalyzer() {
    }

    /**
     * Loads every interval of {@code symbol} that the files below {@code dir} name (via {@link KlineCsvImporter},
     * merging files of one interval), for {@link #analyze}.
     *
     * @throws IOException when a file cannot be read
     */
    public static Map<Interval, List<Bar>> load(Path dir, String symbol) throws IOException {
        return load(dir, symbol, Long.MIN_VALUE);
    }

    /**
     * Like {@link #load(Path, String)}, but reads only the files that can matter at {@code asOf}: those whose name's
     * date range ({@code SYMBOL-1m-20210515_20210522…}, or a month {@code SYMBOL-1h-2023-01…}) overlaps the
     * {@value #LOAD_BARS} bars of their interval before {@code asOf}; files without dates in their name are always
     * read. Files of one interval are merged, the later file in path order winning on a repeated open time.
     *
     * @param asOf epoch ms UTC, or {@link Long#MIN_VALUE} for every file
     * @throws IOException when a file cannot be read
     */
    public static Map<Interval, List<Bar>> load(Path dir, String symbol, long asOf) throws IOException {
        return load(dir, symbol, asOf, new java.util.HashMap<>());
    }

    /**
     * {@link #load(Path, String, long)} keeping each file's bars in {@code cache} (file → bars), so a caller that
     * follows a moving {@code asOf} reads each file once.
     *
     * @throws IOException when a file cannot be read
     */
    public static Map<Interval, List<Bar>> load(Path dir, String symbol, long asOf, Map<Path, List<Bar>> cache)
            throws IOException {
        Objects.requireNonNull(symbol, "symbol");
        KlineCsvImporter importer = new KlineCsvImporter();
        List<Path> files;
        try (java.util.stream.Stream<Path> walk = java.nio.file.Files.walk(dir)) {
            files = walk.filter(java.nio.file.Files::isRegularFile).sorted().toList();
        }
        Map<Interval, List<Bar>> out = new EnumMap<>(Interval.class);
        for (Interval iv : Interval.values()) {
            java.util.TreeMap<Long, Bar> merged = new java.util.TreeMap<>();
            String prefix = symbol + "-" + iv.code() + "-";
            for (Path f : files) {
                String name = f.getFileName().toString();
                if (!name.startsWith(prefix) || !(name.endsWith(".csv") || name.endsWith(".csv.gz"))) continue;
                if (asOf != Long.MIN_VALUE && !overlaps(name.substring(prefix.length()), asOf - LOAD_BARS * iv.millis(), asOf)) continue;
                List<Bar> fileBars = cache.get(f);
                if (fileBars == null) {
                    fileBars = importer.read(f, symbol, iv).bars();
                    cache.put(f, fileBars);
                }
                for (Bar b : fileBars) merged.put(b.openTime(), b);
            }
            if (!merged.isEmpty()) out.put(iv, List.copyOf(merged.values()));
        }
        return out;
    }

    /** Bars per interval {@link #load(Path, String, long)} reaches back for. */
    public static final int LOAD_BARS = 1000;

    private static final java.util.regex.Pattern DAYS = java.util.regex.Pattern.compile("^(\\d{8})_(\\d{8})");
    private static final java.util.regex.Pattern MONTH = java.util.regex.Pattern.compile("^(\\d{4})-(\\d{2})(?!-)");

    /** Whether the date range at the start of {@code rest} overlaps [from, to]; true when it names none. */
    private static boolean overlaps(String rest, long from, long to) {
        java.time.format.DateTimeFormatter ymd = java.time.format.DateTimeFormatter.BASIC_ISO_DATE;
        java.util.regex.Matcher d = DAYS.matcher(rest);
        long start;
        long end;
        if (d.find()) {
            start = java.time.LocalDate.parse(d.group(1), ymd).atStartOfDay(java.time.ZoneOffset.UTC).toInstant().toEpochMilli();
            end = java.time.LocalDate.parse(d.group(2), ymd).plusDays(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant().toEpochMilli();
        } else {
            java.util.regex.Matcher m = MONTH.matcher(rest);
            if (!m.find()) return true;
            java.time.LocalDate first = java.time.LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), 1);
            start = first.atStartOfDay(java.time.ZoneOffset.UTC).toInstant().toEpochMilli();
            end = first.plusMonths(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant().toEpochMilli();
        }
        return start <= to && end >= from;
    }

    /** {@link #analyze(String, Map, List, long)} on {@link #DEFAULT_INTERVALS}, as of the finest data's end. */
    public static Analysis analyze(String symbol, Map<Interval, List<Bar>> available) {
        return analyze(symbol, available, DEFAULT_INTERVALS, defaultAsOf(available));
    }

    /** End of the finest interval's last bar (closeTime + 1), epoch ms UTC. @throws IllegalArgumentException when no bars */
    public static long defaultAsOf(Map<Interval, List<Bar>> available) {
        for (Interval i : Interval.values()) {
            List<Bar> b = available.get(i);
            if (b != null && !b.isEmpty()) {
                Bar last = b.get(b.size() - 1);
                return last.closed() ? last.closeTime() + 1 : last.openTime();
            }
        }
        throw new IllegalArgumentException("no bars in any interval");
    }

    /**
     * Bars per wanted interval: the given bars, or bars aggregated from the coarsest available finer interval that
     * divides it; only bars closed by {@code asOf} (closeTime &lt; asOf). An interval that can be neither given nor
     * built maps to an empty list.
     */
    public static Map<Interval, List<Bar>> complete(Map<Interval, List<Bar>> available, List<Interval> wanted, long asOf,
                                                    Map<Interval, String> sourcesOut) {
        Map<Interval, List<Bar>> out = new EnumMap<>(Interval.class);
        for (Interval target : wanted) {
            List<Bar> own = available.get(target);
            if (own != null && !own.isEmpty()) {
                out.put(target, closedBy(own, asOf));
                sourcesOut.put(target, "bars");
                continue;
            }
            Interval best = null;
            for (var e : available.entrySet()) {
                if (!e.getValue().isEmpty() && BarAggregator.canAggregate(e.getKey(), target)
                        && (best == null || e.getKey().millis() > best.millis())) {
                    best = e.getKey();
                }
            }
            if (best == null) {
                out.put(target, List.of());
                sourcesOut.put(target, "none");
            } else {
                out.put(target, closedBy(BarAggregator.aggregate(closedBy(available.get(best), asOf), target), asOf));
                sourcesOut.put(target, "aggregated from " + best);
            }
        }
        return out;
    }

    private static List<Bar> closedBy(List<Bar> bars, long asOf) {
        int hi = bars.size();
        while (hi > 0 && (bars.get(hi - 1).closeTime() >= asOf || !bars.get(hi - 1).closed())) {
            hi--;
        }
        return bars.subList(0, hi);
    }

    /**
     * Analyses {@code symbol} on {@code intervals} as of {@code asOf}.
     *
     * @param available bars per interval (any subset; ascending open time)
     * @throws IllegalArgumentException when {@code intervals} is empty
     */
    public static Analysis analyze(String symbol, Map<Interval, List<Bar>> available, List<Interval> intervals, long asOf) {
        Objects.requireNonNull(symbol, "symbol");
        if (intervals.isEmpty()) {
            throw new IllegalArgumentException("intervals must not be empty");
        }
        Map<Interval, String> sources = new EnumMap<>(Interval.class);
        Map<Interval, List<Bar>> data = complete(available, intervals, asOf, sources);
        TrendAnalyzer.Parameters tp = TrendAnalyzer.Parameters.defaults();
        IndicatorDefinition rsiD = IndicatorDefinition.of(IndicatorKind.RSI, 14);
        IndicatorDefinition macdD = IndicatorDefinition.defaults(IndicatorKind.MACD);
        List<TimeframeReading> readings = new ArrayList<>();
        List<Divergence> divergences = new ArrayList<>();
        double sumW = 0;
        double sumScore = 0;
        double sumSign = 0;
        for (Interval iv : intervals) {
            List<Bar> all = data.get(iv);
            // the last LOAD_BARS bars are plenty for every reading (an EMA(50) seed weighs (49/51)^950 by then)
            List<Bar> bars = all.subList(Math.max(0, all.size() - LOAD_BARS), all.size());
            double weight = 1 + Math.log(iv.millis() / 60_000.0);
            TrendAnalyzer.Trend trend = TrendAnalyzer.analyze(bars, tp);
            double close = Double.NaN;
            double rsi = Double.NaN;
            double macd = Double.NaN;
            double sig = Double.NaN;
            double hist = Double.NaN;
            if (!bars.isEmpty()) {
                List<IndicatorSeries> s = Indicators.computeAll(bars, List.of(rsiD, macdD));
                int last = bars.size() - 1;
                close = bars.get(last).close().doubleValue();
                rsi = s.get(0).value(rsiD.name(), last);
                macd = s.get(1).value(macdD.name(), last);
                sig = s.get(1).value(macdD.name() + " signal", last);
                hist = s.get(1).value(macdD.name() + " hist", last);
                divergences.addAll(oscillatorDivergences(iv, bars, s.get(0).line(rsiD.name()), s.get(1).line(macdD.name())));
            }
            boolean sufficient = bars.size() >= tp.barsNeeded() && !Boolean.TRUE.equals(trend.inputs().get("insufficientBars"));
            readings.add(new TimeframeReading(iv, sources.get(iv), bars.size(), sufficient, trend, close, rsi, macd, sig, hist, weight));
            if (sufficient) {
                sumW += weight;
                sumScore += weight * trend.direction().sign() * trend.strength();
                sumSign += weight * trend.direction().sign();
            }
        }
        double score = sumW == 0 ? 0 : sumScore / sumW;
        double alignment = sumW == 0 ? 0 : Math.abs(sumSign) / sumW;
        TrendDirection consensus = score >= CONSENSUS_THRESHOLD ? TrendDirection.BULLISH
                : score <= -CONSENSUS_THRESHOLD ? TrendDirection.BEARISH : TrendDirection.NEUTRAL;
        if (consensus != TrendDirection.NEUTRAL) {
            for (TimeframeReading r : readings) {
                if (r.sufficient() && r.trend().direction().sign() == -consensus.sign()) {
                    divergences.add(new Divergence(Divergence.Kind.TIMEFRAME_CONFLICT, r.interval(), asOf,
                            r.interval() + " is " + r.trend().direction() + " against a " + consensus + " consensus",
                            Inputs.of("direction", r.trend().direction(), "strength", r.trend().strength(),
                                    "consensus", consensus, "consensusScore", score)));
                }
            }
        }
        Map<String, Object> inputs = new java.util.LinkedHashMap<>();
        inputs.put("symbol", symbol);
        inputs.put("asOf", asOf);
        inputs.put("consensusThreshold", CONSENSUS_THRESHOLD);
        for (TimeframeReading r : readings) {
            inputs.put(r.interval().code() + ".source", r.source());
            inputs.put(r.interval().code() + ".bars", r.bars());
            inputs.put(r.interval().code() + ".weight", r.weight());
            inputs.put(r.interval().code() + ".trend", r.trend().direction());
            inputs.put(r.interval().code() + ".strength", r.trend().strength());
        }
        return new Analysis(symbol, asOf, readings, consensus, score, alignment, divergences, inputs);
    }

    /** RSI and MACD divergences on the last two pivot highs and lows within the last 100 bars. */
    static List<Divergence> oscillatorDivergences(Interval iv, List<Bar> bars, double[] rsi, double[] macd) {
        List<Divergence> out = new ArrayList<>();
        int from = Math.max(0, bars.size() - DIVERGENCE_LOOKBACK);
        BarArrays b = BarArrays.of(bars.subList(from, bars.size()));
        if (b.size() < 2 * DIVERGENCE_PIVOT + 2) {
            return out;
        }
        List<SwingPoint> pivots = Swings.pivots(b, DIVERGENCE_PIVOT, DIVERGENCE_PIVOT);
        SwingPoint h1 = null, h2 = null, l1 = null, l2 = null;
        for (SwingPoint p : pivots) {
            if (p.type() == SwingPoint.Type.HIGH) { h1 = h2; h2 = p; } else { l1 = l2; l2 = p; }
        }
        if (h1 != null) {
            compare(out, iv, h1, h2, from, rsi, "RSI(14)", true, Divergence.Kind.BEARISH_RSI);
            compare(out, iv, h1, h2, from, macd, "MACD(12,26,9)", true, Divergence.Kind.BEARISH_MACD);
        }
        if (l1 != null) {
            compare(out, iv, l1, l2, from, rsi, "RSI(14)", false, Divergence.Kind.BULLISH_RSI);
            compare(out, iv, l1, l2, from, macd, "MACD(12,26,9)", false, Divergence.Kind.BULLISH_MACD);
        }
        return out;
    }

    private static void compare(List<Divergence> out, Interval iv, SwingPoint p1, SwingPoint p2, int offset, double[] osc,
                                String oscName, boolean highs, Divergence.Kind kind) {
        double o1 = osc[p1.index() + offset];
        double o2 = osc[p2.index() + offset];
        if (Double.isNaN(o1) || Double.isNaN(o2)) {
            return;
        }
        boolean diverges = highs ? p2.price() > p1.price() && o2 < o1 : p2.price() < p1.price() && o2 > o1;
        if (diverges) {
            String what = highs ? "higher high" : "lower low";
            String oscWhat = highs ? "lower high" : "higher low";
            out.add(new Divergence(kind, iv, p2.time(), iv + ": price made a " + what + " (" + fmt(p1.price()) + " → "
                    + fmt(p2.price()) + ") while " + oscName + " made a " + oscWhat + " (" + fmt(o1) + " → " + fmt(o2) + ")",
                    Inputs.of("pivot1Time", p1.time(), "pivot1Price", p1.price(), "pivot1" + oscName, o1,
                            "pivot2Time", p2.time(), "pivot2Price", p2.price(), "pivot2" + oscName, o2)));
        }
    }

    private static String fmt(double v) {
        return String.format(java.util.Locale.ROOT, "%.2f", v);
    }
}
