package dev.pennant.core.vault;

import static dev.pennant.core.vault.TestVaults.FAST;
import static dev.pennant.core.vault.TestVaults.options;
import static dev.pennant.core.vault.TestVaults.pw;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pennant.core.vault.VaultException.Reason;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VaultFileTest {
    @TempDir
    Path dir;

    @Test
    void roundTrip() throws Exception {
        Path file = VaultFile.defaultPath(dir);
        String id;
        try (UnlockedVault v = VaultFile.create(file, pw(), FAST, options()); NewEntry e = TestVaults.binanceSpot("spot main")) {
            id = v.put(e).id();
            assertThat(v.entries()).hasSize(1);
        }
        try (UnlockedVault v = VaultFile.unlock(file, pw(), options())) {
            List<EntryInfo> entries = v.entries();
            assertThat(entries).singleElement().satisfies(i -> {
                assertThat(i.id()).isEqualTo(id);
                assertThat(i.label()).isEqualTo("spot main");
                assertThat(i.kind()).isEqualTo(EntryKind.BINANCE_SPOT);
                assertThat(i.environment()).isEqualTo(KeyEnvironment.TESTNET);
                assertThat(i.notes()).isEqualTo("fake key for tests");
                assertThat(i.permissionsNotes()).isEqualTo("reading, spot");
                assertThat(i.hasApiKey()).isTrue();
                assertThat(i.hasSecret()).isTrue();
                assertThat(i.active()).isTrue();
            });
            assertThat(v.apiKey(id)).containsExactly(TestVaults.API_KEY.toCharArray());
            assertThat(v.secret(id)).containsExactly(TestVaults.SECRET.toCharArray());
            assertThat(v.upgradedOnUnlock()).isFalse();
        }
        assertThat(Files.readString(file, java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain(TestVaults.SECRET).doesNotContain(TestVaults.API_KEY).doesNotContain("spot main");
    }

    @Test
    void unicodeSecretsSurvive() throws Exception {
        Path file = VaultFile.defaultPath(dir);
        char[] s = "pässwörd-ключ-🔑-not-real".toCharArray();
        try (UnlockedVault v = VaultFile.create(file, "mäster-🔒".toCharArray(), FAST, options());
             NewEntry e = NewEntry.builder("smtp", EntryKind.SMTP).secret(s).build()) {
            v.put(e);
        }
        try (UnlockedVault v = VaultFile.unlock(file, "mäster-🔒".toCharArray(), options())) {
            assertThat(v.secret(v.entries().getFirst().id())).containsExactly(s);
        }
    }

    @Test
    void eachWriteUsesAFreshNonce() throws Exception {
        Path file = VaultFile.defaultPath(dir);
        try (UnlockedVault v = VaultFile.create(file, pw(), FAST, options())) {
            byte[] n1 = nonce(Files.readAllBytes(file));
            try (NewEntry e = TestVaults.binanceSpot("a")) {
                v.put(e);
            }
            byte[] n2 = nonce(Files.readAllBytes(file));
            assertThat(n2).isNotEqualTo(n1);
        }
    }

    private static byte[] nonce(byte[] f) {
        return java.util.Arrays.copyOfRange(f, VaultHeader.OFF_NONCE, VaultHeader.OFF_NONCE + 12);
    }

    @Test
    void wrongPasswordIsAClearErrorAndChangesNothing() throws Exception {
        Path file = TestVaults.sampleVault(dir);
        byte[] before = Files.readAllBytes(file);
        assertThatThrownBy(() -> VaultFile.unlock(file, "wrong password".toCharArray(), options()))
                .isInstanceOfSatisfying(VaultException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.WRONG_PASSWORD_OR_TAMPERED);
                    assertThat(e.getMessage()).contains("wrong password").contains("cannot tell")
                            .doesNotContain("wrong password".repeat(2));
                });
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
    }

    @Test
    void createNeverOverwrites() throws Exception {
        Path file = TestVaults.sampleVault(dir);
        byte[] before = Files.readAllBytes(file);
        assertThatThrownBy(() -> VaultFile.create(file, pw(), FAST, options()))
                .isInstanceOfSatisfying(VaultException.class, e -> assertThat(e.reason()).isEqualTo(Reason.ALREADY_EXISTS));
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
    }

    @Test
    void missingFileAndEmptyPassword() {
        assertThatThrownBy(() -> VaultFile.unlock(dir.resolve("none.pnv"), pw(), options()))
                .isInstanceOfSatisfying(VaultException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND));
        assertThatThrownBy(() -> VaultFile.create(dir.resolve("v.pnv"), new char[0], FAST, options()))
                .isInstanceOfSatisfying(VaultException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_ARGUMENT));
        assertThatThrownBy(() -> VaultFile.create(dir.resolve("v.pnv"), pw(), KdfParams.MINIMUM, options()))
                .isInstanceOfSatisfying(VaultException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_ARGUMENT));
        assertThat(dir.resolve("v.pnv")).doesNotExist();
    }

    @Test
    void removeRotateAndBackupFile() throws Exception {
        Path file = TestVaults.sampleVault(dir);
        try (UnlockedVault v = VaultFile.unlock(file, pw(), options())) {
            EntryInfo spot = v.entries().getFirst();
            EntryInfo llm = v.entries().get(1);
            EntryInfo fresh;
            try (NewEntry n = NewEntry.builder("spot main v2", EntryKind.BINANCE_SPOT)
                    .apiKey("test-key-not-real-v2".toCharArray()).secret("test-secret-not-real-v2".toCharArray()).build()) {
                fresh = v.rotate(spot.id(), n);
            }
            assertThat(v.entry(spot.id()).orElseThrow().active()).isFalse();
            assertThat(v.activeEntries()).extracting(EntryInfo::id).containsExactly(llm.id(), fresh.id());
            assertThatThrownBy(() -> v.rotate(spot.id(), TestVaults.binanceSpot("x")))
                    .isInstanceOfSatisfying(VaultException.class, e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_ARGUMENT));
            v.remove(llm.id());
            assertThat(v.entries()).extracting(EntryInfo::id).containsExactly(spot.id(), fresh.id());
            assertThatThrownBy(() -> v.secret(llm.id()))
                    .isInstanceOfSatisfying(VaultException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NO_SUCH_ENTRY));
        }
        // the .bak holds the previous version and unlocks with the same password
        try (UnlockedVault bak = VaultFile.unlock(VaultFile.backupPath(file), pw(), options())) {
            assertThat(bak.entries()).hasSize(3);
        }
    }

    @Test
    void changePassword() throws Exception {
        Path file = TestVaults.sampleVault(dir);
        char[] newPw = "new test password".toCharArray();
        try (UnlockedVault v = VaultFile.unlock(file, pw(), options())) {
            assertThatThrownBy(() -> v.changePassword("not it".toCharArray(), newPw))
                    .isInstanceOfSatisfying(VaultException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.WRONG_PASSWORD_OR_TAMPERED));
            v.changePassword(pw(), newPw);
            // still usable after re-keying
            try (NewEntry e = TestVaults.binanceSpot("after change")) {
                v.put(e);
            }
        }
        assertThatThrownBy(() -> VaultFile.unlock(file, pw(), options())).isInstanceOf(VaultException.class);
        try (UnlockedVault v = VaultFile.unlock(file, newPw, options())) {
            assertThat(v.entries()).hasSize(3);
        }
        // the old password opens nothing in the data directory any more
        assertThatThrownBy(() -> VaultFile.unlock(VaultFile.backupPath(file), pw(), options())).isInstanceOf(VaultException.class);
    }

    @Test
    void exportAndImportBackup() throws Exception {
        Path file = TestVaults.sampleVault(dir);
        Path export = dir.resolve("exports/backup-1.pnv");
        char[] backupPw = "backup password (test)".toCharArray();
        try (UnlockedVault v = VaultFile.unlock(file, pw(), options())) {
            v.exportBackup(export, backupPw);
            assertThatThrownBy(() -> v.exportBackup(file, backupPw)).isInstanceOf(VaultException.class);
        }
        try (UnlockedVault b = VaultFile.unlock(export, backupPw, options())) {
            assertThat(b.entries()).hasSize(2);
        }
        Path other = dir.resolve("other/vault.pnv");
        try (UnlockedVault v = VaultFile.create(other, "other pw".toCharArray(), FAST, options())) {
            assertThatThrownBy(() -> v.importBackup(export, "bad".toCharArray()))
                    .isInstanceOfSatisfying(VaultException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.WRONG_PASSWORD_OR_TAMPERED));
            assertThat(v.importBackup(export, backupPw)).isEqualTo(2);
            assertThat(v.importBackup(export, backupPw)).isZero();
            String id = v.entries().getFirst().id();
            assertThat(v.secret(id)).containsExactly(TestVaults.SECRET.toCharArray());
        }
    }

    @Test
    void lockWipesAndRefuses() throws Exception {
        Path file = TestVaults.sampleVault(dir);
        UnlockedVault v = VaultFile.unlock(file, pw(), options());
        String id = v.entries().getFirst().id();
        int[] calls = {0};
        v.onLock(() -> calls[0]++);
        v.lock();
        v.lock();
        assertThat(calls[0]).isEqualTo(1);
        assertThat(v.isLocked()).isTrue();
        assertThat(v.toString()).contains("locked");
        assertThatThrownBy(() -> v.secret(id))
                .isInstanceOfSatisfying(VaultException.class, e -> assertThat(e.reason()).isEqualTo(Reason.LOCKED));
        assertThatThrownBy(v::entries).isInstanceOf(VaultException.class);
    }

    @Test
    void secondInstanceSeesReKeyAsChangedExternally() throws Exception {
        Path file = TestVaults.sampleVault(dir);
        try (UnlockedVault a = VaultFile.unlock(file, pw(), options());
             UnlockedVault b = VaultFile.unlock(file, pw(), options())) {
            a.changePassword(pw(), "another test pw".toCharArray());
            assertThatThrownBy(() -> b.put(TestVaults.binanceSpot("x")))
                    .isInstanceOfSatisfying(VaultException.class,
                            e -> assertThat(e.reason()).isEqualTo(Reason.CHANGED_EXTERNALLY));
        }
    }

    @Test
    void argon2ParametersAreUpgradedOnUnlock() throws Exception {
        Path file = TestVaults.sampleVault(dir); // written with FAST (64 KiB, 1 pass)
        assertThat(VaultFile.storedParams(file)).isEqualTo(FAST);
        KdfParams stronger = new KdfParams(256, 2, 1);
        VaultOptions strict = VaultOptions.defaults().withPolicy(new KdfPolicy(stronger, TestVaults.CEILING));
        try (UnlockedVault v = VaultFile.unlock(file, pw(), strict)) {
            assertThat(v.upgradedOnUnlock()).isTrue();
            assertThat(v.kdfParams()).isEqualTo(stronger);
            assertThat(v.entries()).hasSize(2);
            try (NewEntry e = TestVaults.binanceSpot("after upgrade")) {
                v.put(e); // the new key is in use
            }
        }
        assertThat(VaultFile.storedParams(file)).isEqualTo(stronger);
        try (UnlockedVault v = VaultFile.unlock(file, pw(), strict)) {
            assertThat(v.upgradedOnUnlock()).isFalse();
            assertThat(v.entries()).hasSize(3);
        }
        // a stored file stronger than the policy is never downgraded
        try (UnlockedVault v = VaultFile.unlock(file, pw(), options())) {
            assertThat(v.upgradedOnUnlock()).isFalse();
            assertThat(v.kdfParams()).isEqualTo(stronger);
        }
    }

    @Test
    void toStringsMaskSecrets() throws Exception {
        NewEntry e = TestVaults.binanceSpot("spot");
        assertThat(e.toString()).doesNotContain(TestVaults.SECRET).doesNotContain(TestVaults.API_KEY).contains("****");
        Path file = TestVaults.sampleVault(dir);
        try (UnlockedVault v = VaultFile.unlock(file, pw(), options())) {
            assertThat(v.toString()).doesNotContain(TestVaults.PASSWORD);
            assertThat(v.entries().toString()).doesNotContain(TestVaults.SECRET).doesNotContain(TestVaults.API_KEY);
        }
        e.close();
        assertThat(e.secretChars()).containsOnly('\0');
    }
}
