package dev.pennant.app;

import dev.pennant.core.exchange.binance.InstrumentChoice;
import dev.pennant.core.exchange.binance.InstrumentSource;
import dev.pennant.core.marketdata.KlineCsvImporter;
import dev.pennant.core.marketdata.KlineImport;
import dev.pennant.core.model.Instrument;
import dev.pennant.core.model.Interval;
import dev.pennant.core.model.Market;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/** Loads recorded klines for the commands and reports what was read. */
final class BarData {

    private BarData() {
    }

    /**
     * Imports a file or a folder.
     *
     * @param path     a kline CSV(.gz) file or a folder of them
     * @param symbol   symbol, or {@code null} to infer (files only)
     * @param interval interval, or {@code null} to infer (files only)
     * @throws IOException with file, line and reason when the data is malformed or missing
     */
    static KlineImport load(Path path, String symbol, Interval interval) throws IOException {
        KlineCsvImporter importer = new KlineCsvImporter();
        if (Files.isDirectory(path)) {
            return importer.readFolder(path, symbol, interval);
        }
        if (!Files.isRegularFile(path)) {
            throw new IOException("no such file or folder: " + path);
        }
        return importer.read(path, symbol, interval);
    }

    /** Prints a one-line import summary (and the largest gaps). */
    static void describe(KlineImport data, PrintWriter out) {
        out.printf("data: %s %s, %d bars %s → %s (layout %s, %d duplicate(s) dropped, %d gap(s))%n",
                data.symbol(), data.interval(), data.bars().size(),
                Instant.ofEpochMilli(data.bars().getFirst().openTime()),
                Instant.ofEpochMilli(data.bars().getLast().openTime()),
                data.layout(), data.duplicatesDropped(), data.gaps().size());
        data.gaps().stream().sorted((a, b) -> Long.compare(b.missingBars(), a.missingBars())).limit(3).forEach(g ->
                out.printf("  gap: %s → %s, %d missing bar(s)%n", Instant.ofEpochMilli(g.fromOpenTime()),
                        Instant.ofEpochMilli(g.toOpenTime()), g.missingBars()));
    }

    /**
     * The instrument a backtest or paper run on {@code data} trades with, and a line saying where its filters come
     * from: the recorded exchangeInfo of {@code market} closest in date to the data ({@link InstrumentSource#recorded},
     * under {@link #sharedBinanceDir()}), e.g. {@code filters: SOLUSDT tick 0.01, step 0.01, min notional 5 USDT
     * (exchangeInfo-spot-full-20230908.json.gz)}; or, when the symbol is in none (or no recorded exchangeInfo is found),
     * the BTCUSDT-like defaults with the reason: {@code filters: defaults (SOLUSDT not in …)}.
     */
    static Instrument instrument(Market market, KlineImport data, PrintWriter out) {
        InstrumentChoice choice;
        try {
            choice = InstrumentSource.recorded(sharedBinanceDir()).choose(market, data.symbol(),
                    data.bars().getFirst().openTime(), data.bars().getLast().openTime());
        } catch (IOException e) {
            choice = InstrumentChoice.defaults(market, data.symbol(), "no recorded exchangeInfo: " + e.getMessage());
        }
        out.println("filters: " + choice.describe());
        return choice.instrument();
    }

    /**
     * Funding for a USDⓈ-M run over klines: the recorded funding history of the symbol under
     * {@code shared/data/binance/futures-um/fundingRate/}, turned into mark events ({@link FundingMarks}), and a line
     * saying so, e.g. {@code funding: 1731 recorded BTCUSDT rates (futures-um/fundingRate)}; {@code null} for spot, or
     * with {@code funding: none recorded for ETHUSDT — no funding is charged} when the symbol has none.
     */
    static dev.pennant.core.engine.FundingMarks funding(Market market, String symbol, PrintWriter out) {
        if (market != Market.USDM_FUTURES) {
            return null;
        }
        try {
            Path dir = sharedBinanceDir().resolve("futures-um/fundingRate");
            var rates = dev.pennant.core.portfolio.margin.FundingRates.load(dir, symbol);
            out.printf(java.util.Locale.ROOT, "funding: %d recorded %s rates (futures-um/fundingRate)%n", rates.size(), symbol);
            return new dev.pennant.core.engine.FundingMarks(rates);
        } catch (IOException | IllegalArgumentException | java.io.UncheckedIOException e) {
            out.println("funding: none recorded for " + symbol + " — no funding is charged");
            return null;
        }
    }

    /**
     * The default benchmark file, {@code shared/data/binance/spot/klines/BTCUSDT/BTCUSDT-1m-20210515_20210522…}, looked
     * up beside the working directory or its parents (it is never bundled: Binance's data, Binance's terms).
     */
    static Path defaultBenchFile() throws IOException {
        Path file = sharedBinanceDir().resolve("spot/klines/BTCUSDT/BTCUSDT-1m-20210515_20210522.gatrading.csv.gz");
        if (!Files.isRegularFile(file)) {
            throw new IOException("benchmark data not found: pass --data FILE (looked for " + file + ")");
        }
        return file;
    }

    /**
     * {@code shared/data/binance}, looked up beside the working directory or one of its parents (system property
     * {@code pennant.shared.dir} first).
     *
     * @throws IOException when it cannot be found
     */
    static Path sharedBinanceDir() throws IOException {
        String prop = System.getProperty("pennant.shared.dir");
        if (prop != null && Files.isDirectory(Path.of(prop, "data/binance"))) {
            return Path.of(prop, "data/binance");
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            for (Path candidate : new Path[] {dir.resolve("shared/data/binance"), dir.resolveSibling("shared").resolve("data/binance")}) {
                if (Files.isDirectory(candidate)) {
                    return candidate;
                }
            }
        }
        throw new IOException("shared Binance data not found: expected ../shared/data/binance beside the project");
    }
}
