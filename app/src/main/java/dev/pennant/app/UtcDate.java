package dev.pennant.app;

import picocli.CommandLine;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * A UTC date option value: {@code yyyy-MM} (a month), {@code yyyy-MM-dd} (a day) or an ISO instant
 * ({@code 2023-03-24T12:00:00Z}). {@link #start()} is its first millisecond, {@link #endExclusive()} the first
 * millisecond after it (for an instant: the instant itself plus 1 ms), so {@code --from A --to B} covers A..B
 * inclusive.
 *
 * @param text the value as typed
 */
record UtcDate(String text) {

    /** Epoch ms UTC of the start. */
    long start() {
        if (text.length() == 7) {
            return YearMonth.parse(text).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        }
        if (text.length() == 10) {
            return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        }
        return Instant.parse(text).toEpochMilli();
    }

    /** Epoch ms UTC just after the end. */
    long endExclusive() {
        if (text.length() == 7) {
            return YearMonth.parse(text).plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        }
        if (text.length() == 10) {
            return LocalDate.parse(text).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        }
        return Instant.parse(text).toEpochMilli() + 1;
    }

    /** True for {@code yyyy-MM}. */
    boolean isMonth() {
        return text.length() == 7;
    }

    /** True for {@code yyyy-MM-dd}. */
    boolean isDay() {
        return text.length() == 10;
    }

    /** Picocli converter: rejects anything else with the accepted forms. */
    static final class Converter implements CommandLine.ITypeConverter<UtcDate> {
        @Override
        public UtcDate convert(String value) {
            UtcDate d = new UtcDate(value.trim());
            try {
                d.start();
                return d;
            } catch (DateTimeParseException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a UTC date: use yyyy-MM, yyyy-MM-dd "
                        + "or an instant such as 2023-03-24T12:00:00Z");
            }
        }
    }
}
