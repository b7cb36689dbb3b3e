package dev.pennant.app;

import com.sun.net.httpserver.HttpServer;
import dev.pennant.core.testkit.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** import / export / backup / restore / integrity from the command line, on the real shared data. */
class DataCommandsTest {

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

    private static final String MONTHLY = "spot/klines/BTCUSDT/monthly";

    /** The lines starting with one of the figure names the backtest prints. */
    private static List<String> figures(String out) {
        return out.lines().filter(l -> l.matches("^(bars|trades|net_pnl|final_equity|max_drawdown|win_rate|sharpe): .*"))
                .toList();
    }

    @Test
    void importReportsProgressDuplicatesAndGapsAndABacktestRunsOnTheImportedBars(@TempDir Path dir) throws Exception {
        Path folder = SharedData.binance().resolve(MONTHLY);
        Run imp = run("import", folder.toString(), "--data-dir", dir.toString(), "--chunk", "500");
        assertThat(imp.code()).as(imp.err()).isZero();
        assertThat(imp.out()).contains("file 1/5: ").contains("file 5/5: ")
                .contains("  BTCUSDT 1h SPOT, 744 rows")
                .contains("  progress: 500/744 rows (67 %)")
                .contains("  done: 744 rows (binance-12col), 744 new, 0 duplicate(s), 0 gap(s)")
                .contains("  gap: 2023-03-24T12:00:00Z → 2023-03-24T14:00:00Z (1 missing bar(s))")
                .contains("stored: BTCUSDT 1h SPOT: 3623 bars, 2023-01-01T00:00:00Z → 2023-05-31T23:00:00Z, 1 gap(s), 1 missing bar(s)");
        Run again = run("import", folder.resolve("BTCUSDT-1h-2023-02.csv.gz").toString(), "--data-dir", dir.toString());
        assertThat(again.out()).contains("skipped: already imported");

        Run fromDb = run("backtest", "--imported", "--symbol", "BTCUSDT", "--interval", "1h", "--data-dir", dir.toString());
        assertThat(fromDb.code()).as(fromDb.err()).isZero();
        Run fromFiles = run("backtest", "--data", folder.toString(), "--symbol", "BTCUSDT", "--interval", "1h");
        assertThat(figures(fromDb.out())).hasSize(7).isEqualTo(figures(fromFiles.out()));
        Run range = run("backtest", "--imported", "--symbol", "BTCUSDT", "--interval", "1h", "--from", "2023-02",
                "--to", "2023-02-28", "--data-dir", dir.toString());
        assertThat(range.out()).contains("bars: 672");

        Path csv = dir.resolve("bars.csv");
        Run exp = run("export", "--table", "bars", "--interval", "1h", "--from", "2023-03-24", "--to", "2023-03-24",
                "--out", csv.toString(), "--data-dir", dir.toString());
        assertThat(exp.code()).as(exp.err()).isZero();
        assertThat(exp.out()).contains("export: 23 row(s) of bars to " + csv); // 24 hours less the outage hour
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.getFirst()).isEqualTo("market,symbol,interval_code,open_time,close_time,open_price,high_price,"
                + "low_price,close_price,volume,quote_volume,trades,taker_buy_base,taker_buy_quote");
        assertThat(lines).hasSize(24);
    }

    @Test
    void backupIntegrityAndRestoreFromTheCommandLine(@TempDir Path dir) {
        Run paper = run("paper", "--replay", SharedData.btc1m().toString(), "--speed", "0", "--data-dir", dir.toString());
        assertThat(paper.code()).as(paper.err()).isZero();

        Run ok = run("integrity", "--data-dir", dir.toString());
        assertThat(ok.code()).as(ok.out() + ok.err()).isZero();
        assertThat(ok.out()).contains("check: positions: ").contains("integrity: OK");

        Run b1 = run("backup", "--data-dir", dir.toString(), "--keep", "1");
        assertThat(b1.code()).as(b1.err()).isZero();
        assertThat(b1.out()).containsPattern("backup: pennant-backup-\\d{8}-\\d{6}(-\\d+)?  \\S+  history.zip  ");
        Run list = run("backup", "--list", "--data-dir", dir.toString());
        assertThat(list.out()).contains("backups: 1 in ");

        Run fills = run("export", "--table", "fills", "--session", "last", "--out", "-", "--data-dir", dir.toString());
        assertThat(fills.code()).as(fills.err()).isZero();
        long fillRows = paper.out().lines().filter(l -> l.startsWith("fill: ")).count();
        assertThat(fills.out().lines().count()).isEqualTo(fillRows + 1);

        Run restored = run("restore", "latest", "--data-dir", dir.toString());
        assertThat(restored.code()).as(restored.err()).isZero();
        assertThat(restored.out()).contains("restored: history.mv.db").contains("replaced files kept in ");
        assertThat(run("integrity", "--data-dir", dir.toString()).code()).isZero();

        Run missing = run("restore", "pennant-backup-19990101-000000", "--data-dir", dir.toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).startsWith("error: no backup 'pennant-backup-19990101-000000'");
        assertThat(run("integrity", "--data-dir", dir.resolve("empty").toString()).err())
                .contains("error: no history database in ");
    }

    @Test
    void aRestoreStagedInTheWindowIsDoneAtTheNextStart(@TempDir Path dir) throws Exception {
        assertThat(run("paper", "--replay", SharedData.btc1m().toString(), "--speed", "0", "--data-dir", dir.toString())
                .code()).isZero();
        assertThat(run("backup", "--data-dir", dir.toString()).code()).isZero();
        var svc = new dev.pennant.core.persistence.backup.BackupService(dir, java.time.Clock.systemUTC());
        var set = svc.list().getFirst();
        String before = run("export", "--table", "fills", "--out", "-", "--data-dir", dir.toString()).out();
        assertThat(run("paper", "--replay", SharedData.btc1m().toString(), "--speed", "0", "--data-dir", dir.toString())
                .code()).isZero();
        assertThat(run("export", "--table", "fills", "--out", "-", "--data-dir", dir.toString()).out()).isNotEqualTo(before);
        svc.stageRestore(set);
        StringWriter err = new StringWriter();
        assertThat(StartupRestore.apply(dir, new PrintWriter(err))).isTrue();
        assertThat(err.toString()).startsWith("restored " + set.name() + " (history.mv.db) as staged; replaced files kept in ");
        assertThat(run("export", "--table", "fills", "--out", "-", "--data-dir", dir.toString()).out()).isEqualTo(before);
        assertThat(StartupRestore.apply(dir, new PrintWriter(new StringWriter()))).isFalse(); // done once
    }

    /** A terminal-like process holds the database: restore refuses, backup / integrity / export say why. */
    @Test
    void anotherProcessHoldingTheDatabaseIsRefusedWithTheReason(@TempDir Path dir) throws Exception {
        assertThat(run("paper", "--replay", SharedData.btc1m().toString(), "--speed", "0", "--data-dir", dir.toString())
                .code()).isZero();
        assertThat(run("backup", "--data-dir", dir.toString()).code()).isZero();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "paper", "--replay", SharedData.btc1m().toString(), "--speed", "1",
                "--data-dir", dir.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && !line.startsWith("session: ")) {
                // the child prints "session: …" once its history store is open
            }
            assertThat(line).as("child session started").isNotNull();
            Run restore = run("restore", "latest", "--data-dir", dir.toString());
            assertThat(restore.code()).isEqualTo(1);
            assertThat(restore.err()).contains("restore refused").contains("is held by another Pennant process");
            assertThat(dir.resolve("backups")).isDirectoryNotContaining("glob:**/replaced-*");
            for (String cmd : List.of("backup", "integrity")) {
                Run r = run(cmd, "--data-dir", dir.toString());
                assertThat(r.code()).as(cmd).isEqualTo(1);
                assertThat(r.err()).as(cmd).contains("is in use by another Pennant process");
            }
        } finally {
            p.destroyForcibly();
            p.waitFor(20, TimeUnit.SECONDS);
        }
    }

    private static byte[] zipOf(String name, List<String> lines) throws Exception {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bytes)) {
            z.putNextEntry(new ZipEntry(name + ".csv"));
            z.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
        }
        return bytes.toByteArray();
    }

    @Test
    void importDownloadsVerifiedFilesAndRefusesABadChecksum(@TempDir Path dir) throws Exception {
        List<String> jan;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(
                SharedData.file(MONTHLY + "/BTCUSDT-1h-2023-01.csv.gz")))))) {
            jan = r.lines().skip(1).collect(Collectors.toList()); // official spot files have no header
        }
        Map<String, byte[]> site = new ConcurrentHashMap<>();
        byte[] zip = zipOf("BTCUSDT-1h-2023-01", jan);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(zip));
        String path = "data/spot/monthly/klines/BTCUSDT/1h/BTCUSDT-1h-2023-01.zip";
        site.put(path, zip);
        site.put(path + ".CHECKSUM", (sha + "  BTCUSDT-1h-2023-01.zip\n").getBytes(StandardCharsets.US_ASCII));
        String bad = "data/spot/monthly/klines/BTCUSDT/1h/BTCUSDT-1h-2023-02.zip";
        site.put(bad, zip);
        site.put(bad + ".CHECKSUM", ("0".repeat(64) + "  BTCUSDT-1h-2023-02.zip\n").getBytes(StandardCharsets.US_ASCII));
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            byte[] body = site.get(ex.getRequestURI().getPath().substring(1));
            ex.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
            if (body != null) {
                try (OutputStream o = ex.getResponseBody()) {
                    o.write(body);
                }
            }
            ex.close();
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
            Run ok = run("import", "--download", "--symbol", "BTCUSDT", "--interval", "1h", "--from", "2023-01",
                    "--base-url", base, "--data-dir", dir.toString());
            assertThat(ok.code()).as(ok.err()).isZero();
            assertThat(ok.out()).contains("download 1/1: BTCUSDT-1h-2023-01.zip fetched (" + zip.length + " bytes, sha256 "
                    + sha + " verified)").contains("done: 744 rows (binance-12col-headerless), 744 new");

            Run refused = run("import", "--download", "--symbol", "BTCUSDT", "--interval", "1h", "--from", "2023-01",
                    "--to", "2023-02", "--base-url", base, "--data-dir", dir.toString());
            assertThat(refused.code()).isEqualTo(1);
            assertThat(refused.out()).contains("download 1/2: BTCUSDT-1h-2023-01.zip already here");
            assertThat(refused.err()).contains("error: BTCUSDT-1h-2023-02.zip: checksum mismatch");
            assertThat(dir.resolve("downloads").resolve(bad)).doesNotExist();
        } finally {
            server.stop(0);
        }
    }

    /** Every subcommand, given a bad argument: one error line, then its usage, and a non-zero exit code. */
    @Test
    void everySubcommandAnswersABadArgumentWithOneErrorLineAndItsUsage(@TempDir Path dir) {
        String d = dir.toString();
        List<List<String>> cases = List.of(
                List.of("--speed", "-1"),
                List.of("backtest", "--data", SharedData.btc1m().toString(), "--interval", "7m"),
                List.of("backtest", "--frobnicate"),
                List.of("optimize", "--data", SharedData.btc1m().toString(), "--method", "anneal"),
                List.of("paper", "--replay", SharedData.btc1m().toString(), "--speed", "-1", "--data-dir", d),
                List.of("bench", "nope"),
                List.of("bench", "backtest", "--iterations", "0"),
                List.of("vault", "list", "--bogus"),
                List.of("simulate-exchange", "--api-key", "k", "--max-connection-age", "0"),
                List.of("import", "--chunk", "0", SharedData.btc1m().toString()),
                List.of("import", "--download", "--symbol", "BTCUSDT", "--from", "2023-01"),
                List.of("import", "--kind", "candles", SharedData.btc1m().toString()),
                List.of("export", "--table", "nope", "--out", "-", "--data-dir", d),
                List.of("export", "--table", "fills"),
                List.of("backup", "--keep", "0", "--data-dir", d),
                List.of("restore"),
                List.of("integrity", "surplus-argument"));
        for (List<String> args : cases) {
            Run r = run(args.toArray(String[]::new));
            String what = String.join(" ", args);
            assertThat(r.code()).as(what).isEqualTo(2);
            List<String> err = r.err().lines().toList();
            assertThat(err.getFirst()).as(what).startsWith("error: ");
            String sub = args.getFirst().startsWith("-") ? "" : " " + args.getFirst();
            if (args.getFirst().equals("vault")) {
                sub = " vault list";
            }
            assertThat(err.get(1)).as(what).startsWith("Usage: pennant" + sub + " ");
        }
        assertThat(run("import", "--kind", "candles", "x").err()).startsWith(
                "error: Invalid value for option '--kind': kind must be one of klines, aggTrades, trades; was candles");
        assertThat(run("import", "--help").out()).contains("Exit codes:").contains("--download");
    }
}
