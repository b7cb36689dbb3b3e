package dev.pennant.ui;

import dev.pennant.core.model.Interval;
import dev.pennant.core.model.Market;
import dev.pennant.core.testkit.SharedData;
import dev.pennant.simulator.ExchangeSimulator;
import io.fair_acc.chartfx.XYChart;
import io.fair_acc.dataset.spi.financial.api.ohlcv.IOhlcv;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.pennant.ui.TerminalProbes.candleCount;
import static dev.pennant.ui.TerminalProbes.candles;
import static dev.pennant.ui.TerminalProbes.delivered;
import static dev.pennant.ui.TerminalProbes.sessionId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chart's interval selector in the real terminal window (Xvfb in CI): over the replayed folder
 * {@code shared/data/binance/spot/klines} (BTCUSDT recorded in 1m, 1h, 4h and 1d), a click on 4h moves chart, session
 * and window title to BTCUSDT's 4h bars; a click on 5m, which the folder lacks, says so in the banner, keeps the 4h
 * session running and the selector on 4h. Against the local {@link ExchangeSimulator} (loopback), a live USDⓈ-M
 * futures 1m chart, whose backfill the venue answers with {@code []}, says so in the banner and offers the selector;
 * 1h then fills the chart.
 */
class IntervalSelectorTest {

    private static final Path SPOT_KLINES = SharedData.binance().resolve("spot/klines");
    /** 1d bars at 864,000× real time: 10 bars a second (4h bars: 60 a second), so the replay runs for minutes. */
    private static final double SPEED = 864_000;

    @TempDir
    Path dataDir;

    private final FxRobot robot = new FxRobot();
    private Application app;
    private ExchangeSimulator sim;

    private void open(TerminalOptions options) throws Exception {
        boolean linux = System.getProperty("os.name", "").toLowerCase().contains("linux");
        Assumptions.assumeTrue(!linux || System.getenv("DISPLAY") != null || System.getenv("CI") != null,
                "no DISPLAY: run the tests under xvfb-run");
        Stage primary = FxToolkit.registerPrimaryStage();
        TerminalLauncher.configure(options);
        app = FxToolkit.setupApplication(TerminalApp.class);
        assertThat(primary).isNotNull();
    }

    @AfterEach
    void stop() throws Exception {
        if (app != null) {
            FxToolkit.cleanupApplication(app);
            app = null;
        }
        FxToolkit.cleanupStages();
        if (sim != null) {
            sim.close();
        }
    }

    @Test
    void pickingFourHoursReplaysTheFoldersFourHourBarsAndAMissingIntervalIsRefusedWithTheSelectorBack()
            throws Exception {
        open(new TerminalOptions(dataDir, SPOT_KLINES, SPEED, "BTCUSDT", Interval.D1));
        XYChart chart = lookup("#priceChart", XYChart.class);
        Label session = lookup(".session-label", Label.class);
        Label source = lookup("#sourceStatus", Label.class);
        Label problem = lookup("#problemText", Label.class);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> candleCount(chart) > 100
                && session.getText().contains("BTCUSDT 1d · spot"));
        assertThat(selected()).isEqualTo("1d");
        assertThat(spacingSeconds(chart)).isEqualTo(86_400);
        String dailySession = sessionId(session.getText());

