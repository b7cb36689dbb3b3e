package dev.pennant.ui.view;

import dev.pennant.core.model.Fill;
import dev.pennant.core.model.Order;
import dev.pennant.core.model.Position;
import dev.pennant.ui.viewmodel.TerminalViewModel;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** Positions, orders and fills tables (fills and orders include the previous session's, loaded from history). */
final class TradesView {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final TabPane root = new TabPane();

    TradesView(TerminalViewModel vm) {
        TableView<Position> positions = new TableView<>(vm.positions());
        positions.setId("positionsTable");
        positions.setPlaceholder(new Label("Flat: no position"));
        positions.getColumns().addAll(List.of(
                col("Symbol", Position::symbol),
                col("Quantity", p -> plain(p.quantity())),
                col("Avg entry", p -> price(p.averageEntryPrice())),
                col("Mark", p -> price(p.lastPrice())),
                col("Unrealised P&L", p -> signed(p.unrealizedPnl())),
                col("Realised P&L", p -> signed(p.realizedPnl()))));

        TableView<Order> orders = new TableView<>(vm.orders());
        orders.setId("ordersTable");
        orders.setPlaceholder(new Label("No orders yet"));
        orders.getColumns().addAll(List.of(
                col("Created (UTC)", o -> TIME.format(Instant.ofEpochMilli(o.createdTime()))),
                col("clientOrderId", Order::clientOrderId),
                col("Side", o -> o.side().name()),
                col("Type", o -> o.type().name()),
                col("Quantity", o -> plain(o.quantity())),
                col("Status", o -> o.status().name()),
                col("Filled", o -> plain(o.filledQuantity())),
                col("Avg price", o -> price(o.averagePrice())),
                col("Reject reason", o -> o.rejectReason() == null ? "" : o.rejectReason())));

        TableView<Fill> fills = new TableView<>(vm.fills());
        fills.setId("fillsTable");
        fills.setPlaceholder(new Label("No fills yet"));
        fills.getColumns().addAll(List.of(
                col("Time (UTC)", f -> TIME.format(Instant.ofEpochMilli(f.time()))),
                col("Trade #", f -> Long.toString(f.tradeId())),
                col("clientOrderId", Fill::clientOrderId),
                col("Side", f -> f.side().name()),
                col("Quantity", f -> plain(f.quantity())),
                col("Price", f -> price(f.price())),
                col("Fee", f -> plain(f.commission().setScale(4, RoundingMode.HALF_EVEN)) + " " + f.commissionAsset()),
                col("Realised P&L", f -> signed(f.realizedPnl()))));
        vm.fills().addListener((javafx.collections.ListChangeListener<Fill>) c -> {
            if (!fills.getItems().isEmpty()) {
                fills.scrollTo(fills.getItems().size() - 1);
            }
        });

        for (TableView<?> t : List.of(positions, orders, fills)) {
            t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        }
        Tab p = new Tab("Positions", positions);
        Tab o = new Tab("Orders", orders);
        Tab f = new Tab("Fills", fills);
        root.getTabs().addAll(p, o, f);
        root.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        root.getSelectionModel().select(f);
    }

    TabPane root() {
        return root;
    }

    private static <T> TableColumn<T, String> col(String title, Function<T, String> value) {
        TableColumn<T, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cd -> new ReadOnlyStringWrapper(value.apply(cd.getValue())));
        c.setSortable(false);
        return c;
    }

    private static String plain(BigDecimal v) {
        return v == null ? "" : v.stripTrailingZeros().toPlainString();
    }

    private static String price(BigDecimal v) {
        return v == null ? "" : String.format(Locale.ROOT, "%,.2f", v);
    }

    private static String signed(BigDecimal v) {
        return v == null ? "" : String.format(Locale.ROOT, "%+,.2f", v);
    }
}
