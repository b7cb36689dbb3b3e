package dev.pennant.app;

import dev.pennant.core.marketdata.importer.DataKind;
import picocli.CommandLine;

/** Parses {@code --kind}: {@code klines}, {@code aggTrades}, {@code trades}. */
final class DataKindConverter implements CommandLine.ITypeConverter<DataKind> {
    @Override
    public DataKind convert(String value) {
        try {
            return DataKind.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
