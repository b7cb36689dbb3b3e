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

import dev.pennant.core.persistence.H2AuditSink;
import dev.pennant.core.vault.AuditEventType;
import dev.pennant.core.vault.AuditRecord;
import dev.pennant.core.vault.DailyFileAuditSink;
import dev.pennant.core.vault.EntryInfo;
import dev.pennant.core.vault.KdfParams;
import dev.pennant.core.vault.KdfPolicy;
import dev.pennant.core.vault.UnlockedVault;
import dev.pennant.core.vault.VaultException;
import dev.pennant.core.vault.VaultFile;
import dev.pennant.core.vault.VaultOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VaultCommandTest {
    private static final Pattern ID = Pattern.compile("(?:Added|new entry) ([0-9a-f-]{36})");
    private static final VaultOptions WEAK = VaultOptions.defaults()
            .withPolicy(new KdfPolicy(KdfParams.MINIMUM, KdfPolicy.DEFAULT_CEILING));

    @TempDir
    Path dir;

    private final VaultCliFixture cli = new VaultCliFixture();

    static String id(VaultCliFixture.Run r) {
        Matcher m = ID.matcher(r.out());
        assertThat(m.find()).as("id in %s", r.out()).isTrue();
        return m.group(1);
    }

    @Test
    void initAddListRotateRemoveChangePassword() throws Exception {
        try (VaultCliFixture.FakeRestrictions binance = new VaultCliFixture.FakeRestrictions()) {
            binance.secrets.put(KEY_1, SECRET_1);
            binance.secrets.put(KEY_2, SECRET_2);

            VaultCliFixture.Run init = cli.init(dir);
            assertThat(init.code()).as(init.all()).isZero();
            assertThat(init.out()).contains("Created").contains("measured unlock time:");
            assertThat(VaultFile.exists(VaultFile.defaultPath(dir))).isTrue();

            VaultCliFixture.Run add = cli.vault(dir, lines(PASSWORD, KEY_1, SECRET_1), "add", "--label", "main spot",
                    "--kind", "BINANCE_SPOT", "--notes", "sub-account 1", "--api-url", binance.url());
            assertThat(add.code()).as(add.all()).isZero();
            assertThat(binance.requests).isEqualTo(1);
            assertThat(add.err()).contains("!!! WARNING: WITHDRAWALS ARE ENABLED").contains("!!! WARNING: NO IP WHITELIST");
            String perms = "reading, spot & margin trading; withdrawals ENABLED; NOT IP-restricted";
            assertThat(add.out()).contains("Permissions: " + perms);
            String oldId = id(add);

            VaultCliFixture.Run llm = cli.vault(dir, lines(PASSWORD, LLM_SECRET), "add", "--label", "openai",
                    "--kind", "llm");
            assertThat(llm.code()).as(llm.all()).isZero();
            String llmId = id(llm);

            try (UnlockedVault v = VaultFile.unlock(VaultFile.defaultPath(dir), PASSWORD.toCharArray(), WEAK)) {
                EntryInfo e = v.entry(oldId).orElseThrow();
                assertThat(e.permissionsNotes()).isEqualTo(perms);
                assertThat(e.notes()).isEqualTo("sub-account 1");
                assertThat(new String(v.apiKey(oldId))).isEqualTo(KEY_1);
                assertThat(new String(v.secret(oldId))).isEqualTo(SECRET_1);
                assertThat(new String(v.secret(llmId))).isEqualTo(LLM_SECRET);
                assertThat(v.entry(llmId).orElseThrow().hasApiKey()).isFalse();
            }

            VaultCliFixture.Run list = cli.vault(dir, lines(PASSWORD), "list");
            assertThat(list.code()).as(list.all()).isZero();
            assertThat(list.out()).contains(oldId, "main spot", "BINANCE_SPOT", "MAINNET", perms, "sub-account 1",
                    "openai", "LLM", "secret ****");
            assertThat(list.all()).doesNotContain(KEY_1, SECRET_1, LLM_SECRET, PASSWORD);

            binance.body = VaultCliFixture.SAFE;
            VaultCliFixture.Run rotate = cli.vault(dir, lines(PASSWORD, KEY_2, SECRET_2), "rotate", "--id", oldId,
                    "--api-url", binance.url());
            assertThat(rotate.code()).as(rotate.all()).isZero();
            assertThat(rotate.err()).doesNotContain("!!! WARNING");
            String newId = id(rotate);
            assertThat(rotate.out()).contains("retired");
            try (UnlockedVault v = VaultFile.unlock(VaultFile.defaultPath(dir), PASSWORD.toCharArray(), WEAK)) {
                assertThat(v.entry(oldId).orElseThrow().active()).isFalse();
                assertThat(v.entry(newId).orElseThrow().label()).isEqualTo("main spot");
                assertThat(v.entry(newId).orElseThrow().permissionsNotes()).contains("withdrawals disabled; IP-restricted");
                assertThat(new String(v.secret(newId))).isEqualTo(SECRET_2);
            }

            VaultCliFixture.Run remove = cli.vault(dir, lines(PASSWORD), "remove", "--id", oldId);
            assertThat(remove.code()).as(remove.all()).isZero();
            VaultCliFixture.Run list2 = cli.vault(dir, lines(PASSWORD), "list");
            assertThat(list2.out()).doesNotContain(oldId).contains(newId);

            VaultCliFixture.Run change = cli.vault(dir, lines(PASSWORD, NEW_PASSWORD, NEW_PASSWORD), "change-password");
            assertThat(change.code()).as(change.all()).isZero();
            assertThat(cli.vault(dir, lines(NEW_PASSWORD), "list").code()).isZero();
            VaultCliFixture.Run old = cli.vault(dir, lines(PASSWORD), "list");
            assertThat(old.code()).isEqualTo(1);
            assertThat(old.err()).contains("wrong password");

            // audit: the daily file and the H2 mirror hold the same verified chain
            DailyFileAuditSink files = new DailyFileAuditSink(dir.resolve("audit"));
            assertThat(files.verify().ok()).as("%s", files.verify().problems()).isTrue();
            try (H2AuditSink h2 = H2AuditSink.open(dir)) {
                assertThat(h2.verify().ok()).as("%s", h2.verify().problems()).isTrue();
                assertThat(h2.verify().records()).isEqualTo(files.verify().records());
                assertThat(h2.records()).extracting(AuditRecord::type).contains(AuditEventType.VAULT_CREATED,
                        AuditEventType.VAULT_UNLOCKED, AuditEventType.VAULT_LOCKED, AuditEventType.KEY_ADDED,
                        AuditEventType.KEY_HYGIENE_WARNING, AuditEventType.KEY_ROTATED, AuditEventType.KEY_REMOVED,
                        AuditEventType.VAULT_PASSWORD_CHANGED, AuditEventType.VAULT_UNLOCK_FAILED);
            }
        }
    }

    @Test
    void exportThenImportIntoAnotherVaultCarriesTheEntries() throws Exception {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        assertThat(cli.init(a).code()).isZero();
        assertThat(cli.init(b).code()).isZero();
        VaultCliFixture.Run add = cli.vault(a, lines(PASSWORD, LLM_SECRET), "add", "--label", "openai", "--kind", "llm");
        assertThat(add.code()).as(add.all()).isZero();
        String id = id(add);

        Path backup = dir.resolve("backup.pnv");
        String backupPassword = "backup pass phrase not real";
        VaultCliFixture.Run export = cli.vault(a, lines(PASSWORD, backupPassword, backupPassword), "export", "--to",
                backup.toString());
        assertThat(export.code()).as(export.all()).isZero();
        assertThat(export.out()).contains("Exported 1 entries");
        assertThat(new String(java.nio.file.Files.readAllBytes(backup), java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain(LLM_SECRET);

        VaultCliFixture.Run wrong = cli.vault(b, lines(PASSWORD, "not the backup password"), "import", "--from",
                backup.toString());
        assertThat(wrong.code()).isEqualTo(1);
        assertThat(wrong.err()).contains("wrong password");

        VaultCliFixture.Run imported = cli.vault(b, lines(PASSWORD, backupPassword), "import", "--from", backup.toString());
        assertThat(imported.code()).as(imported.all()).isZero();
        assertThat(imported.out()).contains("Imported 1 new entry");
        try (UnlockedVault v = VaultFile.unlock(VaultFile.defaultPath(b), PASSWORD.toCharArray(), WEAK)) {
            assertThat(new String(v.secret(id))).isEqualTo(LLM_SECRET);
        }
        assertThat(imported.all() + export.all()).doesNotContain(LLM_SECRET, backupPassword, PASSWORD);
    }

    @Test
    void wrongPasswordOrTamperedFileFailsClearlyAndChangesNothing() throws Exception {
        assertThat(cli.init(dir).code()).isZero();
        assertThat(cli.vault(dir, lines(PASSWORD, LLM_SECRET), "add", "--label", "x", "--kind", "OTHER").code()).isZero();
        Path file = VaultFile.defaultPath(dir);
        byte[] before = Files.readAllBytes(file);
        byte[] backup = Files.readAllBytes(VaultFile.backupPath(file));

        for (String[] cmd : new String[][] {{"list"}, {"remove", "--id", "00000000-0000-0000-0000-000000000000"},
                {"add", "--label", "y", "--kind", "OTHER"}, {"change-password"}}) {
            String[] extra = java.util.Arrays.copyOfRange(cmd, 1, cmd.length);
            VaultCliFixture.Run r = cli.vault(dir, lines("not the password", "v", "v", "v"), cmd[0], extra);
            assertThat(r.code()).as(String.join(" ", cmd)).isEqualTo(1);
            assertThat(r.err()).contains("error:").contains("wrong password").contains(file.toString());
        }
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        assertThat(Files.readAllBytes(VaultFile.backupPath(file))).isEqualTo(backup);

        byte[] tampered = before.clone();
        tampered[before.length - 20] ^= 0x01;
        Files.write(file, tampered);
        VaultCliFixture.Run r = cli.vault(dir, lines(PASSWORD), "list");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("error:").contains("file was modified").contains(".bak");
        assertThat(Files.readAllBytes(file)).isEqualTo(tampered);

        Files.write(file, new byte[] {(byte) 0x89, 'P', 'N', 'V', 0, 9});
        r = cli.vault(dir, lines(PASSWORD), "list");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).containsIgnoringCase("version");
    }

    @Test
    void rejectedKeyIsNotStoredUnlessNoCheck() throws Exception {
        try (VaultCliFixture.FakeRestrictions binance = new VaultCliFixture.FakeRestrictions()) {
            binance.secrets.put(KEY_1, SECRET_1);
            assertThat(cli.init(dir).code()).isZero();
            // unknown key → -2015
            VaultCliFixture.Run r = cli.vault(dir, lines(PASSWORD, KEY_2, SECRET_2), "add", "--label", "bad",
                    "--kind", "BINANCE_FUTURES", "--api-url", binance.url());
            assertThat(r.code()).as(r.all()).isEqualTo(3);
            assertThat(r.err()).contains("-2015").contains("NOT stored");
            // right key, wrong secret → bad signature
            r = cli.vault(dir, lines(PASSWORD, KEY_1, SECRET_2), "add", "--label", "bad",
                    "--kind", "BINANCE_SPOT", "--api-url", binance.url());
            assertThat(r.code()).isEqualTo(3);
            assertThat(r.err()).contains("-1022").contains("NOT stored");
            // nothing listens → network error
            binance.close();
            r = cli.vault(dir, lines(PASSWORD, KEY_1, SECRET_1), "add", "--label", "bad",
                    "--kind", "BINANCE_SPOT", "--api-url", binance.url());
            assertThat(r.code()).isEqualTo(3);
            assertThat(r.err()).contains("could not reach").contains("NOT stored");
            try (UnlockedVault v = VaultFile.unlock(VaultFile.defaultPath(dir), PASSWORD.toCharArray(), WEAK)) {
                assertThat(v.entries()).isEmpty();
            }
            r = cli.vault(dir, lines(PASSWORD, KEY_2, SECRET_2), "add", "--label", "unchecked",
                    "--kind", "BINANCE_SPOT", "--no-check", "--api-url", binance.url());
            assertThat(r.code()).as(r.all()).isZero();
            try (UnlockedVault v = VaultFile.unlock(VaultFile.defaultPath(dir), PASSWORD.toCharArray(), WEAK)) {
                assertThat(v.entries()).singleElement().extracting(EntryInfo::permissionsNotes)
                        .isEqualTo("not checked (--no-check)");
            }
            assertThat(cli.runs).allSatisfy(run -> assertThat(run.all()).doesNotContain(SECRET_1, SECRET_2, KEY_1, KEY_2));
        }
    }

    @Test
    void inputProblemsAreReportedAndNothingIsWritten() throws VaultException {
        VaultCliFixture.Run r = cli.vault(dir, lines(PASSWORD, "something else"), "init", "--kdf-memory", "64",
                "--kdf-iterations", "1");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("do not match");
        assertThat(VaultFile.exists(VaultFile.defaultPath(dir))).isFalse();

        r = cli.vault(dir, lines(PASSWORD), "list");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("no vault at").contains("vault init");

        assertThat(cli.init(dir).code()).isZero();
        r = cli.init(dir);
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("already exists");

        r = cli.vault(dir, lines(PASSWORD, KEY_1), "add", "--label", "x", "--kind", "BINANCE_SPOT", "--no-check");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("API secret").contains("standard input ended");

        // production floor: weak parameters are refused without the test-only flag
        r = cli.run(lines(PASSWORD, PASSWORD), "vault", "init", "--data-dir", dir.resolve("other").toString(),
                "--kdf-memory", "64", "--kdf-iterations", "1");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("error:");
        assertThat(VaultFile.exists(VaultFile.defaultPath(dir.resolve("other")))).isFalse();
        try (UnlockedVault v = VaultFile.unlock(VaultFile.defaultPath(dir), PASSWORD.toCharArray(), WEAK)) {
            assertThat(v.entries()).isEmpty();
        }
    }
}
