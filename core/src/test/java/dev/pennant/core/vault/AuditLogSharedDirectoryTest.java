package dev.pennant.core.vault;

import dev.pennant.core.testkit.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several writers of one audit directory (the terminal and a {@code pennant vault} command at the same time): the
 * chain must stay one chain, with no record lost.
 */
class AuditLogSharedDirectoryTest {
    @TempDir
    Path dataDir;

    @Test
    void twoLogsOfOneDirectoryKeepOneChain() throws Exception {
        AuditLog a = AuditLog.daily(dataDir);
        AuditLog b = AuditLog.daily(dataDir); // opened before a writes: its remembered head goes stale at once
        a.record(AuditEventType.VAULT_UNLOCKED, Map.of("writer", "a-0"));
        b.record(AuditEventType.VAULT_LOCKED, Map.of("writer", "b-0"));
        a.record(AuditEventType.VAULT_UNLOCKED, Map.of("writer", "a-1"));
        AuditVerification v = a.verify();
        assertThat(v.problems()).isEmpty();
        assertThat(v.records()).isEqualTo(3);
    }

    @Test
    @Timeout(60)
    void threadsWritingThroughSeparateLogsKeepOneChain() throws Exception {
        int threads = 4;
        int per = 50;
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> ts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            AuditLog log = AuditLog.daily(dataDir);
            String prefix = "t" + t;
            ts.add(Thread.ofPlatform().start(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < per; i++) log.record(AuditEventType.VAULT_UNLOCKED, Map.of("writer", prefix + "-" + i));
            }));
        }
        go.countDown();
        for (Thread t : ts) t.join();
        AuditVerification v = AuditLog.daily(dataDir).verify();
        assertThat(v.problems()).isEmpty();
        assertThat(v.records()).isEqualTo(threads * per);
    }

    @Test
    @Timeout(120)
    void processesWritingOneDirectoryKeepOneChain() throws Exception {
        int per = 60;
        List<Process> children = new ArrayList<>();
        for (String prefix : List.of("p1", "p2")) {
            children.add(ChildJvm.start(AuditWriterChildMain.class, dataDir.resolve(prefix + ".out"),
                    dataDir.toString(), prefix, Integer.toString(per)));
        }
        AuditLog parent = AuditLog.daily(dataDir);
        int written = 0;
        // keep writing while the children run, so all three processes contend for the lock
        while (written < per || children.stream().anyMatch(Process::isAlive)) {
            parent.record(AuditEventType.VAULT_LOCKED, Map.of("writer", "parent-" + written));
            written++;
        }
        for (Process p : children) {
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(Files.readString(dataDir.resolve("p1.out"))).isZero();
        }
        AuditVerification v = AuditLog.daily(dataDir).verify();
        assertThat(v.problems()).isEmpty();
        assertThat(v.records()).isEqualTo(2L * per + written);
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.list(dataDir.resolve("audit"))) {
            for (Path f : files.filter(f -> f.getFileName().toString().endsWith(".log")).toList()) {
                lines.addAll(Files.readAllLines(f, StandardCharsets.UTF_8));
            }
        }
        assertThat(lines).anyMatch(l -> l.contains("p1-" + (per - 1))).anyMatch(l -> l.contains("p2-" + (per - 1)))
                .anyMatch(l -> l.contains("parent-0"));
    }
}
