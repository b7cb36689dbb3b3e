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
 * measure speed. Names: {@code backtest}.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Run a benchmark and print 'figure: value unit' lines. Names: backtest, marketdata.")
final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "Benchmark name: backtest (strategy over a 1m file), "
            + "marketdata (recorded Binance frames parsed and applied, order-book level updates).")
    String name;

    @Option(names = "--data", paramLabel = "FILE", description = "Kline file (default: the BTCUSDT 1m file in ../shared).")
    Path data;

    @Option(names = "--iterations", defaultValue = "5", description = "Measured runs after 3 warm-ups (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (name.equals("marketdata")) {
            MarketDataBench.run(out, BarData.sharedBinanceDir());
            out.flush();
            return 0;
        }
        if (!name.equals("backtest")) {
            spec.commandLine().getErr().println("unknown benchmark '" + name + "': known benchmarks: backtest, marketdata");
            return 2;
        }
        if (iterations < 1) {
            spec.commandLine().getErr().println("--iterations must be >= 1, was " + iterations);
            return 2;
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
}
