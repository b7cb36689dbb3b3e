package dev.pennant.core.persistence.backup;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Scheduled backups: {@link #runIfDue()} takes a backup when the newest set is at least {@code every} old (by the
 * injected clock) or there is none, and rotates to {@code keep}. {@link #start} calls it on a daemon thread
 * ({@code pennant-backup}) every {@code checkEvery}; tests call {@link #runIfDue()} directly.
 */
public final class BackupScheduler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BackupScheduler.class);

    private final BackupService service;
    private final Clock clock;
    private final Duration every;
    private final int keep;
    private ScheduledExecutorService timer;

    /**
     * @param every how old the newest backup may get, more than zero
     * @param keep  sets to keep, 1 or more
     * @throws IllegalArgumentException naming the rule for a non-positive {@code every} or {@code keep < 1}
     */
    public BackupScheduler(BackupService service, Clock clock, Duration every, int keep) {
        this.service = Objects.requireNonNull(service, "service");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (every.isZero() || every.isNegative()) {
            throw new IllegalArgumentException("backup interval must be > 0, was " + every);
        }
        if (keep < 1) {
            throw new IllegalArgumentException("keep must be >= 1, was " + keep);
        }
        this.every = every;
        this.keep = keep;
    }

    /**
     * Takes a backup if one is due.
     *
     * @return the new set, or empty when the newest set is younger than {@code every}
     * @throws BackupException when the backup fails
     */
    public synchronized Optional<BackupSet> runIfDue() {
        long now = clock.millis();
        Optional<BackupSet> newest = service.list().stream().findFirst();
        if (newest.isPresent() && now - newest.get().createdAt() < every.toMillis()) {
            return Optional.empty();
        }
        return Optional.of(service.backup(keep));
    }

    /**
     * Checks every {@code checkEvery} on a daemon thread, the first check one {@code checkEvery} after the start (so a
     * terminal's start-up is not slowed by a backup); a failed backup is logged and handed
     * to {@code onError}, and the next check tries again.
     *
     * @throws IllegalStateException when already started
     */
    public synchronized void start(Duration checkEvery, Consumer<BackupSet> onBackup, Consumer<RuntimeException> onError) {
        if (timer != null) {
            throw new IllegalStateException("already started");
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "pennant-backup");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(() -> {
            try {
                runIfDue().ifPresent(onBackup);
            } catch (RuntimeException e) {
                LOG.warn("scheduled backup failed: {}", e.getMessage());
                onError.accept(e);
            }
        }, checkEvery.toMillis(), checkEvery.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops the timer (a backup in progress completes). */
    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdown();
            timer = null;
        }
    }
}
