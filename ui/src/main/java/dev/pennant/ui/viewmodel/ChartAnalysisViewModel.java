package dev.pennant.ui.viewmodel;

import dev.pennant.core.analysis.FibonacciLevels;
import dev.pennant.core.analysis.IndicatorDefinition;
import dev.pennant.core.analysis.IndicatorKind;
import dev.pennant.core.analysis.IndicatorSeries;
import dev.pennant.core.analysis.IndicatorSpec;
import dev.pennant.core.analysis.Indicators;
import dev.pennant.core.analysis.MultiTimeframeAnalyzer;
import dev.pennant.core.analysis.PriceLevel;
import dev.pennant.core.analysis.SupportResistance;
import dev.pennant.core.analysis.TrendAnalyzer;
import dev.pennant.core.analysis.TrendDirection;
import dev.pennant.core.model.Bar;
import dev.pennant.core.model.Interval;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The chart's technical-analysis layer: indicators the trader picks (overlays on the price pane or own sub-panes),
 * the Fibonacci levels of the last swing, support/resistance and the trend of the chart's bars, and a
 * multi-timeframe panel.
 *
 * <p>Threads: inputs (the chart's bars, the selection) are read on the FX thread; the chart's analysis runs on a worker
 * thread, the multi-timeframe panel (and its reading of recorded klines) on another; results are published on the FX
 * thread.
 * A computation whose inputs have changed since it was asked for is skipped, so a fast replay never queues work.
 */
public final class ChartAnalysisViewModel {

    /**
     * One indicator line to draw.
     *
     * @param spec name, pane and reference levels
     * @param x    bar open times, epoch seconds (ChartFX time axis), only bars with a value
     * @param y    values
     */
    public record Line(IndicatorSpec spec, double[] x, double[] y) {
    }

    /**
     * A horizontal price level to draw on the price pane.
     *
     * @param label text, e.g. {@code "Fib 61.8%"} or {@code "S ×3"}
     * @param price price, quote asset
     * @param kind  {@code FIB}, {@code FIB_EXT}, {@code SUPPORT} or {@code RESISTANCE}
     */
    public record Level(String label, double price, String kind) {
    }

    /**
     * What the chart draws.
     *
     * @param overlays  lines on the price pane
     * @param subPanes  sub-pane title (the indicator's name) → its lines
     * @param levels    Fibonacci and support/resistance levels (those switched on)
     * @param trend     trend of the chart's bars, {@code null} when off
     * @param trendText e.g. {@code "Trend: BEARISH 0.62 · ADX 31.4"}, empty when off
     * @param levelsText the levels nearest the last close, e.g. {@code "S 48,105 ×4 · R 49,363 ×5 · Fib 61.8% 48,512"};
     *                   empty when none are on
     */
    public record Result(List<Line> overlays, Map<String, List<Line>> subPanes, List<Level> levels, TrendDirection trend,
                         String trendText, String levelsText) {
        static final Result EMPTY = new Result(List.of(), Map.of(), List.of(), null, "", "");
    }

    /**
     * One row of the multi-timeframe panel (strings formatted for display).
     *
     * @param interval  e.g. {@code "4h"}
     * @param source    {@code "bars"}, {@code "aggregated from 1h"}, {@code "none"}
     * @param trend     BULLISH / BEARISH / NEUTRAL, or {@code "—"} with too few bars
     * @param strength  0.00 … 1.00
     * @param rsi       RSI(14)
     * @param macdHist  MACD(12,26,9) histogram
     */
    public record MtfRow(String interval, String source, String trend, String strength, String rsi, String macdHist) {
    }

    private final ObservableList<ChartPoint> chart;
    private final ObservableValue<String> symbol;
    private final ObservableValue<Interval> interval;
    private final Supplier<Optional<Path>> folder;
    private final Executor worker;
    private final Executor mtfWorker;
    private final Executor fx;
    private final ObservableList<IndicatorDefinition> selected = FXCollections.observableArrayList();
    private final BooleanProperty showFibonacci = new SimpleBooleanProperty(true);
    private final BooleanProperty showLevels = new SimpleBooleanProperty(true);
    private final BooleanProperty showTrend = new SimpleBooleanProperty(true);
    private final ReadOnlyObjectWrapper<Result> result = new ReadOnlyObjectWrapper<>(Result.EMPTY);
    private final ObservableList<MtfRow> mtfRows = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper mtfSummary = new ReadOnlyStringWrapper("");
    private final AtomicLong generation = new AtomicLong();
    private final AtomicLong mtfGeneration = new AtomicLong();
    private String mtfSymbol; // FX thread: the symbol the panel was last asked for
    private long mtfBarTime = Long.MIN_VALUE; // FX thread: open time of the chart's last bar at that request
    // multi-timeframe worker only: recorded klines per symbol
    private final Map<Path, List<Bar>> recordedFiles = new java.util.HashMap<>();
    private String recordedSymbol;

    /**
     * Over the terminal's chart ({@code folder}: the recorded klines folder of the chart's symbol, if any, e.g.
     * {@code TerminalViewModel::suggestedReplayFolder}); the chart's analysis and the multi-timeframe panel (which may first read the
     * symbol's recorded klines) each on their own daemon thread, results via {@link Platform#runLater}.
     */
    public ChartAnalysisViewModel(ChartViewModel vm, Supplier<Optional<Path>> folder) {
        this(vm.points(), vm.symbolProperty(), vm.intervalProperty(), folder,
                daemon("chart-analysis"), daemon("chart-mtf"), Platform::runLater);
    }

    private static Executor daemon(String name) {
        return Executors.newSingleThreadExecutor(r -> Thread.ofPlatform().daemon().name(name).unstarted(r));
    }

    /**
     * For tests: explicit inputs and executors ({@code Runnable::run} for both runs everything inline).
     *
     * @param folder recorded klines folder of the chart's symbol for the multi-timeframe panel, if any
     */
    public ChartAnalysisViewModel(ObservableList<ChartPoint> chart, ObservableValue<String> symbol,
                                  ObservableValue<Interval> interval, Supplier<Optional<Path>> folder, Executor worker,
                                  Executor fx) {
        this(chart, symbol, interval, folder, worker, worker, fx);
    }

    private ChartAnalysisViewModel(ObservableList<ChartPoint> chart, ObservableValue<String> symbol,
                                   ObservableValue<Interval> interval, Supplier<Optional<Path>> folder, Executor worker,
                                   Executor mtfWorker, Executor fx) {
        this.mtfWorker = mtfWorker;
        this.chart = chart;
        this.symbol = symbol;
        this.interval = interval;
        this.folder = folder;
        this.worker = worker;
        this.fx = fx;
        chart.addListener((ListChangeListener<ChartPoint>) c -> {
            recompute();
            if (chart.isEmpty()) return;
            long last = chart.get(chart.size() - 1).bar().openTime();
            Interval iv = interval.getValue();
            long step = 15 * (iv == null ? 60_000L : iv.millis());
            // first bars of a symbol, then every 15 chart bars: the panel follows the chart (and a replay) by itself
            if (!java.util.Objects.equals(mtfSymbol, symbol.getValue()) || last < mtfBarTime || last - mtfBarTime >= step) {
                refreshMultiTimeframe();
            }
        });
        selected.addListener((ListChangeListener<IndicatorDefinition>) c -> recompute());
        showFibonacci.addListener((o, a, b) -> recompute());
        showLevels.addListener((o, a, b) -> recompute());
        showTrend.addListener((o, a, b) -> recompute());
        symbol.addListener((o, a, b) -> {
            if (!chart.isEmpty()) refreshMultiTimeframe();
        });
    }

    /** The indicators drawn, in the order picked. */
    public ObservableList<IndicatorDefinition> selected() { return selected; }

    /** Draw the Fibonacci levels of the last significant swing. */
    public BooleanProperty showFibonacciProperty() { return showFibonacci; }

    /** Draw support/resistance levels. */
    public BooleanProperty showLevelsProperty() { return showLevels; }

    /** Show the trend reading. */
    public BooleanProperty showTrendProperty() { return showTrend; }

    /** The latest analysis of the chart's bars (FX thread). */
    public ReadOnlyObjectProperty<Result> resultProperty() { return result.getReadOnlyProperty(); }

    /** Multi-timeframe rows, finest first (FX thread). */
    public ObservableList<MtfRow> mtfRows() { return mtfRows; }

    /** e.g. {@code "Consensus BEARISH (score -0.31) · alignment 0.67\n2 divergence(s) · as of 2021-05-22 22:03 UTC"}. */
    public ReadOnlyStringProperty mtfSummaryProperty() { return mtfSummary.getReadOnlyProperty(); }

    /** The catalogue's default definitions, one per indicator kind, for the picker. */
    public static List<IndicatorDefinition> catalogue() {
        List<IndicatorDefinition> out = new ArrayList<>();
        for (IndicatorKind k : IndicatorKind.values()) out.add(IndicatorDefinition.defaults(k));
        return out;
    }

    /** Adds or removes {@code definition} from the chart. */
    public void toggle(IndicatorDefinition definition, boolean on) {
        if (on && !selected.contains(definition)) selected.add(definition);
        if (!on) selected.remove(definition);
    }

    /**
     * Adds an indicator typed by the trader, e.g. {@code "EMA(50)"} or {@code "BB(20,2.5)"}.
     *
     * @return empty when added (or already there), else the error to show (the rule broken)
     */
    public Optional<String> add(String text) {
        try {
            toggle(IndicatorDefinition.parse(text), true);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    private void recompute() {
        long gen = generation.incrementAndGet();
        List<Bar> bars = closedBars();
        List<IndicatorDefinition> defs = List.copyOf(selected);
        boolean fib = showFibonacci.get();
        boolean lv = showLevels.get();
        boolean tr = showTrend.get();
        worker.execute(() -> {
            if (generation.get() != gen) return; // superseded before it started
            Result r = compute(bars, defs, fib, lv, tr);
            fx.execute(() -> {
                if (generation.get() == gen) result.set(r);
            });
        });
    }

    private List<Bar> closedBars() {
        List<Bar> out = new ArrayList<>(chart.size());
        long prev = Long.MIN_VALUE;
        for (ChartPoint p : chart) {
            if (p.bar().closed() && p.bar().openTime() > prev) {
                out.add(p.bar());
                prev = p.bar().openTime();
            }
        }
        return out;
    }

    /** The analysis of {@code bars} (worker thread; pure). */
    static Result compute(List<Bar> bars, List<IndicatorDefinition> defs, boolean fib, boolean levels, boolean trend) {
        if (bars.isEmpty()) return Result.EMPTY;
        List<Line> overlays = new ArrayList<>();
        Map<String, List<Line>> panes = new LinkedHashMap<>();
        List<IndicatorSeries> all = Indicators.computeAll(bars, defs);
        for (IndicatorSeries s : all) {
            for (IndicatorSpec spec : s.specs()) {
                Line line = line(spec, s.times(), s.line(spec.name()));
                if (spec.pane() == IndicatorSpec.Pane.PRICE_OVERLAY) overlays.add(line);
                else panes.computeIfAbsent(s.definition().name(), k -> new ArrayList<>()).add(line);
            }
        }
        List<Level> lv = new ArrayList<>();
        if (fib) {
            FibonacciLevels.ofLastSwing(bars).ifPresent(f -> f.levels().forEach(l -> {
                if (!l.extension() || l.ratio() <= 1.618) {
                    lv.add(new Level("Fib " + l.label(), l.price(), l.extension() ? "FIB_EXT" : "FIB"));
                }
            }));
        }
        if (levels) {
            SupportResistance.Analysis sr = SupportResistance.analyze(bars,
                    new SupportResistance.Parameters(Math.min(500, Math.max(3, bars.size())), 5, 0.002, 0.5, 6));
            for (PriceLevel l : sr.levels()) {
                boolean support = l.kind() == PriceLevel.Kind.SUPPORT;
                lv.add(new Level((support ? "S" : "R") + " ×" + l.touches(), l.price(), l.kind().name()));
            }
        }
        TrendDirection dir = null;
        String text = "";
        if (trend) {
            TrendAnalyzer.Trend t = TrendAnalyzer.analyze(bars);
            dir = t.direction();
            Object adx = t.inputs().get("ADX(14)");
            text = Boolean.TRUE.equals(t.inputs().get("insufficientBars"))
                    ? "Trend: — (needs " + t.inputs().get("barsNeeded") + " bars)"
                    : String.format(Locale.ROOT, "Trend: %s %.2f · ADX %.1f", t.direction(), t.strength(), (Double) adx);
        }
        return new Result(overlays, panes, lv, dir, text, nearest(lv, bars.get(bars.size() - 1).close().doubleValue()));
    }

    /** The support below and resistance above {@code close}, and the Fibonacci level nearest it. */
    static String nearest(List<Level> levels, double close) {
        Level s = null, r = null, f = null;
        for (Level l : levels) {
            switch (l.kind()) {
                case "SUPPORT" -> { if (l.price() < close && (s == null || l.price() > s.price())) s = l; }
                case "RESISTANCE" -> { if (l.price() > close && (r == null || l.price() < r.price())) r = l; }
                default -> { if (f == null || Math.abs(l.price() - close) < Math.abs(f.price() - close)) f = l; }
            }
        }
        List<String> parts = new ArrayList<>();
        if (s != null) parts.add("S " + price(s.price()) + " " + s.label().substring(2));
        if (r != null) parts.add("R " + price(r.price()) + " " + r.label().substring(2));
        if (f != null) parts.add(f.label() + " " + price(f.price()));
        return String.join(" · ", parts);
    }

    private static String price(double v) {
        return String.format(Locale.ROOT, Math.abs(v) >= 1000 ? "%,.0f" : Math.abs(v) >= 1 ? "%,.2f" : "%.6f", v);
    }

    private static Line line(IndicatorSpec spec, long[] times, double[] values) {
        double[] x = new double[values.length];
        double[] y = new double[values.length];
        int n = 0;
        for (int i = 0; i < values.length; i++) {
            if (!Double.isNaN(values[i])) {
                x[n] = times[i] / 1000.0;
                y[n] = values[i];
                n++;
            }
        }
        return new Line(spec, java.util.Arrays.copyOf(x, n), java.util.Arrays.copyOf(y, n));
    }

    /**
     * Recomputes the multi-timeframe panel: the recorded klines of the chart's symbol (the replay folder, when there is
     * one; read once per symbol) or else the chart's own bars, as of the chart's last closed bar.
     */
    public void refreshMultiTimeframe() {
        long gen = mtfGeneration.incrementAndGet();
        String sym = symbol.getValue();
        mtfSymbol = sym;
        mtfBarTime = chart.isEmpty() ? Long.MIN_VALUE : chart.get(chart.size() - 1).bar().openTime();
        Interval iv = interval.getValue();
        List<Bar> bars = closedBars();
        Optional<Path> dir = folder.get();
        if (mtfSummary.get().isEmpty()) mtfSummary.set("Multi-timeframe: computing…");
        mtfWorker.execute(() -> {
            if (mtfGeneration.get() != gen) return;
            String summary;
            List<MtfRow> rows = new ArrayList<>();
            try {
                Map<Interval, List<Bar>> available = new EnumMap<>(Interval.class);
                long chartEnd = bars.isEmpty() ? Long.MIN_VALUE : bars.get(bars.size() - 1).closeTime() + 1;
                if (dir.isPresent() && sym != null) {
                    // only the files around the chart's time are read, each once per symbol
                    if (!sym.equals(recordedSymbol)) {
                        recordedFiles.clear();
                        recordedSymbol = sym;
                    }
                    available.putAll(MultiTimeframeAnalyzer.load(dir.get(), sym, chartEnd, recordedFiles));
                }
                if (available.isEmpty() && !bars.isEmpty() && iv != null) {
                    available.put(iv, bars);
                }
                if (available.isEmpty()) {
                    summary = "Multi-timeframe: no bars yet";
                } else {
                    long asOf = bars.isEmpty() ? MultiTimeframeAnalyzer.defaultAsOf(available)
                            : bars.get(bars.size() - 1).closeTime() + 1;
                    MultiTimeframeAnalyzer.Analysis a = MultiTimeframeAnalyzer.analyze(sym == null ? "?" : sym, available,
                            MultiTimeframeAnalyzer.DEFAULT_INTERVALS, asOf);
                    for (MultiTimeframeAnalyzer.TimeframeReading r : a.readings()) {
                        rows.add(new MtfRow(r.interval().code(), r.source(),
                                r.sufficient() ? r.trend().direction().name() : "— (" + r.bars() + " bars)",
                                r.sufficient() ? fmt("%.2f", r.trend().strength()) : "",
                                fmt("%.1f", r.rsi()), fmt("%.2f", r.macdHist())));
                    }
                    summary = String.format(Locale.ROOT, "Consensus %s (score %+.2f) · alignment %.2f\n%d divergence(s) · as of %s",
                            a.consensus(), a.consensusScore(), a.alignment(), a.divergences().size(),
                            java.time.Instant.ofEpochMilli(asOf).toString().replace("T", " ").replaceAll(":\\d\\d(\\.\\d+)?Z$", " UTC"));
                }
            } catch (Exception e) {
                summary = "Multi-timeframe unavailable: " + e.getMessage();
            }
            String s = summary;
            fx.execute(() -> {
                if (mtfGeneration.get() != gen) return;
                mtfRows.setAll(rows);
                mtfSummary.set(s);
            });
        });
    }

    private static String fmt(String f, double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, f, v);
    }
}
