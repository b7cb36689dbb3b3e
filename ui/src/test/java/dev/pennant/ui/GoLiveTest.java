package dev.pennant.ui;

import dev.pennant.core.model.Interval;
import dev.pennant.core.model.Market;
import dev.pennant.core.testkit.SharedData;
import dev.pennant.core.vault.EntryKind;
import dev.pennant.core.vault.KdfParams;
import dev.pennant.core.vault.KdfPolicy;
import dev.pennant.core.vault.KeyEnvironment;
import dev.pennant.core.vault.NewEntry;
import dev.pennant.core.vault.UnlockedVault;
import dev.pennant.core.vault.VaultFile;
import dev.pennant.core.vault.VaultOptions;
import dev.pennant.simulator.ExchangeSimulator;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static dev.pennant.ui.TerminalProbes.onFx;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * PAPER → LIVE → PAPER in the real window against the loopback {@link ExchangeSimulator} (paused at 2021-05-18 00:00
 * UTC, BTCUSDT spot 1m; fake keys): the dialog asks to unlock the vault, refuses a wrong phrase naming the rule and
 * starts nothing, then the exact phrase starts a LIVE session (red banner, red badge) whose ticket order reaches the
 * simulator as its one and only order request; back to PAPER asks first.
 */
class GoLiveTest {

    private static final String PASSWORD = "test password not real";

    @TempDir
    Path dataDir;

