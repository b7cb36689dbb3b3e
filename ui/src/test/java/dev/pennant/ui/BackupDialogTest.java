package dev.pennant.ui;

import atlantafx.base.theme.PrimerDark;
import dev.pennant.core.marketdata.importer.DumpImporter;
import dev.pennant.core.marketdata.importer.ImportListener;
import dev.pennant.core.persistence.HistoryStore;
import dev.pennant.core.testkit.SharedData;
import dev.pennant.ui.view.BackupDialog;
import dev.pennant.ui.view.MainView;
import dev.pennant.ui.viewmodel.BackupViewModel;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Backups dialog in a real window while the database is open in this process (as in the terminal): Back up now
 * lists the new set, Restore at next start… stages it after a confirmation, Check integrity shows the report.
 */
class BackupDialogTest {

    private final FxRobot robot = new FxRobot();
    @TempDir
    Path dir;
    private HistoryStore store;
    private BackupViewModel vm;
    private BackupDialog dialog;

    @BeforeEach
    void start() throws Exception {
        boolean linux = System.getProperty("os.name", "").toLowerCase().contains("linux");
        Assumptions.assumeTrue(!linux || System.getenv("DISPLAY") != null || System.getenv("CI") != null,
                "no DISPLAY: run the tests under xvfb-run");
        store = HistoryStore.open(dir);
        new DumpImporter(store.dataSource(), () -> 0L, 1000).importFile(
                SharedData.file("spot/klines/BTCUSDT/monthly/BTCUSDT-1h-2023-03.csv.gz"), DumpImporter.Options.infer(),
                new ImportListener() { });
        Stage primary = FxToolkit.registerPrimaryStage();
        vm = new BackupViewModel(dir);
        dialog = new BackupDialog(vm);
        FxToolkit.setupStage(s -> {
            Application.setUserAgentStylesheet(new PrimerDark().getUserAgentStylesheet());
            Scene scene = new Scene(new StackPane(new Label("terminal")), 300, 200);
            scene.getStylesheets().add(MainView.stylesheet());
            s.setScene(scene);
            s.show();
            dialog.install(s);
        });
        assertThat(primary).isNotNull();
    }

    @AfterEach
    void stop() throws Exception {
        FxToolkit.hideStage();
        FxToolkit.cleanupStages();
        vm.close();
        store.close();
    }

    private static <T> T onFx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(10, TimeUnit.SECONDS);
    }

    private String text(String id) throws Exception {
        return onFx(() -> robot.lookup(id).queryLabeled().getText());
    }

    @Test
    void backUpNowThenStageARestoreAndCheckIntegrity() throws Exception {
        robot.interact(dialog::show);
        TableView<?> table = robot.lookup("#backupTable").queryTableView();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !vm.busyProperty().get());
        assertThat(onFx(() -> table.getItems().size())).isZero();

        robot.clickOn("#backupNow");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> onFx(() -> table.getItems().size() == 1 && !vm.busyProperty().get()));
        assertThat(text("#backupStatus")).startsWith("Backed up to pennant-backup-").contains("(database, ");
        assertThat(onFx(() -> robot.lookup("#backupRestore").queryButton().isDisabled())).isTrue(); // nothing selected

        robot.interact(() -> table.getSelectionModel().select(0));
        robot.clickOn("#backupRestore");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> onFx(() -> robot.lookup("#backupConfirmRestore").tryQuery().isPresent()));
        DialogPane confirm = robot.lookup("#backupConfirmRestore").queryAs(DialogPane.class);
        robot.interact(() -> ((Button) confirm.lookupButton(javafx.scene.control.ButtonType.OK)).fire());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !text("#backupPending").isEmpty());
        assertThat(text("#backupPending")).startsWith("Staged: pennant-backup-").contains("restored at the next start");
        assertThat(text("#backupStatus")).contains("staged: it happens when Pennant starts next");

        robot.clickOn("#backupCheck");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> onFx(() ->
                robot.lookup("#backupIntegrity").queryAs(TextArea.class).getText().endsWith("integrity: OK")));
        assertThat(onFx(() -> robot.lookup("#backupIntegrity").queryAs(TextArea.class).getText()))
                .contains("check: bars: OHLC rules on 743 imported bars");

        // the dialog as it looks, for the README (target/backups-dialog.png)
        java.awt.image.BufferedImage shot = onFx(() -> javafx.embed.swing.SwingFXUtils.fromFXImage(
                robot.lookup("#backupDialog").query().getScene().snapshot(null), null));
        javax.imageio.ImageIO.write(shot, "png", Path.of("target", "backups-dialog.png").toFile());

        robot.clickOn("#backupCancelRestore");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> text("#backupPending").isEmpty());
        Platform.runLater(() -> { });
    }
}
