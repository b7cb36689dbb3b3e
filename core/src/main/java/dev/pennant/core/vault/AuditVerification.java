package dev.pennant.core.vault;

import java.util.List;

/**
 * Result of {@link AuditSink#verify()}.
 *
 * @param records  how many records were read
 * @param problems one line per broken link (file, line number, what is wrong); empty when the chain is intact
 */
public record AuditVerification(long records, List<String> problems) {
    public AuditVerification {
        problems = List.copyOf(problems);
    }

    /** True when no problem was found. */
    public boolean ok() {
        return problems.isEmpty();
    }
}
