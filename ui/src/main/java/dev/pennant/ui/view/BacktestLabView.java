package dev.pennant.ui.view;

import dev.pennant.ui.viewmodel.BacktestLabViewModel;
import dev.pennant.ui.viewmodel.BacktestLabViewModel.Heat;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.chart.AreaChart;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.StringConverter;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.function.Function;

/**
 * The Backtest Lab window: the inputs on the left (data, dates, costs, strategy parameters, run mode and optimiser),
 * Run / Cancel with a progress bar, and the results in tabs: equity and drawdown plots, metrics, trades, the
 * optimisation's best trials with a heat map over two chosen parameters, and the walk-forward table. Binds only to
 * {@link BacktestLabViewModel}.
 */
public final class BacktestLabView {

    private final BacktestLabViewModel vm;
    private final BorderPane root = new BorderPane();
    private final LineChart<Number, Number> equityChart;
    private final LineChart<Number, Number> priceChart;
    private final AreaChart<Number, Number> drawdownChart;
    private final GridPane heatGrid = new GridPane();
    private final Label heatTitle = new Label("Run an optimisation to see the heat map.");

    /** Builds the view over {@code vm}. */
    public BacktestLabView(BacktestLabViewModel vm) {
        this.vm = vm;
        equityChart = new LineChart<>(timeAxis(false), new NumberAxis());
        equityChart.setId("labEquityChart");
        equityChart.setTitle("Equity (USDT)");
        drawdownChart = new AreaChart<>(timeAxis(false), new NumberAxis());
        drawdownChart.setId("labDrawdownChart");
        drawdownChart.setTitle("Drawdown (% below peak)");
        equityChart.setCreateSymbols(false);
        drawdownChart.setCreateSymbols(false);
        for (XYChart<Number, Number> c : java.util.List.<XYChart<Number, Number>>of(equityChart, drawdownChart)) {
            c.setLegendVisible(false);
            c.setAnimated(false);
            ((NumberAxis) c.getYAxis()).setForceZeroInRange(false);
        }
        priceChart = new LineChart<>(timeAxis(true), new NumberAxis());
        priceChart.setId("labPriceChart");
        priceChart.setTitle("Price (USDT) — click a trade to mark it");
        priceChart.setCreateSymbols(false);
        priceChart.setLegendVisible(false);
        priceChart.setAnimated(false);
        ((NumberAxis) priceChart.getYAxis()).setForceZeroInRange(false);
        vm.priceViewProperty().addListener((o, a, p) -> showPrice(p));
        vm.curveProperty().addListener((o, a, c) -> showCurve(c));
        vm.heatProperty().addListener((o, a, h) -> showHeat(h));

        TabPane tabs = new TabPane(new Tab("Equity", equityPane()), new Tab("Metrics", metricsTable()),
                new Tab("Trades", tradesPane()), new Tab("Optimisation", optimisationPane()),
                new Tab("Walk-forward", walkForwardPane()));
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.setId("labTabs");
        root.setLeft(form());
        root.setCenter(tabs);
        root.setBottom(statusBar());
        root.getStyleClass().add("pennant-root");
    }

