package dev.pennant.app;

import dev.pennant.core.model.Interval;
import picocli.CommandLine;

/** Parses {@code --interval} values with Binance's codes (case matters: 1m minute, 1M month). */
public final class IntervalConverter implements CommandLine.ITypeConverter<Interval> {
    @Override
    public Interval convert(String value) {
        try {
            return Interval.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
