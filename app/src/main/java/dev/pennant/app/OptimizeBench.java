package dev.pennant.app;

import dev.pennant.core.backtest.optimize.BarWindow;
import dev.pennant.core.backtest.optimize.Metric;
import dev.pennant.core.backtest.optimize.OptimizationResult;
import dev.pennant.core.backtest.optimize.Optimizer;
import dev.pennant.core.backtest.optimize.ParameterRange;
import dev.pennant.core.backtest.optimize.ParameterSpace;
import dev.pennant.core.backtest.optimize.SearchMethod;
import dev.pennant.core.backtest.optimize.StrategyObjective;
import dev.pennant.core.engine.EngineConfig;
import dev.pennant.core.marketdata.KlineCsvImporter;
import dev.pennant.core.marketdata.KlineImport;
import dev.pennant.core.model.Bar;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * {@code bench optimize}: 1,000 random parameter sets (seed 1) of the reference strategy (EMA fast/slow
 * cross with an RSI filter, {@code StrategyObjective}), each a full backtest, over one year
 * (2023, UTC) of recorded BTCUSDT 1h bars; wall time on all cores, then on one core, and the speed-up. Prints the
 * system load average before each timed run, because other processes on the machine share the cores and skew the
 * speed-up, and the CPU time the process obtained per wall second ({@code cores_obtained_*}). Both runs must produce identical trials (checked; the bench fails otherwise).
 */
final class OptimizeBench {

    static final String DEFAULT_FILE = "spot/klines/BTCUSDT/BTCUSDT-1h-20220101_20251202.ohlcv.econproject.csv.gz";

    private OptimizeBench() {
    }

    static void run(PrintWriter out, Path file, int trials) throws IOException {
        Path f = file != null ? file : BarData.sharedBinanceDir().resolve(DEFAULT_FILE);
        if (!Files.isRegularFile(f)) {
            throw new IOException("benchmark data not found: pass --data FILE (looked for " + f + ")");
        }
        KlineImport data = new KlineCsvImporter().read(f);
        List<Bar> bars = file != null ? data.bars()
                : BarWindow.between(data.bars(), LocalDate.of(2023, 1, 1), LocalDate.of(2023, 12, 31));
        // the reference strategy (EMA fast/slow cross, RSI filter) on the engine's v2 strategy path
        var reference = dev.pennant.core.strategy.Strategies.byId(dev.pennant.core.strategy.builtin.ReferenceStrategy.ID);
        EngineConfig base = dev.pennant.core.backtest.ReferenceBacktest.config(
                EngineConfig.defaults(data.symbol(), data.interval()).instrument(), data.interval());
        StrategyObjective objective = new StrategyObjective(reference, base);
        ParameterSpace space = StrategyObjective.space(reference, List.of(ParameterRange.ofInt("fastPeriod", 3, 30, 1),
                        ParameterRange.ofInt("slowPeriod", 10, 100, 2), ParameterRange.ofInt("rsiPeriod", 7, 28, 1),
                        ParameterRange.ofDouble("rsiEntryMax", 50, 80, 5)),
                p -> p.getInt("slowPeriod") > p.getInt("fastPeriod"), "slowPeriod > fastPeriod");
        Optimizer.Request request = new Optimizer.Request(space, SearchMethod.RANDOM, trials, 1, Metric.SHARPE);
        int cores = Runtime.getRuntime().availableProcessors();
        out.printf(Locale.ROOT, "strategy: %s (%s)%n", reference.id(), space.ranges());
        out.printf(Locale.ROOT, "data: %s %s, %d bars %s → %s%n", data.symbol(), data.interval(), bars.size(),
                bars.getFirst().openInstant(), bars.getLast().openInstant());
        out.flush();
        OptimizationResult all;
        OptimizationResult one;
        long cpuAll;
        long cpuOne;
        try (Optimizer o = new Optimizer(cores)) {
            o.optimize(new Optimizer.Request(request.space(), SearchMethod.RANDOM, 500, 99, Metric.SHARPE),
                    objective, bars, Optimizer.Progress.NONE, () -> false); // JIT warm-up
            out.printf(Locale.ROOT, "load_avg_before_all_cores: %.2f%n", load());
            long cpu0 = cpuNanos();
            all = o.optimize(request, objective, bars, Optimizer.Progress.NONE, () -> false);
            cpuAll = cpuNanos() - cpu0;
        }
        try (Optimizer o = new Optimizer(1)) {
            out.printf(Locale.ROOT, "load_avg_before_one_core: %.2f%n", load());
            long cpu0 = cpuNanos();
            one = o.optimize(request, objective, bars, Optimizer.Progress.NONE, () -> false);
            cpuOne = cpuNanos() - cpu0;
        }
        if (!all.trials().equals(one.trials())) {
            throw new IllegalStateException("the one-core run found different trials than the all-core run");
        }
        double wall = all.elapsedNanos() / 1e9;
        double wallOne = one.elapsedNanos() / 1e9;
        out.printf(Locale.ROOT, "trials: %d%n", all.trials().size());
        out.printf(Locale.ROOT, "threads: %d%n", cores);
        out.printf(Locale.ROOT, "wall_s: %.2f s%n", wall);
        out.printf(Locale.ROOT, "wall_s_one_core: %.2f s%n", wallOne);
        out.printf(Locale.ROOT, "speedup: %.2f x%n", wallOne / wall);
        // CPU time the process got per wall second: ≈ threads on an idle machine, less when others share the cores
        out.printf(Locale.ROOT, "cores_obtained_all: %.2f%n", cpuAll / 1e9 / wall);
        out.printf(Locale.ROOT, "cores_obtained_one: %.2f%n", cpuOne / 1e9 / wallOne);
        out.printf(Locale.ROOT, "cpu_s_per_trial: %.4f s%n", cpuAll / 1e9 / all.trials().size());
        out.printf(Locale.ROOT, "trial_bars_per_s: %.0f bars/s%n", (double) all.trials().size() * bars.size() / wall);
        out.printf(Locale.ROOT, "best: %s (sharpe %.3f)%n", all.best().parameters(), all.best().score());
        out.flush();
    }

    /** CPU time of this process (all threads), ns; 0 where the JVM cannot tell. */
    private static long cpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : 0;
    }

    /** The 1-minute system load average, NaN where the OS does not report it. */
    private static double load() {
        double l = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return l < 0 ? Double.NaN : l;
    }
}
