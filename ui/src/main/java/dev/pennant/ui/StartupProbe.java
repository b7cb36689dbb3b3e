package dev.pennant.ui;

import javafx.application.Platform;
import javafx.scene.Scene;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.function.IntSupplier;
import java.util.function.LongConsumer;

/**
 * Notices the first candle on screen and reports the cold start: milliseconds from the start of the process (the
 * native launcher or {@code java}) to the first painted bar of the price chart. Logged once at INFO on every start;
 * with {@link #exitAfterFirstBar(boolean)} (the {@code --smoke-test} option) it also prints
 * {@code first_bar_ms: N ms} to standard output and closes the window, so CI and the installer's AOT training run
 * end on that event instead of a timer.
 *
 * <p>"Painted": a layout pass found at least one candle in the chart, and the pulse after it ran. JavaFX renders a
 * pulse's frame before it starts the next pulse, so by then that frame is on screen.
 */
public final class StartupProbe {

    private static final Logger LOG = LoggerFactory.getLogger(StartupProbe.class);
    private static volatile boolean exitAfterFirstBar;

    private final Scene scene;
    private final IntSupplier candles;
    private final LongConsumer painted;
    private final Runnable listener = this::afterLayout;
    private boolean laidOut;
    private boolean done;

    private StartupProbe(Scene scene, IntSupplier candles, LongConsumer painted) {
        this.scene = scene;
        this.candles = candles;
        this.painted = painted;
    }

    /** With {@code true}, the window closes (normal shutdown) right after the first bar was painted. */
    public static void exitAfterFirstBar(boolean exit) {
        exitAfterFirstBar = exit;
    }

    /** True when the window closes after the first painted bar ({@code --smoke-test}). */
    public static boolean exitsAfterFirstBar() {
        return exitAfterFirstBar;
    }

    /**
     * Watches {@code scene} (FX thread) until {@code candles} reports a first candle and it was painted.
     *
     * @param scene   the main window's scene
     * @param candles the number of candles the price chart draws (read on the FX thread after each layout pass)
     */
    static void attach(Scene scene, IntSupplier candles) {
        attach(scene, candles, StartupProbe::report);
    }

    /** {@link #attach(Scene, IntSupplier)} with what to do once painted: gets the ms since the process started. */
    static void attach(Scene scene, IntSupplier candles, LongConsumer painted) {
        StartupProbe p = new StartupProbe(scene, candles, painted);
        scene.addPostLayoutPulseListener(p.listener);
    }

    private void afterLayout() {
        if (done) {
            return;
        }
        if (!laidOut) {
            if (candles.getAsInt() > 0) {
                laidOut = true;
                Platform.requestNextPulse(); // the next pulse proves this one's frame was rendered
            }
            return;
        }
        done = true;
        Platform.runLater(() -> scene.removePostLayoutPulseListener(listener)); // not while the pulse iterates them
        painted.accept(sinceProcessStart());
    }

    private static void report(long ms) {
        LOG.info("first bar painted {} ms after the process started", ms);
        if (exitAfterFirstBar) {
            System.out.println(String.format(Locale.ROOT, "first_bar_ms: %d ms", ms));
            System.out.flush();
            Platform.exit();
        }
    }

    /** Milliseconds since the OS started this process (-1 when the OS does not say). */
    static long sinceProcessStart() {
        return ProcessHandle.current().info().startInstant()
                .map(start -> Duration.between(start, Instant.now()).toMillis()).orElse(-1L);
    }
}
