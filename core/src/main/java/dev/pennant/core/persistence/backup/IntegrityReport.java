package dev.pennant.core.persistence.backup;

import java.util.List;

/**
 * The outcome of an {@link IntegrityCheck}.
 *
 * @param checks   one line per check run, with what it covered ({@code tables: 12 read, 40213 rows}); in order
 * @param problems one line per problem found, naming table, keys and the values that disagree; empty when sound
 */
public record IntegrityReport(List<String> checks, List<String> problems) {

    /** Copies the lists. */
    public IntegrityReport {
        checks = List.copyOf(checks);
        problems = List.copyOf(problems);
    }

    /** True when no problem was found. */
    public boolean ok() {
        return problems.isEmpty();
    }
}
