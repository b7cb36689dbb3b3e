package dev.pennant.ui.view;

import dev.pennant.core.config.DataDirectory;
import dev.pennant.ui.TerminalLauncher;
import dev.pennant.ui.TerminalOptions;
import dev.pennant.ui.viewmodel.VaultKeyRow;
import dev.pennant.ui.viewmodel.VaultViewModel;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.event.ActionEvent;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.input.InputEvent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;

import java.util.function.Function;

/**
 * The vault in the window: the "Security" menu (Unlock vault…, Lock now Shortcut+L, Keys…), the unlock dialog (masked
 * password field; a wrong password shows the reason and lets the user retry; Argon2 runs off the FX thread) and the
 * read-only key list (labels, kind, environment, permissions; values only as a mask).
 */
public final class VaultDialogs {
    /** Lock hotkey: Ctrl+L (Cmd+L on macOS). */
    public static final KeyCombination LOCK_KEY = new KeyCodeCombination(KeyCode.L, KeyCombination.SHORTCUT_DOWN);

    private final VaultViewModel vm;
    private Window owner;

    public VaultDialogs(VaultViewModel vm) {
        this.vm = vm;
    }

    /** For the terminal window: the data directory the terminal was started with (else the default one). */
    public static VaultDialogs forTerminal() {
        TerminalOptions o = TerminalLauncher.options();
        return new VaultDialogs(new VaultViewModel(o != null ? o.dataDir() : DataDirectory.resolve(null)));
    }

    /** The view-model (tests, status bindings). */
    public VaultViewModel viewModel() {
        return vm;
    }

    /** The "Security" menu. */
    public Menu menu() {
        MenuItem unlock = new MenuItem("Unlock vault…");
        unlock.setId("menuVaultUnlock");
        unlock.setOnAction(e -> showUnlock());
        unlock.disableProperty().bind(vm.unlockedProperty());
        MenuItem lock = new MenuItem("Lock now");
        lock.setId("menuVaultLock");
        lock.setAccelerator(LOCK_KEY);
        lock.setOnAction(e -> vm.lockNow());
        lock.disableProperty().bind(vm.unlockedProperty().not());
        MenuItem keys = new MenuItem("Keys…");
        keys.setId("menuVaultKeys");
        keys.setOnAction(e -> showKeys());
        return new Menu("Security", null, unlock, lock, keys);
    }

    /**
     * Registers the lock hotkey on the window's scene and lets every key/mouse event there restart the idle countdown;
     * closing the window locks the vault.
     */
    public void install(Stage stage) {
        this.owner = stage;
        Scene scene = stage.getScene();
        scene.getAccelerators().put(LOCK_KEY, vm::lockNow);
        scene.addEventFilter(InputEvent.ANY, e -> vm.touch());
        stage.addEventHandler(javafx.stage.WindowEvent.WINDOW_HIDDEN, e -> vm.close());
    }

    /** The unlock dialog (or a hint to run {@code pennant vault init} when there is no vault yet). */
    public void showUnlock() {
        showUnlock(null);
    }

    /** The unlock dialog; {@code afterUnlock} (may be null) runs on the FX thread once the vault is unlocked. */
    public void showUnlock(Runnable afterUnlock) {
        if (!vm.vaultExists()) {
            Alert a = new Alert(Alert.AlertType.INFORMATION, "There is no vault in this data directory yet.\n\n"
                    + "Create one from a terminal:\n" + vm.initCommand() + "\n\nthen add keys with `pennant vault add`.");
            a.setHeaderText("No key vault yet");
            a.initOwner(owner);
            a.show();
            return;
        }
        if (vm.unlockedProperty().get()) {
            if (afterUnlock != null) {
                afterUnlock.run();
            }
            return;
        }
        Dialog<ButtonType> d = new Dialog<>();
        d.initOwner(owner);
        d.setTitle("Unlock vault");
        d.setHeaderText("Master password for " + vm.file().getFileName());
        ButtonType unlockType = new ButtonType("Unlock", ButtonBar.ButtonData.OK_DONE);
        d.getDialogPane().getButtonTypes().addAll(unlockType, ButtonType.CANCEL);

        PasswordField pw = new PasswordField();
        pw.setId("vaultPassword");
        pw.setPromptText("Master password");
        pw.setPrefWidth(380);
        Label error = new Label();
        error.setId("vaultUnlockError");
        error.setWrapText(true);
        error.setMaxWidth(420);
        error.setPrefWidth(420);
        error.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        error.setStyle("-fx-text-fill: -color-danger-fg;");
        error.textProperty().bind(vm.errorProperty());
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(18, 18);
        spinner.visibleProperty().bind(vm.busyProperty());
        VBox box = new VBox(8, new HBox(8, pw, spinner), error);
        box.setPadding(new Insets(10));
        d.getDialogPane().setContent(box);

        Node unlockButton = d.getDialogPane().lookupButton(unlockType);
        unlockButton.disableProperty().bind(vm.busyProperty().or(pw.textProperty().isEmpty()));
        unlockButton.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume(); // the dialog stays open until the unlock succeeds
            char[] secret = pw.getText().toCharArray();
            pw.clear();
            vm.unlock(secret, ok -> {
                if (ok) {
                    d.setResult(unlockType);
                    d.close();
                    if (afterUnlock != null) {
                        afterUnlock.run();
                    }
                } else {
                    pw.requestFocus();
                }
            });
        });
        d.setOnShown(e -> pw.requestFocus());
        d.setOnHidden(e -> pw.clear());
        d.show();
    }

    /** The read-only key list; asks to unlock first when locked. */
    public void showKeys() {
        if (!vm.unlockedProperty().get()) {
            showUnlock(this::showKeys);
            return;
        }
        TableView<VaultKeyRow> table = new TableView<>(vm.keys());
        table.setId("vaultKeys");
        table.setEditable(false);
        table.setPlaceholder(new Label("No keys (or the vault is locked). Add keys with `pennant vault add`."));
        table.getColumns().add(column("Label", VaultKeyRow::label, 150));
        table.getColumns().add(column("Kind", VaultKeyRow::kind, 120));
        table.getColumns().add(column("Env", VaultKeyRow::environment, 80));
        table.getColumns().add(column("Status", VaultKeyRow::status, 70));
        table.getColumns().add(column("Permissions", VaultKeyRow::permissionsNotes, 330));
        table.getColumns().add(column("Notes", VaultKeyRow::notes, 150));
        table.getColumns().add(column("API key", VaultKeyRow::apiKey, 80));
        table.getColumns().add(column("Secret", VaultKeyRow::secret, 80));
        table.setPrefSize(1100, 320);

        Dialog<Void> d = new Dialog<>();
        d.initOwner(owner);
        d.setTitle("Vault keys");
        d.setHeaderText("Keys in " + vm.file() + " (values are never shown)");
        Label status = new Label();
        status.textProperty().bind(vm.statusProperty());
        d.getDialogPane().setContent(new VBox(8, table, status));
        d.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        d.setResizable(true);
        d.show();
    }

    private static TableColumn<VaultKeyRow, String> column(String title, Function<VaultKeyRow, String> value, double width) {
        TableColumn<VaultKeyRow, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cd -> new ReadOnlyStringWrapper(value.apply(cd.getValue())));
        c.setPrefWidth(width);
        c.setSortable(true);
        return c;
    }
}
