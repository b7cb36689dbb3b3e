package dev.pennant.app;

import dev.pennant.core.backtest.BacktestResult;
import dev.pennant.core.backtest.Backtester;
import dev.pennant.core.engine.EngineConfig;
import dev.pennant.core.marketdata.KlineCsvImporter;
import dev.pennant.core.marketdata.KlineImport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code bench <name>}: prints one {@code figure: value unit} line per figure. Benchmarks, never timed unit tests,
 * measure speed. Names: {@code backtest}, {@code latency}, {@code marketdata}, {@code import}, {@code persistence}.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Run a benchmark and print 'figure: value unit' lines. Names: backtest, latency, marketdata, "
                + "import, persistence, optimize, data, risk.")
final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "Benchmark name: backtest (the reference strategy "
            + "over >= 1M real BTCUSDT 1m bars on the full engine path, and on ta4j's BarSeriesManager; with --data FILE: "
            + "the EMA-cross+RSI default over that file), "
            + "marketdata (recorded Binance frames parsed and applied, order-book level updates), "
            + "import (every recorded kline file in ../shared read by the CSV importer), "
            + "latency (bar / command arrival through strategy, risk and paper ack on the engine loop), "
            + "persistence (history database: fills written, a filtered fill page queried, file size per fill and "
            + "after a 1,000,000-bar recorded replay), "
            + "optimize (1,000 parameter sets over one year of BTCUSDT 1h bars: wall time on all cores and one, speed-up), "
            + "data (import of real files into H2, online backup, integrity check, CSV export), "
            + "risk (pre-trade check latency and the full risk recomputation for 50 positions).")
    String name;

    @Option(names = "--data", paramLabel = "FILE", description = "Kline file (default: the BTCUSDT 1m file in ../shared).")
    Path data;

    @Option(names = "--bars", defaultValue = "1000000", paramLabel = "N", description = "backtest: bars of the "
            + "reference run, real BTCUSDT 1m windows repeated (default: ${DEFAULT-VALUE}; at most 1,000,000, ta4j's cache limit).")
    int bars;

    @Option(names = "--iterations", defaultValue = "5", description = "Measured runs after 3 warm-ups (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (name.equals("latency")) {
            LatencyBench.run(out, data != null ? data : BarData.defaultBenchFile(), Math.max(1, iterations));
            return 0;
        }
        if (name.equals("marketdata")) {
            MarketDataBench.run(out, BarData.sharedBinanceDir());
            out.flush();
            return 0;
        }
        if (name.equals("optimize")) {
            OptimizeBench.run(out, data, 1000);
            return 0;
        }
        if (name.equals("data")) {
            DataBench.run(out, BarData.sharedBinanceDir());
            return 0;
        }
        if (name.equals("persistence")) {
            PersistenceBench.run(out, BarData.sharedBinanceDir());
            return 0;
        }
        if (name.equals("risk")) {
            RiskBench.run(out, data != null ? data : BarData.sharedBinanceDir()
                    .resolve("spot/klines/BTCUSDT/BTCUSDT-1m-20210326_20210430.ohlcv.bottrading.csv.gz"), iterations);
            return 0;
        }
        if (!name.equals("backtest") && !name.equals("import")) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "unknown benchmark '" + name
                    + "': known benchmarks: backtest, latency, marketdata, import, persistence, optimize, data, risk");
        }
        if (iterations < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--iterations must be >= 1, was " + iterations);
        }
        if (name.equals("import")) {
            importBench(out);
            return 0;
        }
        if (data == null) {
            if (bars < 1000 || bars > BacktestBench.MIN_BARS) {
                spec.commandLine().getErr().println("--bars must be within 1000..1000000, was " + bars);
                return 2;
            }
            BacktestBench.run(out, BarData.sharedBinanceDir().resolve("spot/klines/BTCUSDT"), iterations, bars);
            return 0;
        }
        Path file = data != null ? data : BarData.defaultBenchFile();
        long t0 = System.nanoTime();
        KlineImport bars = new KlineCsvImporter().read(file);
        long importNanos = System.nanoTime() - t0;
        EngineConfig config = EngineConfig.defaults(bars.symbol(), bars.interval());
        for (int i = 0; i < 3; i++) {
            Backtester.run(bars.bars(), config);
        }
        double[] rates = new double[iterations];
        BacktestResult last = null;
        for (int i = 0; i < iterations; i++) {
            last = Backtester.run(bars.bars(), config);
            rates[i] = last.barsPerSecond();
        }
        Arrays.sort(rates);
        out.printf(Locale.ROOT, "bars: %d bars%n", last.barsProcessed());
        out.printf(Locale.ROOT, "bars_per_s: %.0f bars/s%n", rates[rates.length / 2]);
        out.printf(Locale.ROOT, "bars_per_s_min: %.0f bars/s%n", rates[0]);
        out.printf(Locale.ROOT, "import_rows_per_s: %.0f rows/s%n", bars.rowsRead() * 1e9 / importNanos);
        out.flush();
        return 0;
    }

    /**
     * Reads every kline file under {@code shared/data/binance/*}{@code /klines} (all layouts, gzipped) 1 warm-up pass
     * plus {@code --iterations} passes; prints the median rows/s over the whole set and the file count.
     */
    private void importBench(PrintWriter out) throws java.io.IOException {
        Path root = BarData.sharedBinanceDir();
        java.util.List<Path> files;
        try (var walk = java.nio.file.Files.walk(root)) {
            files = walk.filter(f -> f.toString().contains("/klines/") && f.getFileName().toString().endsWith(".csv.gz"))
                    .sorted().toList();
        }
        KlineCsvImporter importer = new KlineCsvImporter();
        double[] rates = new double[iterations];
        long rows = 0;
        for (int i = -1; i < iterations; i++) {
            rows = 0;
            long t0 = System.nanoTime();
            for (Path f : files) {
                rows += importer.read(f).rowsRead();
            }
            if (i >= 0) {
                rates[i] = rows * 1e9 / (System.nanoTime() - t0);
            }
        }
        Arrays.sort(rates);
        out.printf(Locale.ROOT, "import_files: %d files%n", files.size());
        out.printf(Locale.ROOT, "import_rows: %d rows%n", rows);
        out.printf(Locale.ROOT, "import_rows_per_s: %.0f rows/s%n", rates[rates.length / 2]);
        out.flush();
    }
}
