package dev.pennant.app;

import dev.pennant.core.backtest.BacktestResult;
import dev.pennant.core.backtest.Backtester;
import dev.pennant.core.engine.EngineConfig;
import dev.pennant.core.marketdata.KlineImport;
import dev.pennant.core.model.Market;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code backtest}: runs a strategy over recorded klines on the paper engine and prints its statistics. Without
 * {@code --strategy} the EMA-cross+RSI default of the terminal; {@code --strategy reference} the common reference
 * strategy of issue 8 with its own configuration (95 % of cash, no drawdown halt); other built-ins with the session
 * defaults; {@code --strategy rules} a rule text ({@code --entry}, {@code --exit}).
 */
@Command(name = "backtest", mixinStandardHelpOptions = true,
        description = "Backtest a strategy on recorded Binance klines (paper fills at next open, 0.1 %% fee).")
final class BacktestCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--data", paramLabel = "FILE|DIR", description = "Kline CSV(.gz/.zip) file or folder.")
    Path data;

    @picocli.CommandLine.Mixin
    ImportedBarsOption imported;

    @picocli.CommandLine.Mixin
    KlineSelection selection;

    @Option(names = "--market", defaultValue = "spot", converter = MarketConverter.class, paramLabel = "spot|futures",
            description = "Market whose exchangeInfo filters (tick, step, min notional) the session trades with: spot "
                    + "or futures (USD-M) (default: ${DEFAULT-VALUE}).")
    Market market;

    @Option(names = "--cash", defaultValue = "10000", description = "Starting cash in USDT (default: ${DEFAULT-VALUE}).")
    BigDecimal cash;

    @picocli.CommandLine.Mixin
    ReportOptions report;

    @Option(names = "--fills", description = "Print every fill.")
    boolean printFills;

    @Option(names = "--risk-level", paramLabel = "LOW|MEDIUM|HIGH", description = "Risk limits preset (daily loss, "
            + "drawdown, positions, exposure, breakers); default: the engine's (25 %% drawdown halt, 7-day cooldown).")
    dev.pennant.core.risk.RiskLevel riskLevel;
    @Option(names = "--strategy", paramLabel = "NAME", description = "Strategy: reference, ema-adx, bollinger-rsi, "
            + "donchian, scalp-imbalance, rules (with --entry/--exit); default: the terminal's EMA-cross+RSI.")
    String strategy;

    @Option(names = "--param", paramLabel = "NAME=VALUE", description = "A strategy parameter (repeatable), e.g. "
            + "--param fastPeriod=10; see the 'parameters:' line for names and ranges.")
    java.util.Map<String, Double> params = new java.util.LinkedHashMap<>();

    @Option(names = "--entry", paramLabel = "RULE", description = "rules: long entry, e.g. \"RSI(14) < 30 AND close > SMA(200)\".")
    String entryRule;

    @Option(names = "--decide-on", converter = IntervalConverter.class, paramLabel = "INTERVAL", description = "Run the "
            + "strategy on closes of this coarser interval (e.g. 1h) while orders, stops and fills use the file's finer bars.")
    dev.pennant.core.model.Interval decideOn;

    @Option(names = "--exit", paramLabel = "RULE", description = "rules: long exit, e.g. \"RSI(14) > 70\".")
    String exitRule;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if ((data == null) == !imported.imported) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "give either --data FILE|DIR or --imported (bars imported with the import command)");
        }
        KlineImport bars = imported.imported ? imported.load(spec.commandLine(), market, selection) : selection.load(data);
        BarData.describe(bars, out);
        EngineConfig d = EngineConfig.defaults(BarData.instrument(market, bars, out), bars.interval());
        EngineConfig config = new EngineConfig(d.instrument(), d.interval(), cash, d.feeRate(), d.strategy(),
                riskLevel == null ? d.risk() : riskLevel.limits(d.feeRate()));
        RiskEventPrinter riskOut = new RiskEventPrinter(out);
        if (strategy == null && (!params.isEmpty() || entryRule != null || exitRule != null || decideOn != null)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--param, --entry, --exit and --decide-on need --strategy");
        }
        var funding = BarData.funding(market, bars.symbol(), out);
        java.math.BigDecimal[] fundingSum = {java.math.BigDecimal.ZERO};
        int[] fundingCount = {0};
        dev.pennant.core.engine.EngineListener fundingTally = new dev.pennant.core.engine.EngineListener() {
            @Override
            public void onFunding(String symbol, dev.pennant.core.model.PositionSide side, java.math.BigDecimal amount,
                                  java.math.BigDecimal rate, long time) {
                fundingSum[0] = fundingSum[0].add(amount);
                fundingCount[0]++;
            }
        };
        dev.pennant.core.engine.EngineListener printer = printFills ? FillPrinter.to(out) : new FillPrinter.None();
        BacktestResult r;
        if (strategy == null) {
            r = Backtester.run(bars.bars(), config, funding, printer, fundingTally, riskOut, report.listener(config));
            var p = config.strategy();
            out.printf(Locale.ROOT, "strategy: EMA(%d)/EMA(%d) cross, enter while RSI(%d) < %.0f, exit at RSI >= %.0f; "
                    + "fills at next open (paper venue, ≤ 10 %% of a bar's volume), fee %s; starting cash %s USDT%n",
                    p.fastPeriod(), p.slowPeriod(), p.rsiPeriod(), p.rsiEntryMax(), p.rsiExitMin(), feeText(config),
                    cash.toPlainString());
        } else {
            dev.pennant.core.strategy.StrategyDefinition def;
            try {
                def = strategy.equals(dev.pennant.core.strategy.rules.RuleStrategy.ID)
                        ? dev.pennant.core.strategy.rules.RuleStrategy.definition(rules())
                        : dev.pennant.core.strategy.Strategies.byId(strategy);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--strategy: " + e.getMessage());
            }
            dev.pennant.core.strategy.ParameterSet ps;
            dev.pennant.core.strategy.BarStrategy instance;
            try {
                ps = def.parameters(params);
                instance = def.create(ps);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--param: " + e.getMessage());
            }
            if (strategy.equals(dev.pennant.core.strategy.builtin.ReferenceStrategy.ID)) {
                EngineConfig ref = dev.pennant.core.backtest.ReferenceBacktest.config(config.instrument(), config.interval());
                config = new EngineConfig(ref.instrument(), ref.interval(), cash, ref.feeRate(), ref.strategy(), ref.risk());
            }
            dev.pennant.core.strategy.BarStrategy run = instance;
            if (decideOn != null) {
                try {
                    run = new dev.pennant.core.strategy.ResampledStrategy(instance, decideOn);
                    if (decideOn.millis() % bars.interval().millis() != 0 || decideOn.millis() < bars.interval().millis()) {
                        throw new IllegalArgumentException("must be a multiple of the data's " + bars.interval());
                    }
                } catch (IllegalArgumentException e) {
                    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--decide-on " + decideOn + ": " + e.getMessage());
                }
            }
            r = Backtester.run(bars.bars(), config, run, funding, printer, fundingTally, riskOut, report.listener(config));
            out.printf(Locale.ROOT, "strategy: %s; fills at next open (paper venue, ≤ 10 %% of a bar's volume), fee %s; "
                    + "%.0f %% of cash per entry%s; starting cash %s USDT%n", def.description(), feeText(config),
                    config.risk().allocationFraction() * 100, config.risk().maxDrawdownHalt() >= 1 ? ", no drawdown halt"
                            : String.format(Locale.ROOT, ", entries halted at %.0f %% drawdown",
                            config.risk().maxDrawdownHalt() * 100), cash.toPlainString());
            if (decideOn != null) {
                out.printf(Locale.ROOT, "decides_on: %s closes (orders and fills on %s bars)%n", decideOn, bars.interval());
            }
            out.printf(Locale.ROOT, "parameters: %s%n", ps.specs().isEmpty() ? "(none)" : ps.specs().stream()
                    .map(x -> x.name() + "=" + fmt(ps.get(x.name())) + " [" + fmt(x.min()) + ".." + fmt(x.max()) + "]")
                    .collect(java.util.stream.Collectors.joining(", ")));
        }
        var s = r.stats();
        out.printf(Locale.ROOT, "bars: %d%n", r.barsProcessed());
        out.printf(Locale.ROOT, "trades: %d (%d fills%s)%n", s.trades(), s.fills(), s.openTrade() ? ", one still open" : "");
        out.printf(Locale.ROOT, "net_pnl: %.2f USDT (%+.2f %%)%n", s.netPnl().doubleValue(), s.netPnlFraction() * 100);
        out.printf(Locale.ROOT, "final_equity: %.2f USDT%n", s.finalEquity().doubleValue());
        out.printf(Locale.ROOT, "max_drawdown: %.2f %% (%.2f USDT)%n", s.maxDrawdown() * 100, s.maxDrawdownQuote());
        out.printf(Locale.ROOT, "win_rate: %s%n", Double.isNaN(s.winRate()) ? "n/a (no closed trades)"
                : String.format(Locale.ROOT, "%.1f %%", s.winRate() * 100));
        out.printf(Locale.ROOT, "sharpe: %s (annualised, per-bar returns, rf 0)%n",
                Double.isNaN(s.sharpe()) ? "n/a" : String.format(Locale.ROOT, "%.2f", s.sharpe()));
        if (funding != null) {
            out.printf(Locale.ROOT, "funding_paid: %.2f USDT over %d settlements%n", fundingSum[0].negate().doubleValue(),
                    fundingCount[0]);
        }
        riskOut.summary();
        out.printf(Locale.ROOT, "bars_per_s: %.0f%n", r.barsPerSecond());
        report.write(bars.bars(), "Backtest " + bars.symbol() + " " + bars.interval(), out);
        out.flush();
        return 0;
    }

    private String feeText(EngineConfig config) {
        return market == Market.SPOT ? config.feeRate().movePointRight(2).stripTrailingZeros().toPlainString() + " %"
                : "0.05 % taker / 0.02 % maker (USDⓈ-M VIP 0), leverage 1";
    }

    private dev.pennant.core.strategy.rules.RuleSet rules() {
        if (entryRule == null) {
            throw new IllegalArgumentException("rules needs --entry RULE (and optionally --exit RULE)");
        }
        return dev.pennant.core.strategy.rules.RuleSet.longOnly(entryRule, exitRule);
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
