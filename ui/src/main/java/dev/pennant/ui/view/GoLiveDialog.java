package dev.pennant.ui.view;

import dev.pennant.core.model.Order;
import dev.pennant.ui.viewmodel.GoLiveViewModel;
import dev.pennant.ui.viewmodel.TerminalViewModel;
import javafx.event.ActionEvent;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import javafx.util.StringConverter;

import java.util.List;
import java.util.Locale;

/**
 * The "Go LIVE" dialog over a {@link GoLiveViewModel} (vault unlocked → key → venue → exact confirmation phrase) and
 * the "Back to PAPER" confirmation, which lists the LIVE session's open orders (they stay at the venue).
 */
final class GoLiveDialog {

    private GoLiveDialog() {
    }

    /** Shows the Go LIVE dialog; on a granted confirmation the terminal starts the LIVE session. */
    static void show(Window owner, TerminalViewModel terminal, VaultDialogs vault) {
        GoLiveViewModel vm = terminal.goLiveViewModel(() -> vault.viewModel().unlockedVault());
        Dialog<ButtonType> d = new Dialog<>();
        d.initOwner(owner);
        d.setTitle("Go LIVE");
        d.setHeaderText("Trade " + vm.instrumentText() + " with real orders");
        ButtonType goType = new ButtonType("Go LIVE", ButtonBar.ButtonData.OK_DONE);
        d.getDialogPane().getButtonTypes().addAll(goType, ButtonType.CANCEL);

        Label blocked = new Label(vm.blockedReason());
        blocked.setId("goLiveBlocked");
        blocked.setWrapText(true);
        blocked.getStyleClass().add("golive-error");
        blocked.setVisible(!vm.blockedReason().isEmpty());
        blocked.setManaged(blocked.isVisible());

        Label lockedText = new Label("The vault is locked: unlock it to choose the API key to trade with.");
        lockedText.setId("goLiveVaultLocked");
        Button unlock = new Button("Unlock vault…");
        unlock.setId("goLiveUnlock");
        unlock.setOnAction(e -> vault.showUnlock(vm::refresh));
        VBox lockedBox = new VBox(6, lockedText, unlock);
        lockedBox.setId("goLiveLockedBox");
        lockedBox.visibleProperty().bind(vm.unlockedProperty().not());
        lockedBox.managedProperty().bind(lockedBox.visibleProperty());

        ChoiceBox<GoLiveViewModel.KeyChoice> key = new ChoiceBox<>(vm.entries());
        key.setId("goLiveKey");
        key.valueProperty().bindBidirectional(vm.entryProperty());
        key.disableProperty().bind(vm.unlockedProperty().not());
        ChoiceBox<GoLiveViewModel.Target> venue = new ChoiceBox<>(vm.targets());
        venue.setId("goLiveVenue");
        venue.valueProperty().bindBidirectional(vm.targetProperty());
        venue.setConverter(new StringConverter<>() {
            @Override public String toString(GoLiveViewModel.Target t) { return t == null ? "" : t.title(); }
            @Override public GoLiveViewModel.Target fromString(String s) { return null; }
        });
        Label limits = new Label(vm.limitsText());
        limits.setId("goLiveLimits");
        limits.setWrapText(true);
        Label phrase = new Label();
        phrase.setId("goLivePhrase");
        phrase.getStyleClass().add("golive-phrase");
        phrase.textProperty().bind(vm.expectedPhraseProperty());
        TextField typed = new TextField();
        typed.setId("goLiveConfirm");
        typed.setPromptText("type the sentence above exactly");
        typed.textProperty().bindBidirectional(vm.typedProperty());
        Label error = new Label();
        error.setId("goLiveError");
        error.setWrapText(true);
        error.setMaxWidth(560);
        error.getStyleClass().add("golive-error");
        error.textProperty().bind(vm.errorProperty());

        GridPane g = new GridPane(10, 8);
        int r = 0;
        g.addRow(r++, name("Account (vault key)"), key);
        g.addRow(r++, name("Venue"), venue);
        g.addRow(r++, name("Market"), new Label(vm.instrumentText()));
        g.addRow(r++, name("Risk limits in force"), limits);
        g.addRow(r++, name("Type to confirm"), phrase);
        g.addRow(r, new Label(), typed);
        VBox box = new VBox(10, blocked, lockedBox, g, error);
        box.setPadding(new Insets(10));
        box.setPrefWidth(620);
        d.getDialogPane().setContent(box);

        Node go = d.getDialogPane().lookupButton(goType);
        go.setId("goLiveStart");
        go.getStyleClass().add("golive-start");
        go.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume(); // stays open until every guard rail passed
            // mainnet asks Binance for the key's restrictions: off the FX thread, the button waits meanwhile
            vm.confirmAsync(task -> Thread.ofVirtual().name("golive-checks").start(task), javafx.application.Platform::runLater)
                    .thenAccept(granted -> granted.ifPresent(grant -> {
                        d.setResult(goType);
                        d.close();
                        terminal.goLive(grant);
                    }));
        });
        go.disableProperty().bind(vm.busyProperty());
        d.setOnShown(e -> typed.requestFocus());
        d.show();
    }

    /** Asks to go back to PAPER, listing the open LIVE orders (they stay at the venue); switches on OK. */
    static void confirmPaper(Window owner, TerminalViewModel terminal) {
        List<Order> open = List.copyOf(terminal.orders().openOrders());
        StringBuilder text = new StringBuilder();
        if (open.isEmpty()) {
            text.append("No open LIVE orders.");
        } else {
            text.append(open.size()).append(" open LIVE order(s) stay at the venue — they are NOT canceled:\n");
            for (Order o : open) {
                text.append("\n• ").append(o.clientOrderId()).append("  ").append(o.side()).append(' ')
                        .append(o.quantity().stripTrailingZeros().toPlainString()).append(' ').append(o.symbol())
                        .append(' ').append(o.type())
                        .append(o.price() == null ? "" : " @ " + o.price().stripTrailingZeros().toPlainString());
            }
            text.append("\n\nCancel them first (Open orders ▸ Cancel all) if they should not work on.");
        }
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, text.toString(), ButtonType.OK, ButtonType.CANCEL);
        a.initOwner(owner);
        a.setTitle("Back to PAPER");
        a.setHeaderText("Stop the LIVE session and trade PAPER again?");
        a.getDialogPane().setId("goPaperConfirm");
        a.showAndWait().filter(b -> b == ButtonType.OK).ifPresent(b -> terminal.goPaper());
    }

    private static Label name(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("field-name");
        return l;
    }
}
