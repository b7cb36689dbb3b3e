package dev.pennant.core.vault;

/** Security-relevant events recorded in the {@link AuditLog}. */
public enum AuditEventType {
    VAULT_CREATED,
    VAULT_UNLOCKED,
    VAULT_UNLOCK_FAILED,
    VAULT_LOCKED,
    VAULT_KDF_UPGRADED,
    VAULT_PASSWORD_CHANGED,
    VAULT_BACKUP_EXPORTED,
    VAULT_BACKUP_IMPORTED,
    KEY_ADDED,
    KEY_REMOVED,
    KEY_ROTATED,
    KEY_HYGIENE_WARNING,
    MODE_SWITCHED_LIVE,
    MODE_SWITCHED_PAPER,
    KILL_SWITCH,
    RISK_LIMIT_CHANGED
}
