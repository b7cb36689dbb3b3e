package dev.pennant.core.vault;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Locks the vault after a period without {@link #touch() activity}. No JavaFX: the UI calls {@link #touch()} on user
 * input (key/mouse event filter) and listens with {@link UnlockedVault#onLock}. The lock action runs on the
 * scheduler's thread.
 *
 * <pre>{@code
 * AutoLock auto = AutoLock.start(vault, Duration.ofMinutes(10));
 * scene.addEventFilter(InputEvent.ANY, e -> auto.touch());
 * }</pre>
 */
public final class AutoLock implements AutoCloseable {
    private final Runnable lockAction;
    private final Duration idle;
    private final ScheduledExecutorService scheduler;
    private final boolean ownScheduler;
    private ScheduledFuture<?> pending;
    private boolean closed;

    /**
     * @param lockAction what to run when idle (e.g. {@code vault::lock})
     * @param idle       idle time before locking
     * @param scheduler  scheduler to use, or {@code null} for an own daemon thread (shut down by {@link #close()})
     */
    public AutoLock(Runnable lockAction, Duration idle, ScheduledExecutorService scheduler) {
        this.lockAction = Objects.requireNonNull(lockAction);
        if (idle.isNegative() || idle.isZero()) {
            throw new IllegalArgumentException("idle time must be positive");
        }
        this.idle = idle;
        this.ownScheduler = scheduler == null;
        this.scheduler = scheduler != null ? scheduler : Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "vault-autolock");
            t.setDaemon(true);
            return t;
        });
        touch();
    }

    /** Starts an auto-lock for {@code vault} on its own daemon thread. */
    public static AutoLock start(UnlockedVault vault, Duration idle) {
        return new AutoLock(vault::lock, idle, null);
    }

    /** Records activity: the idle countdown starts again. */
    public synchronized void touch() {
        if (closed) {
            return;
        }
        if (pending != null) {
            pending.cancel(false);
        }
        pending = scheduler.schedule(this::fire, idle.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Locks now (hotkey) and stops the timer. */
    public void lockNow() {
        close();
        lockAction.run();
    }

    private void fire() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            pending = null;
        }
        lockAction.run();
        if (ownScheduler) {
            scheduler.shutdown();
        }
    }

    /** The idle time. */
    public Duration idleTime() {
        return idle;
    }

    /** Stops the timer without locking. */
    @Override
    public synchronized void close() {
        closed = true;
        if (pending != null) {
            pending.cancel(false);
            pending = null;
        }
        if (ownScheduler) {
            scheduler.shutdownNow();
        }
    }
}
