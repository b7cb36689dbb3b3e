package dev.pennant.simulator;

/**
 * A Binance error answer of the simulator: HTTP status plus Binance's {@code {"code":..,"msg":..}} body.
 * Optional {@code retryAfterSeconds} becomes the {@code Retry-After} header (429 / 418).
 */
final class SimException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    final int httpStatus;
    final int code;
    final long retryAfterSeconds;

    SimException(int httpStatus, int code, String msg) {
        this(httpStatus, code, msg, -1);
    }

    SimException(int httpStatus, int code, String msg, long retryAfterSeconds) {
        super(msg, null, false, false);
        this.httpStatus = httpStatus;
        this.code = code;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    static SimException badRequest(int code, String msg) {
        return new SimException(400, code, msg);
    }

    static SimException mandatory(String param) {
        return badRequest(-1102, "Mandatory parameter '" + param + "' was not sent, was empty/null, or malformed.");
    }

    static SimException invalidSymbol() {
        return badRequest(-1121, "Invalid symbol.");
    }

    /** Body JSON ({@code msg} escaped). */
    String body() {
        String m = getMessage().replace("\\", "\\\\").replace("\"", "\\\"");
        return "{\"code\":" + code + ",\"msg\":\"" + m + "\"}";
    }
}
