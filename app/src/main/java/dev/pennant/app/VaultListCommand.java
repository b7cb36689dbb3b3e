package dev.pennant.app;

import dev.pennant.core.vault.EntryInfo;
import dev.pennant.core.vault.KdfParams;
import dev.pennant.core.vault.UnlockedVault;
import dev.pennant.core.vault.VaultException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/** {@code vault list}: names and metadata, never values. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = {"List entries (names and metadata, never values).",
                "Shows id, label, kind, environment, status, permissions and notes.",
                "Input (console, or stdin lines): 1. master password."})
final class VaultListCommand extends VaultSubcommand {

    @Option(names = "--active", description = "Only entries not retired by a rotation.")
    boolean activeOnly;

    @Override
    int execute() throws VaultException, SecretInput.InputException {
        try (UnlockedVault vault = unlock()) {
            KdfParams p = vault.kdfParams();
            List<EntryInfo> entries = activeOnly ? vault.activeEntries() : vault.entries();
            out.printf(Locale.ROOT, "%s  (Argon2id %d KiB, %d iterations)%s%n", vault.file(), p.memoryKiB(), p.iterations(),
                    vault.upgradedOnUnlock() ? "  [KDF parameters upgraded]" : "");
            if (entries.isEmpty()) {
                out.println("(no entries)");
                return 0;
            }
            out.printf(Locale.ROOT, "%-36s  %-24s  %-15s  %-7s  %-20s  %s%n", "ID", "LABEL", "KIND", "ENV", "STATUS", "VALUES");
            DateTimeFormatter f = DateTimeFormatter.ISO_INSTANT;
            for (EntryInfo e : entries) {
                String status = e.active() ? "active" : "retired " + f.format(e.retiredAt().truncatedTo(ChronoUnit.SECONDS));
                String values = (e.hasApiKey() ? "key ****" : "") + (e.hasApiKey() && e.hasSecret() ? ", " : "")
                        + (e.hasSecret() ? "secret ****" : "");
                out.printf(Locale.ROOT, "%-36s  %-24s  %-15s  %-7s  %-20s  %s%n", e.id(), e.label(), e.kind(),
                        e.environment(), status, values.isEmpty() ? "-" : values);
                out.println("    added " + f.format(e.createdAt().truncatedTo(ChronoUnit.SECONDS))
                        + (e.permissionsNotes().isEmpty() ? "" : "; permissions: " + e.permissionsNotes()));
                if (!e.notes().isEmpty()) {
                    out.println("    notes: " + e.notes());
                }
            }
            return 0;
        }
    }
}
