package dev.pennant.app;

import dev.pennant.core.marketdata.KlineImport;
import dev.pennant.core.model.Interval;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;

/** {@code --symbol} / {@code --interval} for commands that read recorded klines (picocli mixin). */
final class KlineSelection {

    @Option(names = "--symbol", description = "Symbol (inferred from the file when omitted).")
    String symbol;

    @Option(names = "--interval", converter = IntervalConverter.class, description = "Interval (inferred when omitted).")
    Interval interval;

    /** Imports {@code path} (file or folder) for this selection; see {@link BarData#load}. */
    KlineImport load(Path path) throws IOException {
        return BarData.load(path, symbol, interval);
    }
}
