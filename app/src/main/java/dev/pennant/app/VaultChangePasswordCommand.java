package dev.pennant.app;

import dev.pennant.core.vault.UnlockedVault;
import dev.pennant.core.vault.VaultException;
import dev.pennant.core.vault.VaultFile;
import picocli.CommandLine.Command;

/** {@code vault change-password}. */
@Command(name = "change-password", mixinStandardHelpOptions = true,
        description = {"Change the master password.",
                "New salt; the rolling backup is re-encrypted too, so the old password opens no file in the data directory.",
                "Input (console, or stdin lines): 1. current master password  2. new master password  3. the same again."})
final class VaultChangePasswordCommand extends VaultSubcommand {

    @Override
    int execute() throws VaultException, SecretInput.InputException {
        requireVault();
        char[] current = input.read("Current master password");
        char[] fresh = null;
        try (UnlockedVault vault = VaultFile.unlock(file, current, options)) {
            fresh = input.readConfirmed("New master password");
            if (fresh.length < 12) {
                err.println("warning: the master password is shorter than 12 characters; a long passphrase is much safer.");
            }
            vault.changePassword(current, fresh);
            out.println("Master password changed for " + file);
            return 0;
        } finally {
            wipe(current, fresh);
        }
    }
}
