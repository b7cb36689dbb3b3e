package dev.pennant.app;

import dev.pennant.core.analytics.PerformanceReport;
import dev.pennant.core.analytics.PerformanceTracker;
import dev.pennant.core.backtest.Backtester;
import dev.pennant.core.backtest.optimize.BarWindow;
import dev.pennant.core.backtest.optimize.EmaCrossRsiObjective;
import dev.pennant.core.backtest.optimize.StrategyObjective;
import dev.pennant.core.backtest.optimize.HeatMap;
import dev.pennant.core.backtest.optimize.Metric;
import dev.pennant.core.backtest.optimize.MonteCarlo;
import dev.pennant.core.backtest.optimize.OptimizationExport;
import dev.pennant.core.backtest.optimize.OptimizationResult;
import dev.pennant.core.backtest.optimize.Optimizer;
import dev.pennant.core.backtest.optimize.ParameterRange;
import dev.pennant.core.backtest.optimize.ParameterSpace;
import dev.pennant.core.backtest.optimize.SearchMethod;
import dev.pennant.core.backtest.optimize.Trial;
import dev.pennant.core.backtest.optimize.TrialMetrics;
import dev.pennant.core.backtest.optimize.WalkForward;
import dev.pennant.core.engine.EngineConfig;
import dev.pennant.core.marketdata.KlineImport;
import dev.pennant.core.model.Bar;
import dev.pennant.core.model.Market;
import dev.pennant.core.strategy.EmaCrossRsiStrategy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code optimize}: searches the EMA-cross + RSI parameters over recorded klines (grid, random or the model-based
 * CMA-ES search), optionally walk-forward, and prints the best sets, the best set's Monte Carlo and (on request) an
 * HTML / CSV report.
 */
@Command(name = "optimize", mixinStandardHelpOptions = true,
        description = "Optimise the EMA-cross+RSI strategy's parameters on recorded Binance klines (each trial a full "
                + "backtest through risk and the paper venue), in parallel on all cores.")
