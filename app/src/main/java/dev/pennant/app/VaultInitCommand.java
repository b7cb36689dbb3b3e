package dev.pennant.app;

import dev.pennant.core.vault.KdfCalibrator;
import dev.pennant.core.vault.KdfParams;
import dev.pennant.core.vault.UnlockedVault;
import dev.pennant.core.vault.VaultException;
import dev.pennant.core.vault.VaultFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Locale;

/** {@code vault init}: creates an empty vault with a new master password. */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = {"Create a new, empty vault (never overwrites an existing one).",
                "Argon2id is calibrated to ~0.75 s per unlock on this machine unless --kdf-memory/--kdf-iterations are given.",
                "Input (console, or stdin lines): 1. new master password  2. the same again."})
final class VaultInitCommand extends VaultSubcommand {

    @Option(names = "--kdf-memory", paramLabel = "KiB", description = "Argon2id memory in KiB (default: 65536).")
    Integer kdfMemory;

    @Option(names = "--kdf-iterations", paramLabel = "N", description = "Argon2id iterations (default: calibrated).")
    Integer kdfIterations;

    @Override
    int execute() throws VaultException, SecretInput.InputException {
        if (VaultFile.exists(file)) {
            throw new VaultException(VaultException.Reason.ALREADY_EXISTS, file + " already exists; it was not touched");
        }
        char[] pw = input.readConfirmed("New master password");
        try {
            if (pw.length < 12) {
                err.println("warning: the master password is shorter than 12 characters; a long passphrase is much safer.");
            }
            KdfParams params;
            if (kdfMemory != null || kdfIterations != null) {
                params = new KdfParams(kdfMemory != null ? kdfMemory : KdfParams.DEFAULT.memoryKiB(),
                        kdfIterations != null ? kdfIterations : KdfParams.DEFAULT.iterations(), 1);
            } else {
                out.println("Calibrating Argon2id for about " + KdfCalibrator.DEFAULT_TARGET.toMillis() + " ms per unlock...");
                out.flush();
                params = KdfCalibrator.calibrate();
            }
            long t0 = System.nanoTime();
            try (UnlockedVault v = VaultFile.create(file, pw, params, options)) {
                long ms = (System.nanoTime() - t0) / 1_000_000;
                out.printf(Locale.ROOT, "Created %s%n", v.file());
                out.printf(Locale.ROOT, "Argon2id: %d KiB, %d iterations, %d lane(s); measured unlock time: %d ms%n",
                        params.memoryKiB(), params.iterations(), params.parallelism(), ms);
            }
            return 0;
        } catch (IllegalArgumentException e) {
            throw new VaultException(VaultException.Reason.INVALID_ARGUMENT, "invalid Argon2 parameters: " + e.getMessage());
        } finally {
            wipe(pw);
        }
    }
}
