package dev.pennant.app;

import dev.pennant.core.model.Market;
import picocli.CommandLine;

import java.util.Locale;

/** Parses {@code --market}: {@code spot}, or {@code futures} (also {@code usdm}, {@code usdm_futures}) for USDⓈ-M. */
public final class MarketConverter implements CommandLine.ITypeConverter<Market> {

    @Override
    public Market convert(String value) {
        try {
            return parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }

    /**
     * The market named by {@code value} (case-insensitive, trimmed).
     *
     * @throws IllegalArgumentException {@code --market must be one of spot, futures; was <value>}
     */
    static Market parse(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "spot" -> Market.SPOT;
            case "futures", "usdm", "usdm_futures" -> Market.USDM_FUTURES;
            default -> throw new IllegalArgumentException("--market must be one of spot, futures; was " + value);
        };
    }
}