    private final FxRobot robot = new FxRobot();
    private Application app;
    private ExchangeSimulator sim;

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            FxToolkit.cleanupApplication(app);
        }
        FxToolkit.cleanupStages();
        if (sim != null) {
            sim.close();
        }
    }

    @Test
    void theDialogGuardsGoingLiveAndATicketOrderReachesTheSimulator() throws Exception {
        boolean linux = System.getProperty("os.name", "").toLowerCase().contains("linux");
        Assumptions.assumeTrue(!linux || System.getenv("DISPLAY") != null || System.getenv("CI") != null,
                "no DISPLAY: run the tests under xvfb-run");
        sim = ExchangeSimulator.builder().dataDir(SharedData.binance()).port(0).speed(0)
                .replayStart(Instant.parse("2021-05-18T00:00:00Z"))
                .apiKey("sim-key-not-real", "sim-secret-not-real".toCharArray()).start();
        KdfParams fast = KdfParams.DEFAULT; // the window's policy: no upgrade on unlock
        try (UnlockedVault v = VaultFile.create(VaultFile.defaultPath(dataDir), PASSWORD.toCharArray(), fast,
                VaultOptions.defaults().withPolicy(KdfPolicy.DEFAULT));
             NewEntry e = NewEntry.builder("sim", EntryKind.BINANCE_SPOT).environment(KeyEnvironment.TESTNET)
                     .apiKey("sim-key-not-real".toCharArray()).secret("sim-secret-not-real".toCharArray()).build()) {
            v.put(e);
        }
        Stage primary = FxToolkit.registerPrimaryStage();
        TerminalLauncher.configure(new TerminalOptions(dataDir, null, 1, "BTCUSDT", Interval.M1, sim.baseUrl(),
                "mainnet", Market.SPOT));
        app = FxToolkit.setupApplication(TerminalApp.class);
        assertThat(primary).isNotNull();
        try {
            WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> onFx(() -> "RUNNING".equals(text("#sourceState"))
                    && !robot.lookup("#ticketSubmit").queryButton().isDisabled()
                    && text("#ticketLastPrice").contains("Last ")));
        } catch (java.util.concurrent.TimeoutException t) {
            throw new AssertionError("state " + text("#sourceState") + " | " + text("#sourceStatus") + " | last "
                    + text("#ticketLastPrice") + " | problem " + text("#problemText"), t);
        }
        assertThat(text("#modeBadge")).isEqualTo("PAPER");
        assertThat(onFx(() -> robot.lookup("#liveBanner").query().isVisible())).isFalse();

        // LIVE: the vault is locked — the dialog says so and unlocks through the vault dialog
        robot.clickOn("#modeLive");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> onFx(() -> robot.lookup("#goLiveLockedBox").tryQuery()
                .map(Node::isVisible).orElse(false)));
        robot.clickOn("#goLiveUnlock");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> onFx(() -> robot.lookup("#vaultPassword").tryQuery().isPresent()));
        setText("#vaultPassword", PASSWORD);
        robot.clickOn(robot.lookup(".button").match(n -> n instanceof Labeled l && "Unlock".equals(l.getText()))
                .<Node>query());
        try {
            WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> onFx(() -> !robot.lookup("#goLiveLockedBox").query()
                    .isVisible()));
        } catch (java.util.concurrent.TimeoutException t) {
            throw new AssertionError("unlock: " + onFx(() -> robot.lookup("#vaultUnlockError").tryQuery()
                    .map(n -> ((Labeled) n).getText()).orElse("(no dialog)")), t);
        }
        // the only spot key and the only venue (loopback --exchange-url) are preselected; the phrase names them
        String phrase = text("#goLivePhrase");
        assertThat(phrase).isEqualTo("LIVE sim SPOT local max-drawdown 25%");
        assertThat(text("#goLiveLimits")).startsWith("max drawdown 25 % (trading halts)");

        // a wrong phrase: the error names the rule, nothing starts
        setText("#goLiveConfirm", "LIVE sim SPOT local max-drawdown 20%");
        robot.clickOn("#goLiveStart");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !text("#goLiveError").isEmpty());
        assertThat(text("#goLiveError")).isEqualTo("confirmation: must be exactly 'LIVE sim SPOT local max-drawdown 25%'"
                + " (account label, market, venue and max drawdown, separated by single spaces)");
        assertThat(text("#modeBadge")).isEqualTo("PAPER");
        assertThat(sim.orderRequestCount()).isZero();

        setText("#goLiveConfirm", phrase);
        robot.clickOn("#goLiveStart");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> onFx(() -> robot.lookup("#liveBanner").query().isVisible()
                && "LIVE".equals(text("#modeBadge")) && "RUNNING".equals(text("#sourceState"))
                && !robot.lookup("#ticketSubmit").queryButton().isDisabled()
                && text("#ticketLastPrice").contains("Last ")));
        assertThat(text("#liveBannerText")).startsWith("LIVE — orders go to local simulator (http://127.0.0.1:"
                + sim.port() + ") · account 'sim' · SPOT BTCUSDT 1m · max drawdown 25 %");
        assertThat(onFx(() -> robot.lookup("#modeBadge").query().getStyleClass())).contains("badge-live");
        assertThat(text(".session-label")).contains(" · LIVE · BTCUSDT 1m");
        // the LIVE ledger starts from the account's USDT at the venue (the simulator funds 100,000 free USDT), not
        // the paper 10,000, and the session was reconciled at start: nothing differs
        assertThat(text(".session-label")).endsWith("start 100,000.00 USDT");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !text("#reconciliationStatus").isEmpty());
        assertThat(text("#reconciliationStatus")).endsWith(": engine and venue agree");
        // the window as it looks LIVE, for the README (target/live-banner.png)
        java.awt.image.BufferedImage shot = onFx(() -> javafx.embed.swing.SwingFXUtils.fromFXImage(
                primary.getScene().snapshot(null), null));
        javax.imageio.ImageIO.write(shot, "png", Path.of("target", "live-banner.png").toFile());
        WaitForAsyncUtils.waitForFxEvents();

        // a MARKET buy from the ticket reaches the simulator: its one order request
        setText("#ticketQuantity", "0.001");
        robot.clickOn("#ticketSubmit");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> onFx(() -> robot.lookup("#confirmSend").tryQuery().isPresent()));
        assertThat(text("#confirmMode")).isEqualTo("LIVE");
        robot.clickOn("#confirmSend");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> sim.orderRequestCount() == 1);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> text("#ticketResult").startsWith("Filled "));
        // a dropped user-data stream reconnects and is reconciled again: the fill is booked once, nothing differs
        assertThat(text("#reconciliationStatus")).startsWith("[1] ");
        sim.dropStreams();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> text("#reconciliationStatus").startsWith("[2] "));
        assertThat(text("#reconciliationStatus")).endsWith(": engine and venue agree");
        assertThat(text("#problemText")).doesNotContain("reconciliation");

        // back to PAPER: one click, a confirmation first
        robot.clickOn("#modePaper");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> onFx(() -> robot.lookup("#goPaperConfirm").tryQuery().isPresent()));
        assertThat(text("#modeBadge")).isEqualTo("LIVE");
        robot.clickOn(robot.lookup("#goPaperConfirm .button").match(n -> n instanceof Labeled l && "OK".equals(l.getText()))
                .<Node>query());
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> onFx(() -> "PAPER".equals(text("#modeBadge"))
                && !robot.lookup("#liveBanner").query().isVisible() && text(".session-label").contains(" · PAPER · ")));
        assertThat(sim.orderRequestCount()).isEqualTo(1);
    }

    private void setText(String id, String value) throws Exception {
        onFx(() -> {
            TextInputControl t = robot.lookup(id).queryAs(TextInputControl.class);
            t.requestFocus();
            t.setText(value);
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private String text(String id) throws Exception {
        Callable<String> read = () -> {
            Node n = robot.lookup(id).query();
            return n instanceof Labeled l ? l.getText() : ((TextInputControl) n).getText();
        };
        return javafx.application.Platform.isFxApplicationThread() ? read.call() : onFx(read);
    }
}
