package dev.pennant.core.persistence.backup;

/** A backup, restore, integrity check or export could not be done; the message says why and what to do. */
public class BackupException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed and why (no secrets: paths and H2 messages only)
     * @param cause   the underlying error, or null
     */
    public BackupException(String message, Throwable cause) {
        super(message, cause);
    }
}
