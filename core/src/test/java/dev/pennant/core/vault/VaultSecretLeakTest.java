package dev.pennant.core.vault;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** A full session with every vault feature at DEBUG: no secret in any log line, exception message or file in clear. */
class VaultSecretLeakTest {
    static final String MASTER = "master-pw-not-real-Q1w2";
    static final String NEW_MASTER = "new-master-pw-not-real-E3r4";
    static final String BACKUP_PW = "backup-pw-not-real-T5y6";
    static final String KEY = "test-key-not-real-LEAKCHECK-1";
    static final String SECRET = "test-secret-not-real-LEAKCHECK-2";
    static final String TG = "123456:test-telegram-token-not-real";

    @TempDir
    Path dataDir;
    ListAppender<ILoggingEvent> appender;
    Logger root;
    Level rootLevel;
    final List<String> exceptionTexts = new ArrayList<>();

    @BeforeEach
    void attach() {
        root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        rootLevel = root.getLevel();
        root.setLevel(Level.DEBUG);
        appender = new ListAppender<>();
        appender.start();
        root.addAppender(appender);
    }

    @AfterEach
    void detach() {
        root.detachAppender(appender);
        root.setLevel(rootLevel);
    }

    private void expectFailure(ThrowingRunnable r) {
        try {
            r.run();
            throw new AssertionError("expected a failure");
        } catch (Exception e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                exceptionTexts.add(t.toString());
            }
        }
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Test
    void noSecretAnywhere() throws Exception {
        AuditLog audit = AuditLog.daily(dataDir);
        VaultOptions o = TestVaults.options().withAudit(audit);
        Path file = VaultFile.defaultPath(dataDir);
        String id;
        try (UnlockedVault v = VaultFile.create(file, MASTER.toCharArray(), TestVaults.FAST, o);
             NewEntry e = NewEntry.builder("spot", EntryKind.BINANCE_SPOT).apiKey(KEY.toCharArray()).secret(SECRET.toCharArray()).build();
             NewEntry t = NewEntry.builder("telegram", EntryKind.TELEGRAM).secret(TG.toCharArray()).build()) {
            id = v.put(e).id();
            v.put(t);
            exceptionTexts.add(e.toString());
            exceptionTexts.add(v.toString());
            exceptionTexts.add(v.entries().toString());
        }
        expectFailure(() -> VaultFile.unlock(file, SECRET.toCharArray(), o)); // a secret typed as password
        expectFailure(() -> VaultFile.create(file, MASTER.toCharArray(), TestVaults.FAST, o));
        try (UnlockedVault v = VaultFile.unlock(file, MASTER.toCharArray(), o);
             FakeBinance fake = new FakeBinance(KEY, SECRET, VaultKeyHygieneTest.RISKY)) {
            char[] k = v.apiKey(id);
            char[] s = v.secret(id);
            ApiRestrictionsClient client = new ApiRestrictionsClient(fake.baseUrl());
            ApiKeyRestrictions r = client.fetch(k, s);
            KeyHygiene.log("spot", KeyHygiene.assess(r));
            fake.echoKeyInErrors = true;
            expectFailure(() -> client.fetch(SECRET.toCharArray(), KEY.toCharArray())); // swapped key and secret
            expectFailure(() -> client.fetch(k, "test-wrong-secret".toCharArray()));
            java.util.Arrays.fill(k, '\0');
            java.util.Arrays.fill(s, '\0');
            expectFailure(() -> v.changePassword(SECRET.toCharArray(), NEW_MASTER.toCharArray()));
            expectFailure(() -> v.secret("no-such-id"));
            v.exportBackup(dataDir.resolve("backup.pnv"), BACKUP_PW.toCharArray());
            expectFailure(() -> v.importBackup(dataDir.resolve("backup.pnv"), MASTER.toCharArray()));
            v.changePassword(MASTER.toCharArray(), NEW_MASTER.toCharArray());
        }
        Files.write(dataDir.resolve("broken.pnv"), new byte[]{(byte) 0x89, 'P', 'N', 'V', 0, 9});
        expectFailure(() -> VaultFile.unlock(dataDir.resolve("broken.pnv"), MASTER.toCharArray(), o));

        List<String> texts = new ArrayList<>(exceptionTexts);
        for (ILoggingEvent ev : appender.list) {
            texts.add(ev.getFormattedMessage());
            IThrowableProxy tp = ev.getThrowableProxy();
            if (tp != null) {
                texts.add(ThrowableProxyUtil.asString(tp));
            }
        }
        assertThat(appender.list).as("the session did log something").isNotEmpty();
        try (Stream<Path> files = Files.walk(dataDir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                texts.add(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)); // vault, .bak, backup, audit
            }
        }
        for (String text : texts) {
            for (String secret : List.of(MASTER, NEW_MASTER, BACKUP_PW, KEY, SECRET, TG, "test-wrong-secret", "signature=")) {
                assertThat(text).as("leak of a secret").doesNotContain(secret);
            }
        }
    }
}
