package dev.pennant.core.ai.record;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.pennant.core.ai.llm.DecisionCache;
import dev.pennant.core.persistence.HistoryException;
import dev.pennant.core.persistence.HistoryStore;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The decision record and decision cache in the history database ({@code ai_decision}, {@code ai_decision_order},
 * {@code ai_decision_cache}; migration V6). Plain JDBC (the rows are write-once with a few updates; no entity model
 * is needed). Thread-safe; every call commits before it returns.
 */
public final class H2DecisionStore implements DecisionRecorder, DecisionCache, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(H2DecisionStore.class);

    private final DataSource ds;
    private final HikariDataSource owned;

    private H2DecisionStore(DataSource ds, HikariDataSource owned) {
        this.ds = ds;
        this.owned = owned;
    }

    /**
     * Opens the store in the history database of {@code dataDir} (the same file {@link HistoryStore} uses; H2 shares
     * an open database within one process), migrating it first.
     *
     * @throws HistoryException when the database cannot be opened or migrated
     */
    public static H2DecisionStore open(Path dataDir) {
        try {
            java.nio.file.Files.createDirectories(dataDir);
        } catch (java.io.IOException e) {
            throw new HistoryException("cannot create data directory " + dataDir + ": " + e.getMessage(), e);
        }
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(HistoryStore.jdbcUrl(dataDir));
        hc.setUsername("pennant");
        hc.setPassword("");
        hc.setMaximumPoolSize(2);
        hc.setPoolName("pennant-ai-decisions");
        HikariDataSource h = new HikariDataSource(hc);
        try {
            synchronized (H2DecisionStore.class) { // one migration at a time within this process
                Flyway.configure().dataSource(h).locations("classpath:db/migration").load().migrate();
            }
        } catch (RuntimeException e) {
            h.close();
            throw new HistoryException("cannot open the decision record in " + dataDir + ": " + e.getMessage(), e);
        }
        return new H2DecisionStore(h, h);
    }

    /** A store over an already migrated data source (not closed by {@link #close()}). */
    public static H2DecisionStore over(DataSource ds) {
        return new H2DecisionStore(ds, null);
    }

    private static final String INSERT = "INSERT INTO ai_decision (decision_time, recorded_at, kind, status, symbol, "
            + "strategy, session_id, signal_id, action, confidence, inputs_json, model, prompt_hash, raw_output, "
            + "parsed_json, reason, latency_ms, input_tokens, output_tokens, cost_usd, cached) "
            + "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";

    @Override
    public long record(DecisionRecord r) {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            long id;
            try (PreparedStatement ps = c.prepareStatement(INSERT, new String[] {"ID"})) {
                ps.setLong(1, r.decisionTime());
                ps.setLong(2, r.recordedAt());
                ps.setString(3, r.kind().name());
                ps.setString(4, r.status().name());
                ps.setString(5, r.symbol());
                ps.setString(6, r.strategy());
                ps.setString(7, r.sessionId());
                ps.setString(8, r.signalId());
                ps.setString(9, r.action());
                if (r.confidence() == null) ps.setNull(10, Types.DOUBLE); else ps.setDouble(10, r.confidence());
                ps.setString(11, r.inputsJson());
                ps.setString(12, r.model());
                ps.setString(13, r.promptHash());
                ps.setString(14, r.rawOutput());
                ps.setString(15, r.parsedJson());
                ps.setString(16, r.reason() == null ? null : truncate(r.reason(), 4000));
                ps.setLong(17, r.latencyMs());
                ps.setInt(18, r.inputTokens());
                ps.setInt(19, r.outputTokens());
                ps.setBigDecimal(20, r.costUsd());
                ps.setBoolean(21, r.cached());
                ps.executeUpdate();
                try (ResultSet k = ps.getGeneratedKeys()) {
                    k.next();
                    id = k.getLong(1);
                }
            }
            for (String oid : r.orderIds()) {
                link(c, id, oid, "ENTRY");
            }
            c.commit();
            return id;
        } catch (SQLException e) {
            throw new HistoryException("cannot record decision for " + r.symbol() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void linkOrder(long decisionId, String clientOrderId, String role) {
        try (Connection c = ds.getConnection()) {
            link(c, decisionId, clientOrderId, role);
        } catch (SQLException e) {
            throw new HistoryException("cannot link order " + clientOrderId + " to decision " + decisionId + ": "
                    + e.getMessage(), e);
        }
    }

    private static void link(Connection c, long id, String oid, String role) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "MERGE INTO ai_decision_order (decision_id, client_order_id, role) KEY (decision_id, client_order_id) VALUES (?,?,?)")) {
            ps.setLong(1, id);
            ps.setString(2, oid);
            ps.setString(3, role);
            ps.executeUpdate();
        }
    }

    @Override
    public int attachOutcome(String clientOrderId, BigDecimal realizedPnl, long closedAt, String reflection) {
        DecisionRecord.Outcome o = DecisionRecord.Outcome.of(realizedPnl, closedAt, reflection);
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE ai_decision SET outcome_pnl = ?, outcome_result = ?, "
                     + "outcome_at = ?, reflection = ? WHERE outcome_result IS NULL AND id IN "
                     + "(SELECT decision_id FROM ai_decision_order WHERE client_order_id = ?)")) {
            ps.setBigDecimal(1, realizedPnl);
            ps.setString(2, o.result());
            ps.setLong(3, closedAt);
            ps.setString(4, reflection == null ? null : truncate(reflection, 2000));
            ps.setString(5, clientOrderId);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new HistoryException("cannot attach outcome of " + clientOrderId + ": " + e.getMessage(), e);
        }
    }

    /** Stored decisions matching {@code q}, newest first (by recording order). */
    public List<DecisionRecord> query(DecisionQuery q) {
        StringBuilder sql = new StringBuilder("SELECT * FROM ai_decision WHERE 1=1");
        List<Object> args = new ArrayList<>();
        if (q.symbol() != null) { sql.append(" AND symbol = ?"); args.add(q.symbol()); }
        if (q.strategy() != null) { sql.append(" AND strategy = ?"); args.add(q.strategy()); }
        if (q.kind() != null) { sql.append(" AND kind = ?"); args.add(q.kind().name()); }
        if ("OPEN".equals(q.outcome())) sql.append(" AND outcome_result IS NULL");
        else if (q.outcome() != null) { sql.append(" AND outcome_result = ?"); args.add(q.outcome()); }
        sql.append(" ORDER BY id DESC LIMIT ").append(q.limit());
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) ps.setObject(i + 1, args.get(i));
            List<DecisionRecord> out = new ArrayList<>();
            Map<Long, List<String>> orders;
            try (ResultSet rs = ps.executeQuery()) {
                List<Object[]> rows = new ArrayList<>();
                while (rs.next()) rows.add(new Object[] {rs.getLong("id"), read(rs)});
                orders = orders(c, rows.stream().map(r -> (Long) r[0]).toList());
                for (Object[] r : rows) {
                    DecisionRecord d = (DecisionRecord) r[1];
                    out.add(withOrders(d, orders.getOrDefault(d.id(), List.of())));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new HistoryException("cannot query decisions: " + e.getMessage(), e);
        }
    }

    /**
     * Hit rate of AI decisions by confidence bucket: {@code buckets} equal buckets of 0..1 over AI_ANALYSIS
     * decisions (ACCEPTED) that have an outcome.
     */
    public List<ConfidenceBucket> hitRateByConfidence(int buckets) {
        if (buckets < 1 || buckets > 100) throw new IllegalArgumentException("buckets: must be within 1..100, was " + buckets);
        int[] closed = new int[buckets];
        int[] wins = new int[buckets];
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT confidence, outcome_pnl FROM ai_decision WHERE kind = 'AI_ANALYSIS' AND status = 'ACCEPTED' "
                        + "AND outcome_result IS NOT NULL AND confidence IS NOT NULL");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                int b = Math.min(buckets - 1, (int) Math.floor(rs.getDouble(1) * buckets));
                closed[b]++;
                if (rs.getBigDecimal(2).signum() > 0) wins[b]++;
            }
        } catch (SQLException e) {
            throw new HistoryException("cannot compute hit rates: " + e.getMessage(), e);
        }
        List<ConfidenceBucket> out = new ArrayList<>();
        for (int i = 0; i < buckets; i++) {
            out.add(new ConfidenceBucket((double) i / buckets, (double) (i + 1) / buckets, closed[i], wins[i]));
        }
        return out;
    }

    /**
     * Tokens and USD used by {@code model} between {@code fromMs} (inclusive) and {@code toMs} (exclusive) of
     * recording time, uncached calls only: {@code [tokens, calls]} and the cost.
     */
    public Map.Entry<long[], BigDecimal> usage(String model, long fromMs, long toMs) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT COALESCE(SUM(input_tokens + output_tokens), 0), COUNT(*), COALESCE(SUM(cost_usd), 0) "
                        + "FROM ai_decision WHERE kind = 'AI_ANALYSIS' AND cached = FALSE AND model = ? "
                        + "AND recorded_at >= ? AND recorded_at < ? AND (input_tokens + output_tokens) > 0")) {
            ps.setString(1, model);
            ps.setLong(2, fromMs);
            ps.setLong(3, toMs);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return Map.entry(new long[] {rs.getLong(1), rs.getLong(2)}, rs.getBigDecimal(3));
            }
        } catch (SQLException e) {
            throw new HistoryException("cannot sum usage: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<Entry> get(Key key) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT raw_output, input_tokens, output_tokens FROM ai_decision_cache "
                        + "WHERE symbol = ? AND bar_time = ? AND prompt_hash = ? AND model = ?")) {
            ps.setString(1, key.symbol());
            ps.setLong(2, key.barTime());
            ps.setString(3, key.promptHash());
            ps.setString(4, key.model());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Entry(rs.getString(1), rs.getInt(2), rs.getInt(3))) : Optional.empty();
            }
        } catch (SQLException e) {
            LOG.warn("decision cache read failed: {}", e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public void put(Key key, Entry entry) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "MERGE INTO ai_decision_cache (symbol, bar_time, prompt_hash, model, raw_output, input_tokens, "
                        + "output_tokens, created_at) KEY (symbol, bar_time, prompt_hash, model) "
                        + "SELECT ?,?,?,?,?,?,?,? WHERE NOT EXISTS (SELECT 1 FROM ai_decision_cache "
                        + "WHERE symbol = ? AND bar_time = ? AND prompt_hash = ? AND model = ?)")) {
            ps.setString(1, key.symbol());
            ps.setLong(2, key.barTime());
            ps.setString(3, key.promptHash());
            ps.setString(4, key.model());
            ps.setString(5, entry.rawOutput());
            ps.setInt(6, entry.inputTokens());
            ps.setInt(7, entry.outputTokens());
            ps.setLong(8, System.currentTimeMillis());
            ps.setString(9, key.symbol());
            ps.setLong(10, key.barTime());
            ps.setString(11, key.promptHash());
            ps.setString(12, key.model());
            ps.executeUpdate();
        } catch (SQLException e) {
            LOG.warn("decision cache write failed: {}", e.getMessage());
        }
    }

    private static Map<Long, List<String>> orders(Connection c, List<Long> ids) throws SQLException {
        Map<Long, List<String>> m = new LinkedHashMap<>();
        if (ids.isEmpty()) return m;
        String in = String.join(",", java.util.Collections.nCopies(ids.size(), "?"));
        try (PreparedStatement ps = c.prepareStatement("SELECT decision_id, client_order_id FROM ai_decision_order "
                + "WHERE decision_id IN (" + in + ") ORDER BY client_order_id")) {
            for (int i = 0; i < ids.size(); i++) ps.setLong(i + 1, ids.get(i));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) m.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2));
            }
        }
        return m;
    }

    private static DecisionRecord read(ResultSet rs) throws SQLException {
        double conf = rs.getDouble("confidence");
        Double confidence = rs.wasNull() ? null : conf;
        String result = rs.getString("outcome_result");
        DecisionRecord.Outcome outcome = result == null ? null : new DecisionRecord.Outcome(
                rs.getBigDecimal("outcome_pnl"), result, rs.getLong("outcome_at"), rs.getString("reflection"));
        return new DecisionRecord(rs.getLong("id"), rs.getLong("decision_time"), rs.getLong("recorded_at"),
                DecisionKind.valueOf(rs.getString("kind")), DecisionStatus.valueOf(rs.getString("status")),
                rs.getString("symbol"), rs.getString("strategy"), rs.getString("session_id"), rs.getString("signal_id"),
                rs.getString("action"), confidence, rs.getString("inputs_json"), rs.getString("model"),
                rs.getString("prompt_hash"), rs.getString("raw_output"), rs.getString("parsed_json"),
                rs.getString("reason"), rs.getLong("latency_ms"), rs.getInt("input_tokens"), rs.getInt("output_tokens"),
                rs.getBigDecimal("cost_usd"), rs.getBoolean("cached"), List.of(), outcome);
    }

    private static DecisionRecord withOrders(DecisionRecord d, List<String> orders) {
        return new DecisionRecord(d.id(), d.decisionTime(), d.recordedAt(), d.kind(), d.status(), d.symbol(),
                d.strategy(), d.sessionId(), d.signalId(), d.action(), d.confidence(), d.inputsJson(), d.model(),
                d.promptHash(), d.rawOutput(), d.parsedJson(), d.reason(), d.latencyMs(), d.inputTokens(),
                d.outputTokens(), d.costUsd(), d.cached(), orders, d.outcome());
    }

    private static String truncate(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }

    /** Closes the pool when this store opened it. */
    @Override
    public void close() {
        if (owned != null) owned.close();
    }

}
