package dev.pennant.core.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pennant.core.vault.AuditEventType;
import dev.pennant.core.vault.AuditLog;
import dev.pennant.core.vault.AuditRecord;
import dev.pennant.core.vault.DailyFileAuditSink;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VaultH2AuditSinkTest {

    @TempDir
    Path dir;

    @Test
    void mirroredEventsLandInTheTableAndTheChainVerifies() throws Exception {
        try (H2AuditSink h2 = H2AuditSink.open(dir)) {
            AuditLog log = AuditLog.daily(dir);
            log.addMirror(h2);
            log.record(AuditEventType.VAULT_CREATED, Map.of("file", "vault.pnv"));
            log.record(AuditEventType.KEY_ADDED, Map.of("id", "e1", "label", "spot main"));
            log.record(AuditEventType.VAULT_LOCKED);

            assertThat(h2.records()).extracting(AuditRecord::type)
                    .containsExactly(AuditEventType.VAULT_CREATED, AuditEventType.KEY_ADDED, AuditEventType.VAULT_LOCKED);
            assertThat(h2.records().get(1).details()).containsEntry("label", "spot main");
            assertThat(h2.verify().ok()).isTrue();
            assertThat(h2.verify().records()).isEqualTo(3);
            assertThat(log.verify().ok()).isTrue();
            assertThat(h2.last()).map(AuditRecord::seq).contains(3L);
        }
        // the migration is Flyway's: HistoryStore opens the same database and validates its own tables
        try (HistoryStore store = HistoryStore.open(dir)) {
            assertThat(store.sessions()).isEmpty();
        }
    }

    @Test
    void anEditedOrDeletedRowIsDetected() throws Exception {
        try (H2AuditSink h2 = H2AuditSink.open(dir)) {
            AuditLog log = new AuditLog(h2, Clock.systemUTC());
            for (int i = 0; i < 4; i++) {
                log.record(AuditEventType.RISK_LIMIT_CHANGED, Map.of("limit", "maxPosition", "to", Integer.toString(i)));
            }
            assertThat(log.verify().ok()).isTrue();
            try (Connection c = DriverManager.getConnection(HistoryStore.jdbcUrl(dir), "pennant", "");
                 Statement st = c.createStatement()) {
                st.executeUpdate("UPDATE audit_log SET details = '{\"limit\":\"maxPosition\",\"to\":\"999\"}' FORMAT JSON WHERE seq = 2");
            }
            assertThat(h2.verify().problems()).anySatisfy(p -> assertThat(p).contains("seq 2").contains("edited"));
            try (Connection c = DriverManager.getConnection(HistoryStore.jdbcUrl(dir), "pennant", "");
                 Statement st = c.createStatement()) {
                st.executeUpdate("DELETE FROM audit_log WHERE seq = 3");
            }
            assertThat(h2.verify().problems()).anySatisfy(p -> assertThat(p).contains("seq 4").contains("prev_hash"));
        }
    }

    @Test
    void catchUpCopiesRecordsWrittenWhileTheDatabaseWasBusy() throws Exception {
        AuditLog log = AuditLog.daily(dir);
        log.record(AuditEventType.VAULT_UNLOCKED, Map.of("file", "x"));
        log.record(AuditEventType.VAULT_LOCKED, Map.of("file", "x"));
        try (H2AuditSink h2 = H2AuditSink.open(dir)) {
            assertThat(h2.catchUp(new DailyFileAuditSink(dir.resolve("audit")))).isEqualTo(2);
            assertThat(h2.catchUp(new DailyFileAuditSink(dir.resolve("audit")))).isZero();
            AuditLog again = AuditLog.daily(dir);
            again.addMirror(h2);
            again.record(AuditEventType.VAULT_UNLOCKED, Map.of("file", "x"));
            assertThat(h2.verify().ok()).isTrue();
            assertThat(h2.verify().records()).isEqualTo(3);
        }
    }
}
