package dev.pennant.ui.viewmodel;

import javafx.application.Platform;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * At most one {@code Platform.runLater} drain pending: feed threads put their data into a bounded inbox and call
 * {@link #schedule()}; the drain (FX thread) takes everything that arrived since the previous drain.
 */
final class FxCoalescer {

    private final Runnable drain;
    private final AtomicBoolean scheduled = new AtomicBoolean();

    FxCoalescer(Runnable drain) {
        this.drain = drain;
    }

    /** Schedules a drain unless one is pending (any thread). */
    void schedule() {
        if (scheduled.compareAndSet(false, true)) {
            Platform.runLater(this::run);
        }
    }

    private void run() {
        scheduled.set(false); // cleared first: data arriving during the drain schedules the next one
        drain.run();
    }
}
