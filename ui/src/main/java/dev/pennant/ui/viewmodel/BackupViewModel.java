package dev.pennant.ui.viewmodel;

import dev.pennant.core.persistence.backup.BackupScheduler;
import dev.pennant.core.persistence.backup.BackupService;
import dev.pennant.core.persistence.backup.BackupSet;
import dev.pennant.core.persistence.backup.IntegrityCheck;
import dev.pennant.core.persistence.backup.IntegrityReport;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The Backups dialog's state: the backup sets of the data directory, "back up now", a restore staged for the next
 * start (the terminal holds its database, so it cannot be replaced while it runs), the integrity check, and the
 * scheduled backups. Every file or database operation runs on a worker thread ({@code pennant-backups}); results
 * reach the properties on the FX thread. Properties are read on the FX thread.
 */
public final class BackupViewModel implements AutoCloseable {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private final BackupService service;
    private final Clock clock;
    private final Executor worker;
    private final ExecutorService ownWorker;
    private final Executor fx;
    private final ObservableList<BackupRow> rows = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper pending = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper integrity = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private BackupScheduler scheduler;

    /** Backups of {@code dataDir}: system UTC clock, own worker thread, FX thread via {@link Platform#runLater}. */
    public BackupViewModel(Path dataDir) {
        this(dataDir, Clock.systemUTC(), null, Platform::runLater);
    }

    /** For tests: {@code worker} null = own daemon thread. */
    BackupViewModel(Path dataDir, Clock clock, Executor worker, Executor fx) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.service = new BackupService(dataDir, clock);
        if (worker == null) {
            ownWorker = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "pennant-backups");
                t.setDaemon(true);
                return t;
            });
            this.worker = ownWorker;
        } else {
            ownWorker = null;
            this.worker = worker;
        }
        this.fx = fx;
    }

    /** The backup sets, newest first. */
    public ObservableList<BackupRow> backups() {
        return rows;
    }

    /** The last outcome ("Backed up …", an error), for the status line. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** The restore staged for the next start, as a sentence; empty when none. */
    public ReadOnlyStringProperty pendingProperty() {
        return pending.getReadOnlyProperty();
    }

    /** The last integrity check's report, one line per check and problem. */
    public ReadOnlyStringProperty integrityProperty() {
        return integrity.getReadOnlyProperty();
    }

    /** True while a backup, restore staging or check runs. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** The backups folder, for the dialog's header. */
    public String backupsFolder() {
        return service.backupsDir().toString();
    }

    /** Reloads the list and the staged restore. */
    public void refresh() {
        run(() -> null, "");
    }

    /** Takes a backup now (keeping the newest {@code keep} sets). */
    public void backupNow(int keep) {
        run(() -> {
            BackupSet s = service.backup(keep);
            return "Backed up to " + s.name() + " (" + contents(s) + ", " + size(s) + ")";
        }, "Backing up…");
    }

    /** Stages {@code row}'s set to be restored at the next start. */
    public void stageRestore(BackupRow row) {
        Objects.requireNonNull(row, "row");
        run(() -> {
            service.stageRestore(service.find(row.name()));
            return "Restore of " + row.name() + " staged: it happens when Pennant starts next";
        }, "Checking " + row.name() + "…");
    }

    /** Removes a staged restore. */
    public void cancelRestore() {
        run(() -> {
            service.cancelPendingRestore();
            return "Staged restore cancelled";
        }, "");
    }

    /** Runs the integrity check of the database (read-only) and shows its report. */
    public void checkIntegrity() {
        busy.set(true);
        status.set("Checking the database (read-only)…");
        worker.execute(() -> {
            String text;
            String done;
            try {
                IntegrityReport r = IntegrityCheck.run(service.backupsDir().getParent());
                StringBuilder b = new StringBuilder();
                r.checks().forEach(c -> b.append("check: ").append(c).append('\n'));
                r.problems().forEach(p -> b.append("problem: ").append(p).append('\n'));
                b.append(r.ok() ? "integrity: OK" : "integrity: " + r.problems().size() + " problem(s)");
                text = b.toString();
                done = r.ok() ? "Integrity check: no problem found" : "Integrity check: " + r.problems().size() + " problem(s)";
            } catch (RuntimeException e) {
                text = "";
                done = "Integrity check failed: " + e.getMessage();
            }
            String t = text;
            String d = done;
            fx.execute(() -> {
                integrity.set(t);
                status.set(d);
                busy.set(false);
            });
        });
    }

    /**
     * Starts scheduled backups: every {@code checkEvery} (first check after one such period) a backup is taken when
     * the newest is {@code every} old; the newest {@code keep} sets are kept.
     *
     * @throws IllegalStateException when already started
     */
    public synchronized void startSchedule(Duration every, int keep, Duration checkEvery) {
        if (scheduler != null) {
            throw new IllegalStateException("schedule already started");
        }
        scheduler = new BackupScheduler(service, clock, every, keep);
        scheduler.start(checkEvery, set -> fx.execute(() -> {
            status.set("Scheduled backup " + set.name() + " (" + contents(set) + ", " + size(set) + ")");
            refresh();
        }), e -> fx.execute(() -> status.set("Scheduled backup failed: " + e.getMessage())));
    }

    private void run(Supplier<String> work, String startText) {
        busy.set(true);
        if (!startText.isEmpty()) {
            status.set(startText);
        }
        worker.execute(() -> {
            String msg;
            try {
                msg = work.get();
            } catch (RuntimeException e) {
                msg = "Failed: " + e.getMessage();
            }
            List<BackupRow> list;
            String staged;
            try {
                list = service.list().stream().map(BackupViewModel::row).toList();
                staged = service.pendingRestore().map(n -> "Staged: " + n + " is restored at the next start (the "
                        + "current database and vault are kept in backups/replaced-…)").orElse("");
            } catch (RuntimeException e) {
                list = List.of();
                staged = "";
                msg = "Failed: " + e.getMessage();
            }
            String m = msg;
            List<BackupRow> l = list;
            String s = staged;
            fx.execute(() -> {
                rows.setAll(l);
                pending.set(s);
                if (m != null) {
                    status.set(m);
                }
                busy.set(false);
            });
        });
    }

    private static BackupRow row(BackupSet s) {
        return new BackupRow(s.name(), TIME.format(Instant.ofEpochMilli(s.createdAt())), contents(s), size(s));
    }

    private static String contents(BackupSet s) {
        boolean db = s.sha256().containsKey(BackupSet.DATABASE_ZIP);
        return db && s.hasVault() ? "database + vault" : db ? "database" : "vault";
    }

    private static String size(BackupSet s) {
        return s.bytes() >= 1_000_000 ? String.format(Locale.ROOT, "%.1f MB", s.bytes() / 1e6)
                : String.format(Locale.ROOT, "%.0f kB", Math.max(1, s.bytes() / 1e3));
    }

    /** Stops the schedule and the worker. */
    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.close();
            scheduler = null;
        }
        if (ownWorker != null) {
            ownWorker.shutdown();
        }
    }
}
