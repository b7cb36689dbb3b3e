package dev.pennant.core.vault;

import java.util.Arrays;
import java.util.Objects;

/**
 * A secret to add to the vault. Holds <em>copies</em> of the key/secret arrays given to the builder, so the caller can
 * wipe its own arrays at once; call {@link #close()} (or use try-with-resources) to wipe these copies after
 * {@link UnlockedVault#put}. {@link #toString()} never shows the values.
 */
public final class NewEntry implements AutoCloseable {
    private final String label;
    private final EntryKind kind;
    private final KeyEnvironment environment;
    private final char[] apiKey;
    private final char[] secret;
    private final String notes;
    private final String permissionsNotes;

    private NewEntry(Builder b) {
        this.label = b.label;
        this.kind = b.kind;
        this.environment = b.environment;
        this.apiKey = b.apiKey == null ? new char[0] : b.apiKey.clone();
        this.secret = b.secret == null ? new char[0] : b.secret.clone();
        this.notes = b.notes == null ? "" : b.notes;
        this.permissionsNotes = b.permissionsNotes == null ? "" : b.permissionsNotes;
    }

    /** Starts an entry; environment defaults to {@link KeyEnvironment#MAINNET}. */
    public static Builder builder(String label, EntryKind kind) {
        return new Builder(label, kind);
    }

    public String label() {
        return label;
    }

    public EntryKind kind() {
        return kind;
    }

    public KeyEnvironment environment() {
        return environment;
    }

    public String notes() {
        return notes;
    }

    public String permissionsNotes() {
        return permissionsNotes;
    }

    /** The live internal array (not a copy); package use only. */
    char[] apiKeyChars() {
        return apiKey;
    }

    char[] secretChars() {
        return secret;
    }

    /** Wipes the key and secret copies held by this object. */
    @Override
    public void close() {
        Arrays.fill(apiKey, '\0');
        Arrays.fill(secret, '\0');
    }

    @Override
    public String toString() {
        return "NewEntry[label=" + label + ", kind=" + kind + ", environment=" + environment
                + ", apiKey=" + (apiKey.length > 0 ? "****" : "<none>") + ", secret=" + (secret.length > 0 ? "****" : "<none>") + "]";
    }

    /** Builder; {@link #apiKey(char[])} and {@link #secret(char[])} copy the arrays. */
    public static final class Builder {
        private final String label;
        private final EntryKind kind;
        private KeyEnvironment environment = KeyEnvironment.MAINNET;
        private char[] apiKey;
        private char[] secret;
        private String notes;
        private String permissionsNotes;

        private Builder(String label, EntryKind kind) {
            Objects.requireNonNull(label, "label");
            if (label.isBlank()) {
                throw new IllegalArgumentException("label must not be blank");
            }
            this.label = label;
            this.kind = Objects.requireNonNull(kind, "kind");
        }

        public Builder environment(KeyEnvironment env) {
            this.environment = Objects.requireNonNull(env);
            return this;
        }

        public Builder apiKey(char[] value) {
            this.apiKey = value == null ? null : value.clone();
            return this;
        }

        public Builder secret(char[] value) {
            this.secret = value == null ? null : value.clone();
            return this;
        }

        public Builder notes(String value) {
            this.notes = value;
            return this;
        }

        public Builder permissionsNotes(String value) {
            this.permissionsNotes = value;
            return this;
        }

        /** Builds the entry and wipes the builder's own copies. */
        public NewEntry build() {
            NewEntry e = new NewEntry(this);
            VaultCrypto.wipe(apiKey);
            VaultCrypto.wipe(secret);
            apiKey = null;
            secret = null;
            return e;
        }

        @Override
        public String toString() {
            return "NewEntry.Builder[label=" + label + ", kind=" + kind + "]";
        }
    }
}
