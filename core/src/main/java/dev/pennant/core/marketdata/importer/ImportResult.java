package dev.pennant.core.marketdata.importer;

import dev.pennant.core.marketdata.Gap;
import dev.pennant.core.model.Interval;
import dev.pennant.core.model.Market;

import java.nio.file.Path;
import java.util.List;

/**
 * What importing one file did.
 *
 * @param file         the file
 * @param kind         what it holds
 * @param market       the market its rows were stored under
 * @param symbol       e.g. {@code BTCUSDT}
 * @param interval     bar interval for klines, {@code null} for trades
 * @param layout       the CSV layout detected (see {@code KlineCsvImporter} / {@link TradeCsvReader})
 * @param rowsInFile   data rows in the file (klines: after the file's own duplicate open times were dropped)
 * @param resumedFrom  rows a previous, interrupted run had committed (skipped this time); 0 for a fresh import
 * @param rowsWritten  rows written this run ({@code rowsInFile - resumedFrom})
 * @param newRows      rows the table did not hold before this run
 * @param duplicates   rows written this run that replaced a row already stored (same Binance key), plus, for
 *                     klines, the file's own repeated open times
 * @param skipped      true when the file (same SHA-256) was already fully imported: nothing was read or written
 * @param gaps         holes on the interval grid inside this kline file (empty for trades; see
 *                     {@link MarketDataStore#barGaps} / {@link MarketDataStore#idGaps} for the stored series)
 */
public record ImportResult(Path file, DataKind kind, Market market, String symbol, Interval interval, String layout,
                           long rowsInFile, long resumedFrom, long rowsWritten, long newRows, long duplicates,
                           boolean skipped, List<Gap> gaps) {

    /** Copies {@code gaps}. */
    public ImportResult {
        gaps = List.copyOf(gaps);
    }

    /** {@code BTCUSDT 1h SPOT} / {@code BTCUSDT trades SPOT}: the stored series this file went to. */
    public String series() {
        return DumpImporter.series(kind, market, symbol, interval);
    }
}
