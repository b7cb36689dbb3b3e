package dev.pennant.core.exchange.binance;

/**
 * A Binance REST error, typed by what Pennant should do about it. Built by {@link BinanceErrorMapper}.
 *
 * <p>The message reads {@code "Binance <code> (<meaning>): <Binance's msg> — <what Pennant did>"}. It never contains
 * the request query, signature, API key or secret. Source: Binance spot "Error codes" and USDⓈ-M "Error Code".
 */
public class BinanceApiException extends RuntimeException {

    private final int httpStatus;
    private final int code;
    private final String binanceMessage;
    private final String action;

    /**
     * @param httpStatus     HTTP status of the answer
     * @param code           Binance's {@code code} (negative), 0 when the body had none
     * @param binanceMessage Binance's {@code msg}
     * @param meaning        short meaning of the code, e.g. {@code signature invalid}
     * @param action         what Pennant did or will do
     */
    public BinanceApiException(int httpStatus, int code, String binanceMessage, String meaning, String action) {
        super("Binance " + code + " (" + meaning + ", HTTP " + httpStatus + "): " + binanceMessage + " — " + action);
        this.httpStatus = httpStatus;
        this.code = code;
        this.binanceMessage = binanceMessage;
        this.action = action;
    }

    /** HTTP status. */
    public int httpStatus() {
        return httpStatus;
    }

    /** Binance's error code, e.g. -1021; 0 when the body carried none. */
    public int code() {
        return code;
    }

    /** Binance's {@code msg}, verbatim. */
    public String binanceMessage() {
        return binanceMessage;
    }

    /** What Pennant did (or the caller should do). */
    public String action() {
        return action;
    }

    /** Whether sending the same request again may succeed (only -1021 after a time resync, 429/418 after the wait). */
    public boolean retryable() {
        return false;
    }

    /** -1021: {@code timestamp} outside {@code recvWindow}. Pennant resyncs its clock and retries once. */
    public static final class TimestampOutsideRecvWindow extends BinanceApiException {
        public TimestampOutsideRecvWindow(int http, int code, String msg, String action) {
            super(http, code, msg, "timestamp outside recvWindow", action);
        }

        @Override
        public boolean retryable() {
            return true;
        }
    }

    /** -1022: signature not valid. Never retried: the key/secret pair is wrong. */
    public static final class InvalidSignature extends BinanceApiException {
        public InvalidSignature(int http, int code, String msg) {
            super(http, code, msg, "signature invalid", "not retried: the API key / secret pair is wrong (the secret "
                    + "does not belong to this key, or was mistyped); re-enter both in the vault");
        }
    }

    /** -2010 (new order), -2011 (cancel) and other order rejections; {@link #reason()} is Binance's words. */
    public static final class OrderRejected extends BinanceApiException {
        private final boolean cancel;

        public OrderRejected(int http, int code, String msg, boolean cancel) {
            super(http, code, msg, cancel ? "cancel rejected" : "order rejected",
                    "not retried; the " + (cancel ? "cancel" : "order") + " was rejected by Binance: " + msg);
            this.cancel = cancel;
        }

        /** True for a rejected cancel (-2011). */
        public boolean isCancel() {
            return cancel;
        }

        /** Binance's reason. */
        public String reason() {
            return binanceMessage();
        }
    }

    /** -1013 / -1111 / -4003… : the order broke a symbol filter or precision. {@link #filter()} names it. */
    public static final class FilterFailure extends BinanceApiException {
        private final String filter;

        public FilterFailure(int http, int code, String msg, String filter) {
            super(http, code, msg, "filter failure: " + filter, "not retried; Pennant rounds and checks " + filter
                    + " before sending, so its exchangeInfo for this symbol is probably stale: it is refreshed now");
            this.filter = filter;
        }

        /** The Binance filter (or {@code PRECISION}) the order broke, e.g. {@code LOT_SIZE}. */
        public String filter() {
            return filter;
        }
    }

    /** -1003 / HTTP 429: too many requests. Nothing is sent to this market until {@link #retryAtMillis()}. */
    public static final class RateLimited extends BinanceApiException {
        private final long retryAt;

        public RateLimited(int http, int code, String msg, long retryAt) {
            super(http, code, msg, "too many requests", "Pennant sends nothing to this market until "
                    + java.time.Instant.ofEpochMilli(retryAt) + " (Retry-After), so the IP is not banned");
            this.retryAt = retryAt;
        }

        /** When requests may resume, epoch ms. */
        public long retryAtMillis() {
            return retryAt;
        }

        @Override
        public boolean retryable() {
            return true;
        }
    }

    /** HTTP 418: the IP is banned. Nothing is sent until {@link #bannedUntilMillis()}. */
    public static final class IpBanned extends BinanceApiException {
        private final long until;

        public IpBanned(int http, int code, String msg, long until) {
            super(http, code, msg, "IP banned", "Pennant sends nothing to Binance until "
                    + java.time.Instant.ofEpochMilli(until) + "; the ban grows if requests continue");
            this.until = until;
        }

        /** When the ban ends, epoch ms. */
        public long bannedUntilMillis() {
            return until;
        }

        @Override
        public boolean retryable() {
            return true;
        }
    }

    /** -2014 / -2015: API key invalid, not allowed from this IP, or lacking the permission. Not retried. */
    public static final class ApiKeyRejected extends BinanceApiException {
        public ApiKeyRejected(int http, int code, String msg) {
            super(http, code, msg, code == -2014 ? "API key format invalid" : "API key, IP or permissions rejected",
                    "not retried: check the API key, its IP whitelist and that it has the permission for this "
                            + "market (spot trading / futures)");
        }
    }
}
