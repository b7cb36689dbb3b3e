package dev.pennant.core.persistence;

/** The history database could not be opened, read or written; the message names the file and the cause. */
public final class HistoryException extends RuntimeException {
    /** @param message what failed, naming the database file */
    public HistoryException(String message, Throwable cause) {
        super(message, cause);
    }
}
