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

/** {@code backtest}: runs the strategy over recorded klines and prints its statistics. */
@Command(name = "backtest", mixinStandardHelpOptions = true,
        description = "Backtest the EMA-cross+RSI strategy on recorded Binance klines (paper fills at next open, 0.1 %% fee).")
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

    @Option(names = "--fills", description = "Print every fill.")
    boolean printFills;

    @Option(names = "--risk-level", paramLabel = "LOW|MEDIUM|HIGH", description = "Risk limits preset (daily loss, "
            + "drawdown, positions, exposure, breakers); default: the engine's (25 %% drawdown halt, 7-day cooldown).")
    dev.pennant.core.risk.RiskLevel riskLevel;

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
        BacktestResult r = Backtester.run(bars.bars(), config, funding,
                printFills ? FillPrinter.to(out) : new FillPrinter.None(), fundingTally, riskOut);
        var s = r.stats();
        var p = config.strategy();
        out.printf(Locale.ROOT, "strategy: EMA(%d)/EMA(%d) cross, enter while RSI(%d) < %.0f, exit at RSI >= %.0f; "
                + "fills at next open (paper venue, ≤ 10 %% of a bar's volume), fee %s; starting cash %s USDT%n",
                p.fastPeriod(), p.slowPeriod(), p.rsiPeriod(), p.rsiEntryMax(), p.rsiExitMin(),
                market == Market.SPOT ? config.feeRate().movePointRight(2).stripTrailingZeros().toPlainString() + " %"
                        : "0.05 % taker / 0.02 % maker (USDⓈ-M VIP 0), leverage 1", cash.toPlainString());
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
        out.flush();
        return 0;
    }
}
