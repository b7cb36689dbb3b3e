package dev.pennant.core.vault;

/** The API-key restrictions could not be fetched. The message never contains the key, secret or signed URL. */
public final class KeyCheckException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int httpStatus;
    private final Integer binanceCode;

    public KeyCheckException(String message, int httpStatus, Integer binanceCode, Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
        this.binanceCode = binanceCode;
    }

    /** HTTP status, or 0 when no response arrived. */
    public int httpStatus() {
        return httpStatus;
    }

    /** Binance error code (e.g. -2015 invalid key/IP/permissions, -1022 bad signature), or {@code null}. */
    public Integer binanceCode() {
        return binanceCode;
    }
}
