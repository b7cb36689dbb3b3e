package dev.pennant.core.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pennant.core.vault.AuditEventType;
import dev.pennant.core.vault.AuditRecord;
import dev.pennant.core.vault.AuditSink;
import dev.pennant.core.vault.AuditVerification;
import dev.pennant.core.vault.DailyFileAuditSink;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Audit records in the {@code audit_log} table of the history database (created by Flyway migration
 * {@code V2__audit_log.sql}; this class never creates or alters tables). Used as a mirror of the daily audit files
 * ({@link dev.pennant.core.vault.AuditLog#addMirror}); {@link #verify()} re-checks the chain from the rows alone, so an
 * edited, inserted or deleted row is reported.
 *
 * <p>Rows hold only what {@link AuditRecord} holds: ids, labels, reasons, never a secret.
 */
public final class H2AuditSink implements AuditSink, AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<TreeMap<String, String>> DETAILS = new TypeReference<>() { };

    private final DataSource dataSource;
    private final Connection held;

    /** A sink over an already migrated database (e.g. a {@link HistoryStore}'s pool). */
    public H2AuditSink(DataSource dataSource) {
        this(dataSource, null);
    }

    private H2AuditSink(DataSource dataSource, Connection held) {
        this.dataSource = dataSource;
        this.held = held;
    }

    /**
     * Opens the history database of {@code dataDir} (same URL as {@link HistoryStore}), lets Flyway migrate it and
     * keeps one connection open until {@link #close()} so the database is not reopened for every record.
     *
     * @throws HistoryException when the database cannot be opened (e.g. in use by another Pennant process)
     */
    public static H2AuditSink open(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new HistoryException("cannot create data directory " + dataDir + ": " + e.getMessage(), e);
        }
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL(HistoryStore.jdbcUrl(dataDir));
        ds.setUser("pennant");
        ds.setPassword("");
        Connection c = null;
        try {
            c = ds.getConnection();
            Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
            return new H2AuditSink(ds, c);
        } catch (SQLException | RuntimeException e) {
            if (c != null) {
                try {
                    c.close();
                } catch (SQLException ignored) {
                    // already failing
                }
            }
            String msg = String.valueOf(e.getMessage());
            if (msg.contains("already in use") || msg.contains("locked")) {
                throw new HistoryException("history database in " + dataDir + " is in use by another Pennant process", e);
            }
            throw new HistoryException("cannot open the audit table in " + dataDir + ": " + msg, e);
        }
    }

    @Override
    public synchronized void append(AuditRecord r) throws IOException {
        try (Connection c = dataSource.getConnection()) {
            insert(c, r);
        } catch (SQLException e) {
            throw new IOException("audit record " + r.seq() + " could not be stored in H2: " + e.getMessage(), e);
        }
    }

    private static void insert(Connection c, AuditRecord r) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO audit_log (seq, time, type, details, prev_hash, hash) VALUES (?, ?, ?, ? FORMAT JSON, ?, ?)")) {
            ps.setLong(1, r.seq());
            ps.setLong(2, r.time().toEpochMilli());
            ps.setString(3, r.type().name());
            ps.setString(4, json(r.details()));
            ps.setString(5, r.prevHash());
            ps.setString(6, r.hash());
            ps.executeUpdate();
        }
    }

    @Override
    public synchronized Optional<AuditRecord> last() throws IOException {
        List<AuditRecord> rows = query("SELECT seq, time, type, details, prev_hash, hash FROM audit_log ORDER BY seq DESC LIMIT 1",
                new ArrayList<>());
        return rows.stream().findFirst();
    }

    /** All rows in sequence order (rows that do not parse are reported by {@link #verify()}). */
    public synchronized List<AuditRecord> records() throws IOException {
        return query("SELECT seq, time, type, details, prev_hash, hash FROM audit_log ORDER BY seq", new ArrayList<>());
    }

    @Override
    public synchronized AuditVerification verify() throws IOException {
        List<String> problems = new ArrayList<>();
        List<AuditRecord> rows = query("SELECT seq, time, type, details, prev_hash, hash FROM audit_log ORDER BY seq", problems);
        String prev = AuditRecord.GENESIS;
        long expected = 1;
        for (AuditRecord r : rows) {
            String where = "audit_log seq " + r.seq();
            if (!r.computeHash().equals(r.hash())) {
                problems.add(where + ": content does not match its hash (row edited)");
            }
            if (!r.prevHash().equals(prev)) {
                problems.add(where + ": prev_hash does not match the preceding row (row deleted, inserted or edited)");
            }
            if (r.seq() != expected) {
                problems.add(where + ": expected seq " + expected + " (rows missing or inserted)");
            }
            prev = r.hash();
            expected = r.seq() + 1;
        }
        return new AuditVerification(rows.size(), problems);
    }

    /**
     * Copies the records of the daily files that the table lacks (e.g. written while another process held the
     * database). Records are taken verbatim; {@link #verify()} still checks them.
     *
     * @return how many rows were added
     */
    public synchronized int catchUp(DailyFileAuditSink files) throws IOException {
        Path dir = files.directory();
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        List<Path> logs = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "audit-????-??-??.log")) {
            ds.forEach(logs::add);
        }
        logs.sort(null);
        Set<Long> present = new HashSet<>();
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT seq FROM audit_log"); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    present.add(rs.getLong(1));
                }
            }
            int added = 0;
            for (Path f : logs) {
                for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                    if (line.isBlank()) {
                        continue;
                    }
                    AuditRecord r;
                    try {
                        r = AuditRecord.parse(line);
                    } catch (IllegalArgumentException e) {
                        continue; // the file's own verify() reports it
                    }
                    if (present.add(r.seq())) {
                        insert(c, r);
                        added++;
                    }
                }
            }
            return added;
        } catch (SQLException e) {
            throw new IOException("cannot copy audit records into H2: " + e.getMessage(), e);
        }
    }

    private List<AuditRecord> query(String sql, List<String> problems) throws IOException {
        List<AuditRecord> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long seq = rs.getLong(1);
                try {
                    out.add(new AuditRecord(seq, Instant.ofEpochMilli(rs.getLong(2)), AuditEventType.valueOf(rs.getString(3)),
                            JSON.readValue(rs.getString(4), DETAILS), rs.getString(5), rs.getString(6)));
                } catch (JsonProcessingException | IllegalArgumentException e) {
                    problems.add("audit_log seq " + seq + ": unreadable row (" + e.getClass().getSimpleName() + ")");
                }
            }
        } catch (SQLException e) {
            throw new IOException("cannot read the audit table: " + e.getMessage(), e);
        }
        return out;
    }

    private static String json(Map<String, String> details) {
        try {
            return JSON.writeValueAsString(new TreeMap<>(details));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Releases the connection held by {@link #open}; H2 closes the file when no connection is left. */
    @Override
    public void close() {
        if (held != null) {
            try {
                held.close();
            } catch (SQLException ignored) {
                // nothing to do
            }
        }
    }

    @Override
    public String toString() {
        return "H2AuditSink[audit_log]";
    }
}
