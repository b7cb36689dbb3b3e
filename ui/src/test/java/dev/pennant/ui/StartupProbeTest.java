package dev.pennant.ui;

import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The start-up probe in a real window: silent while the chart has no candle however many pulses run, then reports
 * exactly once, after the pulse that laid out the first candle was followed by another one.
 */
class StartupProbeTest {

    private final FxRobot robot = new FxRobot();

    @AfterEach
    void stop() throws Exception {
        FxToolkit.hideStage();
        FxToolkit.cleanupStages();
    }

    @Test
    void reportsOnceAfterTheFirstCandleWasLaidOutAndRendered() throws Exception {
        boolean linux = System.getProperty("os.name", "").toLowerCase().contains("linux");
        Assumptions.assumeTrue(!linux || System.getenv("DISPLAY") != null || System.getenv("CI") != null,
                "no DISPLAY: run the tests under xvfb-run");
        FxToolkit.registerPrimaryStage();
        AtomicInteger candles = new AtomicInteger();
        AtomicInteger layoutsWithCandles = new AtomicInteger();
        List<Long> reports = new CopyOnWriteArrayList<>();
        List<Integer> layoutsWhenReported = new CopyOnWriteArrayList<>();
        Label label = new Label("chart");
        FxToolkit.setupStage(s -> {
            Scene scene = new Scene(new StackPane(label), 200, 100);
            // registered before the probe: runs first in each pulse, counting layout passes that saw a candle
            scene.addPostLayoutPulseListener(() -> {
                if (candles.get() > 0) {
                    layoutsWithCandles.incrementAndGet();
                }
            });
            StartupProbe.attach(scene, candles::get, ms -> {
                reports.add(ms);
                layoutsWhenReported.add(layoutsWithCandles.get());
            });
            s.setScene(scene);
            s.show();
        });
        // pulses without a candle: nothing reported
        for (int i = 0; i < 5; i++) {
            int n = i;
            robot.interact(() -> {
                label.setText("no bars " + n);
                Platform.requestNextPulse();
            });
        }
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(reports).isEmpty();

        robot.interact(() -> {
            candles.set(1);
            label.setText("one bar");
        });
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !reports.isEmpty());
        for (int i = 0; i < 3; i++) {
            robot.interact(() -> {
                candles.incrementAndGet();
                Platform.requestNextPulse();
            });
        }
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(reports).as("once").hasSize(1);
        assertThat(reports.getFirst()).as("ms since this JVM started").isPositive()
                .isLessThanOrEqualTo(StartupProbe.sinceJvmStart());
        assertThat(layoutsWhenReported.getFirst()).as("a second layout pass after the first candle").isEqualTo(2);
    }

    @Test
    void aotCacheStatusIsNoneWithoutTheOption() {
        // surefire's JVM runs without -XX:AOTCache
        assertThat(StartupProbe.aotCache()).isEqualTo("none");
    }
}
