package dev.pennant.app;

import dev.pennant.core.vault.ApiKeyRestrictions;
import dev.pennant.core.vault.ApiRestrictionsClient;
import dev.pennant.core.vault.AuditEventType;
import dev.pennant.core.vault.AuditLog;
import dev.pennant.core.vault.EntryKind;
import dev.pennant.core.vault.KeyCheckException;
import dev.pennant.core.vault.KeyEnvironment;
import dev.pennant.core.vault.KeyHygiene;

import java.io.PrintWriter;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Binance key check of {@code vault add} / {@code vault rotate}: fetches the key's restrictions, prints its
 * permissions and the loud {@link KeyHygiene} warnings, and yields the permissions notes to store.
 */
final class VaultKeyCheck {
    private static final String BANG = "!".repeat(78);

    /** Outcome: the notes to store, the findings to audit once the entry has an id, or a failure. */
    record Result(boolean ok, String permissionsNotes, List<KeyHygiene.Warning> warnings) {
    }

    private VaultKeyCheck() {
    }

    /**
     * @param apiUrlGiven whether {@code --api-url} was given explicitly (testnet keys are only checked then)
     */
    static Result run(EntryKind kind, KeyEnvironment env, String label, char[] apiKey, char[] secret, URI apiUrl,
                      boolean apiUrlGiven, boolean noCheck, AuditLog audit, PrintWriter out, PrintWriter err) {
        if (!kind.isBinance()) {
            return new Result(true, "", List.of());
        }
        if (noCheck) {
            out.println("Key restrictions NOT checked (--no-check): withdrawal permission and IP whitelist are unknown.");
            return new Result(true, "not checked (--no-check)", List.of());
        }
        if (env == KeyEnvironment.TESTNET && !apiUrlGiven) {
            out.println("Testnet key: not checked (the Binance testnets have no /sapi endpoints).");
            return new Result(true, "not checked (testnet)", List.of());
        }
        out.println("Checking the key's restrictions at " + apiUrl + ApiRestrictionsClient.PATH + " ...");
        out.flush();
        ApiKeyRestrictions r;
        try {
            r = new ApiRestrictionsClient(apiUrl).fetch(apiKey, secret);
        } catch (KeyCheckException e) {
            err.println("error: the API key check failed: " + e.getMessage());
            Integer code = e.binanceCode();
            if (code != null && (code == -2014 || code == -2015)) {
                err.println("Binance rejected the key (code " + code + "): the API key or secret is wrong, this machine's IP"
                        + " is not on the key's whitelist, or the key may not read its restrictions.");
            } else if (code != null && code == -1022) {
                err.println("Binance says the signature is invalid (code -1022): the secret does not belong to this API key.");
            } else if (e.httpStatus() == 0) {
                err.println("No answer from " + apiUrl + ": check the network connection (or --api-url).");
            }
            err.println("The key was NOT stored. Fix the problem, or run again with --no-check to store it unchecked.");
            audit.record(AuditEventType.KEY_HYGIENE_WARNING, Map.of("label", label, "check", "failed",
                    "reason", code != null ? "code " + code : "http " + e.httpStatus()));
            return new Result(false, null, List.of());
        }
        List<KeyHygiene.Warning> warnings = KeyHygiene.assess(r);
        KeyHygiene.log(label, warnings);
        List<KeyHygiene.Warning> loud = new ArrayList<>();
        for (KeyHygiene.Warning w : warnings) {
            if (w.loud()) {
                loud.add(w);
            }
        }
        if (!loud.isEmpty()) {
            err.println(BANG);
            for (KeyHygiene.Warning w : loud) {
                err.println("!!! WARNING: " + w.message());
            }
            err.println(BANG);
        }
        for (KeyHygiene.Warning w : warnings) {
            if (w.severity() == KeyHygiene.Severity.WARNING) {
                out.println("warning: " + w.message());
            }
        }
        String notes = KeyHygiene.describe(r);
        out.println("Permissions: " + notes);
        return new Result(true, notes, warnings);
    }

    /** Audits the non-INFO findings for the stored entry. */
    static void auditWarnings(AuditLog audit, String id, String label, List<KeyHygiene.Warning> warnings) {
        for (KeyHygiene.Warning w : warnings) {
            if (w.severity() != KeyHygiene.Severity.INFO) {
                audit.record(AuditEventType.KEY_HYGIENE_WARNING,
                        Map.of("id", id, "label", label, "code", w.code().name(), "severity", w.severity().name()));
            }
        }
    }
}
