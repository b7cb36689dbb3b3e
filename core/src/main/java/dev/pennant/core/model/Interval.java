package dev.pennant.core.model;

import java.time.Duration;
import java.util.Locale;

/**
 * Binance kline intervals (the 15 the REST and WebSocket APIs accept).
 *
 * <p>{@link #millis()} is the nominal length in milliseconds. {@code 1M} has no fixed length; its nominal
 * length is 30 days and code that walks calendar months must use {@link #isCalendarMonth()}.
 * Source: Binance Spot API docs, "Kline/Candlestick data", enum KlineInterval.
 */
public enum Interval {
    M1("1m", 60_000L),
    M3("3m", 3 * 60_000L),
    M5("5m", 5 * 60_000L),
    M15("15m", 15 * 60_000L),
    M30("30m", 30 * 60_000L),
    H1("1h", 3_600_000L),
    H2("2h", 2 * 3_600_000L),
    H4("4h", 4 * 3_600_000L),
    H6("6h", 6 * 3_600_000L),
    H8("8h", 8 * 3_600_000L),
    H12("12h", 12 * 3_600_000L),
    D1("1d", 86_400_000L),
    D3("3d", 3 * 86_400_000L),
    W1("1w", 7 * 86_400_000L),
    MO1("1M", 30 * 86_400_000L);

    private final String code;
    private final long millis;

    Interval(String code, long millis) {
        this.code = code;
        this.millis = millis;
    }

    /** Binance's code, e.g. {@code "1m"}, {@code "4h"}, {@code "1M"} (case matters: {@code 1m} is a minute, {@code 1M} a month). */
    public String code() {
        return code;
    }

    /** Nominal length in milliseconds (30 days for {@code 1M}). */
    public long millis() {
        return millis;
    }

    /** Nominal length as a {@link Duration}. */
    public Duration duration() {
        return Duration.ofMillis(millis);
    }

    /** True for {@code 1M}, whose bars follow calendar months rather than a fixed length. */
    public boolean isCalendarMonth() {
        return this == MO1;
    }

    /**
     * Parses a Binance interval code.
     *
     * @param code e.g. {@code "1m"}, {@code "1h"}, {@code "1M"}; {@code "1mo"} is accepted for the month
     * @return the interval
     * @throws IllegalArgumentException naming the accepted codes when {@code code} is not one of them
     */
    public static Interval parse(String code) {
        if (code != null) {
            String c = code.trim();
            if (c.equalsIgnoreCase("1mo")) {
                return MO1;
            }
            for (Interval i : values()) {
                if (i.code.equals(c)) {
                    return i;
                }
            }
            // Lenient on case except for the minute/month clash.
            for (Interval i : values()) {
                if (i != MO1 && i.code.equals(c.toLowerCase(Locale.ROOT))) {
                    return i;
                }
            }
        }
        throw new IllegalArgumentException("interval '" + code
                + "' is not a Binance kline interval (one of 1m 3m 5m 15m 30m 1h 2h 4h 6h 8h 12h 1d 3d 1w 1M)");
    }

    /** The interval whose nominal length equals {@code millis}, or {@code null}. */
    public static Interval ofMillis(long millis) {
        for (Interval i : values()) {
            if (i.millis == millis) {
                return i;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return code;
    }
}
