package dev.pennant.ui;

import dev.pennant.core.model.Interval;
import dev.pennant.core.testkit.SharedData;
import io.fair_acc.chartfx.XYChart;
import javafx.application.Application;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.GridPane;
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

import static dev.pennant.ui.TerminalProbes.onFx;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chart's analysis layer in the real terminal window (Xvfb in CI), replaying the BTCUSDT 1m week of 2021-05-15:
 * indicators typed into the Indicators menu appear as price overlays (Bollinger) and sub-panes (MACD), Fibonacci and
 * S/R levels as labelled lines, the trend in the toolbar, and the multi-timeframe panel fills from the recorded
 * klines beside the replayed file (1m, 1h, 4h and 1d files; 5m and 15m built from 1m). Saves
 * {@code target/chart-analysis.png}.
 */
class ChartAnalysisWindowTest {

    @TempDir
    Path dataDir;

    private final FxRobot robot = new FxRobot();
    private Application app;

    @BeforeEach
    void start() throws Exception {
        boolean linux = System.getProperty("os.name", "").toLowerCase().contains("linux");
        Assumptions.assumeTrue(!linux || System.getenv("DISPLAY") != null || System.getenv("CI") != null,
                "no DISPLAY: run the tests under xvfb-run");
        Stage primary = FxToolkit.registerPrimaryStage();
        TerminalLauncher.configure(new TerminalOptions(dataDir, SharedData.btc1m(), 600, "BTCUSDT", Interval.M1));
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

    private String text(String query) throws Exception {
        return onFx(() -> robot.lookup(query).queryAs(Label.class).getText());
    }

    @Test
    void indicatorsLevelsTrendAndTimeframesOnTheChart() throws Exception {
        XYChart chart = robot.lookup("#priceChart").queryAs(XYChart.class);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> TerminalProbes.candleCount(chart) > 120);

        robot.clickOn("#indicatorMenu");
        for (String ind : List.of("BB(20,2)", "MACD", "EMA(50)")) {
            robot.clickOn("#indicatorCustom").write(ind).type(KeyCode.ENTER);
        }
        robot.type(KeyCode.ESCAPE);

        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> onFx(() -> {
            List<String> names = chart.getRenderers().stream().flatMap(r -> r.getDatasets().stream()).map(d -> d.getName()).toList();
            return names.contains("BB(20,2) upper") && names.contains("EMA(50)")
                    && robot.lookup("#subPane-MACD(12,26,9)").tryQuery().isPresent()
                    && names.stream().anyMatch(n -> n.startsWith("Fib 61.8% "));
        }));
        assertThat(onFx(() -> chart.getRenderers().stream().flatMap(r -> r.getDatasets().stream()).map(d -> d.getName()).toList()))
                .anyMatch(t -> t.startsWith("S ×") || t.startsWith("R ×"));
        assertThat(text("#levelsLabel")).contains("Fib ");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> text("#trendLabel").startsWith("Trend: "));
        XYChart macd = robot.lookup("#subPane-MACD(12,26,9)").queryAs(XYChart.class);
        assertThat(onFx(() -> macd.getRenderers().getFirst().getDatasets().stream().map(d -> d.getName()).toList()))
                .contains("MACD(12,26,9)", "MACD(12,26,9) signal", "MACD(12,26,9) hist");

        robot.clickOn("Timeframes");
        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> text("#mtfSummary").startsWith("Consensus "));
        GridPane grid = robot.lookup("#mtfGrid").queryAs(GridPane.class);
        assertThat(onFx(() -> grid.getChildren().size())).isEqualTo(7 * 6);
        assertThat(onFx(() -> grid.getChildren().stream().map(n -> ((Label) n).getText()).toList()))
                .contains("1m", "5m", "15m", "1h", "4h", "1d", "from 1m");

        WaitForAsyncUtils.waitForFxEvents();
        java.awt.image.BufferedImage shot = onFx(() -> javafx.embed.swing.SwingFXUtils.fromFXImage(
                chart.getScene().snapshot(null), null));
        javax.imageio.ImageIO.write(shot, "png", Path.of("target", "chart-analysis.png").toFile());
        javafx.scene.Node area = robot.lookup(".chart-area").query();
        java.awt.image.BufferedImage areaShot = onFx(() -> javafx.embed.swing.SwingFXUtils.fromFXImage(area.snapshot(null, null), null));
        javax.imageio.ImageIO.write(areaShot, "png", Path.of("target", "chart-analysis-area.png").toFile());
        assertThat(onFx(() -> chart.getHeight())).as("the candles keep their room").isGreaterThanOrEqualTo(220);
    }
}