    /** Opens the lab in its own window (owner: the terminal), with a view-model over the recorded data. */
    public static Stage open(Window owner) {
        BacktestLabViewModel vm = new BacktestLabViewModel(BacktestLabViewModel.defaultKlinesRoot(),
                Runtime.getRuntime().availableProcessors());
        BacktestLabView view = new BacktestLabView(vm);
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.setTitle("Pennant — Backtest Lab");
        Scene scene = new Scene(view.root(), 1400, 860);
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

    private Parent form() {
        GridPane g = new GridPane();
        g.setHgap(8);
        g.setVgap(6);
        g.setPadding(new Insets(10));
        javafx.scene.layout.ColumnConstraints labels = new javafx.scene.layout.ColumnConstraints();
        labels.setMinWidth(110); // "Enter below RSI" must not collapse to "…"
        g.getColumnConstraints().setAll(labels, new javafx.scene.layout.ColumnConstraints());
        int r = 0;
        g.add(header("Data"), 0, r++, 2, 1);
        ComboBox<String> symbol = new ComboBox<>(vm.symbols());
        symbol.setId("labSymbol");
        symbol.valueProperty().bindBidirectional(vm.symbolProperty());
        row(g, r++, "Symbol", symbol);
        ComboBox<String> interval = new ComboBox<>(vm.intervals());
        interval.setId("labInterval");
        interval.valueProperty().bindBidirectional(vm.intervalProperty());
        row(g, r++, "Interval", interval);
        ComboBox<Path> file = new ComboBox<>(vm.files());
        file.setId("labFile");
        file.setConverter(new StringConverter<>() {
            @Override
            public String toString(Path p) {
                return p == null ? "" : p.getFileName().toString();
            }

            @Override
            public Path fromString(String s) {
                return null;
            }
        });
        file.valueProperty().bindBidirectional(vm.fileProperty());
        file.setMaxWidth(Double.MAX_VALUE);
        Button browse = new Button("…");
        browse.setTooltip(new Tooltip("Another kline file (.csv / .csv.gz)"));
        browse.setOnAction(e -> {
            FileChooser fc = new FileChooser();
            fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("Klines", "*.csv", "*.csv.gz"));
            var chosen = fc.showOpenDialog(root.getScene().getWindow());
            if (chosen != null) {
                vm.fileProperty().set(chosen.toPath());
            }
        });
        HBox fileBox = new HBox(4, file, browse);
        HBox.setHgrow(file, Priority.ALWAYS);
        row(g, r++, "File", fileBox);
        DatePicker from = new DatePicker();
        from.setId("labFrom");
        from.valueProperty().bindBidirectional(vm.fromProperty());
        from.setPromptText("first bar");
        row(g, r++, "From (UTC)", from);
        DatePicker to = new DatePicker();
        to.setId("labTo");
        to.valueProperty().bindBidirectional(vm.toProperty());
        to.setPromptText("last bar");
        row(g, r++, "To (UTC)", to);
        row(g, r++, "Cash (USDT)", field("labCash", vm.cashProperty()));
        row(g, r++, "Taker fee (%)", field("labFee", vm.feePercentProperty()));
        Label slip = new Label("paper fill model: next open, ≤ 10 % of bar volume");
        slip.getStyleClass().add("text-muted");
        slip.setWrapText(true);
        row(g, r++, "Slippage", slip);
        g.add(new Separator(), 0, r++, 2, 1);
        g.add(header("Strategy"), 0, r++, 2, 1);
        ComboBox<String> strategy = new ComboBox<>(vm.strategies());
        strategy.setId("labStrategy");
        strategy.valueProperty().bindBidirectional(vm.strategyProperty());
        row(g, r++, "Strategy", strategy);
        Label note = new Label();
        note.setId("labStrategyNote");
        note.textProperty().bind(vm.strategyNoteProperty());
        note.getStyleClass().add("text-muted");
        note.setWrapText(true);
        note.setMaxWidth(470);
        g.add(note, 0, r++, 2, 1);
        GridPane legacy = subGrid();
        int lr = 0;
        row(legacy, lr++, "Fast EMA", field("labFast", vm.fastProperty()));
        row(legacy, lr++, "Slow EMA", field("labSlow", vm.slowProperty()));
        row(legacy, lr++, "RSI period", field("labRsi", vm.rsiProperty()));
        row(legacy, lr++, "Enter below RSI", field("labRsiEntry", vm.rsiEntryProperty()));
        row(legacy, lr, "Exit at RSI", field("labRsiExit", vm.rsiExitProperty()));
        showWhen(legacy, vm.strategyProperty().isEqualTo(BacktestLabViewModel.LEGACY));
        g.add(legacy, 0, r++, 2, 1);
        GridPane params = subGrid();
        params.setId("labParams");
        vm.parameterFields().addListener((javafx.collections.ListChangeListener<BacktestLabViewModel.ParameterField>)
                c -> fillParameters(params));
        fillParameters(params);
        g.add(params, 0, r++, 2, 1);
        VBox rules = new VBox(6, new Label("Long entry when"), ruleComposer("labEntry", vm.entryRules()),
                new Label("Close the long when (empty: never)"), ruleComposer("labExit", vm.exitRules()));
        rules.setId("labRules");
        showWhen(rules, vm.strategyProperty().isEqualTo(BacktestLabViewModel.RULES));
        g.add(rules, 0, r++, 2, 1);
        g.add(new Separator(), 0, r++, 2, 1);
        g.add(header("Run"), 0, r++, 2, 1);
        ComboBox<BacktestLabViewModel.Mode> mode = new ComboBox<>();
        mode.getItems().setAll(BacktestLabViewModel.Mode.values());
        mode.setId("labMode");
        mode.valueProperty().bindBidirectional(vm.modeProperty());
        // rules have no parameters to search
        mode.disableProperty().bind(vm.strategyProperty().isEqualTo(BacktestLabViewModel.RULES));
        row(g, r++, "Mode", mode);
        ComboBox<String> method = new ComboBox<>();
        method.getItems().setAll("grid", "random", "tpe");
        method.setId("labMethod");
        method.valueProperty().bindBidirectional(vm.methodProperty());
        method.setTooltip(new Tooltip("tpe: the model-based search (CMA-ES, Hipparchus)"));
        row(g, r++, "Search", method);
        ComboBox<String> metric = new ComboBox<>();
        metric.getItems().setAll("sharpe", "sortino", "return", "calmar", "profit_factor");
        metric.valueProperty().bindBidirectional(vm.metricProperty());
        row(g, r++, "Maximise", metric);
        row(g, r++, "Trials", field("labTrials", vm.trialsProperty()));
        row(g, r++, "WF windows", field("labWindows", vm.windowsProperty()));
        ComboBox<String> heatX = new ComboBox<>(vm.heatAxes());
        heatX.setId("labHeatX");
        heatX.valueProperty().bindBidirectional(vm.heatXProperty());
        ComboBox<String> heatY = new ComboBox<>(vm.heatAxes());
        heatY.setId("labHeatY");
        heatY.valueProperty().bindBidirectional(vm.heatYProperty());
        row(g, r++, "Heat map", new HBox(6, heatX, new Label("×"), heatY));
        Button run = new Button("Run");
        run.setId("labRun");
        run.setDefaultButton(true);
        run.disableProperty().bind(vm.runningProperty());
        run.setOnAction(e -> vm.run());
        Button cancel = new Button("Cancel");
        cancel.setId("labCancel");
        cancel.disableProperty().bind(vm.runningProperty().not());
        cancel.setOnAction(e -> vm.cancel());
        Label error = new Label();
        error.setId("labError");
        error.textProperty().bind(vm.errorProperty());
        error.setStyle("-fx-text-fill: #f85149;");
        error.setWrapText(true);
        error.setMaxWidth(300);
        // Run / Cancel stay in view below the scrolling form
        VBox actions = new VBox(6, new HBox(8, run, cancel), error);
        actions.setPadding(new Insets(8, 10, 10, 10));
        ScrollPane scroll = new ScrollPane(g);
        scroll.setFitToWidth(true);
        VBox left = new VBox(scroll, actions);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        left.setPrefWidth(530); // room for a rule row's five pickers
        left.setMinWidth(530);
        return left;
    }

