package dev.pennant.ui.view;

import dev.pennant.ui.viewmodel.PortfolioManagerViewModel;
import dev.pennant.ui.viewmodel.PortfolioManagerViewModel.Row;
import javafx.beans.property.SimpleStringProperty;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputDialog;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;

import java.util.function.Function;

/**
 * The portfolio manager: a table of the portfolios with their ledger figures (cash, equity, P&L, fees, spot and
 * futures together), the edit form (name, mode, total budget, max per symbol, allocations {@code SYMBOL=budget},
 * risk level, strategies), New / Save / Archive / Delete (type the name to confirm) / Switch / Reset paper, and the
 * reconciliation line.
 */
public final class PortfolioManagerView {

    private final VBox root = new VBox(8);

    /** The manager for {@code vm}. */
    public PortfolioManagerView(PortfolioManagerViewModel vm) {
        TableView<Row> table = new TableView<>(vm.rows());
        table.setId("portfolioTable");
        table.setPrefHeight(170);
        table.getColumns().add(col("Name", r -> (r.active() ? "▶ " : "") + r.name() + (r.archived() ? " (archived)" : "")));
        table.getColumns().add(col("Mode", Row::mode));
        table.getColumns().add(col("Budget / per symbol", Row::budget));
        table.getColumns().add(col("Risk", Row::riskLevel));
        table.getColumns().add(col("Symbols", Row::allocations));
        table.getColumns().add(col("Cash", Row::cash));
        table.getColumns().add(col("Equity", Row::equity));
        table.getColumns().add(col("P&L", Row::pnl));
        table.getColumns().add(col("Fees", Row::fees));
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        table.getSelectionModel().selectedItemProperty().addListener((o, a, r) -> {
            if (r != null) {
                vm.selectedProperty().set(r);
            }
        });
        vm.selectedProperty().addListener((o, a, r) -> {
            if (r == null) {
                table.getSelectionModel().clearSelection();
            } else if (table.getSelectionModel().getSelectedItem() != r) {
                table.getSelectionModel().select(r);
            }
        });

        GridPane form = new GridPane();
        form.setHgap(6);
        form.setVgap(4);
        TextField name = field("pfName", vm.nameProperty(), 14);
        ChoiceBox<String> mode = new ChoiceBox<>();
        mode.setId("pfMode");
        mode.getItems().addAll("PAPER", "LIVE");
        mode.valueProperty().bindBidirectional(vm.modeProperty());
        TextField total = field("pfTotalBudget", vm.totalBudgetProperty(), 8);
        TextField perSymbol = field("pfMaxPerSymbol", vm.maxPerSymbolProperty(), 8);
        TextField alloc = field("pfAllocations", vm.allocationsProperty(), 24);
        alloc.setPromptText("BTCUSDT=2500, ETHUSDT=2000 (empty: any symbol)");
        ChoiceBox<String> risk = new ChoiceBox<>();
        risk.setId("pfRiskLevel");
        risk.getItems().addAll("LOW", "MEDIUM", "HIGH");
        risk.valueProperty().bindBidirectional(vm.riskLevelProperty());
        TextField strategies = field("pfStrategies", vm.strategiesProperty(), 24);
        strategies.setPromptText("EMA-cross+RSI");
        form.addRow(0, new Label("Name"), name, new Label("Mode"), mode);
        form.addRow(1, new Label("Total budget USDT"), total, new Label("Max per symbol"), perSymbol);
        form.addRow(2, new Label("Risk level"), risk);
        form.add(new Label("Allocations"), 0, 3);
        form.add(alloc, 1, 3, 3, 1);
        form.add(new Label("Strategies"), 0, 4);
        form.add(strategies, 1, 4, 3, 1);

        Button neu = button("pfNew", "New", vm::newPortfolio);
        Button save = button("pfSave", "Save", vm::save);
        Button archive = button("pfArchive", "Archive / restore", vm::archive);
        Button delete = button("pfDelete", "Delete…", () -> {
            Row r = vm.selectedProperty().get();
            if (r == null) {
                vm.delete(null);
                return;
            }
            TextInputDialog d = new TextInputDialog();
            d.setTitle("Delete portfolio");
            d.setHeaderText("Delete '" + r.name() + "'? Its fills and risk events stay in the history.");
            d.setContentText("Type the portfolio's name to confirm:");
            d.showAndWait().ifPresent(vm::delete);
        });
        Button switchTo = button("pfSwitch", "Switch to", vm::switchTo);
        Button reset = button("pfReset", "Reset paper balance", vm::resetPaper);
        javafx.scene.layout.FlowPane buttons = new javafx.scene.layout.FlowPane(6, 6, neu, save, archive, delete, switchTo, reset);

        Label msg = new Label();
        msg.setId("pfMessage");
        msg.setWrapText(true);
        msg.textProperty().bind(vm.messageProperty());
        vm.messageIsErrorProperty().addListener((o, a, err) -> msg.setTextFill(err ? Color.web("#c62828") : Color.web("#2e7d32")));
        Label recon = new Label();
        recon.setId("pfReconciliation");
        recon.setWrapText(true);
        recon.textProperty().bind(vm.reconciliationProperty());

        javafx.scene.control.ListView<String> history = new javafx.scene.control.ListView<>(vm.storedEvents());
        history.setId("pfRiskHistory");
        history.setPrefHeight(110);
        root.getChildren().addAll(table, form, buttons, msg, recon, new Label("Risk history (stored halts and lifts)"), history);
        root.setPadding(new Insets(8));
        VBox.setVgrow(table, Priority.ALWAYS);
        root.setId("portfolioManager");
    }

    private static TableColumn<Row, String> col(String title, Function<Row, String> value) {
        TableColumn<Row, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cd -> new SimpleStringProperty(value.apply(cd.getValue())));
        c.setMinWidth(Math.max(56, title.length() * 8 + 16)); // headers stay readable; the table scrolls
        return c;
    }

    private static TextField field(String id, javafx.beans.property.StringProperty p, int cols) {
        TextField t = new TextField();
        t.setId(id);
        t.setPrefColumnCount(cols);
        t.textProperty().bindBidirectional(p);
        return t;
    }

    private static Button button(String id, String text, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.setOnAction(e -> action.run());
        return b;
    }

    /** The manager's root node. */
    public Node root() {
        return root;
    }
}
