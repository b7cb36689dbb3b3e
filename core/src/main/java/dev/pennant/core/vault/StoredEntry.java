package dev.pennant.core.vault;

import java.time.Instant;

/** Decrypted entry with its values; lives only inside a vault operation and is wiped afterwards. */
final class StoredEntry {
    final String id;
    final String label;
    final EntryKind kind;
    final KeyEnvironment environment;
    final char[] apiKey;
    final char[] secret;
    final String notes;
    final String permissionsNotes;
    final Instant createdAt;
    Instant retiredAt;

    StoredEntry(String id, String label, EntryKind kind, KeyEnvironment environment, char[] apiKey, char[] secret,
                String notes, String permissionsNotes, Instant createdAt, Instant retiredAt) {
        this.id = id;
        this.label = label;
        this.kind = kind;
        this.environment = environment;
        this.apiKey = apiKey;
        this.secret = secret;
        this.notes = notes;
        this.permissionsNotes = permissionsNotes;
        this.createdAt = createdAt;
        this.retiredAt = retiredAt;
    }

    EntryInfo info() {
        return new EntryInfo(id, label, kind, environment, notes, permissionsNotes, createdAt, retiredAt,
                apiKey.length > 0, secret.length > 0);
    }

    StoredEntry copy() {
        return new StoredEntry(id, label, kind, environment, apiKey.clone(), secret.clone(), notes, permissionsNotes,
                createdAt, retiredAt);
    }

    void wipe() {
        VaultCrypto.wipe(apiKey);
        VaultCrypto.wipe(secret);
    }

    @Override
    public String toString() {
        return "StoredEntry[" + id + ", " + label + ", " + kind + ", ****]";
    }
}
