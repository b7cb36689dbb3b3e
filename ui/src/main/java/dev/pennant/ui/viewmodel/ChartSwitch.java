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
import java.util.SortedSet;
import java.util.stream.Collectors;

/**
 * Decides what "open chart" (another symbol, or another interval from the chart's selector) does with one request, and reads the recorded klines a replay needs. Runs on the io
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

    /** Start a live session on {@code market}/{@code symbol} in {@code interval}. */
    record Live(Market market, String symbol, Interval interval) implements Plan {
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
     * What opening {@code symbol} of {@code market} does, keeping the chart's interval: {@link #plan(Path, Market,
     * String, Interval, boolean, Market, String, Interval, boolean)} with {@code interval} as both the current and the
     * wanted interval, not exact.
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
        return plan(replayPath, currentMarket, currentSymbol, interval, running, market, symbol, interval, false);
    }

    /**
     * What opening {@code symbol} of {@code market} in {@code interval} does.
     *
     * @param replayPath      the file or folder the current session replays, or {@code null} in live mode
     * @param currentMarket   market of the chart now
     * @param currentSymbol   symbol of the chart now
     * @param currentInterval interval of the chart now
     * @param running         whether a session is running (its chart on screen)
     * @param market          market of the requested chart
     * @param symbol          symbol of the requested chart
     * @param interval        the interval asked for
     * @param exact           true when the trader picked {@code interval}: a replayed folder without klines of that
     *                        interval refuses, naming the intervals it holds; false for a symbol switch keeping the
     *                        chart's interval, which falls back to another interval of the symbol
     * @return {@link Unchanged} when that chart is on screen; {@link Live} in live mode; otherwise {@link Replay}, or
     *         {@link Refused} with a plain message when the replayed data has no klines of that symbol, market or
     *         (exact) interval, or they cannot be read
     */
    static Plan plan(Path replayPath, Market currentMarket, String currentSymbol, Interval currentInterval,
                     boolean running, Market market, String symbol, Interval interval, boolean exact) {
        Objects.requireNonNull(market, "market");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(interval, "interval");
        boolean sameInstrument = running && market == currentMarket && symbol.equals(currentSymbol);
        if (sameInstrument && interval == currentInterval) {
            return new Unchanged();
        }
        if (replayPath == null) {
            return new Live(market, symbol, interval);
        }
        String stays = !running ? " — the chart is unchanged"
                : " — the chart stays on " + currentSymbol + (exact ? " " + currentInterval : "");
        if (!Files.isDirectory(replayPath)) {
            if (sameInstrument) {
                return new Refused("The replay is one file (" + replayPath.getFileName() + "), which holds "
                        + currentSymbol + " " + currentInterval + " klines only" + stays
                        + ". Replay a folder (File ▸ Replay from folder…) to switch intervals.");
            }
            return new Refused("The replay is one file (" + replayPath.getFileName() + "), which holds no klines for "
                    + symbol + stays + ". Replay a folder (File ▸ Replay from folder…) to switch symbols.");
        }
        Optional<Market> folderMarket = folderMarket(replayPath);
        if (folderMarket.isPresent() && folderMarket.get() != market) {
            return new Refused("No recorded " + label(market) + " klines for " + symbol + " in " + replayPath
                    + " (it holds " + label(folderMarket.get()) + " klines)" + stays);
        }
        try {
            if (exact) {
                Optional<KlineImport> data = readInterval(replayPath, symbol, interval);
                if (data.isPresent()) {
                    return new Replay(market, data.get(), "");
                }
                SortedSet<Interval> held = KlineCsvImporter.namedIntervals(replayPath, symbol);
                return new Refused(held.isEmpty() ? "No recorded klines for " + symbol + " in " + replayPath + stays
                        : "No recorded " + interval + " klines for " + symbol + " in " + replayPath + " (it holds "
                        + held.stream().map(Interval::code).collect(Collectors.joining(", ")) + ")" + stays);
            }
            Optional<KlineImport> data = readSymbol(replayPath, symbol, interval);
            if (data.isEmpty()) {
                return new Refused("No recorded klines for " + symbol + " in " + replayPath + stays);
            }
            String note = data.get().interval() == interval ? ""
                    : "no " + interval + " klines recorded, showing " + data.get().interval();
            return new Replay(market, data.get(), note);
        } catch (IOException | RuntimeException e) {
            return new Refused("Cannot read the recorded " + (exact ? interval + " " : "") + "klines for " + symbol
                    + " in " + replayPath + ": " + e.getMessage() + stays);
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
        Optional<KlineImport> exact = readInterval(folder, symbol, interval);
        return exact.isPresent() ? exact : readInterval(folder, symbol, null);
    }

    /**
     * The klines of {@code symbol} in {@code folder} of {@code interval} only ({@code null}: of the interval of the
     * symbol's first file in path order).
     *
     * @return empty when no file in the folder holds them
     * @throws IOException when a matching file cannot be read or parsed
     */
    static Optional<KlineImport> readInterval(Path folder, String symbol, Interval interval) throws IOException {
        try {
            return Optional.of(new KlineCsvImporter().readFolder(folder, symbol, interval));
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
