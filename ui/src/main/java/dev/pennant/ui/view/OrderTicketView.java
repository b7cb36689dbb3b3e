package dev.pennant.ui.view;

import dev.pennant.core.model.OrderType;
import dev.pennant.core.model.Side;
import dev.pennant.core.model.TimeInForce;
import dev.pennant.ui.viewmodel.OrderPreview;
import dev.pennant.ui.viewmodel.OrderTicketViewModel;
import javafx.beans.binding.Bindings;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.function.IntConsumer;

/**
 * The order ticket in the side panel: BUY/SELL, type and time in force, quantity and prices with steppers on the
 * instrument's grid, "% of balance", stop-loss / take-profit bracket, futures fields, the live estimate and every
 * broken rule, a Review button that opens the confirmation dialog, and the result of the last order (a rejection with
 * its reason in red). Binds to {@link OrderTicketViewModel} only.
 */
final class OrderTicketView {

    private final OrderTicketViewModel vm;
    private static final double LABEL_WIDTH = 74;
    private final BorderPane root = new BorderPane();
    private final VBox rows = new VBox(4);

    OrderTicketView(OrderTicketViewModel vm) {
        this.vm = vm;
        Label title = new Label("Order ticket");
        title.getStyleClass().add("panel-title");
        Label last = new Label();
        last.setId("ticketLastPrice");
        last.textProperty().bind(vm.lastPriceTextProperty());
        last.getStyleClass().add("field-value");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox head = new HBox(8, title, spacer, last);
        head.setAlignment(Pos.CENTER_LEFT);
        Label instrument = new Label();
        instrument.setId("ticketInstrument");
        instrument.textProperty().bind(vm.instrumentTextProperty());
        instrument.getStyleClass().add("panel-subtitle");
        instrument.setWrapText(true);

        ToggleGroup sides = new ToggleGroup();
        ToggleButton buy = new ToggleButton("BUY");
        buy.setId("ticketBuy");
        buy.getStyleClass().add("side-buy");
        ToggleButton sell = new ToggleButton("SELL");
        sell.setId("ticketSell");
        sell.getStyleClass().add("side-sell");
        for (ToggleButton b : new ToggleButton[] {buy, sell}) {
            b.setToggleGroup(sides);
            b.setMaxWidth(Double.MAX_VALUE);
            HBox.setHgrow(b, Priority.ALWAYS);
        }
        buy.setSelected(vm.sideProperty().get() == Side.BUY);
        sell.setSelected(vm.sideProperty().get() == Side.SELL);
        sides.selectedToggleProperty().addListener((o, a, t) -> {
            if (t == null) {
                (vm.sideProperty().get() == Side.BUY ? buy : sell).setSelected(true); // one side is always chosen
            } else {
                vm.sideProperty().set(t == buy ? Side.BUY : Side.SELL);
            }
        });
        vm.sideProperty().addListener((o, a, s) -> (s == Side.BUY ? buy : sell).setSelected(true));
        HBox sideBox = new HBox(0, buy, sell);
        sideBox.getStyleClass().add("side-toggle");

        ComboBox<OrderType> type = new ComboBox<>(vm.types());
        type.setId("ticketType");
        type.valueProperty().bindBidirectional(vm.typeProperty());
        type.setMaxWidth(Double.MAX_VALUE);
        type.setMinWidth(90);
        type.setPrefWidth(150); // leaves the TIF choice its width
        ChoiceBox<TimeInForce> tif = new ChoiceBox<>(vm.timeInForces());
        tif.setId("ticketTif");
        tif.valueProperty().bindBidirectional(vm.timeInForceProperty());
        tif.disableProperty().bind(vm.timeInForceAppliesProperty().not());
        tif.setMinWidth(78); // room for "GTX" and the arrow
        tif.setPrefWidth(78);
        HBox typeBox = new HBox(6, type, new Label("TIF"), tif);
        typeBox.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(type, Priority.ALWAYS);

        add("Type", typeBox, null);
        add("Quantity", stepper("ticketQuantity", vm.quantityProperty(), vm::stepQuantity), null);
        add("", hint(vm.quantityHintProperty(), "ticketQuantityHint"), null);
        HBox pct = new HBox(4);
        for (int p : new int[] {25, 50, 75, 100}) {
            Button b = new Button(p + " %");
            b.setId("ticketPct" + p);
            b.getStyleClass().add("small");
            b.setMaxWidth(Double.MAX_VALUE);
            HBox.setHgrow(b, Priority.ALWAYS);
            b.setOnAction(e -> vm.percentOfBalance(p));
            pct.getChildren().add(b);
        }
        add("", pct, null);
        add("Price", stepper("ticketPrice", vm.priceProperty(), vm::stepPrice), vm.priceAppliesProperty());
        add("", hint(vm.priceHintProperty(), "ticketPriceHint"), vm.priceAppliesProperty());
        add("Stop price", stepper("ticketStopPrice", vm.stopPriceProperty(), vm::stepStopPrice), vm.stopAppliesProperty());
        TextField callback = field("ticketCallbackRate", vm.callbackRateProperty(), "0.1 – 10");
        add("Callback %", callback, vm.trailingAppliesProperty());
        // the bracket folds away: most orders have none, and the side panel is short
        CheckBox bracket = new CheckBox("Attach stop-loss / take-profit");
        bracket.setId("ticketBracket");
        add("", bracket, vm.bracketAppliesProperty());
        bracket.selectedProperty().addListener((o, a, on) -> {
            if (!on) {
                vm.stopLossProperty().set("");
                vm.takeProfitProperty().set("");
            }
        });
        var bracketShown = vm.bracketAppliesProperty().and(bracket.selectedProperty());
        add("Stop-loss", stepper("ticketStopLoss", vm.stopLossProperty(), vm::stepStopLoss), bracketShown);
        add("Take-profit", stepper("ticketTakeProfit", vm.takeProfitProperty(), vm::stepTakeProfit), bracketShown);

        TextField leverage = field("ticketLeverage", vm.leverageProperty(), "1");
        leverage.setPrefColumnCount(3);
        ChoiceBox<OrderTicketViewModel.MarginMode> margin = new ChoiceBox<>();
        margin.getItems().setAll(OrderTicketViewModel.MarginMode.values());
        margin.setId("ticketMarginMode");
        margin.valueProperty().bindBidirectional(vm.marginModeProperty());
        HBox levBox = new HBox(6, leverage, new Label("×"), margin);
        levBox.setAlignment(Pos.CENTER_LEFT);
        add("Leverage", levBox, vm.futuresProperty());
        CheckBox reduce = new CheckBox("Reduce only");
        reduce.setId("ticketReduceOnly");
        reduce.selectedProperty().bindBidirectional(vm.reduceOnlyProperty());
        add("", reduce, vm.futuresProperty());

        Label estimate = new Label();
        estimate.setId("ticketEstimate");
        estimate.textProperty().bind(vm.estimateProperty());
        estimate.getStyleClass().add("field-value");
        shownWhen(estimate, vm.estimateProperty().isNotEmpty());
        estimate.setWrapText(true);
        Label validation = new Label();
        validation.setId("ticketValidation");
        validation.setWrapText(true);
        validation.textProperty().bind(vm.validationProperty());
        validation.getStyleClass().add("ticket-error");
        shownWhen(validation, vm.validationProperty().isNotEmpty());

        Button review = new Button();
        review.setId("ticketSubmit");
        review.setMaxWidth(Double.MAX_VALUE);
        review.textProperty().bind(Bindings.createStringBinding(() -> "Review " + vm.sideProperty().get() + " "
                + (vm.typeProperty().get() == null ? "" : vm.typeProperty().get()) + " …",
                vm.sideProperty(), vm.typeProperty()));
        vm.sideProperty().addListener((o, a, s) -> sideStyle(review, s));
        sideStyle(review, vm.sideProperty().get());
        review.disableProperty().bind(vm.readyProperty().not());
        review.setDefaultButton(false);
        review.setOnAction(e -> vm.review().ifPresent(this::confirm));

        Label result = new Label();
        result.setId("ticketResult");
        result.setWrapText(true);
        result.textProperty().bind(vm.resultProperty());
        vm.resultIsErrorProperty().addListener((o, a, err) -> resultStyle(result, err));
        resultStyle(result, vm.resultIsErrorProperty().get());
        shownWhen(result, vm.resultProperty().isNotEmpty());
        Label funds = new Label();
        funds.setId("ticketFunds");
        funds.setWrapText(true);
        funds.textProperty().bind(vm.fundsTextProperty());
        funds.getStyleClass().add("panel-subtitle");

        // the fields scroll when the panel is short; the Review button and what became of the order stay in view
        VBox top = new VBox(6, head, instrument, sideBox);
        top.setPadding(new Insets(8, 8, 6, 8));
        rows.setPadding(new Insets(0, 8, 4, 8));
        ScrollPane fields = new ScrollPane(rows);
        fields.setFitToWidth(true);
        fields.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        fields.getStyleClass().add("edge-to-edge");
        // a field reached with Tab scrolls into view
        for (Node n : rows.lookupAll(".ticket-field")) {
            n.focusedProperty().addListener((o, was, now) -> {
                if (now) {
                    scrollIntoView(fields, n);
                }
            });
        }
        VBox footer = new VBox(5, estimate, validation, review, result, funds);
        footer.setPadding(new Insets(6, 8, 8, 8));
        root.setTop(top);
        root.setCenter(fields);
        root.setBottom(footer);
        root.getStyleClass().add("order-ticket");
        root.setMinHeight(0);
    }

