package dev.pennant.app;

import dev.pennant.core.vault.EntryInfo;
import dev.pennant.core.vault.EntryKind;
import dev.pennant.core.vault.KeyEnvironment;
import dev.pennant.core.vault.NewEntry;
import dev.pennant.core.vault.UnlockedVault;
import dev.pennant.core.vault.VaultException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.net.URI;

/** {@code vault add}: stores a new secret, checking Binance keys first. */
@Command(name = "add", mixinStandardHelpOptions = true,
        description = {"Add a key or secret; Binance keys are checked first.",
                "Binance keys: /sapi/v1/account/apiRestrictions is called, the permissions are shown, withdrawals or a missing",
                "IP whitelist raise loud warnings, and a key Binance rejects is not stored (unless --no-check).",
                "Testnet keys are not checked unless --api-url is given (the testnets have no /sapi endpoints).",
                "Input (console, or stdin lines): 1. master password  2. API key (Binance kinds, or with --with-key-id)",
                "3. secret."})
final class VaultAddCommand extends VaultSubcommand {

    @Option(names = "--label", required = true, description = "Name shown in lists, e.g. \"main spot\".")
    String label;

    @Option(names = "--kind", required = true,
            description = "One of ${COMPLETION-CANDIDATES}.")
    EntryKind kind;

    @Option(names = "--env", defaultValue = "MAINNET", description = "MAINNET or TESTNET (default: ${DEFAULT-VALUE}).")
    KeyEnvironment env;

    @Option(names = "--notes", defaultValue = "", description = "Free notes (never put secrets here).")
    String notes;

    @Option(names = "--with-key-id", description = "Non-Binance kinds: also read an API key / user name before the secret.")
    boolean withKeyId;

    @Option(names = "--api-url", defaultValue = "https://api.binance.com", paramLabel = "URL",
            description = "Binance REST base URL for the key check (default: ${DEFAULT-VALUE}).")
    URI apiUrl;

    @Option(names = "--no-check", description = "Store a Binance key without checking its restrictions.")
    boolean noCheck;

    @Override
    int execute() throws VaultException, SecretInput.InputException {
        if (label.isBlank()) {
            throw new VaultException(VaultException.Reason.INVALID_ARGUMENT, "--label must not be blank");
        }
        try (UnlockedVault vault = unlock()) {
            char[] key = null;
            char[] secret = null;
            try {
                if (kind.isBinance() || withKeyId) {
                    key = input.read(kind.isBinance() ? "API key" : "Key id / user name");
                }
                secret = input.read(kind.isBinance() ? "API secret" : "Secret");
                VaultKeyCheck.Result check = VaultKeyCheck.run(kind, env, label, key, secret, apiUrl,
                        spec.commandLine().getParseResult().hasMatchedOption("--api-url"), noCheck, audit, out, err);
                if (!check.ok()) {
                    return KEY_CHECK_FAILED;
                }
                EntryInfo info;
                try (NewEntry e = NewEntry.builder(label, kind).environment(env).apiKey(key).secret(secret)
                        .notes(notes).permissionsNotes(check.permissionsNotes()).build()) {
                    info = vault.put(e);
                }
                VaultKeyCheck.auditWarnings(audit, info.id(), info.label(), check.warnings());
                out.println("Added " + info.id() + "  \"" + info.label() + "\"  " + info.kind() + " " + info.environment());
                return 0;
            } finally {
                wipe(key, secret);
            }
        }
    }

}
