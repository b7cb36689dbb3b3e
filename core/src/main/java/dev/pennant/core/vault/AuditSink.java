package dev.pennant.core.vault;

import java.io.IOException;
import java.util.Optional;

/**
 * Where audit records are stored: {@link DailyFileAuditSink} (JSON lines per day); an H2 table sink can implement this
 * too. Records arrive already chained; a sink stores them verbatim.
 */
public interface AuditSink {
    /** Stores one record durably. */
    void append(AuditRecord record) throws IOException;

    /** The most recent record, used to continue the chain after a restart. */
    Optional<AuditRecord> last() throws IOException;

    /** Re-checks every stored record's hash, the prev links and the sequence numbers. */
    AuditVerification verify() throws IOException;
}
