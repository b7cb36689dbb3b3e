package dev.pennant.core.portfolio.manager;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pennant.core.model.Fill;
import dev.pennant.core.persistence.HistoryException;
import dev.pennant.core.risk.RiskEvent;
import dev.pennant.core.risk.RiskLevel;
import dev.pennant.core.risk.RiskLimits;
import dev.pennant.core.risk.RiskState;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Portfolios, their allocations, strategies, paper balances, ledger fills and the risk events, in the history
 * database (tables of migration V5; plain JDBC: these are small tables outside the Hibernate-validated history
 * model). A deleted portfolio keeps its rows ({@code deleted = TRUE}). Thread-safe (a connection per call).
 */
public final class PortfolioStore {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DataSource ds;

    /** A store on {@code ds} (e.g. {@code HistoryStore.dataSource()}), migrated to V5. */
    public PortfolioStore(DataSource ds) {
        this.ds = java.util.Objects.requireNonNull(ds, "ds");
    }

    /** A stored portfolio with its paper balance and flags. */
    public record Stored(PortfolioDefinition definition, BigDecimal paperCash, long paperResetAt, boolean active,
                         RiskLimits limits) {
    }

    /** A stored risk event with the portfolio it concerned ({@code 0} = account) and the mode it happened in. */
    public record StoredEvent(long id, String sessionId, long portfolioId, PortfolioMode mode, RiskEvent event) {
    }

