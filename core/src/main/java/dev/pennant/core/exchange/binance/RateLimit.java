package dev.pennant.core.exchange.binance;

import java.util.Locale;
import java.util.Objects;

/**
 * One entry of exchangeInfo {@code rateLimits}: e.g. {@code REQUEST_WEIGHT} 6000 per 1 MINUTE (spot) or
 * {@code ORDERS} 300 per 10 SECOND (futures). Source: Binance spot "LIMITS" and USDⓈ-M "Exchange Information".
 *
 * @param type        {@code REQUEST_WEIGHT}, {@code ORDERS} or {@code RAW_REQUESTS}
 * @param interval    {@code SECOND}, {@code MINUTE} or {@code DAY}
 * @param intervalNum number of intervals in the window (1 when the response omits it, as old spot responses do)
 * @param limit       the maximum within the window
 */
public record RateLimit(String type, String interval, int intervalNum, int limit) {

    /** @throws NullPointerException naming the missing field; IllegalArgumentException on a non-positive figure */
    public RateLimit {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(interval, "interval");
        if (intervalNum <= 0) throw new IllegalArgumentException("intervalNum must be > 0, was " + intervalNum);
        if (limit <= 0) throw new IllegalArgumentException("limit must be > 0, was " + limit);
    }

    /** Length of the window in milliseconds. */
    public long windowMillis() {
        long unit = switch (interval.toUpperCase(Locale.ROOT)) {
            case "SECOND" -> 1_000L;
            case "MINUTE" -> 60_000L;
            case "HOUR" -> 3_600_000L;
            case "DAY" -> 86_400_000L;
            default -> throw new IllegalStateException("unknown rate-limit interval " + interval);
        };
        return unit * intervalNum;
    }

    /**
     * The suffix of the response header that reports usage against this limit: {@code intervalNum} followed by the
     * interval's first letter, e.g. {@code 1M} for {@code X-MBX-USED-WEIGHT-1M}, {@code 10S} for
     * {@code X-MBX-ORDER-COUNT-10S}.
     */
    public String headerSuffix() {
        return intervalNum + interval.substring(0, 1).toUpperCase(Locale.ROOT);
    }

    /** The usage header Binance sends for this limit ({@code X-MBX-USED-WEIGHT-1M}, {@code X-MBX-ORDER-COUNT-10S}),
     * or {@code null} for RAW_REQUESTS, which has no header. */
    public String headerName() {
        return switch (type) {
            case "REQUEST_WEIGHT" -> "X-MBX-USED-WEIGHT-" + headerSuffix();
            case "ORDERS" -> "X-MBX-ORDER-COUNT-" + headerSuffix();
            default -> null;
        };
    }
}
