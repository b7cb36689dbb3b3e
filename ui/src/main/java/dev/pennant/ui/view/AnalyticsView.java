package dev.pennant.ui.view;

import dev.pennant.ui.viewmodel.AnalyticsViewModel;
import javafx.geometry.Insets;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.chart.AreaChart;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.StringConverter;

import java.time.Instant;
import java.util.Locale;
import java.util.function.Function;

/**
 * The analytics dashboard window (Session → Analytics…): scope picker, equity and drawdown plots, metrics table,
 * monthly-returns heat map, P&amp;L by symbol and the paper vs live comparison of {@link AnalyticsViewModel}.
 */
public final class AnalyticsView {

    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

    private final AnalyticsViewModel vm;
    private final BorderPane root = new BorderPane();
    private final LineChart<Number, Number> equity = new LineChart<>(timeAxis(), new NumberAxis());
    private final AreaChart<Number, Number> drawdown = new AreaChart<>(timeAxis(), new NumberAxis());
    private final GridPane heat = new GridPane();

    /** The view of {@code vm} (FX thread). */
    public AnalyticsView(AnalyticsViewModel vm) {
        this.vm = vm;
        ComboBox<AnalyticsViewModel.Scope> scope = new ComboBox<>(vm.scopes());
        scope.setId("analyticsScope");
        scope.setPrefWidth(520);
        scope.valueProperty().addListener((o, a, b) -> vm.select(b));
        Label status = new Label();
        status.setId("analyticsStatus");
        status.textProperty().bind(vm.statusProperty());
        HBox top = new HBox(10, new Label("Scope"), scope, status);
        top.setPadding(new Insets(8));
        root.setTop(top);

        equity.setTitle("Equity (quote)");
        equity.setCreateSymbols(false);
        equity.setLegendVisible(false);
        equity.setAnimated(false);
        ((NumberAxis) equity.getYAxis()).setForceZeroInRange(false);
        drawdown.setTitle("Drawdown (%)");
        drawdown.setCreateSymbols(false);
        drawdown.setLegendVisible(false);
        drawdown.setAnimated(false);
        VBox plots = new VBox(4, equity, drawdown, new Label("Monthly returns (UTC)"), heat);
        VBox.setVgrow(equity, Priority.ALWAYS);
        VBox.setVgrow(drawdown, Priority.ALWAYS);
        heat.setId("analyticsHeat");
        heat.setHgap(2);
        heat.setVgap(2);
        plots.setPadding(new Insets(4));
        root.setCenter(plots);

        TableView<AnalyticsViewModel.MetricLine> metrics = table("analyticsMetrics", vm.metrics());
        metrics.getColumns().add(col("Metric", 260, AnalyticsViewModel.MetricLine::label));
        metrics.getColumns().add(col("Value", 120, AnalyticsViewModel.MetricLine::value));
        TableView<AnalyticsViewModel.SymbolLine> symbols = table("analyticsBySymbol", vm.bySymbol());
        symbols.getColumns().add(col("Symbol", 120, AnalyticsViewModel.SymbolLine::symbol));
        symbols.getColumns().add(col("Realized P&L", 120, AnalyticsViewModel.SymbolLine::pnl));
        symbols.setMinHeight(120);
        symbols.setPrefHeight(120);
        TableView<AnalyticsViewModel.CompareLine> compare = table("analyticsCompare", vm.comparison());
        compare.getColumns().add(col("Metric", 170, AnalyticsViewModel.CompareLine::label));
        compare.getColumns().add(col("Paper", 95, AnalyticsViewModel.CompareLine::paper));
        compare.getColumns().add(col("Live", 95, AnalyticsViewModel.CompareLine::live));
        Label note = new Label();
        note.setId("analyticsCompareNote");
        note.setWrapText(true);
        note.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        note.textProperty().bind(vm.comparisonNoteProperty());
        VBox right = new VBox(4, new Label("Metrics"), metrics, new Label("P&L by symbol"), symbols,
                new Label("Paper vs live (same strategy)"), note, compare);
        VBox.setVgrow(metrics, Priority.ALWAYS);
        VBox.setVgrow(compare, Priority.ALWAYS);
        right.setPadding(new Insets(4));
        right.setPrefWidth(440);
        HBox.setHgrow(plots, Priority.ALWAYS);
        root.setRight(right);

        vm.curveProperty().addListener((o, a, c) -> showCurve(c));
        vm.heatProperty().addListener((o, a, h) -> showHeat(h));
        vm.refresh();
    }