    /** Inserts {@code def} with paper balance {@code paperCash}. @return the new id */
    public long create(PortfolioDefinition def, BigDecimal paperCash, long now) {
        return tx(c -> {
            long id;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO portfolio (name, mode, quote_asset, total_budget, "
                    + "max_per_symbol, risk_level, archived, paper_cash, paper_reset_at, created_at, updated_at) "
                    + "VALUES (?,?,?,?,?,?,?,?,?,?,?)", Statement.RETURN_GENERATED_KEYS)) {
                bind(ps, def);
                ps.setBigDecimal(8, paperCash);
                ps.setLong(9, now);
                ps.setLong(10, now);
                ps.setLong(11, now);
                ps.executeUpdate();
                try (ResultSet k = ps.getGeneratedKeys()) {
                    k.next();
                    id = k.getLong(1);
                }
            }
            writeChildren(c, id, def);
            return id;
        });
    }

    /** Updates every field of {@code def} (by id); allocations and strategies replaced. */
    public void update(PortfolioDefinition def, long now) {
        tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE portfolio SET name=?, mode=?, quote_asset=?, "
                    + "total_budget=?, max_per_symbol=?, risk_level=?, archived=?, updated_at=? WHERE id=?")) {
                bind(ps, def);
                ps.setLong(8, now);
                ps.setLong(9, def.id());
                ps.executeUpdate();
            }
            exec(c, "DELETE FROM portfolio_allocation WHERE portfolio_id=?", def.id());
            exec(c, "DELETE FROM portfolio_strategy WHERE portfolio_id=?", def.id());
            writeChildren(c, def.id(), def);
            return null;
        });
    }

    /** Stores edited limits ({@code null}: back to the risk level's preset). */
    public void saveLimits(long id, RiskLimits limits) {
        tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE portfolio SET limits_json=? WHERE id=?")) {
                ps.setString(1, limits == null ? null : JSON.writeValueAsString(limits));
                ps.setLong(2, id);
                ps.executeUpdate();
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new HistoryException("cannot store limits: " + e.getMessage(), e);
            }
            return null;
        });
    }

    /** Marks {@code id} deleted; its fills and events stay. */
    public void delete(long id, long now) {
        tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE portfolio SET deleted=TRUE, active=FALSE, updated_at=? WHERE id=?")) {
                ps.setLong(1, now);
                ps.setLong(2, id);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Makes {@code id} the only active portfolio. */
    public void setActive(long id) {
        tx(c -> {
            exec(c, "UPDATE portfolio SET active=FALSE WHERE active=TRUE");
            exec(c, "UPDATE portfolio SET active=TRUE WHERE id=?", id);
            return null;
        });
    }

    /** Sets the paper balance (a reset): the portfolio's PAPER fills so far stay as history, not in the ledger. */
    public void setPaperCash(long id, BigDecimal cash, long now) {
        tx(c -> {
            exec(c, "UPDATE portfolio_fill SET reset=TRUE WHERE portfolio_id=? AND mode='PAPER'", id);
            try (PreparedStatement ps = c.prepareStatement("UPDATE portfolio SET paper_cash=?, paper_reset_at=? WHERE id=?")) {
                ps.setBigDecimal(1, cash);
                ps.setLong(2, now);
                ps.setLong(3, id);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Portfolios not deleted, by id. */
    public List<Stored> list() {
        return tx(c -> {
            List<Stored> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, name, mode, quote_asset, total_budget, max_per_symbol, "
                    + "risk_level, archived, paper_cash, paper_reset_at, active, limits_json FROM portfolio "
                    + "WHERE deleted=FALSE ORDER BY id"); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long id = rs.getLong(1);
                    Map<String, BigDecimal> alloc = new LinkedHashMap<>();
                    try (PreparedStatement a = c.prepareStatement(
                            "SELECT symbol, budget FROM portfolio_allocation WHERE portfolio_id=? ORDER BY symbol")) {
                        a.setLong(1, id);
                        try (ResultSet r = a.executeQuery()) {
                            while (r.next()) {
                                alloc.put(r.getString(1), r.getBigDecimal(2));
                            }
                        }
                    }
                    List<String> strategies = new ArrayList<>();
                    try (PreparedStatement a = c.prepareStatement(
                            "SELECT strategy_name FROM portfolio_strategy WHERE portfolio_id=? ORDER BY strategy_name")) {
                        a.setLong(1, id);
                        try (ResultSet r = a.executeQuery()) {
                            while (r.next()) {
                                strategies.add(r.getString(1));
                            }
                        }
                    }
                    PortfolioDefinition def = new PortfolioDefinition(id, rs.getString(2),
                            PortfolioMode.valueOf(rs.getString(3)), rs.getString(4), rs.getBigDecimal(5),
                            rs.getBigDecimal(6), alloc, RiskLevel.valueOf(rs.getString(7)), strategies, rs.getBoolean(8));
                    String lj = rs.getString(12);
                    RiskLimits limits;
                    try {
                        limits = lj == null ? null : JSON.readValue(lj, RiskLimits.class);
                    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                        throw new HistoryException("portfolio " + id + ": stored limits unreadable: " + e.getMessage(), e);
                    }
                    out.add(new Stored(def, rs.getBigDecimal(9), rs.getLong(10), rs.getBoolean(11), limits));
                }
            }
            return out;
        });
    }

    /** The portfolio {@code id} unless deleted. */
    public Optional<Stored> find(long id) {
        return list().stream().filter(s -> s.definition().id() == id).findFirst();
    }

    /** Books one attributed fill. */
    public void fill(long portfolioId, PortfolioMode mode, Fill f) {
        tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO portfolio_fill (portfolio_id, mode, client_order_id, "
                    + "symbol, market, side, quantity, price, commission, realized_pnl, fill_time, commission_asset) "
                    + "VALUES (?,?,?,?,?,?,?,?,?,?,?,?)")) {
                ps.setLong(1, portfolioId);
                ps.setString(2, mode.name());
                ps.setString(3, f.clientOrderId());
                ps.setString(4, f.symbol());
                ps.setString(5, f.market().name());
                ps.setString(6, f.side().name());
                ps.setBigDecimal(7, f.quantity());
                ps.setBigDecimal(8, f.price());
                ps.setBigDecimal(9, f.commission() == null ? BigDecimal.ZERO : f.commission());
                ps.setBigDecimal(10, f.realizedPnl() == null ? BigDecimal.ZERO : f.realizedPnl());
                ps.setLong(11, f.time());
                ps.setString(12, f.commissionAsset());
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Fills booked to {@code portfolioId} in {@code mode}: (clientOrderId, symbol, side, qty, price, time) rows. */
    public List<String[]> fills(long portfolioId, PortfolioMode mode) {
        return tx(c -> {
            List<String[]> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT client_order_id, symbol, side, quantity, price, fill_time "
                    + "FROM portfolio_fill WHERE portfolio_id=? AND mode=? ORDER BY id")) {
                ps.setLong(1, portfolioId);
                ps.setString(2, mode.name());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new String[]{rs.getString(1), rs.getString(2), rs.getString(3),
                                rs.getBigDecimal(4).stripTrailingZeros().toPlainString(),
                                rs.getBigDecimal(5).stripTrailingZeros().toPlainString(), String.valueOf(rs.getLong(6))});
                    }
                }
            }
            return out;
        });
    }

    /** The fills that make up {@code portfolioId}'s ledger in {@code mode} now (after its last paper reset), in order. */
    public List<Fill> ledgerFills(long portfolioId, PortfolioMode mode) {
        return tx(c -> {
            List<Fill> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, client_order_id, symbol, side, quantity, price, commission, "
                    + "realized_pnl, fill_time, market, commission_asset FROM portfolio_fill WHERE portfolio_id=? AND mode=? AND reset=FALSE ORDER BY id")) {
                ps.setLong(1, portfolioId);
                ps.setString(2, mode.name());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Fill(rs.getLong(1), rs.getString(2), rs.getString(3),
                                dev.pennant.core.model.Side.valueOf(rs.getString(4)), rs.getBigDecimal(5), rs.getBigDecimal(6),
                                rs.getBigDecimal(7), rs.getString(11),
                                dev.pennant.core.model.LiquiditySide.TAKER, rs.getLong(9),
                                rs.getBigDecimal(8), dev.pennant.core.model.Market.valueOf(rs.getString(10)),
                                dev.pennant.core.model.PositionSide.BOTH));
                    }
                }
            }
            return out;
        });
    }

    /** Stores risk events in one transaction (see {@link #event}). */
    public void events(String sessionId, List<StoredEvent> events) {
        tx(c -> {
            for (StoredEvent e : events) {
                insertEvent(c, sessionId, e.portfolioId(), e.mode(), e.event());
            }
            return null;
        });
    }

    /** Stores a risk event. */
    public void event(String sessionId, long portfolioId, PortfolioMode mode, RiskEvent e) {
        tx(c -> {
            insertEvent(c, sessionId, portfolioId, mode, e);
            return null;
        });
    }

    private static void insertEvent(Connection c, String sessionId, long portfolioId, PortfolioMode mode, RiskEvent e)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO risk_event (session_id, portfolio_id, mode, event_time, "
                + "scope, kind, state, limit_name, value_text, threshold, lifts, detail) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)")) {
            ps.setString(1, sessionId);
            if (portfolioId > 0) {
                ps.setLong(2, portfolioId);
            } else {
                ps.setNull(2, java.sql.Types.BIGINT);
            }
            ps.setString(3, mode.name());
            ps.setLong(4, e.time());
            ps.setString(5, cut(e.scope(), 40));
            ps.setString(6, e.kind().name());
            ps.setString(7, e.state().name());
            ps.setString(8, cut(e.limit(), 40));
            ps.setString(9, cut(e.value(), 200));
            ps.setString(10, cut(e.threshold(), 200));
            ps.setString(11, cut(e.lifts(), 400));
            ps.setString(12, cut(e.detail(), 2000));
            ps.executeUpdate();
        }
    }

    /** The latest {@code limit} risk events of {@code mode}, newest first. */
    public List<StoredEvent> events(PortfolioMode mode, int limit) {
        return tx(c -> {
            List<StoredEvent> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, session_id, portfolio_id, event_time, scope, kind, state, "
                    + "limit_name, value_text, threshold, lifts, detail FROM risk_event WHERE mode=? ORDER BY id DESC LIMIT ?")) {
                ps.setString(1, mode.name());
                ps.setInt(2, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new StoredEvent(rs.getLong(1), rs.getString(2), rs.getLong(3), mode,
                                new RiskEvent(rs.getLong(4), rs.getString(5), RiskEvent.Kind.valueOf(rs.getString(6)),
                                        RiskState.valueOf(rs.getString(7)), rs.getString(8), rs.getString(9),
                                        rs.getString(10), rs.getString(11), rs.getString(12))));
                    }
                }
            }
            return out;
        });
    }

    private static String cut(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }

    /** Parameters 1..7: name, mode, quote asset, total budget, max per symbol, risk level, archived. */
    private static void bind(PreparedStatement ps, PortfolioDefinition def) throws SQLException {
        ps.setString(1, def.name());
        ps.setString(2, def.mode().name());
        ps.setString(3, def.quoteAsset());
        ps.setBigDecimal(4, def.totalBudget());
        ps.setBigDecimal(5, def.maxPerSymbol());
        ps.setString(6, def.riskLevel().name());
        ps.setBoolean(7, def.archived());
    }

    private static void writeChildren(Connection c, long id, PortfolioDefinition def) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO portfolio_allocation (portfolio_id, symbol, budget) VALUES (?,?,?)")) {
            for (Map.Entry<String, BigDecimal> e : def.allocations().entrySet()) {
                ps.setLong(1, id);
                ps.setString(2, e.getKey());
                ps.setBigDecimal(3, e.getValue());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO portfolio_strategy (portfolio_id, strategy_name) VALUES (?,?)")) {
            for (String s : def.strategies()) {
                ps.setLong(1, id);
                ps.setString(2, s);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void exec(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.executeUpdate();
        }
    }

    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T tx(Work<T> w) {
        try (Connection c = ds.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                T r = w.run(c);
                c.commit();
                return r;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw new HistoryException("portfolio store: " + e.getMessage(), e);
        }
    }
}
