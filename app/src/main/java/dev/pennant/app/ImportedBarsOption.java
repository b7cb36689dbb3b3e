package dev.pennant.app;

import dev.pennant.core.config.DataDirectory;
import dev.pennant.core.marketdata.KlineImport;
import dev.pennant.core.marketdata.importer.ImportedBars;
import dev.pennant.core.marketdata.importer.MarketDataStore;
import dev.pennant.core.model.Bar;
import dev.pennant.core.model.Market;
import dev.pennant.core.persistence.HistoryStore;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** {@code --imported [--from] [--to] [--data-dir]}: bars from the history database instead of a file (picocli mixin). */
final class ImportedBarsOption {

    @Option(names = "--imported", description = "Run on the bars imported into the history database (import command); "
            + "needs --symbol and --interval.")
    boolean imported;

    @Option(names = "--from", converter = UtcDate.Converter.class, paramLabel = "DATE",
            description = "With --imported: first UTC date or instant (inclusive).")
    UtcDate from;

    @Option(names = "--to", converter = UtcDate.Converter.class, paramLabel = "DATE",
            description = "With --imported: last UTC date or instant (inclusive).")
    UtcDate to;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "With --imported: data directory (history database).")
    Path dataDir;

    /**
     * The imported bars of {@code selection}'s symbol and interval on {@code market}, as a {@link KlineImport}
     * whose source is the database file and whose gaps are those of the range.
     *
     * @throws CommandLine.ParameterException when symbol or interval is missing, or no bar is stored in the range
     */
    KlineImport load(CommandLine cl, Market market, KlineSelection selection) {
        if (selection.symbol == null || selection.interval == null) {
            throw new CommandLine.ParameterException(cl, "--imported needs --symbol and --interval");
        }
        String symbol = selection.symbol.trim().toUpperCase(Locale.ROOT);
        Path dir = DataDirectory.resolve(dataDir);
        try (HistoryStore store = HistoryStore.open(dir)) {
            ImportedBars source = new MarketDataStore(store.dataSource()).barSource(market);
            List<Bar> bars = source.bars(symbol, selection.interval, from == null ? Long.MIN_VALUE : from.start(),
                    to == null ? Long.MAX_VALUE : to.endExclusive());
            if (bars.isEmpty()) {
                throw new CommandLine.ParameterException(cl, "no imported " + symbol + " " + selection.interval.code() + " "
                        + market + " bars in " + store.file() + (from != null || to != null ? " in that range" : "")
                        + "; import them first (pennant import --help)");
            }
            return new KlineImport(store.file(), symbol, selection.interval, "imported", bars, bars.size(), 0,
                    dev.pennant.core.marketdata.KlineCsvImporter.gaps(bars, selection.interval));
        }
    }
}