    /** Opens the dashboard of {@code vm} in its own window; closing it closes {@code vm}. */
    public static Stage open(Window owner, AnalyticsViewModel vm) {
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.setTitle("Pennant — Analytics");
        Scene scene = new Scene(new AnalyticsView(vm).root(), 1400, 900);
        scene.getStylesheets().add(MainView.stylesheet());
        stage.setScene(scene);
        stage.setOnHidden(e -> vm.close());
        stage.show();
        return stage;
    }

    /** The scene root. */
    public Parent root() {
        return root;
    }

    private void showCurve(AnalyticsViewModel.Curve c) {
        equity.getData().clear();
        drawdown.getData().clear();
        if (c == null) {
            return;
        }
        XYChart.Series<Number, Number> e = new XYChart.Series<>();
        XYChart.Series<Number, Number> d = new XYChart.Series<>();
        for (int i = 0; i < c.times().length; i++) {
            e.getData().add(new XYChart.Data<>(c.times()[i], c.equity()[i]));
            d.getData().add(new XYChart.Data<>(c.times()[i], c.drawdownPercent()[i]));
        }
        equity.getData().add(e);
        drawdown.getData().add(d);
    }

    private void showHeat(AnalyticsViewModel.Heat g) {
        heat.getChildren().clear();
        if (g == null) {
            return;
        }
        for (int m = 0; m < 12; m++) {
            heat.add(new Label(MONTHS[m]), m + 1, 0);
        }
        for (int y = 0; y < g.years().size(); y++) {
            heat.add(new Label(Integer.toString(g.years().get(y))), 0, y + 1);
            for (int m = 0; m < 12; m++) {
                heat.add(cell(g.values()[y][m]), m + 1, y + 1);
            }
        }
    }

    /** A heat-map cell: green for gains, red for losses, saturating at ±10 % a month. */
    private static Label cell(double v) {
        Label c = new Label(Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%+.1f%%", v * 100));
        c.setMinSize(56, 24);
        c.setAlignment(javafx.geometry.Pos.CENTER);
        String bg;
        if (Double.isNaN(v)) {
            bg = "#2b2b2b";
        } else {
            double a = Math.min(1, Math.abs(v) / 0.10) * 0.85 + 0.15;
            bg = String.format(Locale.ROOT, v >= 0 ? "rgba(38,166,91,%.2f)" : "rgba(214,69,65,%.2f)", a);
        }
        c.setStyle("-fx-background-color: " + bg + "; -fx-text-fill: white;");
        if (!Double.isNaN(v)) {
            c.setTooltip(new Tooltip(String.format(Locale.ROOT, "%+.3f %%", v * 100)));
        }
        return c;
    }

    private static NumberAxis timeAxis() {
        NumberAxis x = new NumberAxis();
        x.setForceZeroInRange(false);
        x.setAutoRanging(true);
        x.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number n) {
                return Instant.ofEpochMilli(n.longValue()).toString().substring(0, 16).replace('T', ' ');
            }

            @Override
            public Number fromString(String s) {
                return null;
            }
        });
        return x;
    }

    private static <T> TableView<T> table(String id, javafx.collections.ObservableList<T> items) {
        TableView<T> t = new TableView<>(items);
        t.setId(id);
        t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        return t;
    }

    private static <T> TableColumn<T, String> col(String name, double width, Function<T, String> f) {
        TableColumn<T, String> c = new TableColumn<>(name);
        c.setPrefWidth(width);
        c.setCellValueFactory(x -> new ReadOnlyStringWrapper(f.apply(x.getValue())));
        return c;
    }
}