    BorderPane root() {
        return root;
    }

    /** Reviews the ticket as it stands and opens the confirmation when every rule holds (orders from the chart). */
    void reviewAndConfirm() {
        vm.review().ifPresent(this::confirm);
    }

    private void confirm(OrderPreview p) {
        Dialog<ButtonType> d = new Dialog<>();
        d.initOwner(root.getScene() == null ? null : root.getScene().getWindow());
        d.setTitle("Confirm order — PAPER");
        d.setHeaderText(p.heading());
        d.getDialogPane().setId("orderConfirm");
        GridPane g = new GridPane(14, 4);
        int r = 0;
        for (OrderPreview.Line line : p.lines()) {
            Label n = new Label(line.name());
            n.getStyleClass().add("field-name");
            Label v = new Label(line.value());
            v.getStyleClass().add("field-value");
            v.setId("confirm" + line.name().replaceAll("[^A-Za-z]", ""));
            g.addRow(r++, n, v);
        }
        d.getDialogPane().setContent(g);
        d.getDialogPane().getStylesheets().add(MainView.stylesheet());
        ButtonType send = new ButtonType("Send " + vm.sideProperty().get(), ButtonBar.ButtonData.OK_DONE);
        d.getDialogPane().getButtonTypes().addAll(send, ButtonType.CANCEL);
        d.getDialogPane().lookupButton(send).setId("confirmSend");
        d.getDialogPane().lookupButton(ButtonType.CANCEL).setId("confirmCancel");
        d.showAndWait().filter(b -> b == send).ifPresent(b -> vm.send(p));
    }

