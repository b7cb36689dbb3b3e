package dev.pennant.core.vault;

import java.util.Objects;

/**
 * Every failure of the vault API. The {@link Reason} tells callers (CLI, UI) what happened without parsing the message.
 *
 * <p>Messages never contain a password, a secret, a key or decrypted data: they name the file, the reason and, for
 * format errors, the offending header field.
 */
public final class VaultException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why a vault operation failed. */
    public enum Reason {
        /** No vault file at the given path. */
        NOT_FOUND,
        /** {@code create} found an existing vault file (it is never overwritten). */
        ALREADY_EXISTS,
        /** The file does not start with the vault magic bytes: not a Pennant vault. */
        NOT_A_VAULT,
        /** The format version in the header is not one this build can read (written by a newer Pennant?). */
        UNKNOWN_VERSION,
        /** The file is shorter than its header says: it was cut off (crash, full disk, partial copy). */
        TRUNCATED,
        /** Header fields are invalid or out of the accepted range, or there is trailing data. */
        MALFORMED,
        /**
         * AES-GCM authentication failed. GCM cannot tell a wrong password from a modified file (header or ciphertext):
         * both produce the same tag mismatch.
         */
        WRONG_PASSWORD_OR_TAMPERED,
        /** The vault object was locked (explicitly or by the idle timer); unlock again. */
        LOCKED,
        /** The vault file was re-keyed (password change, parameter upgrade) by another writer; unlock again. */
        CHANGED_EXTERNALLY,
        /** No entry with the given id. */
        NO_SUCH_ENTRY,
        /** An argument was rejected (empty password, weak KDF parameters, ...). */
        INVALID_ARGUMENT,
        /** Reading or writing the file failed (permissions, full disk, ...). The vault on disk is unchanged. */
        IO_ERROR
    }

    private final Reason reason;

    public VaultException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason);
    }

    public VaultException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason);
    }

    /** What went wrong. */
    public Reason reason() {
        return reason;
    }

    @Override
    public String toString() {
        return "VaultException[" + reason + "]: " + getMessage();
    }
}
