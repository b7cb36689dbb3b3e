package dev.pennant.core.persistence;

import dev.pennant.core.vault.AuditLog;
import dev.pennant.core.vault.DailyFileAuditSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one {@link AuditLog} per data directory in this process: daily hash-chained files, mirrored to the history
 * database's {@code audit_log} table when it can be opened. A hash chain must have a single writer, so every part of
 * the terminal (vault dialogs, kill switch, mode changes) records through the instance returned here.
 */
public final class AuditLogs {

    private static final Logger LOG = LoggerFactory.getLogger(AuditLogs.class);
    private static final Map<Path, AuditLog> SHARED = new ConcurrentHashMap<>();

    private AuditLogs() {
    }

    /**
     * The shared audit log of {@code dataDir}, created on first use (it opens files and the database: call it off the
     * FX thread). When the database cannot be opened the log still writes its daily files and says so in the log.
     */
    public static AuditLog shared(Path dataDir) {
        return SHARED.computeIfAbsent(dataDir.toAbsolutePath().normalize(), dir -> {
            AuditLog audit = AuditLog.daily(dir);
            try {
                H2AuditSink h2 = H2AuditSink.open(dir);
                h2.catchUp((DailyFileAuditSink) audit.primary());
                audit.addMirror(h2);
            } catch (HistoryException | IOException e) {
                LOG.warn("audit events go to the daily file only: {}", e.getMessage());
            }
            return audit;
        });
    }
}
