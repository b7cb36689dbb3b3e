package dev.pennant.core.vault;

import static dev.pennant.core.vault.TestVaults.options;
import static dev.pennant.core.vault.TestVaults.pw;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import dev.pennant.core.testkit.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A crash or a failing disk during a write never destroys the vault or its backup. */
class VaultCrashTest {
    @TempDir
    Path dir;

    private static List<Path> temps(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"afterTemp", "beforeRename"})
    void failureDuringWriteLeavesVaultAndBackupIntact(String point) throws Exception {
        Path file = TestVaults.sampleVault(dir);
        byte[] before = Files.readAllBytes(file);
        VaultIo.WriteHook failing = new VaultIo.WriteHook() {
            @Override
            public void afterTempWritten(Path temp) throws IOException {
                if (point.equals("afterTemp")) {
                    throw new IOException("No space left on device (simulated)");
                }
            }

            @Override
            public void beforeRename(Path temp, Path target) throws IOException {
                if (point.equals("beforeRename")) {
                    throw new IOException("No space left on device (simulated)");
                }
            }
        };
        try (UnlockedVault v = VaultFile.unlock(file, pw(), options().withWriteHook(failing));
             NewEntry e = TestVaults.binanceSpot("lost")) {
            assertThatThrownBy(() -> v.put(e)).isInstanceOfSatisfying(VaultException.class,
                    ex -> assertThat(ex.reason()).isEqualTo(VaultException.Reason.IO_ERROR));
            assertThat(v.entries()).hasSize(2); // in-memory view not changed either
        }
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        assertThat(temps(dir)).isEmpty();
        try (UnlockedVault v = VaultFile.unlock(file, pw(), options())) {
            assertThat(v.entries()).hasSize(2);
        }
        try (UnlockedVault v = VaultFile.unlock(VaultFile.backupPath(file), pw(), options())) {
            assertThat(v.entries()).isNotEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"afterTemp", "beforeRename"})
    void killedWriterProcess(String point) throws Exception {
        Path file = TestVaults.sampleVault(dir);
        byte[] before = Files.readAllBytes(file);
        Process p = ChildJvm.start(CrashChildMain.class, dir.resolve("child.out"), file.toString(), point);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("child finished").isTrue();
        assertThat(p.exitValue()).as("child halted at " + point + ": " + Files.readString(dir.resolve("child.out")))
                .isEqualTo(137);

        assertThat(temps(dir)).as("the killed writer left its temp file").isNotEmpty();
        assertThat(Files.readAllBytes(file)).as("vault untouched").isEqualTo(before);
        try (UnlockedVault v = VaultFile.unlock(file, pw(), options())) {
            assertThat(v.entries()).extracting(EntryInfo::label).doesNotContain("never committed").hasSize(2);
            try (NewEntry e = TestVaults.binanceSpot("after crash")) {
                v.put(e); // the next write cleans the stale temp files
            }
        }
        assertThat(temps(dir)).isEmpty();
        try (UnlockedVault v = VaultFile.unlock(VaultFile.backupPath(file), pw(), options())) {
            assertThat(v.entries()).hasSize(2);
        }
    }

    @Test
    void strayTempFilesDoNotDisturbUnlock() throws Exception {
        Path file = TestVaults.sampleVault(dir);
        Files.write(dir.resolve("vault.pnv.123456.tmp"), new byte[]{1, 2, 3});
        Files.write(dir.resolve("vault.pnv.bak.987.tmp"), Files.readAllBytes(file), java.nio.file.StandardOpenOption.CREATE);
        try (UnlockedVault v = VaultFile.unlock(file, pw(), options())) {
            assertThat(v.entries()).hasSize(2);
            v.remove(v.entries().getFirst().id());
        }
        assertThat(temps(dir)).isEmpty();
        assertThat(new File(dir.toFile(), "vault.pnv.lock")).exists();
    }
}
