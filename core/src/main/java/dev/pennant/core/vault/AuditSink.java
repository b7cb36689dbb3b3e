package dev.pennant.core.vault;

import java.io.IOException;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where audit records are stored: {@link DailyFileAuditSink} (JSON lines per day); an H2 table sink can implement this
 * too. Records arrive already chained; a sink stores them verbatim.
 */
public interface AuditSink {
    /** Stores one record durably. */
    void append(AuditRecord record) throws IOException;

    /** The most recent record, used to continue the chain after a restart. */
    Optional<AuditRecord> last() throws IOException;

    /**
     * Reads the head of the chain, builds the next record from it with {@code next} and appends that record, with no
     * other writer of the same store in between. The default holds this sink's monitor, which is enough for a store
     * only this object writes; a store other processes may write (a shared directory) must lock across processes.
     *
     * @param next builds the record to append from the current head (empty for a new chain); must not block
     * @return the appended record
     * @throws IOException when the head cannot be read or the record cannot be stored
     */
    default AuditRecord appendNext(Function<Optional<AuditRecord>, AuditRecord> next) throws IOException {
        synchronized (this) {
            AuditRecord r = next.apply(last());
            append(r);
            return r;
        }
    }

    /** Re-checks every stored record's hash, the prev links and the sequence numbers. */
    AuditVerification verify() throws IOException;
}