    private static GridPane subGrid() {
        GridPane g = new GridPane();
        g.setHgap(8);
        g.setVgap(6);
        javafx.scene.layout.ColumnConstraints labels = new javafx.scene.layout.ColumnConstraints();
        labels.setMinWidth(110);
        g.getColumnConstraints().setAll(labels, new javafx.scene.layout.ColumnConstraints());
        return g;
    }

    private static void showWhen(Region node, javafx.beans.value.ObservableBooleanValue shown) {
        node.visibleProperty().bind(shown);
        node.managedProperty().bind(shown);
    }

    /** One row per parameter of the picked built-in: name, a text field (id {@code labParam-<name>}), range tooltip. */
    private void fillParameters(GridPane params) {
        params.getChildren().clear();
        int r = 0;
        for (BacktestLabViewModel.ParameterField f : vm.parameterFields()) {
            TextField t = field("labParam-" + f.name(), f.value());
            t.setPromptText(f.prompt());
            String help = f.help();
            t.setTooltip(new Tooltip(help));
            Label l = new Label(f.name());
            l.setTooltip(new Tooltip(help));
            params.add(l, 0, r);
            params.add(t, 1, r++);
            GridPane.setHgrow(t, Priority.ALWAYS);
        }
    }

    /**
     * A rule's composer: AND/OR and "+" on top, one picker row per comparison, then the equivalent text field
     * ({@code <id>Text}) and the rule's error ({@code <id>Error}).
     */
    private Parent ruleComposer(String id, dev.pennant.ui.viewmodel.RuleEditor editor) {
        var join = new ComboBox<>(javafx.collections.FXCollections.observableArrayList(
                dev.pennant.ui.viewmodel.RuleEditor.joins()));
        join.setId(id + "Join");
        join.valueProperty().bindBidirectional(editor.joinProperty());
        join.setTooltip(new Tooltip("How the comparisons combine: all (AND) or any (OR)"));
        Button add = new Button("+ comparison");
        add.setId(id + "Add");
        add.setOnAction(e -> editor.addRow());
        VBox rows = new VBox(4);
        rows.setId(id + "Rows");
        Runnable fill = () -> {
            rows.getChildren().clear();
            for (var row : editor.rows()) {
                rows.getChildren().add(ruleRow(editor, row));
            }
        };
        editor.rows().addListener((javafx.collections.ListChangeListener<dev.pennant.ui.viewmodel.RuleEditor.Row>) c -> {
            while (c.next()) {
                if (c.wasAdded() || c.wasRemoved() || c.wasPermutated()) {
                    fill.run(); // a value edit (c.wasUpdated) keeps the controls the user is in
                    return;
                }
            }
        });
        fill.run();
        TextField text = new TextField();
        text.setId(id + "Text");
        text.textProperty().bindBidirectional(editor.textProperty());
        text.setPromptText("e.g. RSI(14) < 30 AND close > SMA(200)");
        Label error = new Label();
        error.setId(id + "Error");
        error.textProperty().bind(editor.errorProperty());
        error.setStyle("-fx-text-fill: #f85149;");
        error.setWrapText(true);
        error.setMaxWidth(470);
        showWhen(error, editor.errorProperty().isNotEmpty());
        HBox top = new HBox(6, join, add);
        top.setAlignment(Pos.CENTER_LEFT);
        return new VBox(4, top, rows, text, error);
    }