        robot.clickOn(button(Interval.H4));

        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> session.getText().contains("BTCUSDT 4h · spot"));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> candleCount(chart) > 100
                && spacingSeconds(chart) == 4 * 3600);
        String fourHourSession = sessionId(session.getText());
        assertThat(fourHourSession).isNotEqualTo(dailySession);
        assertThat(chart.getTitle()).isEqualTo("BTCUSDT · 4h · spot");
        assertThat(source.getText()).contains("REPLAY").contains("(BTCUSDT 4h,");
        assertThat(windowTitles()).contains("Pennant — BTCUSDT 4h — PAPER");
        assertThat(selected()).isEqualTo("4h");
        // the x axis spans the 4h candles (one step before the first, two after the last)
        // (read in one FX call with the candles, as the chart sets both in one redraw; the data may hold gaps)
        double[] axis = WaitForAsyncUtils.asyncFx(() -> {
            IOhlcv c = candles(chart);
            double first = c.getOhlcvItem(0).getTimeStamp().getTime() / 1000.0;
            double step = c.getOhlcvItem(1).getTimeStamp().getTime() / 1000.0 - first;
            double last = c.getOhlcvItem(c.size() - 1).getTimeStamp().getTime() / 1000.0;
            return new double[] {chart.getXAxis().getMin(), first - step, chart.getXAxis().getMax(), last + 2 * step};
        }).get();
        assertThat(axis[0]).as("axis min").isCloseTo(axis[1], org.assertj.core.data.Offset.offset(1.0));
        assertThat(axis[2]).as("axis max").isCloseTo(axis[3], org.assertj.core.data.Offset.offset(1.0));
        assertThat(problem.getText()).isEmpty();

        // 5m: the folder has no BTCUSDT 5m klines — refused, the 4h session keeps running, the selector goes back
        robot.clickOn(button(Interval.M5));

        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !problem.getText().isEmpty());
        assertThat(problem.getText()).isEqualTo("No recorded 5m klines for BTCUSDT in " + SPOT_KLINES
                + " (it holds 1m, 1h, 4h, 1d) — the chart stays on BTCUSDT 4h");
        assertThat(problem.isVisible()).isTrue();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> "4h".equals(selected()));
        assertThat(button(Interval.M5).isSelected()).isFalse();
        assertThat(sessionId(session.getText())).isEqualTo(fourHourSession);
        assertThat(chart.getTitle()).isEqualTo("BTCUSDT · 4h · spot");
        long delivered = delivered(source.getText());
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> delivered(source.getText()) > delivered + 10);
        assertThat(spacingSeconds(chart)).isEqualTo(4 * 3600);

        // a click on the running interval changes nothing
        robot.clickOn(button(Interval.H4));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(selected()).isEqualTo("4h");
        assertThat(sessionId(session.getText())).isEqualTo(fourHourSession);
    }

    @Test
    void anEmptyLiveBackfillSaysSoAndAnotherIntervalFillsTheChart() throws Exception {
        // The simulator records BTCUSDT futures in 1h and 4h only: its 1m klines answer is [].
        sim = ExchangeSimulator.builder().dataDir(SharedData.binance()).port(0).speed(60)
                .replayStart(Instant.parse("2025-03-01T00:00:00Z")).start();
        open(new TerminalOptions(dataDir, null, 1, "BTCUSDT", Interval.M1, sim.baseUrl(), "mainnet",
                Market.USDM_FUTURES));
        XYChart chart = lookup("#priceChart", XYChart.class);
        Label session = lookup(".session-label", Label.class);
        Label problem = lookup("#problemText", Label.class);
        Label state = lookup("#sourceState", Label.class);
        Label source = lookup("#sourceStatus", Label.class);
        Node pick = lookup("#problemPickInterval", Node.class);

        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> !problem.getText().isEmpty());
        assertThat(problem.getText()).isEqualTo("The venue returned no 1m klines for BTCUSDT (USD-M futures); the"
                + " chart fills as bars close — or pick another interval");
        assertThat(pick.isVisible()).isTrue();
        assertThat(session.getText()).contains("BTCUSDT 1m · USD-M futures");
        assertThat(state.getText()).isEqualTo("RUNNING");
        assertThat(candleCount(chart)).isZero();
        Node emptyNote = lookup("#chartEmptyNote", Node.class);
        assertThat(emptyNote.isVisible()).as("an empty chart says so").isTrue();
        assertThat(selected()).isEqualTo("1m");

        robot.clickOn(pick); // offers the selector
        robot.clickOn(button(Interval.H1));

        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> session.getText().contains("BTCUSDT 1h · USD-M futures"));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> candleCount(chart) > 100);
        assertThat(spacingSeconds(chart)).isEqualTo(3600);
        assertThat(emptyNote.isVisible()).as("the note goes with the first bars").isFalse();
        assertThat(chart.getTitle()).isEqualTo("BTCUSDT · 1h · USD-M futures");
        assertThat(selected()).isEqualTo("1h");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> problem.getText().isEmpty() && !pick.isVisible());
        assertThat(source.getText()).contains("LIVE DATA: Live USD-M futures BTCUSDT 1h from 127.0.0.1:" + sim.port());
    }

    private ToggleButton button(Interval interval) throws Exception {
        return lookup("#interval-" + interval.name(), ToggleButton.class);
    }

    /** Looks {@code query} up on the FX thread (Market Watch keeps changing the scene graph while it loads). */
    private <T extends Node> T lookup(String query, Class<T> type) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> robot.lookup(query).queryAs(type)).get();
    }

    /** The selected interval button's text, or null. */
    private String selected() throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> robot.lookup(".interval-button").queryAllAs(ToggleButton.class)
                .stream().filter(ToggleButton::isSelected).map(ToggleButton::getText).reduce((a, b) -> a + "+" + b)
                .orElse(null)).get();
    }

    private static List<String> windowTitles() throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> Window.getWindows().stream().filter(w -> w instanceof Stage)
                .map(w -> ((Stage) w).getTitle()).toList()).get();
    }

    /**
     * The smallest time step between consecutive candles, in seconds, after checking that every step is a whole
     * number of it (recorded gaps are whole bars); -1 with fewer than two candles.
     */
    private static long spacingSeconds(XYChart chart) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> {
            IOhlcv c = candles(chart);
            List<Long> steps = new ArrayList<>();
            for (int i = 1; i < c.size(); i++) {
                steps.add((c.getOhlcvItem(i).getTimeStamp().getTime() - c.getOhlcvItem(i - 1).getTimeStamp().getTime())
                        / 1000);
            }
            if (steps.isEmpty()) {
                return -1L;
            }
            long min = steps.stream().mapToLong(Long::longValue).min().orElseThrow();
            return steps.stream().allMatch(s -> min > 0 && s % min == 0) ? min : -2L;
        }).get();
    }
}
