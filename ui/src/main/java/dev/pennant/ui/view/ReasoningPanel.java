package dev.pennant.ui.view;

import dev.pennant.core.model.Side;
import dev.pennant.ui.viewmodel.DecisionRow;
import dev.pennant.ui.viewmodel.ReasoningViewModel;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The AI reasoning panel: every decision with its explanation, confidence and what became of its order. */
final class ReasoningPanel {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final VBox root = new VBox(6);

    ReasoningPanel(ReasoningViewModel vm) {
        Label title = new Label("AI reasoning");
        title.getStyleClass().add("panel-title");
        Label sub = new Label("Why each trade was taken — rules explainer, from the indicator values at the signal");
        sub.getStyleClass().add("panel-subtitle");
        sub.setWrapText(true);
        ListView<DecisionRow> list = new ListView<>(vm.decisions());
        list.setId("reasoningList");
        list.setPlaceholder(new Label("No decisions yet: the strategy waits for an EMA cross."));
        list.setCellFactory(v -> new DecisionCell());
        VBox.setVgrow(list, Priority.ALWAYS);
        root.getChildren().addAll(title, sub, list);
        root.setPadding(new Insets(8));
        root.setMinWidth(300);
        root.setPrefWidth(380);
    }

    VBox root() {
        return root;
    }

    private static final class DecisionCell extends ListCell<DecisionRow> {
        private final Label header = new Label();
        private final Label confidence = new Label();
        private final ProgressBar bar = new ProgressBar();
        private final Label text = new Label();
        private final Label outcome = new Label();
        private final VBox box;

        DecisionCell() {
            text.setWrapText(true);
            outcome.setWrapText(true);
            outcome.getStyleClass().add("decision-outcome");
            header.getStyleClass().add("decision-header");
            bar.setPrefWidth(70);
            header.setMinWidth(Region.USE_PREF_SIZE);
            confidence.setMinWidth(Region.USE_PREF_SIZE);
            bar.setMaxHeight(8);
            Region spacer = new Region();
            HBox.setHgrow(spacer, Priority.ALWAYS);
            HBox top = new HBox(8, header, spacer, confidence, bar);
            top.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
            box = new VBox(4, top, text, outcome);
            box.setPadding(new Insets(4, 2, 6, 2));
            // Wrap to the list's width: without a pref width tied to the cell, labels ask for one long line.
            for (Label l : new Label[] {text, outcome}) {
                l.setMinHeight(Region.USE_PREF_SIZE);
                l.prefWidthProperty().bind(widthProperty().subtract(28));
                l.maxWidthProperty().bind(widthProperty().subtract(28));
            }
            box.setMaxWidth(Region.USE_PREF_SIZE);
            setPrefWidth(0);
        }

        @Override
        protected void updateItem(DecisionRow row, boolean empty) {
            super.updateItem(row, empty);
            outcome.textProperty().unbind();
            if (empty || row == null) {
                setGraphic(null);
                setText(null);
                return;
            }
            header.setText(row.side() + " " + row.symbol() + " · " + TIME.format(Instant.ofEpochMilli(row.time() + 1)) + " UTC");
            header.getStyleClass().removeAll("buy", "sell");
            header.getStyleClass().add(row.side() == Side.BUY ? "buy" : "sell");
            confidence.setText(row.confidencePercent() + " %");
            bar.setProgress(row.confidencePercent() / 100.0);
            text.setText(row.text());
            outcome.textProperty().bind(row.outcomeProperty());
            setText(null);
            setGraphic(box);
        }
    }
}
