package dev.pennant.app;

import dev.pennant.core.persistence.backup.BackupService;
import org.slf4j.LoggerFactory;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Performs a restore staged in the terminal's Backups dialog, at start-up, before anything opens the database
 * (the running terminal could not replace a database it holds).
 */
final class StartupRestore {

    private StartupRestore() {
    }

    /**
     * Restores the staged backup set of {@code dataDir}, if any, and says so on {@code err}; a failed restore is
     * reported there and the terminal starts on the current database (the stage mark is removed either way).
     *
     * @return true when a set was restored
     */
    static boolean apply(Path dataDir, PrintWriter err) {
        try {
            return new BackupService(dataDir, Clock.systemUTC()).applyPendingRestore().map(r -> {
                String msg = "restored " + r.set().name() + " (" + String.join(", ", r.restored()) + ") as staged"
                        + (r.replacedDir() != null ? "; replaced files kept in " + r.replacedDir() : "");
                LoggerFactory.getLogger(StartupRestore.class).info(msg);
                err.println(msg);
                err.flush();
                return true;
            }).orElse(false);
        } catch (RuntimeException e) {
            LoggerFactory.getLogger(StartupRestore.class).warn("staged restore failed", e);
            err.println("error: the staged restore was not done: " + e.getMessage());
            err.flush();
            return false;
        }
    }
}
