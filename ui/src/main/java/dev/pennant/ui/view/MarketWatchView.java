package dev.pennant.ui.view;

import dev.pennant.ui.viewmodel.MarketRow;
import dev.pennant.ui.viewmodel.MarketWatchViewModel;
import javafx.beans.binding.Bindings;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.function.Function;

/**
 * Market Watch: search, "favourites only", and a table of every instrument (star, symbol, market badge, last price,
 * 24 h change coloured green/red, 24 h quote volume). Selecting a row (single click, arrow keys) selects the symbol in
 * the view-model (the order book follows); double-click, Enter or the row's context menu "Open chart" also opens its
 * chart ({@link MarketWatchViewModel#openChart}).
 */
public final class MarketWatchView {

    private final MarketWatchViewModel vm;
    private final VBox root = new VBox(6);
    private final TableView<MarketRow> table = new TableView<>();

    /** Builds the panel for {@code vm}. */
    public MarketWatchView(MarketWatchViewModel vm) {
        this.vm = vm;
        Label title = new Label("Market Watch");
        title.getStyleClass().add("panel-title");
        Label count = new Label();
        count.getStyleClass().add("muted");
        count.textProperty().bind(Bindings.createStringBinding(() -> vm.rows().size() == vm.instrumentCountProperty().get()
                        ? String.format("%,d instruments", vm.instrumentCountProperty().get())
                        : String.format("%,d of %,d", vm.rows().size(), vm.instrumentCountProperty().get()),
                vm.rows(), vm.instrumentCountProperty()));
        Region sp = new Region();
        HBox.setHgrow(sp, Priority.ALWAYS);
        HBox header = new HBox(8, title, sp, count);
        header.setAlignment(Pos.CENTER_LEFT);

        TextField search = new TextField();
        search.setId("marketSearch");
        search.setPromptText("Search symbol, base or quote");
        search.textProperty().bindBidirectional(vm.searchProperty());
        HBox.setHgrow(search, Priority.ALWAYS);
        ToggleButton favOnly = new ToggleButton(null, new FontIcon("fth-star"));
        favOnly.setId("favouritesOnly");
        favOnly.selectedProperty().bindBidirectional(vm.favouritesOnlyProperty());
        favOnly.setTooltip(new Tooltip("Show favourites only"));
        HBox tools = new HBox(6, search, favOnly);
        tools.setAlignment(Pos.CENTER_LEFT);

        table.setId("marketTable");
        table.getStyleClass().addAll("market-table", "dense");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("Loading instruments…"));
        SortedList<MarketRow> sorted = new SortedList<>(vm.rows());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        table.getColumns().addAll(java.util.List.of(starColumn(), symbolColumn(), marketColumn(),
                numberColumn("Last", 90, r -> r.lastPriceProperty(), MarketFormat::price, false),
                numberColumn("24h %", 64, r -> r.changePercentProperty(), MarketFormat::percent, true),
                numberColumn("Vol", 50, r -> r.quoteVolumeProperty(), MarketFormat::compact, false)));
        VBox.setVgrow(table, Priority.ALWAYS);

