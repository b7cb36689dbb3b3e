package dev.pennant.ui.view;

import dev.pennant.core.analysis.IndicatorDefinition;
import dev.pennant.core.analysis.TrendDirection;
import dev.pennant.ui.viewmodel.ChartAnalysisViewModel;
import dev.pennant.ui.viewmodel.ChartAnalysisViewModel.Line;
import io.fair_acc.chartfx.XYChart;
import io.fair_acc.chartfx.axes.spi.DefaultNumericAxis;
import io.fair_acc.chartfx.renderer.ErrorStyle;
import io.fair_acc.chartfx.renderer.LineStyle;
import io.fair_acc.chartfx.renderer.spi.ErrorDataSetRenderer;
import io.fair_acc.chartfx.renderer.spi.financial.FinancialTheme;
import io.fair_acc.dataset.spi.DoubleDataSet;
import javafx.collections.ListChangeListener;
import javafx.geometry.HPos;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.CustomMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The chart's analysis layer, drawn from a {@link ChartAnalysisViewModel}: picked indicators as price overlays or in
 * their own sub-panes, Fibonacci and support/resistance levels as dashed horizontal lines on the price pane (the nearest
 * named in the toolbar), the
 * trend reading in the toolbar, and a multi-timeframe panel ({@link #timeframesPanel()}, shown in a side tab).
 *
 * <p>{@link PriceChartView} creates it with its price chart, toolbar and root, and calls {@link #syncRange} on every
 * redraw so the sub-panes share the candles' time range. As in the rest of the chart (docs/decisions/0006), every data
 * set is made anew on each update, never changed in place.
 */
final class ChartOverlays {

    private static final String[] COLORS = {"#38bdf8", "#a3e635", "#fb923c", "#e879f9", "#facc15", "#2dd4bf"};
    private static final String LEVEL_LINE = "-fx-line-color: #6b7280; -fx-line-width: 1; -fx-line-dash-array: 4 4;";

    private final ChartAnalysisViewModel vm;
    private final XYChart priceChart;
    private final DefaultNumericAxis priceY;
    private final ErrorDataSetRenderer overlayRenderer = new ErrorDataSetRenderer();
    private final ErrorDataSetRenderer levelRenderer = new ErrorDataSetRenderer();
    private final Label levelsLabel = new Label();
    private List<ChartAnalysisViewModel.Level> levels = List.of();
    private final VBox subPaneBox = new VBox();
    private final Map<String, Pane> subPanes = new LinkedHashMap<>();
    private final Label trendLabel = new Label();
    private final Label mtfSummary = new Label();
    private final GridPane mtfGrid = new GridPane();
    private final VBox timeframes;
    private double xMin = Double.NaN;
    private double xMax = Double.NaN;

    private record Pane(XYChart chart, DefaultNumericAxis x, ErrorDataSetRenderer renderer) {
    }

    /**
     * Adds the analysis layer to the chart.
     *
     * @param toolbar the interval selector row of {@code root}; the analysis controls go in a row under it
     * @param root    the chart area; sub-panes and the multi-timeframe panel are appended to it
     */
    ChartOverlays(ChartAnalysisViewModel vm, XYChart priceChart, DefaultNumericAxis priceY, HBox toolbar, VBox root) {
        this.vm = vm;
        this.priceChart = priceChart;
        this.priceY = priceY;
        overlayRenderer.setPolyLineStyle(LineStyle.NORMAL);
        overlayRenderer.setErrorStyle(ErrorStyle.NONE);
        overlayRenderer.setDrawMarker(false);
        overlayRenderer.setDrawBars(false);
        levelRenderer.setPolyLineStyle(LineStyle.NORMAL);
        levelRenderer.setErrorStyle(ErrorStyle.NONE);
        levelRenderer.setDrawMarker(false);
        levelRenderer.setDrawBars(false);
        levelRenderer.setShowInLegend(false); // a dozen levels would crowd the legend: the toolbar names the nearest
        priceChart.getRenderers().addAll(overlayRenderer, levelRenderer);

        HBox bar = new HBox(4, indicatorMenu(), toggle("Fib", "fibToggle", "Fibonacci levels of the last significant swing",
                vm.showFibonacciProperty()), toggle("S/R", "srToggle", "Support and resistance from pivot clusters",
                vm.showLevelsProperty()), toggle("Trend", "trendToggle", "Trend: EMA 20/50, slope, MACD, ADX",
                vm.showTrendProperty()), trendLabel, levelsLabel);
        levelsLabel.setId("levelsLabel");
        levelsLabel.setMinWidth(0);
        trendLabel.setMinWidth(0);
        levelsLabel.getStyleClass().add("interval-label");
        levelsLabel.setPadding(new Insets(0, 0, 0, 8));
        bar.setId("analysisBar");
        bar.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        bar.setPadding(new Insets(0, 8, 2, 8));
        bar.getStyleClass().add("interval-bar");
        trendLabel.setId("trendLabel");
        trendLabel.getStyleClass().add("interval-label");
        trendLabel.setPadding(new Insets(0, 0, 0, 8));
        // the analysis controls get their own row under the interval selector (which fills its row already)
        root.getChildren().add(root.getChildren().indexOf(toolbar) + 1, bar);
        // sub-panes never squeeze the candles away (XYChart's own minimum is computed small, so set it on its pane)
        if (priceChart.getParent() instanceof javafx.scene.layout.Region pane) {
            pane.setMinHeight(240);
        }

        subPaneBox.setId("indicatorSubPanes");
        root.getChildren().add(subPaneBox);
        timeframes = multiTimeframePanel();
        vm.resultProperty().addListener((o, a, r) -> show(r));
        vm.mtfRows().addListener((ListChangeListener<ChartAnalysisViewModel.MtfRow>) c -> fillMtf());
        mtfSummary.textProperty().bind(vm.mtfSummaryProperty());
    }

    private MenuButton indicatorMenu() {
        MenuButton menu = new MenuButton("Indicators");
        menu.setId("indicatorMenu");
        menu.getStyleClass().add("analysis-button");
        menu.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        for (IndicatorDefinition d : ChartAnalysisViewModel.catalogue()) {
            CheckMenuItem item = new CheckMenuItem(d.name() + " — " + d.kind().title()
                    + (d.kind().pane() == dev.pennant.core.analysis.IndicatorSpec.Pane.SUB_PANE ? " (pane)" : ""));
            item.setId("indicator-" + d.kind().name());
            item.setSelected(vm.selected().contains(d));
            item.selectedProperty().addListener((o, a, on) -> vm.toggle(d, on));
            vm.selected().addListener((ListChangeListener<IndicatorDefinition>) c -> item.setSelected(vm.selected().contains(d)));
            menu.getItems().add(item);
        }
        TextField custom = new TextField();
        custom.setPromptText("add e.g. EMA(50), BB(20,2.5)");
        custom.setId("indicatorCustom");
        Label error = new Label();
        error.getStyleClass().add("chart-empty-note");
        custom.setOnAction(e -> {
            error.setText(vm.add(custom.getText()).orElse(""));
            if (error.getText().isEmpty()) custom.clear();
        });
        CustomMenuItem customItem = new CustomMenuItem(new VBox(2, custom, error), false);
        menu.getItems().addAll(new SeparatorMenuItem(), customItem);
        return menu;
    }

    private static ToggleButton toggle(String text, String id, String tip, javafx.beans.property.BooleanProperty p) {
        ToggleButton b = new ToggleButton(text);
        b.setId(id);
        b.getStyleClass().add("analysis-button");
        b.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // the labels beside it shrink, never the button
        b.setTooltip(new Tooltip(tip));
        b.selectedProperty().bindBidirectional(p);
        return b;
    }

    /** The multi-timeframe panel (for a side tab: the chart column has no height to spare). */
    javafx.scene.Node timeframesPanel() {
        javafx.scene.control.ScrollPane scroll = new javafx.scene.control.ScrollPane(timeframes);
        scroll.setFitToWidth(true);
        return scroll;
    }

    private VBox multiTimeframePanel() {
        Button refresh = new Button("Refresh");
        refresh.setId("mtfRefresh");
        refresh.setOnAction(e -> vm.refreshMultiTimeframe());
        mtfSummary.setId("mtfSummary");
        mtfSummary.setWrapText(true);
        mtfGrid.setId("mtfGrid");
        mtfGrid.setHgap(12);
        mtfGrid.setVgap(2);
        Label title = new Label("Multi-timeframe: the chart's symbol on 1m … 1d, as of the chart's last bar");
        title.setWrapText(true);
        title.getStyleClass().add("interval-label");
        VBox box = new VBox(6, title, refresh, mtfSummary, mtfGrid);
        box.setId("mtfPanel");
        box.setPadding(new Insets(8));
        return box;
    }

    private void fillMtf() {
        mtfGrid.getChildren().clear();
        String[] head = {"TF", "Trend", "Strength", "RSI", "MACD hist", "Bars"};
        for (int c = 0; c < head.length; c++) {
            Label l = new Label(head[c]);
            l.setStyle("-fx-font-weight: bold;");
            mtfGrid.add(l, c, 0);
        }
        int row = 1;
        for (ChartAnalysisViewModel.MtfRow r : vm.mtfRows()) {
            Label trend = new Label(r.trend());
            trend.setStyle(r.trend().startsWith("BULL") ? "-fx-text-fill: #22c55e;"
                    : r.trend().startsWith("BEAR") ? "-fx-text-fill: #ef4444;" : "");
            mtfGrid.addRow(row++, new Label(r.interval()), trend, new Label(r.strength()), new Label(r.rsi()),
                    new Label(r.macdHist()), new Label(r.source().replace("aggregated ", "")));
        }
        for (javafx.scene.Node n : mtfGrid.getChildren()) {
            GridPane.setHalignment(n, HPos.LEFT);
        }
    }

    /** The candles' time range (epoch seconds), applied to every sub-pane. */
    void syncRange(double min, double max) {
        boolean moved = min != xMin || max != xMax;
        xMin = min;
        xMax = max;
        if (moved) drawLevels();
        for (Pane p : subPanes.values()) {
            p.x().set(min, max);
            p.chart().invalidate();
        }
    }

    private void show(ChartAnalysisViewModel.Result r) {
        List<DoubleDataSet> overlays = new ArrayList<>();
        int color = 0;
        for (Line l : r.overlays()) {
            overlays.add(dataSet(l, COLORS[color++ % COLORS.length]));
        }
        overlayRenderer.getDatasets().setAll(overlays);

        levels = r.levels();
        drawLevels();
        levelsLabel.setText(r.levelsText());

        trendLabel.setText(r.trendText());
        trendLabel.setStyle(r.trend() == TrendDirection.BULLISH ? "-fx-text-fill: #22c55e;"
                : r.trend() == TrendDirection.BEARISH ? "-fx-text-fill: #ef4444;" : "");

        subPanes.keySet().retainAll(r.subPanes().keySet());
        subPaneBox.getChildren().removeIf(n -> !subPanes.containsKey(n.getUserData()));
        for (var e : r.subPanes().entrySet()) {
            Pane p = subPanes.computeIfAbsent(e.getKey(), this::newPane);
            List<DoubleDataSet> sets = new ArrayList<>();
            int c = 0;
            for (Line l : e.getValue()) {
                sets.add(dataSet(l, COLORS[c++ % COLORS.length]));
            }
            Line first = e.getValue().getFirst();
            for (double level : new double[] {first.spec().lower(), first.spec().upper()}) {
                if (!Double.isNaN(level) && first.x().length > 0) {
                    DoubleDataSet ds = new DoubleDataSet(IndicatorFormat.level(level), 2);
                    ds.set(new double[] {first.x()[0], first.x()[first.x().length - 1]}, new double[] {level, level});
                    ds.setStyle(LEVEL_LINE);
                    sets.add(ds);
                }
            }
            p.renderer().getDatasets().setAll(sets);
            if (!Double.isNaN(xMin)) p.x().set(xMin, xMax);
            p.chart().invalidate();
        }
        priceChart.invalidate();
    }

    private Pane newPane(String name) {
        DefaultNumericAxis x = PriceChartView.timeAxis();
        DefaultNumericAxis y = new DefaultNumericAxis(name, null);
        y.setSide(io.fair_acc.chartfx.ui.geometry.Side.RIGHT);
        y.setForceZeroInRange(false);
        y.setAutoRanging(true);
        XYChart chart = new XYChart(x, y);
        chart.setId("subPane-" + name);
        chart.setAnimated(false);
        chart.setLegendVisible(true);
        chart.getRenderers().clear();
        ErrorDataSetRenderer r = new ErrorDataSetRenderer();
        r.setPolyLineStyle(LineStyle.NORMAL);
        r.setErrorStyle(ErrorStyle.NONE);
        r.setDrawMarker(false);
        r.setDrawBars(false);
        chart.getRenderers().add(r);
        FinancialTheme.Dark.applyPseudoClasses(chart);
        chart.setPrefHeight(110);
        chart.setMinHeight(70);
        chart.setUserData(name);
        subPaneBox.getChildren().add(chart);
        return new Pane(chart, x, r);
    }

    private static DoubleDataSet dataSet(Line l, String color) {
        DoubleDataSet ds = new DoubleDataSet(l.spec().name(), Math.max(1, l.x().length));
        ds.set(l.x(), l.y());
        ds.setStyle("-fx-line-color: " + color + "; -fx-line-width: 1.4; -fx-marker-color: " + color + ";");
        return ds;
    }

    /** Fibonacci and S/R levels as dashed lines across the candles' time range (new data sets each time). */
    private void drawLevels() {
        List<DoubleDataSet> sets = new ArrayList<>();
        if (!Double.isNaN(xMin)) {
            for (ChartAnalysisViewModel.Level lv : levels) {
                String color = switch (lv.kind()) {
                    case "SUPPORT" -> "#22c55e";
                    case "RESISTANCE" -> "#ef4444";
                    case "FIB_EXT" -> "#a78bfa";
                    default -> "#eab308";
                };
                DoubleDataSet ds = new DoubleDataSet(lv.label() + " " + IndicatorFormat.price(lv.price()), 2);
                ds.set(new double[] {xMin, xMax}, new double[] {lv.price(), lv.price()});
                ds.setStyle("-fx-line-color: " + color + "; -fx-line-width: 1; -fx-line-dash-array: 6 4;");
                sets.add(ds);
            }
        }
        levelRenderer.getDatasets().setAll(sets);
        priceChart.invalidate();
    }

    /** Number formats for level labels. */
    private static final class IndicatorFormat {
        static String price(double v) {
            return String.format(java.util.Locale.ROOT, Math.abs(v) >= 1000 ? "%,.0f" : Math.abs(v) >= 1 ? "%,.2f" : "%.6f", v);
        }

        static String level(double v) {
            return "level " + (v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v));
        }
    }
}
