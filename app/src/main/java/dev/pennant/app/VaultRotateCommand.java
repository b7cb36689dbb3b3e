package dev.pennant.app;

import dev.pennant.core.vault.EntryInfo;
import dev.pennant.core.vault.NewEntry;
import dev.pennant.core.vault.UnlockedVault;
import dev.pennant.core.vault.VaultException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.net.URI;

/** {@code vault rotate --id OLD}: add the new key, verify it, retire the old one. */
@Command(name = "rotate", mixinStandardHelpOptions = true,
        description = {"Rotate a key: add the new one, verify it, retire the old one.",
                "The new entry gets the old one's kind and environment and is checked like `add`; the old entry is kept,",
                "marked retired, until `vault remove`. A new key that fails the check is not stored; the old stays active.",
                "Input (console, or stdin lines): 1. master password  2. new API key (if the old entry has one)",
                "3. new secret."})
final class VaultRotateCommand extends VaultSubcommand {

    @Option(names = "--id", required = true, description = "Id of the entry to retire.")
    String oldId;

    @Option(names = "--label", description = "Label of the new entry (default: the old label).")
    String label;

    @Option(names = "--notes", description = "Notes of the new entry (default: the old notes).")
    String notes;

    @Option(names = "--api-url", defaultValue = "https://api.binance.com", paramLabel = "URL",
            description = "Binance REST base URL for the key check (default: ${DEFAULT-VALUE}).")
    URI apiUrl;

    @Option(names = "--no-check", description = "Do not check the new Binance key's restrictions.")
    boolean noCheck;

    @Override
    int execute() throws VaultException, SecretInput.InputException {
        try (UnlockedVault vault = unlock()) {
            EntryInfo old = vault.entry(oldId).orElseThrow(() ->
                    new VaultException(VaultException.Reason.NO_SUCH_ENTRY, "no entry with id " + oldId + " in " + file));
            if (!old.active()) {
                throw new VaultException(VaultException.Reason.INVALID_ARGUMENT, "entry " + oldId + " is already retired");
            }
            String newLabel = label != null && !label.isBlank() ? label : old.label();
            char[] key = null;
            char[] secret = null;
            try {
                if (old.kind().isBinance() || old.hasApiKey()) {
                    key = input.read("New API key");
                }
                secret = input.read("New secret");
                VaultKeyCheck.Result check = VaultKeyCheck.run(old.kind(), old.environment(), newLabel, key, secret, apiUrl,
                        spec.commandLine().getParseResult().hasMatchedOption("--api-url"), noCheck, audit, out, err);
                if (!check.ok()) {
                    err.println("The old entry " + oldId + " stays active.");
                    return KEY_CHECK_FAILED;
                }
                EntryInfo info;
                try (NewEntry e = NewEntry.builder(newLabel, old.kind()).environment(old.environment()).apiKey(key)
                        .secret(secret).notes(notes != null ? notes : old.notes())
                        .permissionsNotes(check.permissionsNotes()).build()) {
                    info = vault.rotate(oldId, e);
                }
                VaultKeyCheck.auditWarnings(audit, info.id(), info.label(), check.warnings());
                out.println("Rotated: new entry " + info.id() + "  \"" + info.label() + "\"; old entry " + oldId
                        + " retired (remove it with `pennant vault remove --id " + oldId + "` once nothing uses it).");
                return 0;
            } finally {
                wipe(key, secret);
            }
        }
    }
}
