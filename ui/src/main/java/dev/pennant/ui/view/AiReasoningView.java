package dev.pennant.ui.view;

import dev.pennant.ui.viewmodel.AiReasoningViewModel;
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
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The AI Reasoning panel: latest AI decision of the symbol (action, confidence gauge, levels, reasoning, key factors,
 * and where it came from — model, cached, or the deterministic engine with the reason), the ask box, sentiment
 * breakdown with headlines, the decision history with outcomes (decision record) and the strategy's explained
 * signals ({@code signals}, the skeleton's reasoning list), and token / cost use today vs budget. Binds only to
 * {@link AiReasoningViewModel}.
 */
public final class AiReasoningView {

    private final ScrollPane root;

    /**
     * @param vm      the view-model
     * @param signals the strategy-signal list to show under "Strategy signals" (may be {@code null})
     */
    public AiReasoningView(AiReasoningViewModel vm, Node signals) {
        Label title = new Label("AI analyst");
        title.getStyleClass().add("panel-title");
        Label head = wrap(bound(new Label(), "aiHeadline"));
        head.textProperty().bind(vm.headlineProperty());
        head.getStyleClass().add("decision-header");
        vm.actionProperty().addListener((o, a, n) -> {
            head.getStyleClass().removeAll("buy", "sell");
            if (n.startsWith("LONG")) head.getStyleClass().add("buy");
            else if (n.startsWith("SHORT") || n.startsWith("CLOSE")) head.getStyleClass().add("sell");
        });
        ProgressBar gauge = new ProgressBar();
        gauge.setId("aiConfidence");
        gauge.progressProperty().bind(vm.confidenceProperty());
        gauge.setPrefWidth(120);
        Label pct = new Label();
        pct.textProperty().bind(vm.confidenceProperty().multiply(100).asString("%.0f %%"));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Label busy = new Label("analysing…");
        busy.getStyleClass().add("muted");
        busy.visibleProperty().bind(vm.busyProperty());
        HBox gaugeRow = new HBox(8, new Label("Confidence"), gauge, pct, spacer, busy);
        gaugeRow.setAlignment(Pos.CENTER_LEFT);

        Label levels = wrap(bound(new Label(), "aiLevels"));
        levels.textProperty().bind(vm.levelsProperty());
        Label source = wrap(bound(new Label(), "aiSource"));
        source.textProperty().bind(vm.sourceProperty());
        source.getStyleClass().add("panel-subtitle");
        vm.degradedProperty().addListener((o, a, d) -> {
            source.getStyleClass().remove("loss");
            if (d) source.getStyleClass().add("loss");
        });
        Label reasoning = wrap(bound(new Label(), "aiReasoning"));
        reasoning.textProperty().bind(vm.reasoningProperty());
        ListView<String> factors = list(vm.factors(), "aiFactors", 110, "No factors yet");

        TextField ask = new TextField();
        ask.setId("aiAsk");
        ask.setPromptText("Ask about this chart…");
        Button askButton = new Button("Ask");
        askButton.setId("aiAskButton");
        Runnable send = () -> {
            vm.ask(ask.getText());
            ask.clear();
        };
        askButton.setOnAction(e -> send.run());
        ask.setOnAction(e -> send.run());
        askButton.disableProperty().bind(vm.busyProperty());
        HBox.setHgrow(ask, Priority.ALWAYS);
        Button analyse = new Button("Analyse now");
        analyse.setId("aiAnalyseNow");
        analyse.setOnAction(e -> vm.analyzeNow());
        analyse.disableProperty().bind(vm.busyProperty());
        Button test = new Button("Test connection");
        test.setId("aiTestConnection");
        test.setOnAction(e -> vm.testConnection());
        Label answer = wrap(bound(new Label(), "aiAnswer"));
        answer.textProperty().bind(vm.answerProperty());

        GridPane sent = new GridPane();
        sent.setHgap(10);
        sent.setVgap(2);
        sent.addRow(0, new Label("News"), valueLabel(vm.sentimentNewsProperty(), "aiSentimentNews"));
        sent.addRow(1, new Label("Social"), valueLabel(vm.sentimentSocialProperty(), "aiSentimentSocial"));
        sent.addRow(2, new Label("Market"), valueLabel(vm.sentimentMarketProperty(), "aiSentimentMarket"));
        Label overall = wrap(bound(new Label(), "aiSentimentOverall"));
        overall.textProperty().bind(vm.sentimentOverallProperty());
        ListView<String> headlines = list(vm.headlines(), "aiHeadlines", 120, "No headlines");
        TitledPane sentiment = new TitledPane("Sentiment", new VBox(4, sent, overall, headlines));
        sentiment.setId("aiSentimentPane");

        ListView<String> history = list(vm.history(), "aiHistory", 150, "No recorded decisions yet");
        TitledPane historyPane = new TitledPane("Decision history (record, with outcomes)", history);
        historyPane.setExpanded(true);

        ProgressBar usageBar = new ProgressBar();
        usageBar.setId("aiUsageBar");
        usageBar.progressProperty().bind(vm.usageFractionProperty());
        usageBar.setMaxWidth(Double.MAX_VALUE);
        Label usage = wrap(bound(new Label(), "aiUsage"));
        usage.textProperty().bind(vm.usageProperty());
        usage.getStyleClass().add("panel-subtitle");

        VBox box = new VBox(6, title, head, gaugeRow, levels, source, reasoning, factors,
                new HBox(6, ask, askButton), new HBox(6, analyse, test), answer, sentiment, historyPane);
        if (signals != null) {
            TitledPane sig = new TitledPane("Strategy signals (rules explainer)", signals);
            sig.setExpanded(true);
            box.getChildren().add(sig);
        }
        box.getChildren().addAll(usageBar, usage);
        box.setPadding(new Insets(8));
        box.setStyle("-fx-background-color: -color-bg-default;"); // the theme's panel colour, not the viewport's white
        root = new ScrollPane(box);
        root.getStyleClass().add("edge-to-edge");
        root.setFitToWidth(true);
        root.setId("aiReasoningPanel");
    }

    /** The panel. */
    public ScrollPane root() {
        return root;
    }

    private static Label valueLabel(javafx.beans.value.ObservableValue<String> v, String id) {
        Label l = bound(new Label(), id);
        l.textProperty().bind(v);
        return l;
    }

    private static <T extends Node> T bound(T n, String id) {
        n.setId(id);
        return n;
    }

    private static Label wrap(Label l) {
        l.setWrapText(true);
        l.setMinHeight(Region.USE_PREF_SIZE);
        return l;
    }

    private static ListView<String> list(javafx.collections.ObservableList<String> items, String id, double h, String empty) {
        ListView<String> v = new ListView<>(items);
        v.setId(id);
        v.setPrefHeight(h);
        v.setMinHeight(h);
        v.setPlaceholder(new Label(empty));
        return v;
    }
}
