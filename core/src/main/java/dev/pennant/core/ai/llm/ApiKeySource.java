package dev.pennant.core.ai.llm;

import dev.pennant.core.vault.UnlockedVault;
import dev.pennant.core.vault.VaultException;

import java.util.Optional;

/**
 * Where a profile's API key comes from. Implementations hand out a fresh copy each time; the caller wipes it
 * ({@code Arrays.fill(key, '\0')}) as soon as the request is built. Keys never reach logs, exceptions or the database.
 */
@FunctionalInterface
public interface ApiKeySource {

    /**
     * The key of {@code profile}, or empty when the profile needs none ({@code apiKeyRef == null}).
     *
     * @throws IllegalStateException when the profile names a key that cannot be read (vault locked, entry missing);
     *                               the message names the entry id, never the key
     */
    Optional<char[]> apiKey(ProviderProfile profile);

    /** No keys (local servers such as Ollama or LM Studio). */
    static ApiKeySource none() {
        return p -> Optional.empty();
    }

    /** The key from the environment variable {@code variable} (the CLI's {@code --api-key-env}). */
    static ApiKeySource environment(String variable) {
        return p -> {
            String v = System.getenv(variable);
            if (v == null || v.isBlank()) {
                throw new IllegalStateException("api key: environment variable " + variable + " is not set");
            }
            return Optional.of(v.toCharArray());
        };
    }

    /** The key from the vault entry named by the profile's {@code apiKeyRef} (the entry's secret). */
    static ApiKeySource vault(UnlockedVault vault) {
        return p -> {
            if (p.apiKeyRef() == null) return Optional.empty();
            try {
                return Optional.of(vault.secret(p.apiKeyRef()));
            } catch (VaultException e) {
                throw new IllegalStateException("api key: vault entry " + p.apiKeyRef() + " cannot be read: "
                        + e.getMessage(), e);
            }
        };
    }
}
