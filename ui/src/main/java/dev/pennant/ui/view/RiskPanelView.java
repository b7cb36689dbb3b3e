package dev.pennant.ui.view;

import dev.pennant.ui.viewmodel.RiskPanelViewModel;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;

import java.util.Locale;

/**
 * The risk panel: state (ACTIVE green / REDUCING amber / HALTED red) with its reason, figures, margin-ratio gauge,
 * correlation heat map, editable limits with Apply (errors in red, naming the field), Resume / Reduce only / Kill
 * switch, and the risk events as they happen.
 */
public final class RiskPanelView {

    private final VBox root = new VBox(8);

    /** The panel for {@code vm}. */
    public RiskPanelView(RiskPanelViewModel vm) {
        Label state = new Label();
        state.setId("riskState");
        state.textProperty().bind(vm.stateProperty());
        state.setStyle("-fx-font-weight: bold; -fx-padding: 2 8 2 8; -fx-background-radius: 4;");
        vm.stateProperty().addListener((o, a, s) -> state.setStyle(state.getStyle().replaceAll("-fx-background-color:[^;]*;", "")
                + "-fx-background-color: " + switch (s) {
                    case "HALTED" -> "#c62828";
                    case "REDUCING" -> "#ef8f00";
                    case "ACTIVE" -> "#2e7d32";
                    default -> "#777777";
                } + "; -fx-text-fill: white;"));
        Label reason = new Label();
        reason.setId("riskReason");
        reason.setWrapText(true);
        reason.textProperty().bind(vm.reasonProperty());
        Button resume = new Button("Resume");
        resume.setId("riskResume");
        resume.setTooltip(new Tooltip("Lift the drawdown, exchange-error and slippage halts (re-bases the peak)"));
        resume.setOnAction(e -> vm.resume());
        ToggleButton reduce = new ToggleButton("Reduce only");
        reduce.setId("riskReduceOnly");
        reduce.setOnAction(e -> vm.setReduceOnly(reduce.isSelected()));
        Button kill = new Button("Kill switch");
        kill.setId("riskKill");
        kill.setStyle("-fx-background-color: #c62828; -fx-text-fill: white; -fx-font-weight: bold;");
        kill.setOnAction(e -> vm.killSwitch());
        HBox actions = new HBox(6, state, resume, reduce, kill);
        actions.setAlignment(Pos.CENTER_LEFT);

        Label figures = new Label();
        figures.setId("riskFigures");
        figures.textProperty().bind(vm.figuresProperty());

        ProgressBar gauge = new ProgressBar(0);
        gauge.setId("marginGauge");
        gauge.setPrefWidth(220);
        Label gaugeText = new Label("no futures position");
        vm.marginRatioProperty().addListener((o, a, r) -> {
            double v = r.doubleValue();
            gauge.setProgress(Math.max(0, v));
            gaugeText.setText(v < 0 ? "no futures position" : String.format(Locale.ROOT, "%.1f %% (liquidation at 100 %%)", v * 100));
            gauge.setStyle("-fx-accent: " + (v >= 0.5 ? "#c62828" : v >= 0.2 ? "#ef8f00" : "#2e7d32") + ";");
        });
        HBox margin = new HBox(6, new Label("Margin ratio"), gauge, gaugeText);
        margin.setAlignment(Pos.CENTER_LEFT);

        GridPane heat = new GridPane();
        heat.setId("correlationHeatmap");
        heat.setHgap(1);
        heat.setVgap(1);
        vm.correlationProperty().addListener((o, a, h) -> drawHeatmap(heat, h));
        drawHeatmap(heat, vm.correlationProperty().get());

        GridPane limits = new GridPane();
        limits.setHgap(6);
        limits.setVgap(3);
        int row = 0;
        for (String f : RiskPanelViewModel.LIMIT_FIELDS) {
            TextField t = new TextField();
            t.setId("limit-" + f.replaceAll("[^A-Za-z]", ""));
            t.setPrefColumnCount(8);
            t.textProperty().bindBidirectional(vm.limitField(f));
            limits.add(new Label(f), row % 2 * 2, row / 2);
            limits.add(t, row % 2 * 2 + 1, row / 2);
            row++;
        }
        Button apply = new Button("Apply limits");
        apply.setId("riskApply");
        apply.setOnAction(e -> vm.apply());
        Label msg = new Label();
        msg.setId("riskMessage");
        msg.setWrapText(true);
        msg.textProperty().bind(vm.messageProperty());
        vm.messageIsErrorProperty().addListener((o, a, err) -> msg.setTextFill(err ? Color.web("#c62828") : Color.web("#2e7d32")));
        VBox limitBox = new VBox(6, limits, new HBox(8, apply, msg));

        ListView<String> events = new ListView<>(vm.events());
        events.setId("riskEvents");
        events.setPrefHeight(140);
        VBox.setVgrow(events, Priority.ALWAYS);

        VBox content = new VBox(8, actions, reason, figures, margin, titled("Correlation (bar returns)", heat),
                titled("Limits", limitBox), new Label("Risk events (vetoes, halts, lifts)"), events);
        content.setPadding(new Insets(8));
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        root.getChildren().add(scroll);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        root.setId("riskPanel");
    }

    private static TitledPane titled(String title, Node n) {
        TitledPane t = new TitledPane(title, n);
        t.setCollapsible(false);
        return t;
    }

    /** Red for +1, white for 0, blue for −1, grey where unknown. */
    private static void drawHeatmap(GridPane g, RiskPanelViewModel.Heatmap h) {
        g.getChildren().clear();
        if (h == null || h.symbols().isEmpty()) {
            g.add(new Label("no open positions"), 0, 0);
            return;
        }
        int n = h.symbols().size();
        for (int i = 0; i < n; i++) {
            g.add(new Label(short4(h.symbols().get(i))), i + 1, 0);
            g.add(new Label(short4(h.symbols().get(i))), 0, i + 1);
            for (int j = 0; j < n; j++) {
                double v = h.values()[i][j];
                Rectangle r = new Rectangle(34, 20, Double.isNaN(v) ? Color.LIGHTGRAY : v >= 0
                        ? Color.WHITE.interpolate(Color.web("#c62828"), Math.min(1, v))
                        : Color.WHITE.interpolate(Color.web("#1565c0"), Math.min(1, -v)));
                Label l = new Label(Double.isNaN(v) ? "—" : String.format(Locale.ROOT, "%.2f", v));
                l.setStyle("-fx-font-size: 9px;");
                g.add(new StackPane(r, l), j + 1, i + 1);
            }
        }
    }

    private static String short4(String symbol) {
        return symbol.endsWith("USDT") ? symbol.substring(0, symbol.length() - 4) : symbol;
    }

    /** The panel's root node. */
    public Node root() {
        return root;
    }
}
