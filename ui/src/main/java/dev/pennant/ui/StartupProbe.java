package dev.pennant.ui;

import javafx.application.Platform;
import javafx.scene.Scene;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.sun.management.HotSpotDiagnosticMXBean;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.function.IntSupplier;
import java.util.function.LongConsumer;

/**
 * Notices the first candle on screen and reports the cold start: milliseconds from the start of the JVM (a few ms
 * after the native launcher or {@code java} started) to the first painted bar of the price chart. Logged once at
 * INFO on every start; with {@link #exitAfterFirstBar(boolean)} (the {@code --smoke-test} option) it also prints
 * {@code first_bar_ms: N ms}, {@code first_bar_cpu_ms: N ms} (CPU time of all threads until then) and
 * {@code aot_cache: in use|none|not usable} to standard output and closes the
 * window, so CI and the installer's AOT training run end on that event instead of a timer.
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

    /** {@link #attach(Scene, IntSupplier)} with what to do once painted: gets the ms since the JVM started. */
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
        painted.accept(sinceJvmStart());
    }

    private static void report(long ms) {
        String aot = aotCache();
        LOG.info("first bar painted {} ms after the JVM started (AOT cache: {})", ms, aot);
        if (exitAfterFirstBar) {
            System.out.println(String.format(Locale.ROOT, "first_bar_ms: %d ms", ms));
            // CPU time of all threads so far: the load-independent half of the figure on a shared machine
            System.out.println(String.format(Locale.ROOT, "first_bar_cpu_ms: %d ms", ProcessHandle.current().info()
                    .totalCpuDuration().map(java.time.Duration::toMillis).orElse(-1L)));
            System.out.println("aot_cache: " + aot);
            System.out.flush();
            Platform.exit();
        }
    }

    /** Milliseconds since this JVM started ({@code RuntimeMXBean.getStartTime()}, wall clock, ms). */
    static long sinceJvmStart() {
        return System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
    }

    /**
     * Whether the JDK's AOT cache (JEP 483/514, {@code -XX:AOTCache}) is in use: {@code "in use"}, {@code "none"}
     * (not configured) or {@code "not usable"} (configured, but the JVM could not map it: other JDK, changed jars).
     * With {@code -XX:AOTCache} given, {@code java.vm.info} says "sharing" only when that cache was mapped (the
     * installer's runtime has no default CDS archive of its own).
     */
    static String aotCache() {
        try {
            HotSpotDiagnosticMXBean hs = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            if (hs.getVMOption("AOTCache").getValue().isEmpty()) {
                return "none";
            }
            return System.getProperty("java.vm.info", "").contains("sharing") ? "in use" : "not usable";
        } catch (RuntimeException e) { // not a HotSpot JVM, or an older one without the flag
            return "unknown";
        }
    }
}
