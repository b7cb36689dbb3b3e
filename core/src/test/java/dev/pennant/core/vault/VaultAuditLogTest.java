package dev.pennant.core.vault;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VaultAuditLogTest {
    @TempDir
    Path dataDir;

    /** Clock that moves one hour per call, so records spread over two days. */
    static final class SteppingClock extends Clock {
        private Instant now = Instant.parse("2026-03-01T20:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public synchronized Instant instant() {
            Instant t = now;
            now = now.plusSeconds(3600);
            return t;
        }
    }

    private AuditLog log(Clock clock) {
        return new AuditLog(new DailyFileAuditSink(dataDir.resolve("audit")), clock);
    }

    private void writeSome(AuditLog log) {
        log.record(AuditEventType.VAULT_UNLOCKED, Map.of("file", "vault.pnv"));
        log.record(AuditEventType.KEY_ADDED, Map.of("id", "a1", "label", "spot main"));
        log.record(AuditEventType.MODE_SWITCHED_LIVE, Map.of("market", "SPOT"));
        log.record(AuditEventType.RISK_LIMIT_CHANGED, Map.of("limit", "maxPositionUsd", "from", "1000", "to", "2000"));
        log.record(AuditEventType.KILL_SWITCH, Map.of("by", "user"));
        log.record(AuditEventType.VAULT_LOCKED);
    }

    private List<Path> files() throws Exception {
        try (var s = Files.list(dataDir.resolve("audit"))) {
            return s.filter(p -> p.getFileName().toString().endsWith(".log")).sorted().toList(); // not .audit.lock
        }
    }

    @Test
    void chainSpansDailyFilesAndVerifies() throws Exception {
        SteppingClock clock = new SteppingClock();
        writeSome(log(clock));
        // a restarted app continues the chain
        AuditLog again = log(clock);
        AuditRecord r = again.record(AuditEventType.VAULT_UNLOCK_FAILED, Map.of("reason", "WRONG_PASSWORD_OR_TAMPERED"));
        assertThat(r.seq()).isEqualTo(7);
        assertThat(files()).extracting(p -> p.getFileName().toString())
                .containsExactly("audit-2026-03-01.log", "audit-2026-03-02.log");
        AuditVerification v = again.verify();
        assertThat(v.ok()).as(v.problems().toString()).isTrue();
        assertThat(v.records()).isEqualTo(7);
        String first = Files.readAllLines(files().getFirst()).getFirst();
        assertThat(first).startsWith("{\"seq\":1,\"time\":\"2026-03-01T20:00:00Z\",\"type\":\"VAULT_UNLOCKED\"")
                .contains("\"prev\":\"" + AuditRecord.GENESIS + "\"").contains("\"hash\":\"");
    }

    @Test
    void editedLineIsDetected() throws Exception {
        AuditLog log = log(new SteppingClock());
        writeSome(log);
        Path f = files().getFirst();
        List<String> lines = new ArrayList<>(Files.readAllLines(f));
        lines.set(1, lines.get(1).replace("spot main", "spot evil"));
        Files.write(f, lines, StandardCharsets.UTF_8);
        AuditVerification v = log.verify();
        assertThat(v.ok()).isFalse();
        assertThat(v.problems()).anyMatch(p -> p.contains(":2:") && p.contains("edited"));
    }

    @Test
    void editedLineWithRecomputedHashIsDetectedByTheNextLink() throws Exception {
        AuditLog log = log(new SteppingClock());
        writeSome(log);
        Path f = files().getFirst();
        List<String> lines = new ArrayList<>(Files.readAllLines(f));
        AuditRecord orig = AuditRecord.parse(lines.get(1));
        AuditRecord forged = AuditRecord.next(orig.seq(), orig.time(), orig.type(), Map.of("id", "a1", "label", "forged"),
                orig.prevHash());
        lines.set(1, forged.toJsonLine());
        Files.write(f, lines, StandardCharsets.UTF_8);
        AuditVerification v = log.verify();
        assertThat(v.ok()).isFalse();
        assertThat(v.problems()).anyMatch(p -> p.contains(":3:") && p.contains("prev hash"));
    }

    @Test
    void deletedLineIsDetected() throws Exception {
        AuditLog log = log(new SteppingClock());
        writeSome(log);
        Path f = files().getFirst();
        List<String> lines = new ArrayList<>(Files.readAllLines(f));
        lines.remove(1);
        Files.write(f, lines, StandardCharsets.UTF_8);
        AuditVerification v = log.verify();
        assertThat(v.ok()).isFalse();
        assertThat(v.problems()).anyMatch(p -> p.contains("sequence")).anyMatch(p -> p.contains("prev hash"));
    }

    @Test
    void vaultOperationsAreAudited() throws Exception {
        AuditLog log = AuditLog.daily(dataDir);
        VaultOptions o = TestVaults.options().withAudit(log);
        Path file = VaultFile.defaultPath(dataDir);
        String id;
        try (UnlockedVault v = VaultFile.create(file, TestVaults.pw(), TestVaults.FAST, o); NewEntry e = TestVaults.binanceSpot("spot")) {
            id = v.put(e).id();
        }
        try {
            VaultFile.unlock(file, "wrong".toCharArray(), o);
        } catch (VaultException expected) {
            // audited
        }
        try (UnlockedVault v = VaultFile.unlock(file, TestVaults.pw(), o); NewEntry e = TestVaults.binanceSpot("spot2")) {
            v.rotate(id, e);
            v.remove(id);
        }
        List<AuditEventType> types = new ArrayList<>();
        for (Path f : files()) {
            for (String line : Files.readAllLines(f)) {
                types.add(AuditRecord.parse(line).type());
                assertThat(line).doesNotContain(TestVaults.SECRET).doesNotContain(TestVaults.API_KEY)
                        .doesNotContain(TestVaults.PASSWORD);
            }
        }
        assertThat(types).containsExactly(AuditEventType.VAULT_CREATED, AuditEventType.KEY_ADDED, AuditEventType.VAULT_LOCKED,
                AuditEventType.VAULT_UNLOCK_FAILED, AuditEventType.VAULT_UNLOCKED, AuditEventType.KEY_ROTATED,
                AuditEventType.KEY_REMOVED, AuditEventType.VAULT_LOCKED);
        assertThat(log.verify().ok()).isTrue();
    }
}
