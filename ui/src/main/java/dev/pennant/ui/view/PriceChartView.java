package dev.pennant.ui.view;

import dev.pennant.core.analysis.IndicatorSpec;
import dev.pennant.core.model.Interval;
import dev.pennant.core.model.Side;
import dev.pennant.ui.viewmodel.ChartAnalysisViewModel;
import dev.pennant.ui.viewmodel.ChartPoint;
import dev.pennant.ui.viewmodel.ChartViewModel;
import dev.pennant.ui.viewmodel.TradeMarker;
import io.fair_acc.chartfx.XYChart;
import io.fair_acc.chartfx.axes.AxisLabelOverlapPolicy;
import io.fair_acc.chartfx.axes.spi.DefaultNumericAxis;
import io.fair_acc.chartfx.axes.spi.format.DefaultTimeFormatter;
import io.fair_acc.chartfx.renderer.ErrorStyle;
import io.fair_acc.chartfx.renderer.LineStyle;
import io.fair_acc.chartfx.renderer.spi.ErrorDataSetRenderer;
import io.fair_acc.chartfx.renderer.spi.financial.CandleStickRenderer;
import io.fair_acc.chartfx.renderer.spi.financial.FinancialTheme;
import io.fair_acc.dataset.DataSet;
import io.fair_acc.dataset.spi.DoubleDataSet;
import io.fair_acc.dataset.spi.financial.OhlcvDataSet;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Toggle;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Candlestick chart (ChartFX) with volume, the strategy's price overlays (EMAs), buy/sell fill markers, and an
 * oscillator sub-pane (RSI with its reference levels). Both panes share the time range of the candles. Times are
 * UTC, x in epoch seconds. Redrawn from the view-model's bounded chart list at most once per drain.
 *
 * <p>Above the chart, the interval selector: one button per Binance interval; the selected one is always the
 * interval actually running ({@link ChartViewModel#intervalProperty()}). A click asks the view-model to
 * switch ({@link ChartViewModel#openChart(dev.pennant.core.model.Market, String, Interval)}); when that is
 * refused the selection goes back to the running interval.
 */
final class PriceChartView {

    private static final String[] OVERLAY_COLORS = {"#f59e0b", "#60a5fa", "#c084fc", "#f472b6"};

    private final ChartViewModel vm;
    private final VBox root = new VBox();
    private final XYChart priceChart;
    private final XYChart oscChart;
    private final DefaultNumericAxis priceX = timeAxis();
    private final DefaultNumericAxis oscX = timeAxis();
    private final DefaultNumericAxis priceY = new DefaultNumericAxis("price", "USDT");
    private final DefaultNumericAxis oscY = new DefaultNumericAxis("RSI", 0, 100, 25);
    private final CandleStickRenderer candleRenderer = new CandleStickRenderer(true);
    private final ErrorDataSetRenderer overlayRenderer = lineRenderer();
    private final ErrorDataSetRenderer oscRenderer = lineRenderer();
    // Indicator name → line style. The data sets themselves are made anew on every redraw (see redraw()).
    private final Map<String, String> overlays = new LinkedHashMap<>();
    private final Map<String, String> oscillators = new LinkedHashMap<>();
    /** Reference level lines of the oscillator pane: legend name → level (e.g. "RSI 30" → 30). */
    private final Map<String, Double> levels = new LinkedHashMap<>();
    private static final String LEVEL_STYLE = "-fx-line-color: #6b7280; -fx-line-width: 1; -fx-line-dash-array: 4 4;";
    private final ErrorDataSetRenderer markerRenderer = new ErrorDataSetRenderer();
    private boolean redrawQueued;
    private final ToggleGroup intervals = new ToggleGroup();
    private final HBox intervalBar = new HBox(2);
    private boolean syncingInterval;
    /** Shown over an empty chart instead of ChartFX's placeholder axes ("0:00:00 0000us", "0.000000"). */
    private final Label emptyNote = new Label("No bars yet — the chart fills as market data arrives");
    /** Picked indicators, Fibonacci, S/R, trend and the multi-timeframe panel. */
    private final ChartOverlays analysis;

    PriceChartView(ChartViewModel vm, javafx.beans.value.ObservableBooleanValue offerInterval, ChartTrading trading,
                   java.util.function.Supplier<java.util.Optional<java.nio.file.Path>> recordedFolder) {
        this.vm = vm;
        priceY.setSide(io.fair_acc.chartfx.ui.geometry.Side.RIGHT);
        priceY.setForceZeroInRange(false);
        priceY.setAutoRanging(false); // set from the candles' lows and highs in redraw(): ChartFX ranges on closes only
        priceY.setAutoUnitScaling(false);
        // Prices as traders read them (48,250.00), not ChartFX's default 4.825E4 for large numbers.
        priceY.setTickLabelFormatter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Number n) {
                double v = n.doubleValue();
                return String.format(java.util.Locale.ROOT, Math.abs(v) >= 1000 ? "%,.0f" : Math.abs(v) >= 1 ? "%,.2f" : "%.6f", v);
            }

            @Override
            public Number fromString(String s) {
                return Double.parseDouble(s.replace(",", ""));
            }
        });
        oscY.setUnit(null);
        oscY.setSide(io.fair_acc.chartfx.ui.geometry.Side.RIGHT);
        oscY.setAutoRanging(false);

        priceChart = new XYChart(priceX, priceY);
        priceChart.setId("priceChart");
        priceChart.setAnimated(false);
        priceChart.setLegendVisible(true);
        priceChart.titleProperty().bind(vm.titleProperty()); // the symbol on the chart: ETHUSDT · 1h · spot
        priceChart.getTitleLabel().setId("chartTitle");
        priceChart.getGridRenderer().setDrawOnTop(false);
        priceChart.getRenderers().clear();
        OhlcvDataSet noCandles = new OhlcvDataSet("candles");
        noCandles.setData(new BarsOhlcv(List.of())); // ChartFX's OhlcvDataSet fails on a null series
        // redraw() sets the price range. The renderer's own "local Y range" would look for candles in the x range it
        // last drew; after a switch to another symbol's dates it finds none and sets the axis to [+Infinity, -9e306].
        candleRenderer.setComputeLocalRange(false);
        candleRenderer.getDatasets().add(noCandles);
        markerRenderer.setPolyLineStyle(LineStyle.NONE);
        markerRenderer.setErrorStyle(ErrorStyle.NONE);
        markerRenderer.setDrawMarker(true);
        markerRenderer.setDrawBars(false);
        priceChart.getRenderers().addAll(candleRenderer, overlayRenderer, markerRenderer);
        FinancialTheme.Dark.applyPseudoClasses(priceChart);
        if (trading != null) {
            trading.install(priceChart, priceY); // right-click → order at that price
        }

        oscChart = new XYChart(oscX, oscY);
        oscChart.setId("oscillatorChart");
        oscChart.setAnimated(false);
        oscChart.setLegendVisible(true);
        oscChart.getRenderers().clear();
        oscChart.getRenderers().add(oscRenderer);
        FinancialTheme.Dark.applyPseudoClasses(oscChart);
        oscChart.setPrefHeight(170);
        oscChart.setMinHeight(120);

        buildIntervalBar(offerInterval);
        emptyNote.setId("chartEmptyNote");
        emptyNote.getStyleClass().add("chart-empty-note");
        emptyNote.setMouseTransparent(true);
        javafx.scene.layout.StackPane pricePane = new javafx.scene.layout.StackPane(priceChart, emptyNote);
        VBox.setVgrow(pricePane, Priority.ALWAYS);
        showEmpty(true);
        root.getChildren().addAll(intervalBar, pricePane, oscChart);
        root.getStyleClass().add("chart-area");
        analysis = new ChartOverlays(new ChartAnalysisViewModel(vm, recordedFolder), priceChart, priceY, intervalBar, root);

        vm.indicatorSpecsProperty().addListener((o, a, specs) -> rebuildIndicatorSets(specs));
        vm.points().addListener((ListChangeListener<ChartPoint>) c -> queueRedraw());
        vm.markers().addListener((ListChangeListener<TradeMarker>) c -> queueRedraw());
        vm.formingBarProperty().addListener((o, a, b) -> queueRedraw());
        rebuildIndicatorSets(vm.indicatorSpecsProperty().get());
    }

    VBox root() {
        return root;
    }

    /** The multi-timeframe panel of the chart's symbol (MainView shows it in a side tab). */
    javafx.scene.Node timeframesPanel() {
        return analysis.timeframesPanel();
    }

    /** Draws attention to the interval selector (the banner's offer): highlights it, focuses the running interval. */
    void focusIntervalSelector() {
        Toggle t = intervals.getSelectedToggle();
        if (t instanceof ToggleButton b) {
            b.requestFocus();
        }
        intervalBar.getStyleClass().remove("interval-bar-offered");
        intervalBar.getStyleClass().add("interval-bar-offered");
    }

    private void buildIntervalBar(javafx.beans.value.ObservableBooleanValue offerInterval) {
        Label label = new Label("Interval");
        label.getStyleClass().add("interval-label");
        intervalBar.getChildren().add(label);
        for (Interval i : Interval.values()) {
            ToggleButton b = new ToggleButton(i.code());
            b.setId("interval-" + i.name());
            b.setUserData(i);
            b.setToggleGroup(intervals);
            b.getStyleClass().add("interval-button");
            b.setTooltip(new Tooltip(describe(i) + " bars: chart and paper session"));
            intervalBar.getChildren().add(b);
        }
        intervalBar.setId("intervalBar");
        intervalBar.setAlignment(Pos.CENTER_LEFT);
        intervalBar.setPadding(new Insets(4, 8, 2, 8));
        intervalBar.getStyleClass().add("interval-bar");
        intervals.selectedToggleProperty().addListener((o, was, now) -> {
            if (syncingInterval) {
                return;
            }
            if (now == null) { // a click on the selected button deselects it: it stays the running one
                showRunningInterval();
                return;
            }
            Interval wanted = (Interval) now.getUserData();
            if (wanted != vm.intervalProperty().get()) {
                intervalBar.getStyleClass().remove("interval-bar-offered");
                vm.openChart(vm.marketProperty().get(), vm.symbolProperty().get(), wanted);
            }
        });
        vm.intervalProperty().addListener((o, was, now) -> showRunningInterval());
        vm.switchingProperty().addListener((o, was, busy) -> {
            if (!busy) {
                showRunningInterval(); // refused (or superseded): back to what runs
            }
        });
        offerInterval.addListener((o, was, offered) -> {
            if (!offered) {
                intervalBar.getStyleClass().remove("interval-bar-offered");
            }
        });
        showRunningInterval();
    }

    private void showRunningInterval() {
        Interval running = vm.intervalProperty().get();
        syncingInterval = true;
        try {
            intervals.getToggles().stream().filter(t -> t.getUserData() == running).findFirst()
                    .ifPresentOrElse(intervals::selectToggle, () -> intervals.selectToggle(null));
        } finally {
            syncingInterval = false;
        }
    }

    private static String describe(Interval i) {
        String c = i.code();
        String n = c.substring(0, c.length() - 1);
        String unit = switch (c.charAt(c.length() - 1)) {
            case 'm' -> "minute";
            case 'h' -> "hour";
            case 'd' -> "day";
            case 'w' -> "week";
            default -> "month";
        };
        return n + " " + unit;
    }

    /** Number of candles drawn (for tests). */
    int candleCount() {
        return candleRenderer.getDatasets().getFirst().getDataCount();
    }

    static DefaultNumericAxis timeAxis() {
        DefaultNumericAxis x = new DefaultNumericAxis("time", "UTC");
        x.setTimeAxis(true);
        x.setAutoRanging(false);
        x.setAutoRangeRounding(false);
        x.setOverlapPolicy(AxisLabelOverlapPolicy.SKIP_ALT);
        if (x.getAxisLabelFormatter() instanceof DefaultTimeFormatter f) {
            f.setTimeZoneOffset(ZoneOffset.UTC);
        }
        return x;
    }

    private static ErrorDataSetRenderer lineRenderer() {
        ErrorDataSetRenderer r = new ErrorDataSetRenderer();
        r.setPolyLineStyle(LineStyle.NORMAL);
        r.setErrorStyle(ErrorStyle.NONE);
        r.setDrawMarker(false);
        r.setDrawBars(false);
        return r;
    }

    private void rebuildIndicatorSets(List<IndicatorSpec> specs) {
        overlays.clear();
        oscillators.clear();
        levels.clear();
        int color = 0;
        for (IndicatorSpec spec : specs) {
            String c = OVERLAY_COLORS[color++ % OVERLAY_COLORS.length];
            String style = "-fx-line-color: " + c + "; -fx-line-width: 1.6; -fx-marker-color: " + c + ";";
            if (spec.pane() == IndicatorSpec.Pane.PRICE_OVERLAY) {
                overlays.put(spec.name(), style);
            } else {
                oscillators.put(spec.name(), style);
                for (double level : new double[] {spec.lower(), spec.upper()}) {
                    if (!Double.isNaN(level)) {
                        levels.put(spec.name().replaceAll("\\(.*", "") + " " + (int) level, level);
                    }
                }
            }
        }
        queueRedraw();
    }

    private void queueRedraw() {
        if (!redrawQueued) {
            redrawQueued = true;
            javafx.application.Platform.runLater(this::redraw);
        }
    }

    /** An empty chart shows the note and no tick labels (there is no time or price to label). */
    private void showEmpty(boolean empty) {
        emptyNote.setVisible(empty);
        for (DefaultNumericAxis a : List.of(priceX, priceY, oscX)) {
            a.getTickLabelStyle().setVisible(!empty);
        }
    }

    private void redraw() {
        redrawQueued = false;
        List<ChartPoint> points = new ArrayList<>(vm.points());
        ChartPoint forming = vm.formingBarProperty().get();
        if (forming != null && (points.isEmpty() || forming.bar().openTime() > points.getLast().bar().openTime())) {
            points.add(forming);
        }
        // Every data set is made anew, never updated in place: ChartFX 11.3.1's renderers can leave a data set's read
        // lock held, after which an in-place update (DoubleDataSet.set, recomputeLimits) blocks the FX thread for
        // good. Seen with the fill markers (docs/decisions/0006) and with the indicator lines after session switches.
        OhlcvDataSet candles = new OhlcvDataSet("candles");
        candles.setData(new BarsOhlcv(points));
        candles.recomputeLimits(DataSet.DIM_X); // x limits from these candles, not a previous symbol's dates
        candleRenderer.getDatasets().setAll(candles);
        List<DoubleDataSet> priceLines = new ArrayList<>();
        overlays.forEach((name, style) -> priceLines.add(line(name, style, points)));
        overlayRenderer.getDatasets().setAll(priceLines);
        List<DoubleDataSet> oscLines = new ArrayList<>();
        oscillators.forEach((name, style) -> oscLines.add(line(name, style, points)));
        levels.forEach((name, y) -> {
            DoubleDataSet l = new DoubleDataSet(name, 2);
            if (!points.isEmpty()) {
                l.set(new double[] {xMin(points), xMax(points)}, new double[] {y, y});
            }
            l.setStyle(LEVEL_STYLE);
            oscLines.add(l);
        });
        oscRenderer.getDatasets().setAll(oscLines);
        markerRenderer.getDatasets().setAll(markerSet("Buy fills", Side.BUY, "#22c55e"),
                markerSet("Sell fills", Side.SELL, "#ef4444"));
        showEmpty(points.isEmpty());
        if (!points.isEmpty()) {
            double min = xMin(points);
            double max = xMax(points);
            priceX.set(min, max);
            oscX.set(min, max);
            analysis.syncRange(min, max);
            double lo = Double.MAX_VALUE;
            double hi = -Double.MAX_VALUE;
            for (ChartPoint p : points) {
                lo = Math.min(lo, p.bar().low().doubleValue());
                hi = Math.max(hi, p.bar().high().doubleValue());
            }
            double pad = Math.max((hi - lo) * 0.06, hi * 1e-5);
            priceY.set(lo - pad, hi + pad);
        }
        oscY.set(0, 100);
        priceChart.invalidate();
        oscChart.invalidate();
    }

    private DoubleDataSet markerSet(String name, Side side, String color) {
        List<TradeMarker> ms = vm.markers().stream().filter(m -> m.side() == side).toList();
        DoubleDataSet ds = new DoubleDataSet(name, ms.size());
        ds.set(ms.stream().mapToDouble(TradeMarker::x).toArray(), ms.stream().mapToDouble(TradeMarker::price).toArray());
        ds.setStyle("-fx-marker-color: " + color + "; -fx-marker-type: diamond; -fx-marker-size: 7; -fx-line-color: " + color + ";");
        return ds;
    }

    /** Time axis range of both panes: one bar step before the first candle, two after the last. */
    private static double xMin(List<ChartPoint> points) {
        return points.getFirst().x() - step(points);
    }

    private static double xMax(List<ChartPoint> points) {
        return points.getLast().x() + 2 * step(points);
    }

    private static double step(List<ChartPoint> points) {
        return points.size() > 1 ? points.get(1).x() - points.get(0).x() : 60;
    }

    /** A new line data set of indicator {@code name} over {@code points} (bars without a value are skipped). */
    private static DoubleDataSet line(String name, String style, List<ChartPoint> points) {
        double[] x = new double[points.size()];
        double[] y = new double[points.size()];
        int n = 0;
        for (ChartPoint p : points) {
            if (p.indicators() == null) {
                continue;
            }
            double v = p.indicators().value(name);
            if (!Double.isNaN(v)) {
                x[n] = p.x();
                y[n] = v;
                n++;
            }
        }
        DoubleDataSet ds = new DoubleDataSet(name, Math.max(n, 1));
        ds.set(java.util.Arrays.copyOf(x, n), java.util.Arrays.copyOf(y, n));
        ds.setStyle(style);
        return ds;
    }
}
