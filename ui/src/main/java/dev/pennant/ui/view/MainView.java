package dev.pennant.ui.view;

import dev.pennant.ui.viewmodel.TerminalViewModel;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Separator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.util.StringConverter;
import org.kordamp.ikonli.javafx.FontIcon;

import java.io.File;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Objects;

/**
 * The terminal window: menu and toolbar, Market Watch, chart, and beside it the order ticket over the AI reasoning /
 * order book tabs; account summary and positions / open orders / order history / fills below; status bar at the bottom. Built in code; binds only to {@link TerminalViewModel}.
 */
public final class MainView {

    private final TerminalViewModel vm;
    private final dev.pennant.ui.viewmodel.SessionStatusViewModel status;
    private final BorderPane root = new BorderPane();
    private final PriceChartView chart;
    private final VaultDialogs vault = VaultDialogs.forTerminal();
    private final BackupDialog backups = BackupDialog.forTerminal();
    /** Width (px) the Market Watch panel opens with, so Last, 24h % and volume fit without cutting digits. */
    private static final double MARKET_WATCH_WIDTH = 410;
    /** Kill switch hotkey: Ctrl+Shift+K engages it (and cancels every open order); the toolbar toggle releases it. */
    public static final KeyCombination KILL_SWITCH_KEY = new KeyCodeCombination(KeyCode.K,
            KeyCombination.CONTROL_DOWN, KeyCombination.SHIFT_DOWN);
    private final ToggleButton marketWatchToggle = new ToggleButton("Market Watch", new FontIcon("fth-list"));
    private Stage stage;

