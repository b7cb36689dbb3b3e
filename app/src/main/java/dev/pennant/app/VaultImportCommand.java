package dev.pennant.app;

import dev.pennant.core.vault.UnlockedVault;
import dev.pennant.core.vault.VaultException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Arrays;

/** {@code vault import --from FILE}: merges an encrypted backup (entries whose id is new). */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Merge an encrypted backup into the vault: entries whose id is not present are added.",
                "Input (console, or stdin lines): 1. master password, 2. backup password."})
final class VaultImportCommand extends VaultSubcommand {

    @Option(names = "--from", required = true, paramLabel = "FILE", description = "Backup file written by `vault export`.")
    Path source;

    @Override
    int execute() throws VaultException, SecretInput.InputException {
        try (UnlockedVault vault = unlock()) {
            char[] backupPassword = input.read("backup password");
            int added;
            try {
                added = vault.importBackup(source, backupPassword);
            } finally {
                Arrays.fill(backupPassword, '\0');
            }
            out.println("Imported " + added + " new entr" + (added == 1 ? "y" : "ies") + " from " + source.toAbsolutePath());
            return 0;
        }
    }
}
