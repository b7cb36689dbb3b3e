package dev.pennant.app;

import dev.pennant.core.config.DataDirectory;
import dev.pennant.core.persistence.H2AuditSink;
import dev.pennant.core.persistence.HistoryException;
import dev.pennant.core.vault.AuditLog;
import dev.pennant.core.vault.DailyFileAuditSink;
import dev.pennant.core.vault.KdfParams;
import dev.pennant.core.vault.KdfPolicy;
import dev.pennant.core.vault.UnlockedVault;
import dev.pennant.core.vault.VaultException;
import dev.pennant.core.vault.VaultFile;
import dev.pennant.core.vault.VaultOptions;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;

/**
 * Shared part of the {@code vault} subcommands: {@code --data-dir}, the audit log (daily files + H2 mirror), secret
 * input, unlocking, and turning failures into a clear message and a non-zero exit code.
 *
 * <p>Exit codes: 0 done; 1 vault or input error (nothing written); 2 usage error (picocli); 3 the Binance key check
 * failed (key not stored).
 */
abstract class VaultSubcommand implements Callable<Integer> {
    static final int FAILED = 1;
    static final int KEY_CHECK_FAILED = 3;

    @Spec
    CommandSpec spec;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Data directory holding vault.pnv, audit/ and the history database (default: the user data directory).")
    Path dataDir;

    /** Tests only: accept (and keep) Argon2 parameters below the production floor. */
    @Option(names = "--allow-weak-kdf", hidden = true)
    boolean allowWeakKdf;

    PrintWriter out;
    PrintWriter err;
    SecretInput input;
    AuditLog audit;
    VaultOptions options;
    Path dir;
    Path file;

    @Override
    public final Integer call() {
        out = spec.commandLine().getOut();
        err = spec.commandLine().getErr();
        dir = DataDirectory.resolve(dataDir);
        file = VaultFile.defaultPath(dir);
        H2AuditSink h2 = null;
        try {
            try {
                audit = AuditLog.daily(dir);
            } catch (UncheckedIOException e) {
                err.println("error: the audit log in " + dir.resolve("audit") + " cannot be continued: "
                        + e.getCause().getMessage());
                return FAILED;
            }
            h2 = mirrorToH2();
            options = VaultOptions.defaults().withAudit(audit)
                    .withPolicy(allowWeakKdf ? new KdfPolicy(KdfParams.MINIMUM, KdfPolicy.DEFAULT_CEILING) : KdfPolicy.DEFAULT);
            input = SecretInput.system();
            return execute();
        } catch (VaultException e) {
            err.println("error: " + e.getMessage());
            return FAILED;
        } catch (SecretInput.InputException e) {
            err.println("error: " + e.getMessage());
            return FAILED;
        } finally {
            out.flush();
            err.flush();
            if (h2 != null) {
                h2.close();
            }
        }
    }

    /** The command's work; {@link #audit}, {@link #options}, {@link #input} and {@link #file} are ready. */
    abstract int execute() throws VaultException, SecretInput.InputException;

    private H2AuditSink mirrorToH2() {
        H2AuditSink h2;
        try {
            h2 = H2AuditSink.open(dir);
        } catch (HistoryException e) {
            err.println("note: audit events are recorded in the daily file only (" + e.getMessage() + ")");
            return null;
        }
        try {
            h2.catchUp((DailyFileAuditSink) audit.primary());
        } catch (IOException e) {
            err.println("note: older audit records could not be copied to the database: " + e.getMessage());
        }
        audit.addMirror(h2);
        return h2;
    }

    /** Checks the vault exists (before any input is read), reads the master password and unlocks. */
    UnlockedVault unlock() throws VaultException, SecretInput.InputException {
        requireVault();
        char[] pw = input.read("Master password");
        try {
            return VaultFile.unlock(file, pw, options);
        } finally {
            Arrays.fill(pw, '\0');
        }
    }

    void requireVault() throws VaultException {
        if (!VaultFile.exists(file)) {
            throw new VaultException(VaultException.Reason.NOT_FOUND,
                    "no vault at " + file + "; create one with `pennant vault init" + (dataDir != null ? " --data-dir " + dir : "") + "`");
        }
    }

    static void wipe(char[]... values) {
        for (char[] v : values) {
            if (v != null) {
                Arrays.fill(v, '\0');
            }
        }
    }
}