    /** Builds the window content for {@code vm}. */
    public MainView(TerminalViewModel vm) {
        this.vm = vm;
        this.status = vm.status();
        OrderTicketView ticket = new OrderTicketView(vm.orderTicket());
        this.chart = new PriceChartView(vm.chart(), status.offerIntervalProperty(),
                new ChartTrading(vm.chartOrders(), ticket::reviewAndConfirm), vm::suggestedReplayFolder);
        ReasoningPanel reasoning = new ReasoningPanel(vm.reasoning());
        OrdersView orders = new OrdersView(vm.orders());

        MarketWatchView marketWatch = new MarketWatchView(vm.marketWatch());
        TabPane side = new TabPane(new Tab("AI reasoning", new AiReasoningView(vm.ai(), reasoning.root()).root()),
                new Tab("Order book", new OrderBookView(vm.orderBook(), vm.ladderTrading()).root()),
                new Tab("Timeframes", chart.timeframesPanel()),
                new Tab("Risk", new RiskPanelView(vm.risk()).root()),
                new Tab("Portfolios", new PortfolioManagerView(vm.portfolios()).root()));
        side.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        side.setId("sidePanel");
        ticket.root().setId("orderTicket");
        SplitPane sideSplit = new SplitPane(ticket.root(), side);
        sideSplit.setOrientation(Orientation.VERTICAL);
        sideSplit.setDividerPositions(0.70);
        VBox sideBox = new VBox(new FuturesStripView(vm.futures()).root(), sideSplit);
        VBox.setVgrow(sideSplit, Priority.ALWAYS);
        SplitPane top = new SplitPane(marketWatch.root(), chart.root(), sideBox);
        SplitPane.setResizableWithParent(marketWatch.root(), false);
        top.setDividerPositions(0.25, 0.72);
        // Market Watch wants ~400 px for its six columns (a 9-digit BTC price was cut to "10923…" at 25 % of a
        // 1480 px window): set its divider in pixels once the window has its width.
        top.widthProperty().addListener(new javafx.beans.value.ChangeListener<>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends Number> o, Number was, Number w) {
                if (w.doubleValue() > 0) {
                    o.removeListener(this);
                    top.setDividerPositions(Math.min(0.35, Math.max(0.25, MARKET_WATCH_WIDTH / w.doubleValue())), 0.72);
                }
            }
        });
        marketWatchToggle.setOnAction(e -> { // collapse / restore the Market Watch panel
            if (marketWatchToggle.isSelected()) top.getItems().addFirst(marketWatch.root());
            else top.getItems().remove(marketWatch.root());
        });
        HBox bottom = new HBox(accountBox(), orders.root());
        HBox.setHgrow(orders.root(), Priority.ALWAYS);
        SplitPane center = new SplitPane(top, bottom);
        center.setOrientation(Orientation.VERTICAL);
        center.setDividerPositions(0.68);

        root.setTop(new VBox(liveBanner(), menuBar(), toolBar(), problemBanner()));
        root.setCenter(center);
        root.setBottom(statusBar());
        root.getStyleClass().add("pennant-root");
    }

    /** The scene root. */
    public Parent root() {
        return root;
    }

    /** The application stylesheet URL. */
    public static String stylesheet() {
        return Objects.requireNonNull(MainView.class.getResource("/dev/pennant/ui/pennant.css"), "pennant.css").toExternalForm();
    }

    /** Gives the view its window (file choosers need an owner). */
    public void afterShow(Stage owner) {
        this.stage = owner;
        vault.install(owner);
        backups.install(owner);
    }

    /** Candles currently drawn on the chart (tests). */
    public int chartCandleCount() {
        return chart.candleCount();
    }

    private MenuBar menuBar() {
        MenuItem replayFolder = new MenuItem("Replay from folder…");
        replayFolder.setId("menuReplayFolder");
        replayFolder.setOnAction(e -> chooseFolder());
        MenuItem replayFile = new MenuItem("Replay file…");
        replayFile.setOnAction(e -> chooseFile());
        MenuItem live = new MenuItem("Connect to Binance live data");
        live.setOnAction(e -> vm.connectLive());
        MenuItem exit = new MenuItem("Exit");
        exit.setOnAction(e -> javafx.application.Platform.exit());
        Menu file = new Menu("File", null, replayFolder, replayFile, live, new javafx.scene.control.SeparatorMenuItem(), exit);

        MenuItem pause = new MenuItem("Pause / resume replay");
        pause.setOnAction(e -> status.togglePause());
        pause.disableProperty().bind(status.replayingProperty().not());
        MenuItem kill = new MenuItem("Engage kill switch (cancels open orders)");
        kill.setId("menuKillSwitch");
        kill.setAccelerator(KILL_SWITCH_KEY);
        kill.setOnAction(e -> vm.setKillSwitch(true));
        MenuItem lab = new MenuItem("Backtest Lab…");
        lab.setOnAction(e -> BacktestLabView.open(stage));
        MenuItem analytics = new MenuItem("Analytics…");
        analytics.setOnAction(e -> AnalyticsView.open(stage, new dev.pennant.ui.viewmodel.AnalyticsViewModel(vm.history())));
        Menu session = new Menu("Session", null, pause, kill, lab, analytics);
        return new MenuBar(file, session, vault.menu(), backups.menu());
    }

    private ToolBar toolBar() {
        ToggleGroup mode = new ToggleGroup();
        ToggleButton paper = new ToggleButton("PAPER");
        paper.setToggleGroup(mode);
        paper.setSelected(true);
        paper.getStyleClass().add("mode-paper");
        paper.setId("modePaper");
        ToggleButton live = new ToggleButton("LIVE");
        live.setId("modeLive");
        live.setToggleGroup(mode);
        live.getStyleClass().add("mode-live");
        Tooltip.install(live, new Tooltip("Go LIVE: unlock the vault, choose the key and venue, type the confirmation"));
        // The toggles show the session's mode; a click only asks (dialog / confirmation), the view-model switches.
        Runnable showMode = () -> {
            boolean isLive = "LIVE".equals(vm.modeProperty().get());
            paper.setSelected(!isLive);
            live.setSelected(isLive);
        };
        live.setOnAction(e -> {
            showMode.run();
            if (!"LIVE".equals(vm.modeProperty().get())) GoLiveDialog.show(stage, vm, vault);
        });
        paper.setOnAction(e -> {
            showMode.run();
            if ("LIVE".equals(vm.modeProperty().get())) GoLiveDialog.confirmPaper(stage, vm);
        });
        vm.modeProperty().addListener((o, a, b) -> showMode.run());
        HBox modeBox = new HBox(0, paper, live);
        modeBox.getStyleClass().add("mode-toggle");

        ChoiceBox<Double> speed = new ChoiceBox<>();
        speed.setId("speedChoice");
        speed.getItems().addAll(1.0, 10.0, 60.0, 300.0, 1000.0, 0.0);
        speed.setConverter(new StringConverter<>() {
            @Override
            public String toString(Double s) {
                return s == null ? "" : s == 0 ? "max" : String.format(Locale.ROOT, "%.0f×", s);
            }

            @Override
            public Double fromString(String s) {
                return null;
            }
        });
        double initial = vm.options().speed();
        if (!speed.getItems().contains(initial)) {
            speed.getItems().add(initial);
        }
        speed.setValue(initial);
        speed.valueProperty().addListener((o, a, s) -> {
            if (s != null) {
                status.setSpeed(s);
            }
        });
        speed.disableProperty().bind(status.replayingProperty().not());
        Tooltip.install(speed, new Tooltip("Replay speed (multiple of real time)"));

        Button pause = new Button();
        pause.graphicProperty().bind(Bindings.when(status.pausedProperty())
                .then(new FontIcon("fth-play")).otherwise(new FontIcon("fth-pause")));
        pause.textProperty().bind(Bindings.when(status.pausedProperty()).then("Resume").otherwise("Pause"));
        pause.setOnAction(e -> status.togglePause());
        pause.disableProperty().bind(status.replayingProperty().not());
        pause.setId("pauseReplay");

        ToggleButton kill = new ToggleButton("Kill switch", new FontIcon("fth-power"));
        kill.setId("killSwitch");
        kill.getStyleClass().add("kill-switch");
        kill.selectedProperty().addListener((o, a, on) -> vm.setKillSwitch(on));
        vm.killSwitchProperty().addListener((o, a, on) -> kill.setSelected(on));
        Tooltip.install(kill, new Tooltip("Deny every new order until released; engaging cancels every open order ("
                + KILL_SWITCH_KEY.getDisplayText() + ")"));

        Button folder = new Button("Replay folder…", new FontIcon("fth-folder"));
        folder.setOnAction(e -> chooseFolder());

        Label session = new Label();
        session.textProperty().bind(status.sessionTextProperty());
        session.getStyleClass().add("session-label");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        marketWatchToggle.setSelected(true);
        marketWatchToggle.setId("marketWatchToggle");
        return new ToolBar(modeBox, new Separator(), new Label("Speed"), speed, pause, new Separator(), kill,
                new Separator(), folder, marketWatchToggle, spacer, session);
    }

    /** The red band across the top of the window while a LIVE session runs. */
    private HBox liveBanner() {
        Label msg = new Label();
        msg.setId("liveBannerText");
        msg.setWrapText(true);
        msg.textProperty().bind(vm.liveTextProperty());
        Button paper = new Button("Back to PAPER");
        paper.setId("liveBannerPaper");
        paper.setMinWidth(Region.USE_PREF_SIZE);
        paper.setOnAction(e -> GoLiveDialog.confirmPaper(stage, vm));
        HBox.setHgrow(msg, Priority.ALWAYS);
        HBox banner = new HBox(10, new FontIcon("fth-zap"), msg, paper);
        banner.setId("liveBanner");
        banner.setAlignment(Pos.CENTER_LEFT);
        banner.setPadding(new Insets(6, 10, 6, 10));
        banner.getStyleClass().add("live-banner");
        banner.visibleProperty().bind(vm.modeProperty().isEqualTo("LIVE"));
        banner.managedProperty().bind(banner.visibleProperty());
        return banner;
    }

    private HBox problemBanner() {
        Label msg = new Label();
        msg.setId("problemText");
        msg.setWrapText(true);
        msg.textProperty().bind(status.problemProperty());
        Button replay = new Button("Replay from folder…", new FontIcon("fth-folder"));
        replay.setId("problemReplay");
        replay.setOnAction(e -> chooseFolder());
        replay.visibleProperty().bind(status.liveUnavailableProperty());
        replay.managedProperty().bind(replay.visibleProperty());
        Button interval = new Button("Pick interval", new FontIcon("fth-clock"));
        interval.setId("problemPickInterval");
        interval.setOnAction(e -> chart.focusIntervalSelector());
        interval.visibleProperty().bind(status.offerIntervalProperty());
        interval.managedProperty().bind(interval.visibleProperty());
        interval.setMinWidth(Region.USE_PREF_SIZE);
        Button dismiss = new Button("Dismiss");
        replay.setMinWidth(Region.USE_PREF_SIZE);
        dismiss.setMinWidth(Region.USE_PREF_SIZE);
        dismiss.setOnAction(e -> status.dismissProblem());
        HBox.setHgrow(msg, Priority.ALWAYS);
        HBox banner = new HBox(10, new FontIcon("fth-alert-triangle"), msg, interval, replay, dismiss);
        banner.setAlignment(Pos.CENTER_LEFT);
        banner.setPadding(new Insets(6, 10, 6, 10));
        banner.getStyleClass().add("problem-banner");
        banner.visibleProperty().bind(status.problemProperty().isNotEmpty());
        banner.managedProperty().bind(banner.visibleProperty());
        return banner;
    }

    private VBox accountBox() {
        Label title = new Label();
        title.textProperty().bind(Bindings.when(vm.modeProperty().isEqualTo("LIVE"))
                .then("LIVE ledger (USDT)").otherwise("Paper account (USDT)"));
        title.getStyleClass().add("panel-title");
        Label equity = value("equityValue");
        Label cash = value("cashValue");
        Label posValue = value("positionValue");
        Label realised = value("realisedValue");
        Label unrealised = value("unrealisedValue");
        Label ret = value("returnValue");
        vm.equityProperty().addListener((o, a, e) -> {
            if (e == null) {
                for (Label l : new Label[] {equity, cash, posValue, realised, unrealised, ret}) {
                    l.setText("—");
                }
                return;
            }
            equity.setText(money(e.equity()));
            cash.setText(money(e.cash()));
            posValue.setText(money(e.positionValue()));
            setSigned(realised, e.realizedPnl());
            setSigned(unrealised, e.unrealizedPnl());
            BigDecimal start = vm.startingCash();
            double r = start.signum() == 0 ? 0 : (e.equity().doubleValue() / start.doubleValue() - 1) * 100;
            ret.setText(String.format(Locale.ROOT, "%+.2f %%", r));
            ret.getStyleClass().removeAll("gain", "loss");
            ret.getStyleClass().add(r >= 0 ? "gain" : "loss");
        });
        GridPane g = new GridPane(12, 4);
        String[] names = {"Equity", "Cash", "Position value", "Realised P&L", "Unrealised P&L", "Return"};
        Label[] values = {equity, cash, posValue, realised, unrealised, ret};
        for (int i = 0; i < names.length; i++) {
            Label n = new Label(names[i]);
            n.getStyleClass().add("field-name");
            g.add(n, 0, i);
            g.add(values[i], 1, i);
        }
        Label previous = new Label();
        previous.setId("previousSession");
        previous.setWrapText(true);
        previous.textProperty().bind(status.previousSessionTextProperty());
        previous.getStyleClass().add("panel-subtitle");
        VBox box = new VBox(8, title, g, previous);
        box.setPadding(new Insets(8, 12, 8, 12));
        box.setMinWidth(270);
        box.setPrefWidth(290);
        box.getStyleClass().add("account-box");
        return box;
    }

    private HBox statusBar() {
        Label mode = new Label();
        mode.setId("modeBadge");
        mode.textProperty().bind(vm.modeProperty());
        mode.getStyleClass().add("badge-paper");
        Tooltip tip = new Tooltip("Paper trading: orders go to the simulated venue");
        Tooltip.install(mode, tip);
        vm.modeProperty().addListener((o, a, m) -> {
            boolean isLive = "LIVE".equals(m);
            mode.getStyleClass().removeAll("badge-paper", "badge-live");
            mode.getStyleClass().add(isLive ? "badge-live" : "badge-paper");
            tip.setText(isLive ? "LIVE trading: " + vm.liveTextProperty().get()
                    : "Paper trading: orders go to the simulated venue");
        });
        Label source = new Label();
        source.setId("sourceStatus");
        source.textProperty().bind(status.sourceTextProperty());
        Label state = new Label();
        state.setId("sourceState");
        state.textProperty().bind(status.sourceStateProperty());
        state.getStyleClass().add("state-label");
        Label speed = new Label();
        speed.setId("speedStatus");
        speed.textProperty().bind(Bindings.concat("speed ", status.speedTextProperty()));
        Label last = new Label();
        last.textProperty().bind(status.lastBarTextProperty());
        Label reconciled = new Label();
        reconciled.setId("reconciliationStatus");
        reconciled.textProperty().bind(status.reconciliationTextProperty());
        reconciled.getStyleClass().add("muted");
        Label history = new Label();
        history.textProperty().bind(status.historyTextProperty());
        history.getStyleClass().add("muted");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        for (Label l : new Label[] {mode, state, speed, last}) {
            l.setMinWidth(Region.USE_PREF_SIZE);
        }
        source.setMinWidth(200);
        history.setMinWidth(80);
        HBox bar = new HBox(14, mode, source, state, speed, last, new ConnectionStatusView(vm.connection()).root(),
                reconciled, spacer, history);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4, 10, 4, 10));
        bar.getStyleClass().add("status-bar");
        return bar;
    }

    private void chooseFolder() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Replay recorded Binance klines from a folder");
        vm.suggestedReplayFolder().map(java.nio.file.Path::toFile).filter(File::isDirectory).ifPresent(chooser::setInitialDirectory);
        File dir = chooser.showDialog(stage);
        if (dir != null) {
            status.dismissProblem();
            vm.replay(dir.toPath());
        }
    }

    private void chooseFile() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Replay a recorded Binance kline file");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Kline CSV", "*.csv", "*.csv.gz", "*.gz"));
        vm.suggestedReplayFolder().map(java.nio.file.Path::toFile).filter(File::isDirectory).ifPresent(chooser::setInitialDirectory);
        File f = chooser.showOpenDialog(stage);
        if (f != null) {
            status.dismissProblem();
            vm.replay(f.toPath());
        }
    }

    private static Label value(String id) {
        Label l = new Label("—");
        l.setId(id);
        l.getStyleClass().add("field-value");
        return l;
    }

    private static void setSigned(Label l, BigDecimal v) {
        l.setText(String.format(Locale.ROOT, "%+,.2f", v));
        l.getStyleClass().removeAll("gain", "loss");
        l.getStyleClass().add(v.signum() >= 0 ? "gain" : "loss");
    }

    private static String money(BigDecimal v) {
        return String.format(Locale.ROOT, "%,.2f", v);
    }

}
