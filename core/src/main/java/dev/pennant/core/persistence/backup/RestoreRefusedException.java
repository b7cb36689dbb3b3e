package dev.pennant.core.persistence.backup;

/** A restore was refused before anything changed: the database is held, or the backup failed verification. */
public final class RestoreRefusedException extends BackupException {

    private static final long serialVersionUID = 1L;

    /** @param message why, and what to do */
    public RestoreRefusedException(String message) {
        super(message, null);
    }
}
