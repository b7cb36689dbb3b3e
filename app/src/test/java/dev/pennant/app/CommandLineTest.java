package dev.pennant.app;

import dev.pennant.core.testkit.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

class CommandLineTest {

    private record Run(int code, String out, String err) { }

    private static Run run(String... args) {
        CommandLine cl = PennantCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void backtestPrintsTheFiguresTheIssueAsksFor() {
        Run r = run("backtest", "--data", SharedData.btc1m().toString(), "--symbol", "BTCUSDT", "--interval", "1m");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("bars: 10081").containsPattern("trades: \\d+").containsPattern("net_pnl: -?\\d+\\.\\d\\d USDT")
                .containsPattern("max_drawdown: \\d+\\.\\d\\d %").containsPattern("win_rate: \\d+\\.\\d %")
                .containsPattern("sharpe: -?\\d+\\.\\d\\d").containsPattern("bars_per_s: \\d+");
    }

    @Test
    void backtestRunsEveryBuiltInStrategyByName() {
        Run ref = run("backtest", "--data", SharedData.btc1m().toString(), "--strategy", "reference");
        assertThat(ref.code()).isZero();
        // the reference strategy's figures on this file (ReferenceBacktestTest checks them against a plain loop)
        assertThat(ref.out()).contains("bars: 10081").contains("trades: 176 ").contains("final_equity: 5803.82 USDT")
                .contains("parameters: fastPeriod=12");
        for (String name : List.of("ema-adx", "bollinger-rsi", "donchian", "scalp-imbalance")) {
            Run r = run("backtest", "--data", SharedData.btc1m().toString(), "--strategy", name);
            assertThat(r.code()).as(name + ": " + r.err()).isZero();
            assertThat(r.out()).containsPattern("trades: \\d+").containsPattern("final_equity: \\d+\\.\\d\\d USDT");
        }
        Run rules = run("backtest", "--data", SharedData.btc1m().toString(), "--strategy", "rules",
                "--entry", "RSI(14) < 30 AND close > SMA(200)", "--exit", "RSI(14) > 70");
        assertThat(rules.code()).as(rules.err()).isZero();
        assertThat(rules.out()).containsPattern("trades: [1-9]\\d*");
        Run param = run("backtest", "--data", SharedData.btc1m().toString(), "--strategy", "reference",
                "--param", "fastPeriod=500");
        assertThat(param.code()).isNotZero();
        assertThat(param.err()).contains("fastPeriod must be within [2, 100], was 500");
        Run hourly = run("backtest", "--data", SharedData.btc1m().toString(), "--strategy", "reference",
                "--decide-on", "1h", "--param", "fastPeriod=5", "--param", "slowPeriod=12");
        assertThat(hourly.code()).as(hourly.err()).isZero();
        assertThat(hourly.out()).contains("decides_on: 1h closes (orders and fills on 1m bars)").containsPattern("trades: [1-9]");
        Run unknown = run("backtest", "--data", SharedData.btc1m().toString(), "--strategy", "nope");
        assertThat(unknown.err()).contains("unknown strategy 'nope'").contains("reference");
    }

    @Test
    void paperRunsHeadlessRecordsHistoryAndStopsAfterTheDuration(@TempDir Path dir) {
        Run r = run("paper", "--replay", SharedData.btc1m().toString(), "--speed", "0", "--data-dir", dir.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("fill: ").containsPattern("final_equity: \\d+\\.\\d\\d USDT");
        assertThat(dir.resolve("history.mv.db")).exists();

        Run limited = run("paper", "--replay", SharedData.btc1m().toString(), "--speed", "60", "--duration", "1s",
                "--data-dir", dir.toString());
        assertThat(limited.out()).contains("stopped by --duration");
    }

    /** Every {@code fill:} line's quantity and price (FillPrinter's format). */
    private static List<BigDecimal[]> fills(String out) {
        Matcher m = Pattern.compile("(?m)^fill: \\S+ #\\d+ \\S+ (?:BUY|SELL) (\\S+) @ (\\S+) ").matcher(out);
        List<BigDecimal[]> qtyPrice = new ArrayList<>();
        while (m.find()) qtyPrice.add(new BigDecimal[] {new BigDecimal(m.group(1)), new BigDecimal(m.group(2))});
        return qtyPrice;
    }

    private static void assertOnStep(List<BigDecimal[]> fills, String step, String minNotional) {
        assertThat(fills).isNotEmpty();
        for (BigDecimal[] f : fills) {
            assertThat(f[0].remainder(new BigDecimal(step))).as("quantity %s on step %s", f[0], step).isZero();
            assertThat(f[0].multiply(f[1])).isGreaterThanOrEqualTo(new BigDecimal(minNotional));
        }
    }

    @Test
    void backtestAndPaperTradeANonBtcSymbolWithItsRealExchangeFilters(@TempDir Path dir) {
        Path sol = SharedData.file("spot/klines/SOLUSDT/SOLUSDT-1d-20200811_20260106.ohlcv.yanniedog.csv.gz");
        Run bt = run("backtest", "--data", sol.toString(), "--fills");
        assertThat(bt.code()).as(bt.err()).isZero();
        assertThat(bt.out()).contains(
                "filters: SOLUSDT tick 0.01, step 0.01, min notional 5 USDT (exchangeInfo-spot-full-20230908.json.gz)");
        assertOnStep(fills(bt.out()), "0.01", "5"); // the BTC-like default step (0.00001) left 5 decimals

        Path bnb = SharedData.file("spot/klines/BNBUSDT/BNBUSDT-4h-20250726_20260726.bianv2.csv.gz");
        Run paper = run("paper", "--replay", bnb.toString(), "--speed", "0", "--data-dir", dir.toString());
        assertThat(paper.code()).as(paper.err()).isZero();
        assertThat(paper.out()).contains(
                "filters: BNBUSDT tick 0.1, step 0.001, min notional 5 USDT (exchangeInfo-spot-full-20230908.json.gz)");
        List<BigDecimal[]> bnbFills = fills(paper.out());
        assertOnStep(bnbFills, "0.001", "5");
        assertThat(bnbFills).anyMatch(f -> f[0].scale() == 3); // not whole lots by accident
    }

    @Test
    void aFuturesBacktestUsesTheUsdmInstrumentAndAnUnknownSymbolSaysItFellBack() {
        Path fut = SharedData.file("futures-um/klines/BTCUSDT/BTCUSDT-1h-20240101_20251220.memlabs.csv.gz");
        Run r = run("backtest", "--market", "futures", "--data", fut.toString(), "--fills");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains(
                "filters: BTCUSDT tick 0.1, step 0.001, min notional 100 USDT (exchangeInfo-fapi-full-20241020.json.gz)");
        assertOnStep(fills(r.out()), "0.001", "100");

        Run unknown = run("backtest", "--data", SharedData.btc1m().toString(), "--symbol", "NOPEUSDT");
        assertThat(unknown.code()).as(unknown.err()).isZero();
        assertThat(unknown.out()).contains("filters: defaults (NOPEUSDT not in exchangeInfo-spot-full-20211012.cryptofeed"
                + ".json.gz, exchangeInfo-spot-full-20230908.json.gz, exchangeInfo-spot-1symbol-20250823.json; "
                + "BTCUSDT-like spot filters: tick 0.01, step 0.00001, min notional 5 USDT)");

        Run bad = run("paper", "--replay", SharedData.btc1m().toString(), "--market", "options");
        assertThat(bad.code()).isNotZero();
        assertThat(bad.err()).contains("--market must be one of spot, futures; was options");
    }

    @Test
    void benchPrintsFigureValueUnitLines() {
        Run r = run("bench", "backtest", "--iterations", "1", "--bars", "50000");
        assertThat(r.code()).isZero();
        assertThat(r.out()).containsPattern("(?m)^bars_per_s: \\d+ bars/s$").contains("bars: 50000 bars")
                .containsPattern("(?m)^trades: \\d+$").containsPattern("(?m)^ta4j_baseline_bars_per_s: \\d+ bars/s$");
        assertThat(run("bench", "backtest", "--bars", "2000000").code()).isNotZero();
        assertThat(run("bench", "nope").code()).isNotZero();

        Run md = run("bench", "marketdata");
        assertThat(md.code()).isZero();
        assertThat(md.out()).containsPattern("(?m)^messages_per_s: \\d+ msg/s$").containsPattern("(?m)^book_updates_per_s: \\d+ updates/s$");

        Run imp = run("bench", "import", "--iterations", "1");
        assertThat(imp.code()).isZero();
        assertThat(imp.out()).containsPattern("(?m)^import_files: \\d+ files$").containsPattern("(?m)^import_rows_per_s: \\d+ rows/s$");
    }

    @Test
    void badInputGetsAClearErrorNamingTheProblem(@TempDir Path dir) throws Exception {
        Run badInterval = run("backtest", "--data", SharedData.btc1m().toString(), "--interval", "7m");
        assertThat(badInterval.code()).isNotZero();
        assertThat(badInterval.err()).contains("interval '7m' is not a Binance kline interval");

        Path broken = dir.resolve("BTCUSDT-1m-broken.csv.gz");
        try (var gz = new GZIPOutputStream(Files.newOutputStream(broken))) {
            gz.write(("open_time,open,high,low,close,volume,close_time,quote_volume,count,taker_buy_volume,taker_buy_quote_volume,ignore\n"
                    + "1621116120000,48439.11,48523.38,48435.98,48506.05,19.26,1621116179999,933994.4,1124,10.2,498321.2,0\n"
                    + "1621116180000,48506.04,48506.04,48448.00,abc,21.73,1621116239999,1053560.5,871,13.3,645222.7,0\n").getBytes());
        }
        Run malformed = run("backtest", "--data", broken.toString());
        assertThat(malformed.code()).isNotZero();
        assertThat(malformed.err()).contains("BTCUSDT-1m-broken.csv.gz").contains("line 3").contains("close");

        assertThat(run("paper", "--replay", dir.resolve("missing.csv").toString(), "--data-dir", dir.toString()).err())
                .contains("no such file or folder");
    }

    @Test
    void unknownProfileOrMarketIsRefusedNamingTheOptionAndItsValues() {
        Run badProfile = run("--profile", "staging");
        assertThat(badProfile.code()).isNotZero();
        assertThat(badProfile.err()).contains("--profile must be one of mainnet, testnet; was staging");

        Run badMarket = run("--market", "options", "--profile", "testnet");
        assertThat(badMarket.code()).isNotZero();
        assertThat(badMarket.err()).contains("--market must be one of spot, futures; was options");
    }
}