        table.setRowFactory(t -> chartRow());
        table.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ENTER) {
                MarketRow r = table.getSelectionModel().getSelectedItem();
                if (r != null) {
                    vm.openChart(r);
                    e.consume();
                }
            }
        });
        table.getSelectionModel().selectedItemProperty().addListener((o, a, row) -> {
            if (row != null) {
                vm.select(row);
            }
        });
        vm.selectedProperty().addListener((o, a, row) -> {
            if (row != null && table.getSelectionModel().getSelectedItem() != row) {
                table.getSelectionModel().select(row); // no scrolling: the top of the list stays in view
            }
        });

        root.getChildren().addAll(header, tools, table);
        root.setPadding(new Insets(8, 6, 6, 8));
        root.setMinWidth(0);
        root.setPrefWidth(420);
        root.getStyleClass().add("market-watch");
    }

    /** The panel. */
    public Parent root() {
        return root;
    }

    /** A row that opens its chart on a double-click or from its context menu; a single click only selects it. */
    private TableRow<MarketRow> chartRow() {
        TableRow<MarketRow> row = new TableRow<>();
        row.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && !row.isEmpty()) {
                vm.openChart(row.getItem());
            }
        });
        MenuItem open = new MenuItem("Open chart", new FontIcon("fth-bar-chart-2"));
        open.setOnAction(e -> vm.openChart(row.getItem()));
        ContextMenu menu = new ContextMenu(open);
        menu.getStyleClass().add("market-row-menu");
        row.contextMenuProperty().bind(Bindings.when(row.emptyProperty()).then((ContextMenu) null).otherwise(menu));
        return row;
    }

    private TableColumn<MarketRow, Boolean> starColumn() {
        TableColumn<MarketRow, Boolean> c = new TableColumn<>();
        c.setGraphic(new FontIcon("fth-star"));
        c.setId("starColumn");
        c.setCellValueFactory(d -> d.getValue().favouriteProperty());
        c.setCellFactory(col -> new TableCell<>() {
            private final FontIcon icon = new FontIcon("fth-star");

            {
                icon.getStyleClass().add("star-icon");
                setOnMouseClicked(e -> {
                    MarketRow r = getTableRow() == null ? null : getTableRow().getItem();
                    if (r != null && !isEmpty()) {
                        vm.toggleFavourite(r);
                        e.consume();
                    }
                });
                setAlignment(Pos.CENTER);
            }

            @Override
            protected void updateItem(Boolean fav, boolean empty) {
                super.updateItem(fav, empty);
                if (empty || fav == null) {
                    setGraphic(null);
                    return;
                }
                icon.getStyleClass().remove("star-on");
                if (fav) {
                    icon.getStyleClass().add("star-on");
                }
                setGraphic(icon);
            }
        });
        c.setPrefWidth(30);
        c.setMinWidth(30);
        c.setMaxWidth(30);
        c.setSortable(false);
        c.setResizable(false);
        return c;
    }

    private TableColumn<MarketRow, String> symbolColumn() {
        TableColumn<MarketRow, String> c = new TableColumn<>("Symbol");
        c.setCellValueFactory(d -> new javafx.beans.property.ReadOnlyStringWrapper(d.getValue().symbol()));
        c.setPrefWidth(90);
        c.setMinWidth(70);
        return c;
    }

    private TableColumn<MarketRow, String> marketColumn() {
        TableColumn<MarketRow, String> c = new TableColumn<>("Mkt");
        c.setCellValueFactory(d -> new javafx.beans.property.ReadOnlyStringWrapper(d.getValue().marketBadge()));
        c.setCellFactory(col -> new TableCell<>() {
            private final Label badge = new Label();

            @Override
            protected void updateItem(String s, boolean empty) {
                super.updateItem(s, empty);
                if (empty || s == null) {
                    setGraphic(null);
                    return;
                }
                badge.setText(s);
                badge.getStyleClass().setAll("label", "market-badge", "SPOT".equals(s) ? "badge-spot" : "badge-futures");
                setGraphic(badge);
            }
        });
        c.setPrefWidth(44);
        c.setMinWidth(40);
        return c;
    }

    private TableColumn<MarketRow, BigDecimal> numberColumn(String name, double width,
                                                           Function<MarketRow, javafx.beans.value.ObservableValue<BigDecimal>> value,
                                                           Function<BigDecimal, String> fmt, boolean signed) {
        TableColumn<MarketRow, BigDecimal> c = new TableColumn<>(name);
        c.setCellValueFactory(d -> value.apply(d.getValue()));
        c.setComparator(Comparator.nullsFirst(Comparator.naturalOrder()));
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(BigDecimal v, boolean empty) {
                super.updateItem(v, empty);
                getStyleClass().removeAll("gain", "loss");
                if (empty) {
                    setText(null);
                    return;
                }
                setText(fmt.apply(v));
                if (signed && v != null && v.signum() != 0) {
                    getStyleClass().add(v.signum() > 0 ? "gain" : "loss");
                }
            }
        });
        c.getStyleClass().add("number-column");
        c.setPrefWidth(width);
        c.setMinWidth(44);
        return c;
    }
}
