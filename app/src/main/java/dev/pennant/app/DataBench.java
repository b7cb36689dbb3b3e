package dev.pennant.app;

import dev.pennant.core.marketdata.importer.DumpImporter;
import dev.pennant.core.marketdata.importer.ImportListener;
import dev.pennant.core.persistence.HistoryStore;
import dev.pennant.core.persistence.backup.BackupService;
import dev.pennant.core.persistence.backup.BackupSet;
import dev.pennant.core.persistence.backup.DatabaseAccess;
import dev.pennant.core.persistence.backup.IntegrityCheck;
import dev.pennant.core.persistence.export.CsvExport;

import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * {@code bench data}: the data tools on real shared files in a fresh temporary database: import rate into H2
 * (every kline file of {@code spot/klines/BTCUSDT/monthly}, the USD-M LTCUSDT 1m month, the BTCUSDT 1m week and
 * the spot trades file), then an online backup, the integrity check and a CSV export of all bars.
 */
final class DataBench {

    private DataBench() {
    }

    static void run(PrintWriter out, Path shared) throws Exception {
        Path tmp = Files.createTempDirectory("pennant-bench-data");
        try {
            List<Path> files = DumpImporter.expand(List.of(shared.resolve("spot/klines/BTCUSDT/monthly"),
                    shared.resolve("futures-um/klines/LTCUSDT/monthly"),
                    shared.resolve("spot/klines/BTCUSDT/BTCUSDT-1m-20210515_20210522.gatrading.csv.gz"),
                    shared.resolve("spot/trades")));
            long rows = 0;
            long t0 = System.nanoTime();
            try (HistoryStore store = HistoryStore.open(tmp)) {
                DumpImporter imp = new DumpImporter(store.dataSource(), System::currentTimeMillis, DumpImporter.DEFAULT_CHUNK_ROWS);
                for (Path f : files) {
                    rows += imp.importFile(f, DumpImporter.Options.infer(), new ImportListener() { }).rowsWritten();
                }
            }
            long importNanos = System.nanoTime() - t0;
            out.printf(Locale.ROOT, "db_import_files: %d files%n", files.size());
            out.printf(Locale.ROOT, "db_import_rows: %d rows%n", rows);
            out.printf(Locale.ROOT, "db_import_rows_per_s: %.0f rows/s%n", rows * 1e9 / importNanos);

            long t1 = System.nanoTime();
            BackupSet set = new BackupService(tmp, Clock.systemUTC()).backup(1);
            out.printf(Locale.ROOT, "backup_ms: %.0f ms%n", (System.nanoTime() - t1) / 1e6);
            out.printf(Locale.ROOT, "backup_kb: %.0f kB%n", set.bytes() / 1e3);

            long t2 = System.nanoTime();
            boolean ok = IntegrityCheck.run(tmp).ok();
            out.printf(Locale.ROOT, "integrity_ms: %.0f ms%s%n", (System.nanoTime() - t2) / 1e6, ok ? "" : " (problems!)");

            long t3 = System.nanoTime();
            long exported;
            try (Connection c = DatabaseAccess.openForReading(tmp)) {
                exported = CsvExport.export(c, CsvExport.Table.BARS, CsvExport.Filter.none(), Writer.nullWriter());
            }
            out.printf(Locale.ROOT, "export_rows_per_s: %.0f rows/s%n", exported * 1e9 / (System.nanoTime() - t3));
            out.flush();
        } finally {
            try (Stream<Path> s = Files.walk(tmp)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
