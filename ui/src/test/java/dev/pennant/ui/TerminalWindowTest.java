package dev.pennant.ui;

import dev.pennant.core.model.Fill;
import dev.pennant.core.model.Order;
import dev.pennant.core.model.OrderStatus;
import dev.pennant.core.persistence.AuditLogs;
import dev.pennant.core.vault.AuditEventType;
import dev.pennant.core.model.Interval;
import dev.pennant.core.testkit.SharedData;
import dev.pennant.ui.viewmodel.DecisionRow;
import io.fair_acc.chartfx.XYChart;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
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
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real terminal window, in a real JavaFX window (Xvfb in CI), replaying a real Binance 1m file: bars reach the
 * chart, a fill reaches the fills table, and the AI reasoning panel shows the explanation of that fill.
 */
class TerminalWindowTest {

    @TempDir
    Path dataDir;

    private final FxRobot robot = new FxRobot();
    private Application app;

    @BeforeEach
    void start() throws Exception {
        boolean linux = System.getProperty("os.name", "").toLowerCase().contains("linux");
        // On a Linux machine without X the window cannot open; CI runs under xvfb-run and must never skip.
        Assumptions.assumeTrue(!linux || System.getenv("DISPLAY") != null || System.getenv("CI") != null,
                "no DISPLAY: run the tests under xvfb-run");
        Stage primary = FxToolkit.registerPrimaryStage();
        TerminalLauncher.configure(new TerminalOptions(dataDir, SharedData.btc1m(), 3000, "BTCUSDT", Interval.M1));
        app = FxToolkit.setupApplication(TerminalApp.class);
        assertThat(primary).isNotNull();
    }

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            FxToolkit.cleanupApplication(app);
        }
        FxToolkit.cleanupStages();
    }

    @Test
    void replayFillsTheChartTheFillsTableAndTheReasoningPanel() throws Exception {
        XYChart chart = robot.lookup("#priceChart").queryAs(XYChart.class);
        TableView<Fill> fills = robot.lookup("#fillsTable").queryTableView();
        ListView<DecisionRow> reasoning = robot.lookup("#reasoningList").queryListView();

        // on the FX thread: each redraw makes the chart's data sets anew (a throwing condition fails the wait)
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> TerminalProbes.onFx(() -> candles(chart) > 50
                && !fills.getItems().isEmpty()));

        Fill fill = WaitForAsyncUtils.asyncFx(() -> fills.getItems().getFirst()).get();
        assertThat(fill.symbol()).isEqualTo("BTCUSDT");
        assertThat(fill.price().doubleValue()).isBetween(30_000.0, 60_000.0);

        // The decision behind that fill is in the panel, with words from its indicators and the fill's order id.
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> TerminalProbes.onFx(() -> reasoning.getItems().stream()
                .anyMatch(r -> r.outcome().contains(fill.clientOrderId()))));
        DecisionRow row = WaitForAsyncUtils.asyncFx(() -> reasoning.getItems().stream()
                .filter(r -> r.outcome().contains(fill.clientOrderId())).findFirst().orElseThrow()).get();
        assertThat(row.side()).isEqualTo(fill.side());
        assertThat(row.text()).contains("EMA(9)").contains("EMA(21)").contains("RSI(14)").contains("Confidence");
        assertThat(row.outcome()).startsWith("Filled");
        assertThat(row.confidencePercent()).isBetween(1, 100);

        // And it is on screen: scroll to it and find its rendered labels.
        // The replay keeps adding decisions, which can push the row out of view between pulses: scroll, lay out and
        // read the labels in one FX turn, and retry until one turn shows it.
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> TerminalProbes.onFx(() -> {
            reasoning.scrollTo(row);
            reasoning.applyCss();
            reasoning.layout();
            List<String> shown = reasoning.lookupAll(".label").stream().filter(n -> n instanceof Label && shownIn(n, reasoning))
                    .map(n -> ((Label) n).getText()).toList();
            return shown.stream().anyMatch(t -> t != null && t.contains(fill.clientOrderId()))
                    && shown.stream().anyMatch(t -> t != null && t.equals(row.text()));
        }));

        // The status bar says where the data comes from and how fast it replays.
        Label source = robot.lookup("#sourceStatus").queryAs(Label.class);
        assertThat(source.getText()).contains("REPLAY").contains("BTCUSDT-1m-20210515_20210522");
        assertThat(robot.lookup("#speedStatus").queryAs(Label.class).getText()).contains("3000×");

        // Kill switch: every later order is denied by risk, and the change is in the audit chain.
        robot.clickOn("#killSwitch");
        TableView<Order> orders = robot.lookup("#ordersTable").queryTableView();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> TerminalProbes.onFx(() -> orders.getItems().stream()
                .anyMatch(o -> o.status() == OrderStatus.REJECTED && o.rejectReason().contains("kill switch engaged"))));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> AuditLogs.shared(dataDir).primary().last()
                .map(r -> r.type() == AuditEventType.KILL_SWITCH && "true".equals(r.details().get("engaged"))).orElse(false));
        assertThat(AuditLogs.shared(dataDir).verify().ok()).isTrue();
    }

    private static int candles(XYChart chart) {
        return chart.getRenderers().stream().flatMap(r -> r.getDatasets().stream())
                .filter(ds -> ds.getName().equals("candles")).mapToInt(ds -> ds.getDataCount()).sum();
    }

    /** True when {@code n} and every parent up to {@code root} is visible (cells parked off-screen are invisible). */
    private static boolean shownIn(Node n, Node root) {
        for (Node p = n; p != null && p != root; p = p.getParent()) {
            if (!p.isVisible()) {
                return false;
            }
        }
        return true;
    }
}
