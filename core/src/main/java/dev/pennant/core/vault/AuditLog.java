package dev.pennant.core.vault;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tamper-evident log of security events: each record carries the SHA-256 of the previous record, so editing, inserting
 * or deleting a record (other than the very last ones) breaks {@link #verify()}.
 *
 * <p>The chain is kept by the primary sink (read back with {@link AuditSink#last()} at construction); extra sinks
 * (e.g. H2) receive the same records. Details must never contain secrets: pass ids, labels, reasons, numbers.
 * Each append continues from the head stored in the primary sink at that moment ({@link AuditSink#appendNext}), so
 * several logs — in this process or others — may write one directory without forking the chain.
 */
public final class AuditLog {
    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);

    private final AuditSink primary;
    private final List<AuditSink> mirrors = new CopyOnWriteArrayList<>();
    private final Clock clock;
    private long seq;
    private String prevHash;

    /** Continues the chain found in {@code primary}. */
    public AuditLog(AuditSink primary, Clock clock) {
        this.primary = primary;
        this.clock = clock;
        try {
            var last = primary.last();
            this.seq = last.map(AuditRecord::seq).orElse(0L);
            this.prevHash = last.map(AuditRecord::hash).orElse(AuditRecord.GENESIS);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the audit log head", e);
        }
    }

    /** The standard log: daily files in {@code <dataDir>/audit}, UTC dates. */
    public static AuditLog daily(Path dataDir) {
        return new AuditLog(new DailyFileAuditSink(dataDir.resolve("audit")), Clock.systemUTC());
    }

    /** Also send every new record to {@code sink} (best effort: its failures are logged, not thrown). */
    public void addMirror(AuditSink sink) {
        mirrors.add(sink);
    }

    /** The sink holding the chain. */
    public AuditSink primary() {
        return primary;
    }

    /** Records an event without details. */
    public AuditRecord record(AuditEventType type) {
        return record(type, Map.of());
    }

    /**
     * Appends an event. A failing primary sink is logged at ERROR and the record is returned anyway (security
     * operations are not blocked by a full audit disk); the chain continues from the record that failed to store,
     * which {@link #verify()} will then report as a gap.
     */
    public synchronized AuditRecord record(AuditEventType type, Map<String, String> details) {
        java.time.Instant at = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        AuditRecord r;
        try {
            r = primary.appendNext(head -> AuditRecord.next(head.map(AuditRecord::seq).orElse(0L) + 1, at, type, details,
                    head.map(AuditRecord::hash).orElse(AuditRecord.GENESIS)));
        } catch (IOException | RuntimeException e) {
            // continue from what this log last knew; verify() will report the missing record as a gap
            r = AuditRecord.next(seq + 1, at, type, details, prevHash);
            LOG.error("audit record {} {} could not be stored: {}", r.seq(), type, e.toString());
        }
        seq = r.seq();
        prevHash = r.hash();
        for (AuditSink m : mirrors) {
            try {
                m.append(r);
            } catch (IOException | RuntimeException e) {
                LOG.error("audit mirror {} failed for record {}: {}", m, r.seq(), e.toString());
            }
        }
        LOG.info("audit: {} {}", type, r.details());
        return r;
    }

    /** Verifies the primary sink's chain. */
    public AuditVerification verify() throws IOException {
        return primary.verify();
    }
}
