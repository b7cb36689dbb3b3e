package dev.pennant.ui.view;

import dev.pennant.ui.viewmodel.FuturesStripViewModel;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.value.ObservableStringValue;
import javafx.geometry.Insets;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.geometry.Pos;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * A compact strip above the side panel, shown only while a USDⓈ-M symbol is selected: mark and index price, funding
 * rate (green positive, red negative) with the countdown to the next funding, open interest. Every value has a
 * tooltip with its source, or why it shows "—". Binds only to {@link FuturesStripViewModel}.
 */
public final class FuturesStripView {

    private static final double NAME_WIDTH = 92;
    private final VBox root = new VBox(2);

    /** Builds the strip for {@code vm}. */
    public FuturesStripView(FuturesStripViewModel vm) {
        Label title = new Label();
        title.getStyleClass().add("futures-title");
        title.textProperty().bind(vm.titleProperty());

        Label mark = value("futuresMark", vm.markProperty(), vm.markTooltipProperty());
        Label index = value("futuresIndex", vm.indexProperty(), vm.indexTooltipProperty());
        Label funding = value("futuresFunding", vm.fundingProperty(), vm.fundingTooltipProperty());
        vm.fundingStyleProperty().addListener((o, a, s) -> {
            funding.getStyleClass().removeAll(FuturesStripViewModel.POSITIVE, FuturesStripViewModel.NEGATIVE);
            if (s != null && !s.isEmpty()) funding.getStyleClass().add(s);
        });
        Label countdown = new Label();
        countdown.setId("futuresCountdown");
        countdown.getStyleClass().add("futures-countdown");
        countdown.textProperty().bind(vm.countdownProperty());
        tooltip(countdown, vm.fundingTooltipProperty());
        Label oi = value("futuresOpenInterest", vm.openInterestProperty(), vm.openInterestTooltipProperty());

        Label indexName = name("Index");
        indexName.setMinWidth(Region.USE_PREF_SIZE);
        indexName.setPadding(new Insets(0, 0, 0, 14));
        root.getChildren().addAll(title,
                row(name("Mark"), mark, indexName, index),
                row(name("Funding (8h)"), funding, countdown),
                row(name("Open interest"), oi));
        root.setId("futuresStrip");
        root.getStyleClass().add("futures-strip");
        root.setPadding(new Insets(6, 10, 6, 10));
        root.visibleProperty().bind(vm.visibleProperty());
        root.managedProperty().bind(root.visibleProperty());

        Timeline clock = new Timeline(new KeyFrame(Duration.seconds(1), e -> vm.tick()));
        clock.setCycleCount(Animation.INDEFINITE);
        vm.visibleProperty().addListener((o, a, on) -> {
            if (on) clock.play();
            else clock.stop();
        });
        if (vm.visibleProperty().get()) clock.play();
    }

    /** The strip (hidden and unmanaged unless a futures symbol is selected). */
    public Parent root() {
        return root;
    }

    private static HBox row(Label name, Label... values) {
        name.setMinWidth(NAME_WIDTH);
        name.setPrefWidth(NAME_WIDTH);
        HBox row = new HBox(8, name);
        row.getChildren().addAll(values);
        row.setAlignment(Pos.BASELINE_LEFT);
        return row;
    }

    private static Label name(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("field-name");
        return l;
    }

    private static Label value(String id, ObservableStringValue text, ObservableStringValue tip) {
        Label l = new Label();
        l.setId(id);
        l.getStyleClass().add("futures-value");
        l.setMinWidth(Region.USE_PREF_SIZE);
        l.textProperty().bind(text);
        tooltip(l, tip);
        return l;
    }

    private static void tooltip(Label l, ObservableStringValue tip) {
        Tooltip t = new Tooltip();
        t.textProperty().bind(tip);
        t.setWrapText(true);
        t.setMaxWidth(420);
        t.setShowDelay(Duration.millis(300));
        l.setTooltip(t);
    }
}
