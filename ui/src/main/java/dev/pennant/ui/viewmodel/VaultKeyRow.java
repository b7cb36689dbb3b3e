package dev.pennant.ui.viewmodel;

import dev.pennant.core.vault.EntryInfo;

/**
 * One row of the read-only key list: metadata only. The value columns are fixed masks ({@link #MASK}) telling whether a
 * value is stored; the values themselves never reach the UI.
 *
 * @param id               entry id
 * @param label            user label
 * @param kind             entry kind (BINANCE_SPOT, LLM, ...)
 * @param environment      MAINNET / TESTNET
 * @param status           "active" or "retired"
 * @param permissionsNotes what the key may do (from the restrictions check)
 * @param notes            free notes
 * @param apiKey           {@link #MASK} when an API key is stored, else empty
 * @param secret           {@link #MASK} when a secret is stored, else empty
 */
public record VaultKeyRow(String id, String label, String kind, String environment, String status,
                          String permissionsNotes, String notes, String apiKey, String secret) {
    /** Shown instead of any value. */
    public static final String MASK = "••••••••";

    static VaultKeyRow of(EntryInfo e) {
        return new VaultKeyRow(e.id(), e.label(), e.kind().name(), e.environment().name(),
                e.active() ? "active" : "retired", e.permissionsNotes(), e.notes(), e.hasApiKey() ? MASK : "",
                e.hasSecret() ? MASK : "");
    }
}
