package dev.pennant.app;

import static dev.pennant.app.VaultCliFixture.KEY_1;
import static dev.pennant.app.VaultCliFixture.KEY_2;
import static dev.pennant.app.VaultCliFixture.LLM_SECRET;
import static dev.pennant.app.VaultCliFixture.NEW_PASSWORD;
import static dev.pennant.app.VaultCliFixture.PASSWORD;
import static dev.pennant.app.VaultCliFixture.SECRET_1;
import static dev.pennant.app.VaultCliFixture.SECRET_2;
import static dev.pennant.app.VaultCliFixture.lines;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.ContextInitializer;
import dev.pennant.core.testkit.SharedData;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Issue 4: "a test scans the logs and the database after a full session for the secrets used". A full CLI vault flow
 * plus a headless paper session in one data directory, with the production logback configuration writing its log file
 * into that directory (dev.pennant at DEBUG); then every file's bytes and all captured output are searched for every
 * secret, as UTF-8 and UTF-16 (LE and BE).
 */
class VaultSecretsNeverLeakTest {
    private static final Pattern ID = Pattern.compile("Added ([0-9a-f-]{36})");
    private static final List<String> SECRETS = List.of(PASSWORD, NEW_PASSWORD, KEY_1, SECRET_1, KEY_2, SECRET_2, LLM_SECRET);

    @TempDir
    Path dir;

    @TempDir
    Path scratch;

    @Test
    void noSecretInAnyFileOrOutputAfterAFullSession() throws Exception {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(console, true, StandardCharsets.UTF_8);
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        VaultCliFixture cli = new VaultCliFixture();
        try {
            System.setOut(capture);
            System.setErr(capture);
            productionLogging(ctx, dir.resolve("logs"));

            try (VaultCliFixture.FakeRestrictions binance = new VaultCliFixture.FakeRestrictions()) {
                binance.secrets.put(KEY_1, SECRET_1);
                binance.secrets.put(KEY_2, SECRET_2);
                assertThat(cli.init(dir).code()).isZero();
                VaultCliFixture.Run add = cli.vault(dir, lines(PASSWORD, KEY_1, SECRET_1), "add", "--label", "main spot",
                        "--kind", "BINANCE_SPOT", "--api-url", binance.url());
                assertThat(add.code()).as(add.all()).isZero();
                Matcher m = ID.matcher(add.out());
                assertThat(m.find()).isTrue();
                assertThat(cli.vault(dir, lines(PASSWORD, "smtp-user", LLM_SECRET), "add", "--label", "mail",
                        "--kind", "SMTP", "--with-key-id").code()).isZero();
                // a rejected key: the error path must not echo it either
                assertThat(cli.vault(dir, lines(PASSWORD, KEY_2, SECRET_1), "add", "--label", "bad",
                        "--kind", "BINANCE_SPOT", "--api-url", binance.url()).code()).isEqualTo(3);
                assertThat(cli.vault(dir, lines(PASSWORD), "list").code()).isZero();
                assertThat(cli.vault(dir, lines(PASSWORD, KEY_2, SECRET_2), "rotate", "--id", m.group(1),
                        "--api-url", binance.url()).code()).isZero();
                assertThat(cli.vault(dir, lines(PASSWORD), "remove", "--id", m.group(1)).code()).isZero();
                assertThat(cli.vault(dir, lines("wrong " + PASSWORD), "list").code()).isEqualTo(1);
                assertThat(cli.vault(dir, lines(PASSWORD, NEW_PASSWORD, NEW_PASSWORD), "change-password").code()).isZero();
                assertThat(cli.vault(dir, lines(NEW_PASSWORD), "list").code()).isZero();
            }

            VaultCliFixture.Run paper = cli.run("", "paper", "--replay", SharedData.btc1m().toString(),
                    "--data-dir", dir.toString(), "--duration", "3s");
            assertThat(paper.code()).as(paper.all()).isZero();
            assertThat(paper.out()).contains("bars:");
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
            ctx.reset();
            new ContextInitializer(ctx).autoConfig();
        }

        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(Files::isRegularFile).toList();
        }
        assertThat(files).extracting(p -> dir.relativize(p).toString().replace('\\', '/'))
                .contains("vault.pnv", "vault.pnv.bak", "history.mv.db", "logs/pennant.log")
                .anyMatch(n -> n.startsWith("audit/audit-"));
        assertThat(Files.readString(dir.resolve("logs/pennant.log"))).contains("audit: KEY_ADDED").contains("main spot");

        // the H2 file stores pages compressed (COMPRESS=TRUE, decision 0012), so its raw bytes prove nothing: dump every
        // row to plain SQL with H2's SCRIPT and scan that too; control: the dump holds the audit rows in clear
        Path dump = scratch.resolve("history-dump.sql");
        try (var c = java.sql.DriverManager.getConnection("jdbc:h2:file:" + dir.toAbsolutePath().resolve("history")
               , "pennant", ""); var st = c.createStatement()) {
            st.execute("SCRIPT TO '" + dump.toAbsolutePath().toString().replace("'", "''") + "'");
        }
        byte[] dumped = Files.readAllBytes(dump);
        assertThat(indexOf(dumped, "main spot".getBytes(StandardCharsets.UTF_8))).isNotNegative();
        List<String> dumpLeaks = new ArrayList<>();
        scan("history database dump (SQL)", dumped, dumpLeaks);
        assertThat(dumpLeaks).isEmpty();
        List<String> control = new ArrayList<>();
        scan("control", ("x" + SECRET_1 + "x").getBytes(StandardCharsets.UTF_16LE), control);
        assertThat(control).isNotEmpty();

        List<String> leaks = new ArrayList<>();
        for (Path f : files) {
            scan(dir.relativize(f).toString(), Files.readAllBytes(f), leaks);
        }
        scan("console", console.toByteArray(), leaks);
        for (VaultCliFixture.Run r : cli.runs) {
            scan("command output", r.all().getBytes(StandardCharsets.UTF_8), leaks);
        }
        assertThat(leaks).isEmpty();
    }

    private static void scan(String where, byte[] data, List<String> leaks) {
        for (String secret : SECRETS) {
            for (Charset cs : List.of(StandardCharsets.UTF_8, StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE)) {
                if (indexOf(data, secret.getBytes(cs)) >= 0) {
                    leaks.add(where + " contains a test secret (" + cs + ", " + secret.length() + " chars)");
                }
            }
        }
    }

    static int indexOf(byte[] data, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= data.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (data[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** The app's pennant-logback.xml, logging into {@code logs}, with Pennant's own loggers at DEBUG. */
    private static void productionLogging(LoggerContext ctx, Path logs) throws Exception {
        System.setProperty("pennant.log.dir", logs.toString());
        try {
            ctx.reset();
            JoranConfigurator jc = new JoranConfigurator();
            jc.setContext(ctx);
            jc.doConfigure(VaultSecretsNeverLeakTest.class.getResource("/pennant-logback.xml"));
            ctx.getLogger("dev.pennant").setLevel(Level.DEBUG);
        } finally {
            System.clearProperty("pennant.log.dir");
        }
    }
}
