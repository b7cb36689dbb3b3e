package dev.pennant.ui.view;

import dev.pennant.core.config.DataDirectory;
import dev.pennant.ui.TerminalLauncher;
import dev.pennant.ui.TerminalOptions;
import dev.pennant.ui.viewmodel.BackupRow;
import dev.pennant.ui.viewmodel.BackupViewModel;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Window;

import java.time.Duration;

/**
 * The Tools menu's "Backups…" dialog: the backup sets, Back up now, Restore at next start… (with a confirmation),
 * Cancel staged restore, and Check integrity with its report. Binds only to {@link BackupViewModel}.
 */
public final class BackupDialog {

    /** Backup sets kept by "Back up now" and the schedule. */
    public static final int KEEP = 10;

    private final BackupViewModel vm;
    private Window owner;
    private Dialog<ButtonType> dialog;

    /** A dialog over {@code vm}. */
    public BackupDialog(BackupViewModel vm) {
        this.vm = vm;
    }

    /**
     * For the terminal window: the data directory it was started with, and scheduled backups (every
     * {@code pennant.backup.every} hours, default 24; 0 turns them off), checked every 10 minutes.
     */
    public static BackupDialog forTerminal() {
        TerminalOptions o = TerminalLauncher.options();
        BackupViewModel vm = new BackupViewModel(o != null ? o.dataDir() : DataDirectory.resolve(null));
        long hours = Long.getLong("pennant.backup.every", 24);
        if (o != null && hours > 0) {
            vm.startSchedule(Duration.ofHours(hours), KEEP, Duration.ofMinutes(10));
        }
        return new BackupDialog(vm);
    }

    /** The view-model (tests). */
    public BackupViewModel viewModel() {
        return vm;
    }

    /** The "Tools" menu with "Backups…". */
    public Menu menu() {
        MenuItem backups = new MenuItem("Backups…");
        backups.setId("menuBackups");
        backups.setOnAction(e -> show());
        return new Menu("Tools", null, backups);
    }

    /** Sets the window dialogs are owned by. */
    public void install(Window window) {
        this.owner = window;
    }

    /** Opens the dialog (non-modal; one at a time). */
    public void show() {
        if (dialog != null && dialog.isShowing()) {
            return;
        }
        dialog = new Dialog<>();
        if (owner != null) {
            dialog.initOwner(owner);
        }
        dialog.initModality(Modality.NONE);
        dialog.setTitle("Backups");
        dialog.setHeaderText("Backups of the history database and the vault\n" + vm.backupsFolder());
        dialog.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);

        TableView<BackupRow> table = new TableView<>(vm.backups());
        table.setId("backupTable");
        table.setPlaceholder(new Label("No backups yet"));
        table.getColumns().add(column("Backup", BackupRow::name, 300));
        table.getColumns().add(column("Created (UTC)", BackupRow::created, 175));
        table.getColumns().add(column("Holds", BackupRow::contents, 140));
        table.getColumns().add(column("Size", BackupRow::size, 80));
        table.setPrefHeight(200);
        table.setMinHeight(140);

        Button backup = new Button("Back up now");
        backup.setId("backupNow");
        backup.setOnAction(e -> vm.backupNow(KEEP));
        Button restore = new Button("Restore at next start…");
        restore.setId("backupRestore");
        restore.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull().or(vm.busyProperty()));
        restore.setOnAction(e -> confirmRestore(table.getSelectionModel().getSelectedItem()));
        Button cancel = new Button("Cancel staged restore");
        cancel.setId("backupCancelRestore");
        cancel.disableProperty().bind(vm.pendingProperty().isEmpty().or(vm.busyProperty()));
        cancel.setOnAction(e -> vm.cancelRestore());
        Button check = new Button("Check integrity");
        check.setId("backupCheck");
        check.setOnAction(e -> vm.checkIntegrity());
        backup.disableProperty().bind(vm.busyProperty());
        check.disableProperty().bind(vm.busyProperty());
        HBox buttons = new HBox(8, backup, restore, cancel, check);
        for (Button b : new Button[] {backup, restore, cancel, check}) {
            b.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // never "Back up ..."
        }

        Label pending = new Label();
        pending.setId("backupPending");
        pending.setWrapText(true);
        pending.textProperty().bind(vm.pendingProperty());
        pending.setStyle("-fx-text-fill: -color-warning-fg;");
        pending.managedProperty().bind(pending.textProperty().isNotEmpty());
        Label status = new Label();
        status.setId("backupStatus");
        status.setWrapText(true);
        status.textProperty().bind(vm.statusProperty());
        TextArea report = new TextArea();
        report.setId("backupIntegrity");
        report.setEditable(false);
                report.textProperty().bind(vm.integrityProperty());
        report.visibleProperty().bind(Bindings.isNotEmpty(vm.integrityProperty()));
        report.managedProperty().bind(report.visibleProperty());
        Label note = new Label("The terminal holds its database while it runs, so a restore happens at the next start; "
                + "what it replaces is kept in backups/replaced-…");
        note.setWrapText(true);
        note.getStyleClass().add("text-muted");

        for (Label l : new Label[] {pending, status, note}) {
            l.setMaxWidth(Double.MAX_VALUE);
            l.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE); // wrapped lines get their height
        }
        report.setPrefRowCount(10);
        report.setMinHeight(170);
        VBox box = new VBox(10, table, buttons, pending, status, report, note);
        VBox.setVgrow(table, Priority.ALWAYS);
        box.setPadding(new Insets(10));
        box.setPrefWidth(720);
        dialog.getDialogPane().setContent(box);
        dialog.getDialogPane().setMinWidth(760);
        dialog.getDialogPane().setPrefWidth(760);
        dialog.getDialogPane().setPrefHeight(660);
        dialog.setResizable(true);
        dialog.getDialogPane().setId("backupDialog");
        vm.refresh();
        dialog.show();
    }

    private void confirmRestore(BackupRow row) {
        if (row == null) {
            return;
        }
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, "Restore " + row.name() + " (" + row.contents() + ", created "
                + row.created() + " UTC) when Pennant starts next?\n\nThe current database and vault are moved to "
                + "backups/replaced-… first, not deleted.", ButtonType.OK, ButtonType.CANCEL);
        a.setHeaderText("Restore at next start");
        a.initOwner(dialog.getDialogPane().getScene().getWindow());
        a.getDialogPane().setId("backupConfirmRestore");
        a.showAndWait().filter(b -> b == ButtonType.OK).ifPresent(b -> vm.stageRestore(row));
    }

    private static TableColumn<BackupRow, String> column(String title,
                                                         java.util.function.Function<BackupRow, String> value, double width) {
        TableColumn<BackupRow, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cd -> new javafx.beans.property.ReadOnlyStringWrapper(value.apply(cd.getValue())));
        c.setPrefWidth(width);
        return c;
    }
}
