package dev.pennant.core.persistence.backup;

import dev.pennant.core.marketdata.importer.DumpImporter;
import dev.pennant.core.marketdata.importer.ImportListener;
import dev.pennant.core.persistence.HistoryStore;
import dev.pennant.core.persistence.export.CsvExport;
import dev.pennant.core.testkit.SharedData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackupAndIntegrityTest {

    @TempDir
    static Path template;
    private static List<String> sessions;
    @TempDir
    Path dir;

    @BeforeAll
    static void record() throws Exception {
        sessions = RecordedHistory.record(template);
        try (HistoryStore store = HistoryStore.open(template)) {
            new DumpImporter(store.dataSource(), () -> 0L, 1000).importFile(
                    SharedData.file("spot/klines/BTCUSDT/monthly/BTCUSDT-1h-2023-03.csv.gz"),
                    DumpImporter.Options.infer(), new ImportListener() { });
        }
    }

    @BeforeEach
    void copy() throws Exception {
        for (String f : List.of("history.mv.db", "vault.pnv")) {
            Files.copy(template.resolve(f), dir.resolve(f));
        }
    }

    private static Clock at(String iso) {
        return Clock.fixed(Instant.parse(iso), ZoneOffset.UTC);
    }

    /** Every exportable table of the database, as CSV: what "the data" is when we say nothing changed. */
    private String dump(Path dataDir) throws Exception {
        StringBuilder all = new StringBuilder();
        try (Connection c = DatabaseAccess.openForReading(dataDir)) {
            for (CsvExport.Table t : CsvExport.Table.values()) {
                StringWriter w = new StringWriter();
                CsvExport.export(c, t, CsvExport.Filter.none(), w);
                all.append(t.cliName()).append('\n').append(w);
            }
        }
        return all.toString();
    }

    private static void sql(Path dataDir, String update) throws Exception {
        try (Connection c = DriverManager.getConnection(HistoryStore.jdbcUrl(dataDir), "pennant", "");
             Statement st = c.createStatement()) {
            assertThat(st.executeUpdate(update)).isPositive();
        }
    }

    @Test
    void aRecordedHistoryIsSoundAndTamperedLedgerRowsAreReportedWithoutChangingData() throws Exception {
        IntegrityReport ok = IntegrityCheck.run(dir);
        assertThat(ok.problems()).isEmpty();
        assertThat(ok.checks()).contains("schema: version 7").anyMatch(s -> s.startsWith("positions: ")).anyMatch(s -> s.startsWith("orders: "))
                .anyMatch(s -> s.matches("bars: OHLC rules on 743 imported bars"));
        // the resumed session holds the first one's position: only the chain of fills adds up to it
        try (Connection c = DatabaseAccess.openForReading(dir); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM fill WHERE session_id = '" + sessions.get(1) + "'")) {
            rs.next();
            assertThat(rs.getLong(1)).isPositive();
        }

        sql(dir, "UPDATE position_snapshot SET quantity = quantity + 0.001 WHERE session_id = '" + sessions.get(1) + "'");
        sql(dir, "UPDATE trade_order SET filled_quantity = filled_quantity * 2 WHERE client_order_id = "
                + "(SELECT MIN(client_order_id) FROM fill WHERE session_id = '" + sessions.get(0) + "')");
        sql(dir, "UPDATE market_bar SET low_price = high_price + 1 WHERE open_time = 1677628800000");
        String before = dump(dir);
        IntegrityReport bad = IntegrityCheck.run(dir);
        assertThat(bad.problems()).hasSize(3);
        assertThat(bad.problems().get(0)).startsWith("order ").contains("filled_quantity").contains("but its fills add up to");
        assertThat(bad.problems().get(1)).startsWith("position BTCUSDT BOTH of session " + sessions.get(1) + ": quantity");
        assertThat(bad.problems().get(2)).startsWith("market_bar: 1 bar(s) break");
        assertThat(dump(dir)).isEqualTo(before); // reported, not repaired

        // a file H2 cannot read is a reported problem, not a crash
        Path broken = dir.resolve("broken");
        Files.createDirectories(broken);
        byte[] bytes = Files.readAllBytes(dir.resolve("history.mv.db"));
        java.util.Arrays.fill(bytes, 8192, bytes.length, (byte) 0);
        Files.write(broken.resolve("history.mv.db"), bytes);
        IntegrityReport corrupt = IntegrityCheck.run(broken);
        assertThat(corrupt.ok()).as(corrupt.toString()).isFalse();
        assertThat(corrupt.problems().get(0)).startsWith("no Pennant schema");
    }

    @Test
    void backupsRotateAndARestoreBringsBackTheDataAndKeepsWhatItReplaced() throws Exception {
        String original = dump(dir);
        byte[] vault = Files.readAllBytes(dir.resolve("vault.pnv"));
        BackupSet first = new BackupService(dir, at("2026-12-03T10:00:00Z")).backup(2);
        assertThat(first.name()).isEqualTo("pennant-backup-20261203-100000");
        assertThat(first.hasVault()).isTrue();
        assertThat(first.sha256()).containsKeys(BackupSet.DATABASE_ZIP, BackupSet.VAULT);

        // the database changes after the backup
        sql(dir, "DELETE FROM market_bar WHERE open_time >= 1679616000000");
        assertThat(dump(dir)).isNotEqualTo(original);
        new BackupService(dir, at("2026-12-03T11:00:00Z")).backup(2);
        BackupService later = new BackupService(dir, at("2026-12-03T12:00:00Z"));
        later.backup(2);
        assertThat(later.list()).extracting(BackupSet::name)
                .containsExactly("pennant-backup-20261203-120000", "pennant-backup-20261203-110000"); // keep 2

        // restore refuses while the database is held (here: open in this process, as in the terminal)
        BackupSet older = first;
        try (HistoryStore open = HistoryStore.open(dir)) {
            BackupService svc = new BackupService(dir, at("2026-12-03T12:30:00Z"));
            Path copy = Files.createDirectories(dir.resolve("elsewhere")).resolve(first.name());
            assertThat(older.dir()).doesNotExist(); // rotated away: restore a copy kept elsewhere below
            BackupSet kept = svc.backup(5);
            assertThatThrownBy(() -> svc.restore(kept)).isInstanceOf(RestoreRefusedException.class)
                    .hasMessageContaining("is held by this terminal");
            assertThat(copy).doesNotExist();
        }

        BackupService svc = new BackupService(dir, at("2026-12-03T13:00:00Z"));
        // a damaged set is refused before anything moves
        BackupSet newest = svc.list().getFirst();
        Files.writeString(newest.dir().resolve(BackupSet.VAULT), "tampered");
        assertThatThrownBy(() -> svc.restore(newest)).isInstanceOf(RestoreRefusedException.class)
                .hasMessageContaining("does not match its SHA-256");

        String changed = dump(dir);
        BackupSet eleven = svc.find("pennant-backup-20261203-110000");
        BackupService.RestoreResult r = svc.restore(eleven);
        assertThat(r.restored()).containsExactly("history.mv.db", "vault.pnv");
        assertThat(r.replacedDir().getFileName().toString()).isEqualTo("replaced-20261203-130000");
        assertThat(r.replacedDir().resolve("history.mv.db")).exists();
        assertThat(dump(dir)).isEqualTo(changed); // the 11:00 backup was taken after the DELETE
        assertThat(Files.readAllBytes(dir.resolve("vault.pnv"))).isEqualTo(vault);
        assertThat(IntegrityCheck.run(dir).ok()).isTrue();
    }

    @Test
    void aStagedRestoreWaitsForTheNextStartAndTheSchedulerBacksUpWhenDue() throws Exception {
        String original = dump(dir);
        Clock[] now = {at("2026-12-03T10:00:00Z")};
        Clock clock = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0].instant();
            }
        };
        BackupService svc = new BackupService(dir, clock);
        BackupScheduler scheduler = new BackupScheduler(svc, clock, Duration.ofHours(6), 3);
        assertThat(scheduler.runIfDue()).isPresent();          // none yet
        now[0] = at("2026-12-03T15:59:59Z");
        assertThat(scheduler.runIfDue()).isEmpty();            // 5h59m59s old
        now[0] = at("2026-12-03T16:00:00Z");
        assertThat(scheduler.runIfDue()).isPresent();
        assertThat(svc.list()).hasSize(2);

        try (HistoryStore open = HistoryStore.open(dir)) {      // the terminal holds the database
            sql(dir, "DELETE FROM market_bar");
            svc.stageRestore(svc.find("pennant-backup-20261203-100000"));
            assertThat(svc.pendingRestore()).contains("pennant-backup-20261203-100000");
        }
        now[0] = at("2026-12-03T17:00:00Z");
        assertThat(svc.applyPendingRestore()).isPresent();     // next start, before the database opens
        assertThat(svc.pendingRestore()).isEmpty();
        assertThat(dump(dir)).isEqualTo(original);
        try (Stream<Path> s = Files.list(svc.backupsDir())) {
            assertThat(s.map(p -> p.getFileName().toString())).contains("replaced-20261203-170000");
        }
    }

    @Test
    void exportsAreRfc4180CsvInAFixedOrder() throws Exception {
        StringWriter w = new StringWriter();
        long rows;
        try (Connection c = DatabaseAccess.openForReading(dir)) {
            rows = CsvExport.export(c, CsvExport.Table.FILLS, new CsvExport.Filter(sessions.get(0), null, null, null, null, null), w);
            StringWriter signals = new StringWriter();
            CsvExport.export(c, CsvExport.Table.SIGNALS, CsvExport.Filter.none(), signals);
            // explanations hold commas: quoted
            assertThat(signals.toString().lines().skip(1).findFirst().orElseThrow()).contains(",\"");
            StringWriter bars = new StringWriter();
            assertThat(CsvExport.export(c, CsvExport.Table.BARS, new CsvExport.Filter(null, "BTCUSDT", "SPOT", "1h",
                    1677628800000L, 1677628800000L + 3 * 3_600_000L), bars)).isEqualTo(3);
            assertThat(bars.toString().lines().toList().get(1)).startsWith("SPOT,BTCUSDT,1h,1677628800000,1677632399999,");
            assertThatThrownBy(() -> CsvExport.export(c, CsvExport.Table.EQUITY,
                    new CsvExport.Filter(null, null, null, "1h", null, null), new StringWriter()))
                    .hasMessage("--interval does not apply to --table equity");
        }
        List<String> lines = w.toString().lines().toList();
        assertThat(lines.getFirst()).startsWith("id,session_id,trade_id,client_order_id,symbol,side,quantity,price,");
        assertThat(lines).hasSize((int) rows + 1);
        assertThat(rows).isPositive();
        try (HistoryStore store = HistoryStore.open(dir)) {
            var fills = store.fills(sessions.get(0));
            assertThat(rows).isEqualTo(fills.size());
            String[] firstRow = lines.get(1).split(",");
            assertThat(new BigDecimal(firstRow[7])).isEqualByComparingTo(fills.getFirst().price());
        }
        assertThat(CsvExport.Table.parse("agg_trades")).isEqualTo(CsvExport.Table.AGG_TRADES);
        assertThatThrownBy(() -> CsvExport.Table.parse("nope")).hasMessageStartingWith("--table must be one of sessions, orders");
    }
}
