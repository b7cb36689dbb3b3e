package dev.pennant.ui.viewmodel;

import dev.pennant.core.vault.AuditLog;
import dev.pennant.core.vault.AutoLock;
import dev.pennant.core.vault.KdfPolicy;
import dev.pennant.core.vault.UnlockedVault;
import dev.pennant.core.vault.VaultException;
import dev.pennant.core.vault.VaultFile;
import dev.pennant.core.vault.VaultOptions;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * The vault as the window sees it: unlock (Argon2 runs on a worker thread, results come back on the FX thread), lock
 * now, auto-lock after an idle time, and a read-only list of key metadata ({@link VaultKeyRow}; values never leave the
 * vault). Vault events go to the audit log (daily files, mirrored to the history database's {@code audit_log} table).
 */
public final class VaultViewModel implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(VaultViewModel.class);

    /** Idle time before the vault locks itself. */
    public static final Duration DEFAULT_IDLE = Duration.ofMinutes(15);
    private static final long TOUCH_THROTTLE_NANOS = 1_000_000_000L;

    private final Path dataDir;
    private final Path file;
    private final Duration idle;
    private final KdfPolicy policy;
    private final Executor worker;
    private final ExecutorService ownWorker;
    private final Executor fx;

    private final ReadOnlyBooleanWrapper unlocked = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("Vault locked");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ObservableList<VaultKeyRow> keys = FXCollections.observableArrayList();
    private final ObservableList<VaultKeyRow> keysView = FXCollections.unmodifiableObservableList(keys);

    private UnlockedVault vault; // guarded by this
    private AutoLock autoLock; // guarded by this
    private AuditLog audit; // worker thread only
    private volatile long lastTouch;

    /** The vault of {@code dataDir}, production KDF policy, 15 min auto-lock, FX thread via {@link Platform#runLater}. */
    public VaultViewModel(Path dataDir) {
        this(dataDir, DEFAULT_IDLE, KdfPolicy.DEFAULT, null, Platform::runLater);
    }

    /**
     * @param worker where unlock work runs ({@code null}: an own daemon thread)
     * @param fx     where property changes run (the FX thread in the application, direct in tests)
     */
    VaultViewModel(Path dataDir, Duration idle, KdfPolicy policy, Executor worker, Executor fx) {
        this.dataDir = dataDir;
        this.file = VaultFile.defaultPath(dataDir);
        this.idle = idle;
        this.policy = policy;
        this.fx = fx;
        if (worker == null) {
            ownWorker = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "vault-worker");
                t.setDaemon(true);
                return t;
            });
            this.worker = ownWorker;
        } else {
            ownWorker = null;
            this.worker = worker;
        }
    }

    /** The vault file. */
    public Path file() {
        return file;
    }

    /** Whether a vault file exists yet ({@code pennant vault init} creates one). */
    public boolean vaultExists() {
        return VaultFile.exists(file);
    }

    /** The command that creates the vault, for the "no vault yet" message. */
    public String initCommand() {
        return "pennant vault init --data-dir \"" + dataDir + "\"";
    }

    /**
     * Unlocks on the worker thread. Takes ownership of {@code password} and wipes it. {@code done} runs on the FX
     * thread with {@code true} on success; on failure {@link #errorProperty()} holds the clear message (wrong password,
     * tampered file, ...) and the caller can retry.
     */
    public void unlock(char[] password, Consumer<Boolean> done) {
        busy.set(true);
        error.set("");
        worker.execute(() -> {
            boolean ok = false;
            String message = "";
            List<VaultKeyRow> rows = List.of();
            try {
                UnlockedVault v;
                synchronized (this) {
                    v = vault != null && !vault.isLocked() ? vault : null;
                }
                if (v == null) {
                    v = VaultFile.unlock(file, password, VaultOptions.defaults().withPolicy(policy).withAudit(audit()));
                    UnlockedVault opened = v;
                    opened.onLock(() -> fx.execute(() -> lockedUi(opened)));
                    synchronized (this) {
                        vault = v;
                        autoLock = new AutoLock(v::lock, idle, null);
                    }
                }
                rows = v.entries().stream().map(VaultKeyRow::of).toList();
                ok = true;
            } catch (VaultException e) {
                message = switch (e.reason()) {
                    case NOT_FOUND -> "No vault yet in " + dataDir + ". Create one with: " + initCommand();
                    case WRONG_PASSWORD_OR_TAMPERED -> "Wrong password, or the vault file was modified. Try again. ("
                            + e.getMessage() + ")";
                    default -> e.getMessage();
                };
            } catch (RuntimeException e) {
                LOG.error("vault unlock failed", e);
                message = "Unlock failed: " + e.getClass().getSimpleName();
            } finally {
                Arrays.fill(password, '\0');
            }
            boolean success = ok;
            String msg = message;
            List<VaultKeyRow> result = rows;
            fx.execute(() -> {
                busy.set(false);
                if (success) {
                    keys.setAll(result);
                    unlocked.set(true);
                    status.set("Vault unlocked (" + result.size() + " entries); locks after " + idle.toMinutes() + " min idle");
                } else {
                    error.set(msg);
                }
                done.accept(success);
            });
        });
    }

    /** Locks now (menu, Shortcut+L): wipes the key, clears the list. */
    public void lockNow() {
        AutoLock a;
        UnlockedVault v;
        synchronized (this) {
            a = autoLock;
            v = vault;
            autoLock = null;
        }
        if (a != null) {
            a.lockNow();
        } else if (v != null) {
            v.lock();
        }
    }

    /** User activity (any key or mouse event on the scene): restarts the idle countdown (at most once a second). */
    public void touch() {
        long now = System.nanoTime();
        if (now - lastTouch < TOUCH_THROTTLE_NANOS) {
            return;
        }
        lastTouch = now;
        AutoLock a;
        synchronized (this) {
            a = autoLock;
        }
        if (a != null) {
            a.touch();
        }
    }

    private void lockedUi(UnlockedVault which) {
        synchronized (this) {
            if (vault != which) {
                return;
            }
            vault = null;
            autoLock = null;
        }
        keys.clear();
        unlocked.set(false);
        status.set("Vault locked");
    }

    /** The process-wide audit log of the data directory (daily files + H2 mirror); worker thread only. */
    private AuditLog audit() {
        if (audit == null) {
            audit = dev.pennant.core.persistence.AuditLogs.shared(dataDir);
        }
        return audit;
    }

    /**
     * The unlocked vault (going LIVE reads key metadata from it and, only when the live client is built, the key), or
     * empty while locked.
     */
    public synchronized java.util.Optional<UnlockedVault> unlockedVault() {
        return vault != null && !vault.isLocked() ? java.util.Optional.of(vault) : java.util.Optional.empty();
    }

    public ReadOnlyBooleanProperty unlockedProperty() {
        return unlocked.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** The last unlock error (empty when none). */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** Key metadata while unlocked; empty while locked. */
    public ObservableList<VaultKeyRow> keys() {
        return keysView;
    }

    /** The idle time before auto-lock. */
    public Duration idleTime() {
        return idle;
    }

    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    /** Locks the vault and stops the worker; idempotent (a window can be hidden more than once). */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        lockNow();
        if (ownWorker != null) {
            ownWorker.execute(this::closeAudit);
            ownWorker.shutdown();
        } else {
            closeAudit();
        }
    }

    private void closeAudit() {
        audit = null; // shared with the rest of the terminal: not closed here
    }
}