final class OptimizeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "FILE|DIR", description = "Kline CSV(.gz) file or folder.")
    Path data;

    @picocli.CommandLine.Mixin
    KlineSelection selection;

    @Option(names = "--from", paramLabel = "YYYY-MM-DD", description = "First day (UTC) of the bars used.")
    LocalDate from;

    @Option(names = "--to", paramLabel = "YYYY-MM-DD", description = "Last day (UTC, inclusive) of the bars used.")
    LocalDate to;

    @Option(names = "--market", defaultValue = "spot", converter = MarketConverter.class, paramLabel = "spot|futures",
            description = "Market whose exchangeInfo filters the trials trade with (default: ${DEFAULT-VALUE}).")
    Market market;

    @Option(names = "--cash", defaultValue = "10000", description = "Starting cash in USDT (default: ${DEFAULT-VALUE}).")
    BigDecimal cash;

    @Option(names = "--fee", defaultValue = "0.001", description = "Taker fee as a fraction (default: ${DEFAULT-VALUE} = 0.1 %%).")
    BigDecimal fee;

    @Option(names = "--strategy", paramLabel = "NAME", description = "A v2 strategy to optimise (reference, ema-adx, "
            + "bollinger-rsi, donchian, scalp-imbalance; --range over its own parameters, default: each parameter's "
            + "declared range); default: the terminal's EMA-cross+RSI.")
    String strategy;

    @Option(names = "--method", defaultValue = "random", paramLabel = "grid|random|tpe",
            description = "Search: grid (every point), random, or tpe / cmaes — the model-based search "
                    + "(CMA-ES from Hipparchus, decision 0016) (default: ${DEFAULT-VALUE}).")
    String method;

    @Option(names = "--trials", defaultValue = "200", description = "Parameter sets to evaluate (random, tpe) (default: ${DEFAULT-VALUE}).")
    int trials;

    @Option(names = "--seed", defaultValue = "1", description = "RNG seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", description = "Worker threads (default: all cores).")
    Integer threads;

    @Option(names = "--metric", defaultValue = "sharpe", paramLabel = "sharpe|sortino|return|calmar|profit_factor",
            description = "Figure maximised (default: ${DEFAULT-VALUE}).")
    String metric;

    @Option(names = "--range", paramLabel = "NAME=MIN:MAX:STEP",
            description = "A parameter range (repeatable; when given, only these vary): fastPeriod, slowPeriod, "
                    + "rsiPeriod, rsiEntryMax, rsiExitMin. Default space: fastPeriod=3:30:1 slowPeriod=10:100:2 "
                    + "rsiPeriod=7:28:1 rsiEntryMax=50:80:5 rsiExitMin=70:95:5.")
    List<String> ranges;

    @Option(names = "--walk-forward", defaultValue = "0", paramLabel = "WINDOWS",
            description = "Rolling walk-forward windows (0 = plain optimisation) (default: ${DEFAULT-VALUE}).")
    int windows;

    @Option(names = "--in-sample", defaultValue = "0.75",
            description = "In-sample share of each walk-forward window (default: ${DEFAULT-VALUE}).")
    double inSample;

    @Option(names = "--top", defaultValue = "10", description = "Trials listed (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--heatmap", defaultValue = "fastPeriod,slowPeriod", paramLabel = "X,Y",
            description = "Parameters of the heat map (default: ${DEFAULT-VALUE}).")
    String heatmap;

    @Option(names = "--monte-carlo", defaultValue = "1000", paramLabel = "N",
            description = "Monte Carlo simulations of the best set's trades (0 = none) (default: ${DEFAULT-VALUE}).")
    int simulations;

    @Option(names = "--html", paramLabel = "FILE", description = "Write a self-contained HTML report.")
    Path html;

    @Option(names = "--csv", paramLabel = "FILE", description = "Write every trial as CSV (with FILE-heatmap.csv and "
            + "FILE-walkforward.csv beside it).")
    Path csv;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        SearchMethod searchMethod;
        Metric goal;
        dev.pennant.core.strategy.StrategyDefinition definition = null;
        ParameterSpace space;
        String[] axes = heatmap.split(",");
        try { // bad option values: one error line and the usage (PennantCommand's handler), exit 2
            searchMethod = SearchMethod.parse(method);
            goal = Metric.parse(metric);
            List<ParameterRange> given = ranges == null ? List.of() : ranges.stream().map(ParameterRange::parse).toList();
            if (strategy != null) {
                definition = dev.pennant.core.strategy.Strategies.byId(strategy);
                // a candidate the strategy refuses (e.g. slow <= fast) is never run
                var def = definition;
                space = StrategyObjective.space(def, given, p -> StrategyObjective.accepts(def, p), "the strategy accepts the set");
            } else {
                space = given.isEmpty() ? ParameterSpace.emaCrossRsi() : ParameterSpace.emaCrossRsi(given);
            }
            if (axes.length != 2) {
                throw new IllegalArgumentException("--heatmap must name two parameters as X,Y, was " + heatmap);
            }
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        int nThreads = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        KlineImport imported = selection.load(data);
        BarData.describe(imported, out);
        List<Bar> bars = BarWindow.between(imported.bars(), from, to);
        EngineConfig d = EngineConfig.defaults(BarData.instrument(market, imported, out), imported.interval());
        EngineConfig base = new EngineConfig(d.instrument(), d.interval(), cash, fee, d.strategy(),
                dev.pennant.core.strategy.builtin.ReferenceStrategy.ID.equals(strategy)
                        ? dev.pennant.core.backtest.ReferenceBacktest.config(d.instrument(), d.interval()).risk() : d.risk());
        EmaCrossRsiObjective legacy = new EmaCrossRsiObjective(base);
        StrategyObjective v2 = definition == null ? null : new StrategyObjective(definition, base);
        dev.pennant.core.backtest.optimize.Objective objective = v2 != null ? v2 : legacy;
        out.printf(Locale.ROOT, "bars: %d (%s → %s)%n", bars.size(), bars.getFirst().openInstant(), bars.getLast().openInstant());
        out.printf(Locale.ROOT, "search: %s, %s trials, metric %s, seed %d, %d thread(s); space %s (%s)%n",
                searchMethod.name().toLowerCase(Locale.ROOT),
                searchMethod == SearchMethod.GRID ? "all grid" : Integer.toString(trials), goal.name().toLowerCase(Locale.ROOT),
                seed, nThreads, space.ranges(), space.constraintText());
        out.flush();
        Optimizer.Request request = new Optimizer.Request(space, searchMethod, trials, seed, goal);
        try (Optimizer optimizer = new Optimizer(nThreads)) {
            WalkForward.Result wf = null;
            if (windows > 0) {
                wf = WalkForward.run(optimizer, request, objective, bars, windows, inSample, Optimizer.Progress.NONE, () -> false);
                printWalkForward(wf, out);
            }
            OptimizationResult result = optimizer.optimize(request, objective, bars, Optimizer.Progress.NONE, () -> false);
            out.printf(Locale.ROOT, "trials: %d%n", result.trials().size());
            out.printf(Locale.ROOT, "wall_s: %.2f%n", result.elapsedNanos() / 1e9);
            printTop(result, out);
            Trial best = result.best();
            PerformanceTracker tracker = new PerformanceTracker(cash, base.interval().millis());
            if (v2 != null) {
                Backtester.run(bars, base, v2.definition().create(v2.parameters(best.parameters())), null, tracker);
            } else {
                Backtester.run(bars, legacy.config(best.parameters()), tracker);
            }
            PerformanceReport report = tracker.report(bars);
            out.println("best: " + best.parameters());
            if (simulations > 0 && report.metrics().closedTrades() > 0) {
                for (MonteCarlo.Mode mode : MonteCarlo.Mode.values()) {
                    MonteCarlo.Result mc = MonteCarlo.run(report.trades(), cash.doubleValue(), simulations, seed, mode);
                    out.printf(Locale.ROOT, "monte_carlo_%s: %d paths of %d trades; final equity p5/p50/p95 %.2f / %.2f / %.2f "
                                    + "USDT; max drawdown p5/p50/p95 %.2f / %.2f / %.2f %% (actual %.2f %%); P(loss) %.1f %%%n",
                            mode.name().toLowerCase(Locale.ROOT), mc.simulations(), mc.trades(), mc.finalEquityPercentiles()[0],
                            mc.finalEquityPercentiles()[2], mc.finalEquityPercentiles()[4], mc.maxDrawdownPercentiles()[0] * 100,
                            mc.maxDrawdownPercentiles()[2] * 100, mc.maxDrawdownPercentiles()[4] * 100,
                            mc.actualMaxDrawdown() * 100, mc.probabilityOfLoss() * 100);
                }
            }
            HeatMap map = result.heatMap(axes[0].trim(), axes[1].trim());
            String title = "Optimisation of " + (definition != null ? definition.id() : EmaCrossRsiStrategy.NAME) + " on " + imported.symbol() + " " + imported.interval() + ", " + day(bars.getFirst()) + " → " + day(bars.getLast());
            if (html != null) {
                Files.writeString(html, OptimizationExport.html(title, result, map, wf, report, Math.max(top, 25)),
                        StandardCharsets.UTF_8);
                out.println("report: " + html);
            }
            if (csv != null) {
                for (Path p : OptimizationExport.writeCsv(result, map, wf, csv)) {
                    out.println("report: " + p);
                }
            }
        }
        out.flush();
        return 0;
    }

    private static String day(Bar b) {
        return b.openInstant().toString().substring(0, 10);
    }

    private void printTop(OptimizationResult result, PrintWriter out) {
        out.printf(Locale.ROOT, "%4s  %-70s %9s %9s %8s %8s %7s%n", "rank", "parameters", "score", "return", "sharpe",
                "max_dd", "trades");
        for (int i = 0; i < Math.min(top, result.trials().size()); i++) {
            Trial t = result.trials().get(i);
            TrialMetrics m = t.metrics();
            out.printf(Locale.ROOT, "%4d  %-70s %9.3f %8.2f%% %8.3f %7.2f%% %7d%n", i + 1, t.parameters(), t.score(),
                    m.totalReturn() * 100, m.sharpe(), m.maxDrawdown() * 100, m.trades());
        }
    }

    private static void printWalkForward(WalkForward.Result wf, PrintWriter out) {
        out.println("walk_forward: window  in-sample              out-of-sample          best in-sample parameters"
                + "                                        IS return  OOS return  OOS sharpe  OOS trades");
        for (WalkForward.Window w : wf.windows()) {
            out.printf(Locale.ROOT, "walk_forward: %6d  %s→%s  %s→%s  %-64s %8.2f%%  %9.2f%%  %10.3f  %10d%n", w.index() + 1,
                    Instant.ofEpochMilli(w.isFrom()).toString().substring(0, 10), Instant.ofEpochMilli(w.isTo()).toString().substring(0, 10),
                    Instant.ofEpochMilli(w.oosFrom()).toString().substring(0, 10), Instant.ofEpochMilli(w.oosTo()).toString().substring(0, 10),
                    w.best(), w.inSample().totalReturn() * 100, w.outOfSample().totalReturn() * 100, w.outOfSample().sharpe(),
                    w.outOfSample().trades());
        }
        out.printf(Locale.ROOT, "oos_return: %+.2f %% (compounded over %d windows)%n", wf.oosCompoundedReturn() * 100, wf.windows().size());
        out.printf(Locale.ROOT, "oos_mean_sharpe: %.3f%n", wf.oosMeanSharpe());
        out.printf(Locale.ROOT, "walk_forward_efficiency: %.3f%n", wf.efficiency());
    }
}
