package dev.pennant.ui.view;

import dev.pennant.core.model.Fill;
import dev.pennant.core.model.Order;
import dev.pennant.core.model.Position;
import dev.pennant.ui.viewmodel.OrdersViewModel;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.Window;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The orders panel below the chart: Positions (Close, Reverse on futures), Open orders (Cancel, Modify for LIMIT,
 * Cancel all), Order history and Fills. Binds to {@link OrdersViewModel} only.
 */
final class OrdersView {

    /** Column widths (px) by title, so ids and times are not cut while empty Price/Stop columns stay narrow. */
    private static final java.util.Map<String, Double> WIDTHS = java.util.Map.ofEntries(
            java.util.Map.entry("Time (UTC)", 112.0), java.util.Map.entry("Symbol", 86.0),
            java.util.Map.entry("Side", 56.0), java.util.Map.entry("positionSide", 92.0),
            java.util.Map.entry("Type", 108.0), java.util.Map.entry("Price", 96.0), java.util.Map.entry("Stop", 84.0),
            java.util.Map.entry("Quantity", 86.0), java.util.Map.entry("Filled", 76.0),
            java.util.Map.entry("Status", 96.0), java.util.Map.entry("clientOrderId", 150.0),
            java.util.Map.entry("Fee", 110.0), java.util.Map.entry("Liquidity", 72.0),
            java.util.Map.entry("Trade #", 64.0), java.util.Map.entry("Avg price", 96.0),
            java.util.Map.entry("Reason", 300.0), java.util.Map.entry("", 150.0),
            java.util.Map.entry("Unrealised P&L", 118.0), java.util.Map.entry("Realised P&L", 108.0),
            java.util.Map.entry("Entry", 96.0), java.util.Map.entry("Mark", 96.0));
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final OrdersViewModel vm;
    private final TabPane tabs = new TabPane();
    private final BorderPane root = new BorderPane();

