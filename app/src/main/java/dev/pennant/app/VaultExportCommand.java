package dev.pennant.app;

import dev.pennant.core.vault.UnlockedVault;
import dev.pennant.core.vault.VaultException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Arrays;

/** {@code vault export --to FILE}: an encrypted backup under its own password. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Write an encrypted backup of the vault (same format, fresh salt, its own password).",
                "Input (console, or stdin lines): 1. master password, 2. backup password, 3. backup password again."})
final class VaultExportCommand extends VaultSubcommand {

    @Option(names = "--to", required = true, paramLabel = "FILE", description = "Backup file to create (must not exist).")
    Path target;

    @Override
    int execute() throws VaultException, SecretInput.InputException {
        try (UnlockedVault vault = unlock()) {
            char[] backupPassword = input.readConfirmed("backup password");
            try {
                vault.exportBackup(target, backupPassword);
            } finally {
                Arrays.fill(backupPassword, '\0');
            }
            out.println("Exported " + vault.entries().size() + " entries to " + target.toAbsolutePath()
                    + " (open or import it with its backup password)");
            return 0;
        }
    }
}
