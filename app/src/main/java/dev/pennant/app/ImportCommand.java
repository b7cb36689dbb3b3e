package dev.pennant.app;

import dev.pennant.core.config.DataDirectory;
import dev.pennant.core.marketdata.Gap;
import dev.pennant.core.marketdata.importer.BinanceVisionDownloader;
import dev.pennant.core.marketdata.importer.DataKind;
import dev.pennant.core.marketdata.importer.DumpFile;
import dev.pennant.core.marketdata.importer.DumpImporter;
import dev.pennant.core.marketdata.importer.ImportListener;
import dev.pennant.core.marketdata.importer.ImportResult;
import dev.pennant.core.marketdata.importer.MarketDataStore;
import dev.pennant.core.model.Interval;
import dev.pennant.core.model.Market;
import dev.pennant.core.persistence.HistoryStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code import}: Binance public data files (or downloads of them) into the history database for backtests. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Import Binance public data (data.binance.vision klines, aggTrades, trades: .csv, .csv.gz, .zip; "
                + "monthly or daily; spot or USD-M futures; with or without header) into the history database, for "
                + "backtest --imported. Rows are de-duplicated on Binance's keys; a killed import resumes where it "
                + "stopped; a file already imported is skipped. Prints progress, duplicates and gaps.",
                "With --download, fetches the files from data.binance.vision first and verifies each against its "
                        + ".CHECKSUM (SHA-256)."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:imported", "1:a file is malformed, a download failed its checksum, or the database is in use",
                "2:bad arguments"})