    private static HBox ruleRow(dev.pennant.ui.viewmodel.RuleEditor editor, dev.pennant.ui.viewmodel.RuleEditor.Row row) {
        ComboBox<String> left = new ComboBox<>();
        left.getItems().setAll(dev.pennant.ui.viewmodel.RuleEditor.OPERANDS);
        left.valueProperty().bindBidirectional(row.leftProperty());
        TextField leftArg = new TextField();
        leftArg.textProperty().bindBidirectional(row.leftArgProperty());
        leftArg.setTooltip(new Tooltip("period in bars"));
        // a bar field has no period
        leftArg.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> dev.pennant.ui.viewmodel.RuleEditor.OPERANDS.indexOf(row.leftProperty().get()) < 5, row.leftProperty()));
        var op = new ComboBox<>(javafx.collections.FXCollections.observableArrayList(
                dev.pennant.ui.viewmodel.RuleEditor.operators()));
        op.valueProperty().bindBidirectional(row.opProperty());
        op.setConverter(dev.pennant.ui.viewmodel.RuleEditor.operatorLabels());
        op.setTooltip(new Tooltip("crosses ↑ = crosses_above: left was ≤ right on the previous bar and is > now; "
                + "crosses ↓ = crosses_below"));
        ComboBox<String> right = new ComboBox<>();
        right.getItems().add(dev.pennant.ui.viewmodel.RuleEditor.VALUE);
        right.getItems().addAll(dev.pennant.ui.viewmodel.RuleEditor.OPERANDS);
        right.valueProperty().bindBidirectional(row.rightProperty());
        TextField rightArg = new TextField();
        rightArg.textProperty().bindBidirectional(row.rightArgProperty());
        rightArg.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(() -> {
            int i = dev.pennant.ui.viewmodel.RuleEditor.OPERANDS.indexOf(row.rightProperty().get());
            return i >= 0 && i < 5;
        }, row.rightProperty()));
        Button remove = new Button("×");
        remove.setTooltip(new Tooltip("Remove this comparison"));
        remove.setOnAction(e -> editor.rows().remove(row));
        double[] widths = {100, 46, 116, 130, 58};
        Region[] parts = {left, leftArg, op, right, rightArg};
        for (int i = 0; i < parts.length; i++) {
            parts[i].setPrefWidth(widths[i]);
            parts[i].setMinWidth(widths[i]); // HBox would otherwise squeeze the pickers to "…"
        }
        HBox h = new HBox(3, left, leftArg, op, right, rightArg, remove);
        h.getStyleClass().add("rule-row");
        h.setAlignment(Pos.CENTER_LEFT);
        return h;
    }

    private static Label header(String text) {
        Label l = new Label(text);
        l.setStyle("-fx-font-weight: bold;");
        return l;
    }

    private static void row(GridPane g, int r, String label, Region control) {
        g.add(new Label(label), 0, r);
        g.add(control, 1, r);
        control.setMaxWidth(Double.MAX_VALUE);
        GridPane.setHgrow(control, Priority.ALWAYS);
    }

    private static TextField field(String id, javafx.beans.property.StringProperty p) {
        TextField f = new TextField();
        f.setId(id);
        f.textProperty().bindBidirectional(p);
        f.setPrefColumnCount(8);
        return f;
    }

    private HBox statusBar() {
        ProgressBar bar = new ProgressBar();
        bar.setId("labProgress");
        bar.progressProperty().bind(vm.progressProperty());
        bar.setPrefWidth(260);
        Label status = new Label();
        status.setId("labStatus");
        status.textProperty().bind(vm.statusProperty());
        HBox h = new HBox(10, bar, status);
        h.setAlignment(Pos.CENTER_LEFT);
        h.setPadding(new Insets(6, 10, 6, 10));
        return h;
    }

    private VBox equityPane() {
        VBox v = new VBox(equityChart, drawdownChart);
        VBox.setVgrow(equityChart, Priority.ALWAYS);
        drawdownChart.setPrefHeight(240);
        return v;
    }

    private static NumberAxis timeAxis(boolean withTime) {
        NumberAxis a = new NumberAxis();
        a.setForceZeroInRange(false);
        a.setAutoRanging(true);
        a.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number n) {
                String t = Instant.ofEpochMilli(n.longValue()).toString();
                return withTime ? t.substring(5, 16).replace('T', ' ') : t.substring(0, 10);
            }

            @Override
            public Number fromString(String s) {
                return 0;
            }
        });
        return a;
    }

    private void showCurve(BacktestLabViewModel.Curve c) {
        XYChart.Series<Number, Number> eq = new XYChart.Series<>();
        XYChart.Series<Number, Number> dd = new XYChart.Series<>();
        if (c != null) {
            for (int i = 0; i < c.times().length; i++) {
                eq.getData().add(new XYChart.Data<>(c.times()[i], c.equity()[i]));
                dd.getData().add(new XYChart.Data<>(c.times()[i], -c.drawdown()[i]));
            }
        }
        equityChart.getData().setAll(java.util.List.of(eq));
        drawdownChart.getData().setAll(java.util.List.of(dd));
    }

    /** The trade list above the price plot; selecting a trade marks its entry and exit there. */
    private Parent tradesPane() {
        TableView<BacktestLabViewModel.TradeLine> t = tradesTable();
        t.getSelectionModel().selectedItemProperty().addListener((o, a, trade) -> vm.selectTrade(trade));
        javafx.scene.control.SplitPane split = new javafx.scene.control.SplitPane(t, priceChart);
        split.setOrientation(javafx.geometry.Orientation.VERTICAL);
        split.setDividerPositions(0.45);
        return split;
    }

    /** Close line, and for a selected trade an entry (green) → exit (red) segment at the fill prices. */
    private void showPrice(BacktestLabViewModel.PriceView p) {
        XYChart.Series<Number, Number> close = new XYChart.Series<>();
        java.util.List<XYChart.Series<Number, Number>> all = new java.util.ArrayList<>(java.util.List.of(close));
        if (p != null) {
            for (int i = 0; i < p.times().length; i++) {
                close.getData().add(new XYChart.Data<>(p.times()[i], p.close()[i]));
            }
        }
        BacktestLabViewModel.Mark m = p == null ? null : p.mark();
        if (m != null) {
            XYChart.Series<Number, Number> trade = new XYChart.Series<>();
            trade.setName("trade");
            trade.getData().add(marker(m.entryTime(), m.entryPrice(), "#3fb950", "labEntryMark",
                    "entry " + Instant.ofEpochMilli(m.entryTime()) + " @ " + m.entryPrice()));
            if (m.exitTime() >= 0) {
                trade.getData().add(marker(m.exitTime(), m.exitPrice(), "#f85149", "labExitMark",
                        "exit " + Instant.ofEpochMilli(m.exitTime()) + " @ " + m.exitPrice()));
            }
            all.add(trade);
            priceChart.setTitle(String.format(Locale.ROOT, "Price (USDT) — trade %s @ %,.2f → %s", Instant.ofEpochMilli(
                    m.entryTime()).toString().substring(0, 16).replace('T', ' '), m.entryPrice(), m.exitTime() < 0 ? "open"
                    : String.format(Locale.ROOT, "%s @ %,.2f", Instant.ofEpochMilli(m.exitTime()).toString().substring(0, 16)
                    .replace('T', ' '), m.exitPrice())));
        } else {
            priceChart.setTitle("Price (USDT) — click a trade to mark it");
        }
        priceChart.getData().setAll(all);
        if (m != null) {
            all.getLast().getNode().setStyle("-fx-stroke: #e3b341; -fx-stroke-width: 2; -fx-stroke-dash-array: 6 4;");
        }
    }

    private static XYChart.Data<Number, Number> marker(long time, double price, String colour, String id, String tip) {
        XYChart.Data<Number, Number> d = new XYChart.Data<>(time, price);
        javafx.scene.shape.Circle dot = new javafx.scene.shape.Circle(6);
        dot.setId(id);
        dot.setStyle("-fx-fill: " + colour + "; -fx-stroke: white; -fx-stroke-width: 1.5;");
        Tooltip.install(dot, new Tooltip(tip));
        d.setNode(dot); // LineChart uses a given node even without symbols
        return d;
    }

    private TableView<BacktestLabViewModel.MetricLine> metricsTable() {
        TableView<BacktestLabViewModel.MetricLine> t = new TableView<>(vm.metrics());
        t.setId("labMetrics");
        t.getColumns().add(col("Metric", 320, BacktestLabViewModel.MetricLine::label));
        t.getColumns().add(col("Value", 220, BacktestLabViewModel.MetricLine::value));
        return t;
    }

    private TableView<BacktestLabViewModel.TradeLine> tradesTable() {
        TableView<BacktestLabViewModel.TradeLine> t = new TableView<>(vm.trades());
        t.setId("labTrades");
        t.getColumns().add(col("Entry (UTC)", 140, BacktestLabViewModel.TradeLine::entry));
        t.getColumns().add(col("Exit (UTC)", 140, BacktestLabViewModel.TradeLine::exit));
        t.getColumns().add(col("Side", 60, BacktestLabViewModel.TradeLine::direction));
        t.getColumns().add(col("Qty", 90, BacktestLabViewModel.TradeLine::quantity));
        t.getColumns().add(col("Entry price", 110, BacktestLabViewModel.TradeLine::entryPrice));
        t.getColumns().add(col("Exit price", 110, BacktestLabViewModel.TradeLine::exitPrice));
        t.getColumns().add(col("P&L (USDT)", 110, BacktestLabViewModel.TradeLine::pnl));
        t.getColumns().add(col("Return", 90, BacktestLabViewModel.TradeLine::returnPct));
        return t;
    }

    private Parent optimisationPane() {
        TableView<BacktestLabViewModel.TrialLine> t = new TableView<>(vm.trialLines());
        t.setId("labTrialTable");
        t.getColumns().add(col("#", 40, l -> Integer.toString(l.rank())));
        t.getColumns().add(col("Parameters", 430, BacktestLabViewModel.TrialLine::parameters));
        t.getColumns().add(col("Score", 70, BacktestLabViewModel.TrialLine::score));
        t.getColumns().add(col("Return", 80, BacktestLabViewModel.TrialLine::returnPct));
        t.getColumns().add(col("Sharpe", 70, BacktestLabViewModel.TrialLine::sharpe));
        t.getColumns().add(col("Max DD", 80, BacktestLabViewModel.TrialLine::maxDrawdown));
        t.getColumns().add(col("Trades", 60, l -> Integer.toString(l.trades())));
        heatGrid.setId("labHeatMap");
        heatGrid.setHgap(1);
        heatGrid.setVgap(1);
        ScrollPane heatScroll = new ScrollPane(new VBox(6, heatTitle, heatGrid));
        heatScroll.setPadding(new Insets(8));
        VBox v = new VBox(t, heatScroll);
        t.setPrefHeight(260);
        VBox.setVgrow(heatScroll, Priority.ALWAYS);
        return v;
    }

    private void showHeat(Heat h) {
        heatGrid.getChildren().clear();
        if (h == null || h.xs().length == 0) {
            return;
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] row : h.values()) {
            for (double v : row) {
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        heatTitle.setText(String.format(Locale.ROOT, "Best %s by %s (rows) × %s (columns): %.2f … %.2f", h.metric(), h.y(),
                h.x(), lo, hi));
        for (int xi = 0; xi < h.xs().length; xi++) {
            Label l = new Label(num(h.xs()[xi]));
            l.setStyle("-fx-font-size: 9px;");
            heatGrid.add(l, xi + 1, 0);
        }
        double scale = Math.max(Math.abs(lo), Math.abs(hi));
        for (int yi = 0; yi < h.ys().length; yi++) {
            Label l = new Label(num(h.ys()[yi]));
            l.setStyle("-fx-font-size: 9px;");
            heatGrid.add(l, 0, yi + 1);
            for (int xi = 0; xi < h.xs().length; xi++) {
                double v = h.values()[yi][xi];
                Region cell = new Region();
                cell.setPrefSize(18, 12);
                cell.setMinSize(18, 12);
                cell.setStyle("-fx-background-color: " + (Double.isFinite(v) ? colour(v, scale) : "#21262d") + ";");
                if (Double.isFinite(v)) {
                    Tooltip.install(cell, new Tooltip(String.format(Locale.ROOT, "%s=%s %s=%s: %.3f", h.x(),
                            num(h.xs()[xi]), h.y(), num(h.ys()[yi]), v)));
                }
                cell.getStyleClass().add("heat-cell");
                heatGrid.add(cell, xi + 1, yi + 1);
            }
        }
    }

    /** Red (negative) – grey – green (positive), saturated at ±scale. */
    private static String colour(double v, double scale) {
        double x = scale > 0 ? Math.max(-1, Math.min(1, v / scale)) : 0;
        int r = (int) (x >= 0 ? 70 - 30 * x : 70 + 160 * -x);
        int g = (int) (x >= 0 ? 70 + 130 * x : 70 - 20 * -x);
        int b = (int) (x >= 0 ? 70 - 10 * x : 70 - 20 * -x);
        return String.format(Locale.ROOT, "rgb(%d,%d,%d)", r, g, b);
    }

    private static String num(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    private Parent walkForwardPane() {
        TableView<BacktestLabViewModel.WindowLine> t = new TableView<>(vm.windowLines());
        t.setId("labWalkForward");
        t.getColumns().add(col("#", 40, l -> Integer.toString(l.window())));
        t.getColumns().add(col("In-sample", 190, BacktestLabViewModel.WindowLine::inSample));
        t.getColumns().add(col("Out-of-sample", 190, BacktestLabViewModel.WindowLine::outOfSample));
        t.getColumns().add(col("Best in-sample parameters", 420, BacktestLabViewModel.WindowLine::parameters));
        t.getColumns().add(col("IS return", 80, BacktestLabViewModel.WindowLine::isReturn));
        t.getColumns().add(col("OOS return", 90, BacktestLabViewModel.WindowLine::oosReturn));
        t.getColumns().add(col("OOS Sharpe", 80, BacktestLabViewModel.WindowLine::oosSharpe));
        t.getColumns().add(col("OOS trades", 80, l -> Integer.toString(l.oosTrades())));
        Label summary = new Label();
        summary.setId("labWalkForwardSummary");
        summary.textProperty().bind(vm.walkForwardSummaryProperty());
        summary.setPadding(new Insets(8));
        VBox v = new VBox(summary, t);
        VBox.setVgrow(t, Priority.ALWAYS);
        return v;
    }

    private static <R> TableColumn<R, String> col(String title, double width, Function<R, String> value) {
        TableColumn<R, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(value.apply(d.getValue())));
        c.setSortable(false);
        return c;
    }
}
