package dev.pennant.ui.viewmodel;

import javafx.application.Platform;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * At most one {@code Platform.runLater} drain pending: feed threads put their data into a bounded inbox and call
 * {@link #schedule()}; the drain (FX thread) takes everything that arrived since the previous drain.
 */
final class FxCoalescer {

    private final Executor fx;
    private final Runnable drain;
    private final AtomicBoolean scheduled = new AtomicBoolean();

    FxCoalescer(Runnable drain) {
        this(Platform::runLater, drain);
    }

    /** @param fx runs the drain on the FX thread ({@code Platform::runLater}; tests: {@code Runnable::run}) */
    FxCoalescer(Executor fx, Runnable drain) {
        this.fx = fx;
        this.drain = drain;
    }

    /** Schedules a drain unless one is pending (any thread). */
    void schedule() {
        if (scheduled.compareAndSet(false, true)) {
            fx.execute(this::run);
        }
    }

    private void run() {
        scheduled.set(false); // cleared first: data arriving during the drain schedules the next one
        drain.run();
    }
}