final class ImportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "FILE|DIR", description = "Files or folders (searched for *.csv, *.csv.gz, *.zip).")
    List<Path> paths = new ArrayList<>();

    @Option(names = "--market", converter = MarketConverter.class, paramLabel = "spot|futures",
            description = "Market to store the rows under (default: futures when the path contains 'futures', else spot).")
    Market market;

    @Option(names = "--symbol", description = "Symbol (default: from the file name, e.g. BTCUSDT-1m-2024-01.zip).")
    String symbol;

    @Option(names = "--interval", converter = IntervalConverter.class, description = "Kline interval (default: from the file).")
    Interval interval;

    @Option(names = "--kind", converter = DataKindConverter.class, paramLabel = "klines|aggTrades|trades",
            description = "What the files hold (default: from the name: -aggTrades-, -trades-, else klines).")
    DataKind kind;

    @Option(names = "--download", description = "Download from data.binance.vision (needs --symbol, --from, --to; "
            + "--interval for klines).")
    boolean download;

    @Option(names = "--from", converter = UtcDate.Converter.class, paramLabel = "yyyy-MM[-dd]",
            description = "First file to download: yyyy-MM for monthly files, yyyy-MM-dd for daily ones.")
    UtcDate from;

    @Option(names = "--to", converter = UtcDate.Converter.class, paramLabel = "yyyy-MM[-dd]",
            description = "Last file to download (same form as --from; default: --from).")
    UtcDate to;

    @Option(names = "--base-url", defaultValue = "https://data.binance.vision/", paramLabel = "URL",
            description = "Site to download from (default: ${DEFAULT-VALUE}).")
    String baseUrl;

    @Option(names = "--download-dir", paramLabel = "DIR", description = "Where downloads go (default: <data-dir>/downloads).")
    Path downloadDir;

    @Option(names = "--chunk", defaultValue = "5000", paramLabel = "ROWS",
            description = "Rows per committed chunk; a killed import resumes after the last one (default: ${DEFAULT-VALUE}).")
    int chunk;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Data directory (history database).")
    Path dataDir;

    @Override
    public Integer call() throws Exception {
        CommandLine cl = spec.commandLine();
        if (chunk < 1) {
            throw new CommandLine.ParameterException(cl, "--chunk must be >= 1, was " + chunk);
        }
        if (download && !paths.isEmpty()) {
            throw new CommandLine.ParameterException(cl, "give files or folders, or --download, not both");
        }
        if (!download && paths.isEmpty()) {
            throw new CommandLine.ParameterException(cl, "nothing to import: give files or folders, or --download");
        }
        Path dir = DataDirectory.resolve(dataDir);
        PrintWriter out = cl.getOut();
        List<Path> files = download ? download(cl, dir, out) : DumpImporter.expand(paths);
        if (files.isEmpty()) {
            throw new CommandLine.ParameterException(cl, "no *.csv, *.csv.gz or *.zip file in " + paths);
        }
        Map<String, ImportResult> series = new LinkedHashMap<>();
        try (HistoryStore store = HistoryStore.open(dir)) {
            DumpImporter importer = new DumpImporter(store.dataSource(), System::currentTimeMillis, chunk);
            DumpImporter.Options options = new DumpImporter.Options(market,
                    symbol == null ? null : symbol.trim().toUpperCase(Locale.ROOT), interval, kind);
            int n = 0;
            for (Path f : files) {
                n++;
                out.printf(Locale.ROOT, "file %d/%d: %s%n", n, files.size(), f);
                out.flush();
                ImportResult r = importer.importFile(f, options, new Progress(out));
                if (!r.skipped()) {
                    series.putIfAbsent(r.series(), r);
                }
            }
            MarketDataStore data = new MarketDataStore(store.dataSource());
            for (ImportResult r : series.values()) {
                summary(data, r, out);
            }
        }
        out.flush();
        return 0;
    }

    private List<Path> download(CommandLine cl, Path dir, PrintWriter out) throws Exception {
        if (symbol == null || from == null) {
            throw new CommandLine.ParameterException(cl, "--download needs --symbol and --from (and --to for a range)");
        }
        DataKind k = kind != null ? kind : DataKind.KLINES;
        if (k == DataKind.KLINES && interval == null) {
            throw new CommandLine.ParameterException(cl, "--download of klines needs --interval");
        }
        UtcDate last = to != null ? to : from;
        if (from.isMonth() != last.isMonth() || !from.isMonth() && !from.isDay() || !last.isMonth() && !last.isDay()) {
            throw new CommandLine.ParameterException(cl, "--from and --to must both be yyyy-MM (monthly files) or both "
                    + "yyyy-MM-dd (daily files); were " + from.text() + " and " + last.text());
        }
        if (last.start() < from.start()) {
            throw new CommandLine.ParameterException(cl, "--to " + last.text() + " is before --from " + from.text());
        }
        if (!baseUrl.startsWith("http://") && !baseUrl.startsWith("https://")) {
            throw new CommandLine.ParameterException(cl, "--base-url must start with http:// or https://, was " + baseUrl);
        }
        Market m = market != null ? market : Market.SPOT;
        String sym = symbol.trim().toUpperCase(Locale.ROOT);
        List<DumpFile> wanted;
        try {
            wanted = from.isMonth()
                    ? DumpFile.monthly(m, k, sym, interval, YearMonth.parse(from.text()), YearMonth.parse(last.text()))
                    : DumpFile.daily(m, k, sym, interval, LocalDate.parse(from.text()), LocalDate.parse(last.text()));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, e.getMessage());
        }
        BinanceVisionDownloader dl = new BinanceVisionDownloader(URI.create(baseUrl),
                downloadDir != null ? downloadDir : dir.resolve("downloads"));
        List<Path> got = new ArrayList<>();
        int n = 0;
        for (DumpFile f : wanted) {
            n++;
            BinanceVisionDownloader.Download d = dl.fetch(f);
            out.printf(Locale.ROOT, "download %d/%d: %s %s (%d bytes, sha256 %s verified)%n", n, wanted.size(),
                    f.fileName(), d.cached() ? "already here" : "fetched", d.bytes(), d.sha256());
            out.flush();
            got.add(d.file());
        }
        return got;
    }

    private static void summary(MarketDataStore data, ImportResult r, PrintWriter out) {
        MarketDataStore.Coverage c = data.coverage(r.kind(), r.market(), r.symbol(), r.interval());
        String unit = r.kind() == DataKind.KLINES ? "bars" : "rows";
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "stored: %s: %d %s, %s → %s", r.series(),
                c.rows(), unit, Instant.ofEpochMilli(c.first()), Instant.ofEpochMilli(c.last())));
        if (r.kind() == DataKind.KLINES) {
            List<Gap> gaps = data.barGaps(r.market(), r.symbol(), r.interval());
            line.append(String.format(Locale.ROOT, ", %d gap(s), %d missing bar(s)", gaps.size(),
                    gaps.stream().mapToLong(Gap::missingBars).sum()));
        } else {
            List<MarketDataStore.IdGap> gaps = data.idGaps(r.kind(), r.market(), r.symbol());
            line.append(String.format(Locale.ROOT, ", %d id gap(s), %d missing id(s)", gaps.size(),
                    gaps.stream().mapToLong(MarketDataStore.IdGap::missing).sum()));
        }
        out.println(line);
    }

    /** Prints the importer's progress. */
    private static final class Progress implements ImportListener {
        private final PrintWriter out;

        Progress(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void onFileStart(Path file, DataKind kind, String series, long rowsTotal, long resumeFrom) {
            out.printf(Locale.ROOT, "  %s%s%s%n", series, rowsTotal >= 0 ? ", " + rowsTotal + " rows" : "",
                    resumeFrom > 0 ? ", resuming after row " + resumeFrom + " (committed by an interrupted import)" : "");
            out.flush();
        }

        @Override
        public void onProgress(Path file, long rowsDone, long rowsTotal) {
            if (rowsTotal > 0) {
                out.printf(Locale.ROOT, "  progress: %d/%d rows (%d %%)%n", rowsDone, rowsTotal, rowsDone * 100 / rowsTotal);
            } else {
                out.printf(Locale.ROOT, "  progress: %d rows%n", rowsDone);
            }
            out.flush();
        }

        @Override
        public void onFileDone(ImportResult r) {
            if (r.skipped()) {
                out.println("  skipped: already imported (same content, SHA-256)");
            } else {
                out.printf(Locale.ROOT, "  done: %d rows (%s), %d new, %d duplicate(s), %d gap(s)%n", r.rowsWritten(),
                        r.layout(), r.newRows(), r.duplicates(), r.gaps().size());
                for (Gap g : r.gaps()) {
                    out.printf(Locale.ROOT, "  gap: %s → %s (%d missing bar(s))%n", Instant.ofEpochMilli(g.fromOpenTime()),
                            Instant.ofEpochMilli(g.toOpenTime()), g.missingBars());
                }
            }
            out.flush();
        }
    }
}