    /** One labelled row; a hidden row takes no space at all (unmanaged), unlike a GridPane row and its gap. */
    private void add(String name, Node control, ObservableBooleanValue shown) {
        Label n = new Label(name);
        n.getStyleClass().add("field-name");
        n.setMinWidth(LABEL_WIDTH);
        n.setPrefWidth(LABEL_WIDTH);
        HBox line = new HBox(6, n, control);
        line.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(control, Priority.ALWAYS);
        if (control instanceof Region r) {
            r.setMaxWidth(Double.MAX_VALUE);
        }
        if (shown != null) {
            shownWhen(line, shown);
        }
        rows.getChildren().add(line);
    }

    private static void scrollIntoView(ScrollPane pane, Node n) {
        Node content = pane.getContent();
        double contentHeight = content.getBoundsInLocal().getHeight();
        double viewport = pane.getViewportBounds().getHeight();
        if (contentHeight <= viewport) {
            return;
        }
        javafx.geometry.Bounds b = content.sceneToLocal(n.localToScene(n.getBoundsInLocal()));
        double top = pane.getVvalue() * (contentHeight - viewport);
        double newTop = b.getMinY() < top ? b.getMinY() : b.getMaxY() > top + viewport ? b.getMaxY() - viewport : top;
        pane.setVvalue(newTop / (contentHeight - viewport));
    }

    private static void shownWhen(Node n, ObservableBooleanValue shown) {
        n.visibleProperty().bind(shown);
        n.managedProperty().bind(shown);
    }

    private static HBox stepper(String id, StringProperty text, IntConsumer step) {
        TextField f = field(id, text, "");
        Button down = new Button("−");
        down.setId(id + "Down");
        down.setOnAction(e -> step.accept(-1));
        Button up = new Button("+");
        up.setId(id + "Up");
        up.setOnAction(e -> step.accept(1));
        for (Button b : new Button[] {down, up}) {
            b.getStyleClass().addAll("small", "stepper");
            b.setFocusTraversable(false);
            b.setMinWidth(Region.USE_PREF_SIZE);
            b.setMaxHeight(Double.MAX_VALUE); // as tall as the field
        }
        HBox.setHgrow(f, Priority.ALWAYS);
        HBox box = new HBox(2, down, f, up);
        box.setAlignment(Pos.CENTER_LEFT);
        box.setFillHeight(true);
        return box;
    }

    private static TextField field(String id, StringProperty text, String prompt) {
        TextField f = new TextField();
        f.setId(id);
        f.setPromptText(prompt);
        f.textProperty().bindBidirectional(text);
        f.getStyleClass().add("ticket-field");
        return f;
    }

    private static Label hint(javafx.beans.value.ObservableStringValue text, String id) {
        Label l = new Label();
        l.setId(id);
        l.textProperty().bind(text);
        l.getStyleClass().add("panel-subtitle");
        return l;
    }

    private static void sideStyle(Button b, Side s) {
        b.getStyleClass().removeAll("submit-buy", "submit-sell");
        b.getStyleClass().add(s == Side.SELL ? "submit-sell" : "submit-buy");
    }

    private static void resultStyle(Label l, boolean error) {
        l.getStyleClass().removeAll("ticket-error", "ticket-ok");
        l.getStyleClass().add(error ? "ticket-error" : "ticket-ok");
    }
}
