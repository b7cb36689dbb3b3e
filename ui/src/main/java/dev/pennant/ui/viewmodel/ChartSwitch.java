package dev.pennant.ui.viewmodel;

import dev.pennant.core.marketdata.KlineCsvImporter;
import dev.pennant.core.marketdata.KlineFormatException;
import dev.pennant.core.marketdata.KlineImport;
import dev.pennant.core.model.Interval;
import dev.pennant.core.model.Market;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides what "open chart" does with one request, and reads the recorded klines a replay needs. Runs on the io
 * thread (it reads files); touches no JavaFX state, so it is tested without a window.
 */
final class ChartSwitch {

    private ChartSwitch() {
    }

    /** The outcome of one "open chart" request. */
    sealed interface Plan {
    }

    /** The request names the market and symbol already on the chart: nothing to do. */
    record Unchanged() implements Plan {
    }

    /** Start a live session on {@code market}/{@code symbol}. */
    record Live(Market market, String symbol) implements Plan {
    }

    /**
     * Start a replay of {@code data} (whose symbol is the requested one).
     *
     * @param note empty, or why the interval differs from the one asked for (for the status text)
     */
    record Replay(Market market, KlineImport data, String note) implements Plan {
    }

    /** Do not switch: show {@code message} to the trader; the running session stays. */
    record Refused(String message) implements Plan {
    }

    /**
     * What opening {@code symbol} of {@code market} does.
     *
     * @param replayPath    the file or folder the current session replays, or {@code null} in live mode
     * @param currentMarket market of the chart now
     * @param currentSymbol symbol of the chart now
     * @param running       whether a session is running (its chart on screen)
     * @param interval      the interval asked for (replays fall back to another interval of the symbol when the
     *                      folder has none of this one)
     * @param market        market of the requested chart
     * @param symbol        symbol of the requested chart
     * @return the plan; {@link Refused} with a plain message when the replayed data has no klines of that symbol or
     *         market, or they cannot be read
     */
    static Plan plan(Path replayPath, Market currentMarket, String currentSymbol, boolean running, Interval interval,
                     Market market, String symbol) {
        Objects.requireNonNull(market, "market");
        Objects.requireNonNull(symbol, "symbol");
        if (running && market == currentMarket && symbol.equals(currentSymbol)) {
            return new Unchanged();
        }
        if (replayPath == null) {
            return new Live(market, symbol);
        }
        String stays = running ? " — the chart stays on " + currentSymbol : " — the chart is unchanged";
        if (!Files.isDirectory(replayPath)) {
            return new Refused("The replay is one file (" + replayPath.getFileName() + "), which holds no klines for "
                    + symbol + stays + ". Replay a folder (File ▸ Replay from folder…) to switch symbols.");
        }
        Optional<Market> folderMarket = folderMarket(replayPath);
        if (folderMarket.isPresent() && folderMarket.get() != market) {
            return new Refused("No recorded " + label(market) + " klines for " + symbol + " in " + replayPath
                    + " (it holds " + label(folderMarket.get()) + " klines)" + stays);
        }
        try {
            Optional<KlineImport> data = readSymbol(replayPath, symbol, interval);
            if (data.isEmpty()) {
                return new Refused("No recorded klines for " + symbol + " in " + replayPath + stays);
            }
            String note = data.get().interval() == interval ? ""
                    : "no " + interval + " klines recorded, showing " + data.get().interval();
            return new Replay(market, data.get(), note);
        } catch (IOException | RuntimeException e) {
            return new Refused("Cannot read the recorded klines for " + symbol + " in " + replayPath + ": "
                    + e.getMessage() + stays);
        }
    }

    /**
     * The klines of {@code symbol} in {@code folder}: those of {@code interval} when the folder has them, otherwise
     * those of the interval of the first of the symbol's files in path order (what
     * {@link KlineCsvImporter#readFolder} does without an interval).
     *
     * @return empty when no file in the folder holds {@code symbol}
     * @throws IOException when a matching file cannot be read or parsed
     */
    static Optional<KlineImport> readSymbol(Path folder, String symbol, Interval interval) throws IOException {
        KlineCsvImporter importer = new KlineCsvImporter();
        try {
            return Optional.of(importer.readFolder(folder, symbol, interval));
        } catch (KlineFormatException e) {
            if (!matchedNothing(e, folder)) {
                throw e;
            }
        }
        try {
            return Optional.of(importer.readFolder(folder, symbol, null));
        } catch (KlineFormatException e) {
            if (!matchedNothing(e, folder)) {
                throw e;
            }
            return Optional.empty();
        }
    }

    /** readFolder names the folder itself, without a line, only when no file matched. */
    private static boolean matchedNothing(KlineFormatException e, Path folder) {
        return e.line() == 0 && folder.equals(e.file());
    }

    /**
     * The market of a folder laid out as {@code shared/data/binance}: {@code .../spot/...} holds spot klines,
     * {@code .../futures-um/...} (or {@code futures}, {@code um}) USDⓈ-M futures klines; empty when the path does
     * not say. The segment nearest the end wins.
     */
    static Optional<Market> folderMarket(Path folder) {
        Path p = folder.toAbsolutePath().normalize();
        for (int i = p.getNameCount() - 1; i >= 0; i--) {
            String n = p.getName(i).toString().toLowerCase(Locale.ROOT);
            if (n.equals("spot")) {
                return Optional.of(Market.SPOT);
            }
            if (n.equals("futures-um") || n.equals("futures") || n.equals("um") || n.equals("usdm-futures")) {
                return Optional.of(Market.USDM_FUTURES);
            }
        }
        return Optional.empty();
    }

    /** "spot" or "USD-M futures" (plain: the UI font has no Ⓢ glyph). */
    static String label(Market m) {
        return m == Market.SPOT ? "spot" : "USD-M futures";
    }
}
