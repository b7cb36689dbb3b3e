package dev.pennant.app;

import dev.pennant.core.vault.EntryInfo;
import dev.pennant.core.vault.UnlockedVault;
import dev.pennant.core.vault.VaultException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vault remove --id ID}. */
@Command(name = "remove", mixinStandardHelpOptions = true,
        description = {"Delete an entry and its values (active or retired).",
                "Input (console, or stdin lines): 1. master password."})
final class VaultRemoveCommand extends VaultSubcommand {

    @Option(names = "--id", required = true, description = "Entry id (see `vault list`).")
    String id;

    @Override
    int execute() throws VaultException, SecretInput.InputException {
        try (UnlockedVault vault = unlock()) {
            EntryInfo e = vault.entry(id).orElseThrow(() ->
                    new VaultException(VaultException.Reason.NO_SUCH_ENTRY, "no entry with id " + id + " in " + file));
            vault.remove(id);
            out.println("Removed " + e.id() + "  \"" + e.label() + "\"");
            return 0;
        }
    }
}
