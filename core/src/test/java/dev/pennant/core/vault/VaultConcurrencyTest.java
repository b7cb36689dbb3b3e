package dev.pennant.core.vault;

import static dev.pennant.core.vault.TestVaults.options;
import static dev.pennant.core.vault.TestVaults.pw;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import dev.pennant.core.testkit.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class VaultConcurrencyTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(60)
    void concurrentWritersLoseNoUpdateAndNeverCorrupt() throws Exception {
        Path file = VaultFile.defaultPath(dir);
        VaultFile.create(file, pw(), TestVaults.FAST, options()).lock();
        int threads = 6;
        int perThread = 8;
        UnlockedVault shared = VaultFile.unlock(file, pw(), options());
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int tt = t;
            futures.add(pool.submit(() -> {
                // even threads use their own UnlockedVault (like separate windows/processes), odd ones share one
                UnlockedVault v = tt % 2 == 0 ? VaultFile.unlock(file, pw(), options()) : shared;
                start.await();
                for (int i = 0; i < perThread; i++) {
                    try (NewEntry e = TestVaults.binanceSpot("t" + tt + "-" + i)) {
                        v.put(e);
                    }
                    // a reader in between must always see a consistent file
                    try (UnlockedVault r = VaultFile.unlock(file, pw(), options())) {
                        assertThat(r.entries()).isNotEmpty();
                    }
                }
                if (v != shared) {
                    v.lock();
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        shared.lock();
        try (UnlockedVault v = VaultFile.unlock(file, pw(), options())) {
            List<String> labels = v.entries().stream().map(EntryInfo::label).toList();
            assertThat(labels).hasSize(threads * perThread).doesNotHaveDuplicates();
            for (int t = 0; t < threads; t++) {
                for (int i = 0; i < perThread; i++) {
                    assertThat(labels).contains("t" + t + "-" + i);
                }
            }
            assertThat(v.entries().stream().map(EntryInfo::id).distinct().count()).isEqualTo(threads * perThread);
        }
        try (UnlockedVault b = VaultFile.unlock(VaultFile.backupPath(file), pw(), options())) {
            assertThat(b.entries()).hasSize(threads * perThread - 1);
        }
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("vault.pnv", "vault.pnv.bak", "vault.pnv.lock");
        }
    }

    @Test
    @Timeout(90)
    void concurrentWriterProcessesLoseNoUpdate() throws Exception {
        Path file = VaultFile.defaultPath(dir);
        VaultFile.create(file, pw(), TestVaults.FAST, options()).lock();
        int per = 40;
        List<Process> children = new ArrayList<>();
        for (String prefix : List.of("p1", "p2")) {
            children.add(ChildJvm.start(WriterChildMain.class, dir.resolve(prefix + ".out"),
                    file.toString(), prefix, Integer.toString(per)));
        }
        int parent = 0;
        try (UnlockedVault v = VaultFile.unlock(file, pw(), options())) {
            // keep writing while the children run, so all three processes contend for the lock
            while (parent < per || children.stream().anyMatch(Process::isAlive)) {
                try (NewEntry e = TestVaults.binanceSpot("parent-" + parent)) {
                    v.put(e);
                }
                parent++;
            }
        }
        for (Process p : children) {
            assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isZero();
        }
        try (UnlockedVault v = VaultFile.unlock(file, pw(), options())) {
            assertThat(v.entries()).hasSize(2 * per + parent).extracting(EntryInfo::label).doesNotHaveDuplicates()
                    .contains("p1-0", "p1-" + (per - 1), "p2-0", "p2-" + (per - 1), "parent-0", "parent-" + (parent - 1));
        }
    }
}