    OrdersView(OrdersViewModel vm) {
        this.vm = vm;
        TableView<Position> positions = new TableView<>(vm.positions());
        positions.setId("positionsTable");
        positions.setPlaceholder(new Label("Flat: no open position"));
        positions.getColumns().addAll(List.of(
                col("Symbol", Position::symbol),
                styled(col("Side", p -> p.quantity().signum() > 0 ? "LONG" : "SHORT"),
                        p -> p.quantity().signum() > 0 ? "gain" : "loss"),
                col("positionSide", p -> p.positionSide().name()),
                col("Quantity", p -> plain(p.quantity().abs())),
                col("Entry", p -> price(p.averageEntryPrice())),
                col("Mark", p -> price(p.lastPrice())),
                col("Margin", p -> vm.margin(p) == null ? "—"
                        : price(vm.margin(p).initialMargin().setScale(2, java.math.RoundingMode.HALF_UP)) + " USDT ("
                        + vm.margin(p).leverage() + "×)"),
                styled(col("Liq. price", p -> vm.margin(p) == null || vm.margin(p).liquidationPrice() == null ? "—"
                        : price(vm.margin(p).liquidationPrice().round(new java.math.MathContext(8)))), p -> "loss"),
                styled(col("Unrealised P&L", p -> signed(p.unrealizedPnl())),
                        p -> p.unrealizedPnl().signum() >= 0 ? "gain" : "loss"),
                styled(col("Realised P&L", p -> signed(p.realizedPnl())),
                        p -> p.realizedPnl().signum() >= 0 ? "gain" : "loss"),
                actions("positionActions", List.of(
                        new Action<>("Close", "closePosition", p -> true, (p, b) -> vm.close(p)),
                        new Action<>("Reverse", "reversePosition", vm::canReverse, (p, b) -> confirmReverse(p, b))))));

        TableView<Order> open = new TableView<>(vm.openOrders());
        open.setId("openOrdersTable");
        open.setPlaceholder(new Label("No open orders"));
        open.getColumns().addAll(List.of(
                col("Time (UTC)", o -> TIME.format(Instant.ofEpochMilli(o.createdTime()))),
                col("Symbol", Order::symbol),
                styled(col("Side", o -> o.side().name()), o -> o.side().sign() > 0 ? "gain" : "loss"),
                col("Type", o -> o.type().name() + (o.triggered() ? " (triggered)" : "")),
                col("Price", o -> price(o.price())),
                col("Stop", o -> price(o.stopPrice())),
                col("Quantity", o -> plain(o.quantity())),
                col("Filled", o -> plain(o.filledQuantity())),
                col("Status", o -> o.status().name()),
                col("clientOrderId", Order::clientOrderId),
                actions("orderActions", List.of(
                        new Action<>("Cancel", "cancelOrder", Order::isOpen, (o, b) -> vm.cancel(o)),
                        new Action<>("Modify", "modifyOrder", vm::canModify, (o, b) -> showModify(o, b))))));

        TableView<Order> history = new TableView<>(vm.orderHistory());
        history.setId("ordersTable");
        history.setPlaceholder(new Label("No finished orders yet"));
        history.getColumns().addAll(List.of(
                col("Time (UTC)", o -> TIME.format(Instant.ofEpochMilli(o.updatedTime()))),
                col("clientOrderId", Order::clientOrderId),
                col("Symbol", Order::symbol),
                col("Side", o -> o.side().name()),
                col("Type", o -> o.type().name()),
                col("Price", o -> price(o.price())),
                col("Stop", o -> price(o.stopPrice())),
                col("Quantity", o -> plain(o.quantity())),
                col("Filled", o -> plain(o.filledQuantity())),
                col("Avg price", o -> price(o.averagePrice())),
                styled(col("Status", o -> o.status().name()),
                        o -> o.status() == dev.pennant.core.model.OrderStatus.REJECTED ? "loss" : null),
                col("Reason", o -> o.rejectReason() == null ? "" : o.rejectReason())));

        TableView<Fill> fills = new TableView<>(vm.fills());
        fills.setId("fillsTable");
        fills.setPlaceholder(new Label("No fills yet"));
        fills.getColumns().addAll(List.of(
                col("Time (UTC)", f -> TIME.format(Instant.ofEpochMilli(f.time()))),
                col("Symbol", Fill::symbol),
                styled(col("Side", f -> f.side().name()), f -> f.side().sign() > 0 ? "gain" : "loss"),
                col("Quantity", f -> plain(f.quantity())),
                col("Price", f -> price(f.price())),
                col("Fee", f -> plain(f.commission().setScale(4, RoundingMode.HALF_EVEN)) + " " + f.commissionAsset()),
                col("Liquidity", f -> f.liquiditySide().name()),
                styled(col("Realised P&L", f -> signed(f.realizedPnl())),
                        f -> f.realizedPnl().signum() >= 0 ? "gain" : "loss"),
                col("clientOrderId", Fill::clientOrderId),
                col("Trade #", f -> Long.toString(f.tradeId()))));
        // the newest fill in view; after the table itself took the change (scrolling inside it saw the old count)
        vm.fills().addListener((ListChangeListener<Fill>) c -> javafx.application.Platform.runLater(() -> {
            if (!fills.getItems().isEmpty()) {
                fills.scrollTo(fills.getItems().size() - 1);
            }
        }));

        for (TableView<?> t : List.of(positions, open, history, fills)) {
            t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
            t.getStyleClass().add("orders-table");
            for (TableColumn<?, ?> c : t.getColumns()) {
                c.setPrefWidth(WIDTHS.getOrDefault(c.getText(), 100.0));
            }
        }
        Tab p = new Tab("Positions (0)", positions);
        Tab o = new Tab("Open orders (0)", open);
        o.setId("openOrdersTab");
        Tab h = new Tab("Order history", history);
        Tab f = new Tab("Fills", fills);
        // counts in the tab titles: an open order or position is visible from any tab
        vm.openOrders().addListener((ListChangeListener<Order>) c -> o.setText("Open orders (" + vm.openOrders().size() + ")"));
        vm.positions().addListener((ListChangeListener<Position>) c -> p.setText("Positions (" + vm.positions().size() + ")"));
        tabs.getTabs().addAll(p, o, h, f);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.getSelectionModel().select(f);

        Button cancelAll = new Button("Cancel all");
        cancelAll.setId("cancelAllOrders");
        cancelAll.getStyleClass().add("danger-button");
        cancelAll.setOnAction(e -> vm.cancelAll());
        cancelAll.disableProperty().bind(javafx.beans.binding.Bindings.isEmpty(vm.openOrders()));
        Label message = new Label();
        message.setId("ordersMessage");
        message.textProperty().bind(vm.messageProperty());
        message.setMinWidth(0);
        vm.messageIsErrorProperty().addListener((x, a, err) -> setStyle(message, err ? "loss" : "muted"));
        setStyle(message, "muted");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(10, message, spacer, cancelAll);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(2, 8, 2, 8));
        bar.getStyleClass().add("orders-bar");
        root.setTop(bar);
        root.setCenter(tabs);
    }

    BorderPane root() {
        return root;
    }

    /** Selects the tab whose title starts with {@code title} (tests, keyboard). */
    void select(String title) {
        tabs.getTabs().stream().filter(t -> t.getText().startsWith(title)).findFirst()
                .ifPresent(t -> tabs.getSelectionModel().select(t));
    }

    private void confirmReverse(Position p, Button owner) {
        Dialog<ButtonType> d = new Dialog<>();
        d.initOwner(window(owner));
        d.setTitle("Reverse position");
        d.setHeaderText("Reverse " + (p.quantity().signum() > 0 ? "LONG " : "SHORT ") + plain(p.quantity().abs()) + " "
                + p.symbol() + "?");
        d.setContentText("A MARKET " + (p.quantity().signum() > 0 ? "SELL" : "BUY") + " of "
                + plain(p.quantity().abs().multiply(BigDecimal.TWO)) + " closes it and opens the same size the other way "
                + "(PAPER).");
        ButtonType go = new ButtonType("Reverse", ButtonBar.ButtonData.OK_DONE);
        d.getDialogPane().getButtonTypes().addAll(go, ButtonType.CANCEL);
        d.showAndWait().filter(b -> b == go).ifPresent(b -> vm.reverse(p));
    }

    private void showModify(Order o, Button owner) {
        Dialog<ButtonType> d = new Dialog<>();
        d.initOwner(window(owner));
        d.setTitle("Modify order");
        d.setHeaderText("Modify " + o.clientOrderId() + " · " + o.side() + " " + plain(o.quantity()) + " " + o.symbol()
                + " LIMIT @ " + price(o.price()));
        d.getDialogPane().setId("modifyDialog");
        TextField qty = new TextField(plain(o.quantity()));
        qty.setId("modifyQuantity");
        TextField px = new TextField(o.price() == null ? "" : o.price().stripTrailingZeros().toPlainString());
        px.setId("modifyPrice");
        Label problem = new Label();
        problem.setId("modifyProblem");
        problem.getStyleClass().add("loss");
        problem.setWrapText(true);
        GridPane g = new GridPane(10, 8);
        g.addRow(0, new Label("Quantity"), qty);
        g.addRow(1, new Label("Price"), px);
        g.add(problem, 0, 2, 2, 1);
        d.getDialogPane().setContent(g);
        ButtonType apply = new ButtonType("Modify", ButtonBar.ButtonData.OK_DONE);
        d.getDialogPane().getButtonTypes().addAll(apply, ButtonType.CANCEL);
        Button ok = (Button) d.getDialogPane().lookupButton(apply);
        Runnable recheck = () -> problem.setText(vm.checkModify(o, qty.getText(), px.getText()).orElse(""));
        qty.textProperty().addListener((x, a, b) -> recheck.run());
        px.textProperty().addListener((x, a, b) -> recheck.run());
        ok.disableProperty().bind(problem.textProperty().isNotEmpty());
        recheck.run();
        d.showAndWait().filter(b -> b == apply).ifPresent(b -> vm.modify(o, qty.getText(), px.getText()));
    }

    private static Window window(javafx.scene.Node n) {
        return n.getScene() == null ? null : n.getScene().getWindow();
    }

    /** A per-row button: its label, node id, when it shows and what it does. */
    private record Action<T>(String text, String id, Predicate<T> shown, BiConsumer<T, Button> run) {
    }

    private static <T> TableColumn<T, T> actions(String id, List<Action<T>> actions) {
        TableColumn<T, T> c = new TableColumn<>("");
        c.setId(id);
        c.setSortable(false);
        c.setMinWidth(150);
        c.setCellValueFactory(cd -> new javafx.beans.property.ReadOnlyObjectWrapper<>(cd.getValue()));
        c.setCellFactory(col -> new TableCell<>() {
            private final List<Button> buttons = actions.stream().map(a -> {
                Button b = new Button(a.text());
                b.setId(a.id());
                b.getStyleClass().addAll("small", "row-action");
                b.setOnAction(e -> {
                    T item = getItem();
                    if (item != null) {
                        a.run().accept(item, b);
                    }
                });
                return b;
            }).toList();
            private final HBox box = new HBox(4, buttons.toArray(Button[]::new));

            {
                box.setAlignment(Pos.CENTER_LEFT);
            }

            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                if (empty || item == null) {
                    setGraphic(null);
                    return;
                }
                for (int i = 0; i < actions.size(); i++) {
                    boolean show = actions.get(i).shown().test(item);
                    buttons.get(i).setVisible(show);
                    buttons.get(i).setManaged(show);
                }
                setGraphic(box);
            }
        });
        return c;
    }

    private static <T> TableColumn<T, String> col(String title, Function<T, String> value) {
        TableColumn<T, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cd -> new ReadOnlyStringWrapper(value.apply(cd.getValue())));
        c.setSortable(false);
        return c;
    }

    /** Colours a column's cells by the style class {@code style} gives its row (null for none). */
    private static <T> TableColumn<T, String> styled(TableColumn<T, String> c, Function<T, String> style) {
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                getStyleClass().removeAll("gain", "loss");
                setText(empty ? null : text);
                T row = empty || getTableRow() == null ? null : getTableRow().getItem();
                String s = row == null ? null : style.apply(row);
                if (s != null) {
                    getStyleClass().add(s);
                }
            }
        });
        return c;
    }

    private static void setStyle(Label l, String style) {
        l.getStyleClass().removeAll("gain", "loss", "muted");
        l.getStyleClass().add(style);
    }

    private static String plain(BigDecimal v) {
        return v == null ? "" : v.stripTrailingZeros().toPlainString();
    }

    /** Grouped, at least 2 decimals, more when the price has them (a 0.0001-tick coin keeps its digits). */
    private static String price(BigDecimal v) {
        return v == null ? "" : String.format(Locale.ROOT, "%,." + Math.max(2, Math.min(8, v.stripTrailingZeros().scale()))
                + "f", v);
    }

    private static String signed(BigDecimal v) {
        return v == null ? "" : String.format(Locale.ROOT, "%+,.2f", v);
    }
}
