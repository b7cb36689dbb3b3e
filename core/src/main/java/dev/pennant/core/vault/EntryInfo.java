package dev.pennant.core.vault;

import java.time.Instant;
import java.util.Objects;

/**
 * Metadata of a vault entry: everything except the API key and secret values. Safe to list, log and show.
 *
 * @param id               stable id (UUID), assigned by the vault
 * @param label            user label, e.g. "main spot account"
 * @param kind             what the entry holds
 * @param environment      mainnet or testnet
 * @param notes            free notes (never put secrets here)
 * @param permissionsNotes what the key is allowed to do (e.g. the result of {@link KeyHygiene#describe})
 * @param createdAt        when the entry was added
 * @param retiredAt        when it was retired by a rotation, or {@code null} while active
 * @param hasApiKey        whether an API key value is stored
 * @param hasSecret        whether a secret value is stored
 */
public record EntryInfo(String id, String label, EntryKind kind, KeyEnvironment environment, String notes,
                        String permissionsNotes, Instant createdAt, Instant retiredAt, boolean hasApiKey,
                        boolean hasSecret) {
    public EntryInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(createdAt, "createdAt");
        notes = notes == null ? "" : notes;
        permissionsNotes = permissionsNotes == null ? "" : permissionsNotes;
    }

    /** True while not retired. */
    public boolean active() {
        return retiredAt == null;
    }
}
