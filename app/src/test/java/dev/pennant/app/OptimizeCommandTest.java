package dev.pennant.app;

import dev.pennant.core.backtest.Backtester;
import dev.pennant.core.engine.EngineConfig;
import dev.pennant.core.marketdata.KlineCsvImporter;
import dev.pennant.core.marketdata.KlineImport;
import dev.pennant.core.testkit.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code optimize} on recorded BTCUSDT 1h bars, and the {@code --html/--csv} hook for backtests. */
class OptimizeCommandTest {

    private static final Path FILE = SharedData.file("spot/klines/BTCUSDT/BTCUSDT-1h-20210408_20210607.gatrading.csv.gz");

    private static String[] run(String... args) {
        CommandLine cl = PennantCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
    }

    @Test
    void aV2StrategyIsOptimisedOverItsOwnParametersAndItsBestSetIsItsBacktest() throws Exception {
        String[] r = run("optimize", "--data", FILE.toString(), "--strategy", "reference", "--method", "grid",
                "--range", "fastPeriod=8:12:2", "--range", "slowPeriod=10:30:10", "--range", "rsiPeriod=14:14:1",
                "--range", "rsiEntryMax=70:70:1", "--threads", "2", "--metric", "return", "--monte-carlo", "0");
        assertThat(r[0]).as(r[2]).isEqualTo("0");
        // 3 x 3 grid minus the set the strategy refuses (slowPeriod 10 <= fastPeriod 10, 12): 7 trials
        assertThat(r[1]).contains("trials: 7", "best: fastPeriod=");
        String[] unknown = run("optimize", "--data", FILE.toString(), "--strategy", "reference", "--range", "nope=1:2:1");
        assertThat(unknown[0]).isEqualTo("2");
        assertThat(unknown[2]).contains("no parameter [nope]");
    }

    @Test
    void gridOptimisationWithWalkForwardAndReports(@TempDir Path dir) throws Exception {
        Path html = dir.resolve("opt.html");
        Path csv = dir.resolve("opt.csv");
        String[] r = run("optimize", "--data", FILE.toString(), "--method", "grid", "--range", "fastPeriod=5:11:3",
                "--range", "slowPeriod=20:40:10", "--walk-forward", "2", "--threads", "2", "--metric", "return",
                "--monte-carlo", "200", "--html", html.toString(), "--csv", csv.toString());
        assertThat(r[0]).as(r[2]).isEqualTo("0");
        assertThat(r[1]).contains("trials: 9", "bars: 1436", "rank  parameters").containsPattern("wall_s: \\d+\\.\\d\\d")
                .containsPattern("oos_return: [+-]\\d+\\.\\d\\d %").contains("best: fastPeriod=")
                .containsPattern("monte_carlo_shuffle: 200 paths").containsPattern("monte_carlo_bootstrap: 200 paths");
        // 9 trials + header in the CSV; the printed best is the top row
        List<String> rows = Files.readAllLines(csv);
        assertThat(rows).hasSize(10);
        assertThat(rows.getFirst()).startsWith("rank,fastPeriod,slowPeriod,score,total_return");
        assertThat(Files.readAllLines(dir.resolve("opt-walkforward.csv"))).hasSize(3);
        assertThat(Files.readAllLines(dir.resolve("opt-heatmap.csv"))).hasSize(4); // header + slow 20, 30, 40
        String page = Files.readString(html);
        assertThat(page).contains("Heat map", "Walk-forward", "Best set over all bars", "<svg").doesNotContain("<script", "src=");

        // the best row's return is the backtest of those parameters
        String[] best = rows.get(1).split(",");
        KlineImport data = new KlineCsvImporter().read(FILE);
        EngineConfig d = EngineConfig.defaults(data.symbol(), data.interval());
        var p = new dev.pennant.core.strategy.EmaCrossRsiStrategy.Parameters(Integer.parseInt(best[1]),
                Integer.parseInt(best[2]), 14, 70, 80);
        var direct = Backtester.run(data.bars(), new EngineConfig(d.instrument(), d.interval(), d.startingCash(), d.feeRate(), p,
                d.risk()));
        assertThat(Double.parseDouble(best[4])).isCloseTo(direct.stats().netPnlFraction(),
                org.assertj.core.api.Assertions.within(1e-9));
    }

    @Test
    void badInputIsOneClearLine() {
        String[] r = run("optimize", "--data", FILE.toString(), "--method", "anneal");
        assertThat(r[0]).isEqualTo("2"); // a bad option value: the error line, then the usage
        assertThat(r[2]).contains("method 'anneal' is not one of grid, random, tpe").contains("Usage: pennant optimize");
        String[] range = run("optimize", "--data", FILE.toString(), "--range", "fastPeriod=5:30");
        assertThat(range[2]).contains("must look like name=min:max:step");
        String[] dates = run("optimize", "--data", FILE.toString(), "--from", "2024-01-01");
        assertThat(dates[2]).contains("no bar between 2024-01-01 and the end");
    }

    @Test
    void reportOptionsWriteTheBacktestReport(@TempDir Path dir) throws Exception {
        KlineImport data = new KlineCsvImporter().read(FILE);
        EngineConfig config = EngineConfig.defaults(data.symbol(), data.interval());
        ReportOptions report = new ReportOptions();
        report.html = dir.resolve("bt.html");
        report.csv = dir.resolve("bt.csv");
        var result = Backtester.run(data.bars(), config, report.listener(config));
        StringWriter out = new StringWriter();
        report.write(data.bars(), "backtest", new PrintWriter(out));
        assertThat(out.toString()).contains("report: " + report.html, "report: " + dir.resolve("bt-trades.csv"));
        assertThat(Files.readAllLines(dir.resolve("bt.csv"))).contains(String.format(Locale.ROOT, "final_equity,%s,quote",
                Double.toString(result.stats().finalEquity().doubleValue())));
        assertThat(Files.readString(report.html)).contains("Monthly returns");
    }
}
