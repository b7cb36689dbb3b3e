package dev.pennant.core.persistence.backup;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a history database and reports problems without changing anything: it only runs queries, on a connection
 * opened read-only ({@code ACCESS_MODE_DATA=r}) unless this process already has the database open
 * ({@link DatabaseAccess#openForReading}).
 *
 * <p><b>H2 consistency.</b> H2 has no {@code CHECK TABLE}; instead every row of every table is read back (every page
 * decoded) and counted against H2's own row count, every index is walked and its entry count compared with the
 * table's, rows pointing at a missing session are counted, imported bars must satisfy low ≤ open, close ≤ high and
 * volume ≥ 0, and the audit log's hash chain must link ({@code prev_hash} = the previous row's {@code hash}).
 * A file H2 cannot open at all is one problem, and so is one without Flyway's schema history (H2 opens a file whose
 * chunks cannot be read as an empty database) or with a failed migration.
 *
 * <p><b>Ledger.</b> Each order's {@code filled_quantity} must equal the sum of its fills; each stored position
 * ({@code position_snapshot}) must equal the signed sum of the fills of its session and symbol and position side
 * (BUY +, SELL −), counting the fills of the sessions it resumed (a session resumed from another says
 * {@code (resumes <id>)} in its source); a spot position's {@code realized_pnl} must equal the sum of its fills'
 * realised P&L (each fill's already net of its commission). Futures realised P&L also holds funding payments,
 * which are not stored per payment, so it is not compared. Amounts agree within {@link #TOLERANCE} (values are
 * stored rounded to 12 decimals).
 */
public final class IntegrityCheck {

    /** Allowed difference between stored and recomputed quantities and P&L: 1e-8 (base asset / quote asset). */
    public static final BigDecimal TOLERANCE = new BigDecimal("1e-8");
    private static final Pattern RESUMES = Pattern.compile("\\(resumes ([^)\\s]+)\\)");

    private IntegrityCheck() {
    }

    /**
     * Runs every check on the database of {@code dataDir}.
     *
     * @throws BackupException when there is no database there or another process holds it (H2 cannot open it
     *                         twice); a database that cannot be opened for any other reason is reported as a problem
     */
    public static IntegrityReport run(Path dataDir) {
        Connection c;
        try {
            c = DatabaseAccess.openForReading(dataDir);
        } catch (BackupException e) {
            if (e.getMessage().contains("in use by another") || e.getMessage().contains("no history database")) {
                throw e;
            }
            return new IntegrityReport(List.of("open: failed"), List.of("database cannot be opened: " + e.getMessage()));
        }
        try (c) {
            return run(c);
        } catch (SQLException e) {
            return new IntegrityReport(List.of(), List.of("database cannot be read: " + e.getMessage()));
        }
    }

    /** Runs every check on an open connection (only queries). */
    public static IntegrityReport run(Connection c) throws SQLException {
        List<String> checks = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Set<String> tables = tables(c);
        // H2 opens a file whose chunks are unreadable as an EMPTY database (seen with a zeroed file): no schema
        // history means the data is gone or this is not a Pennant database.
        if (!tables.contains("flyway_schema_history")) {
            problems.add("no Pennant schema (flyway_schema_history missing): the file is empty, damaged or not a "
                    + "Pennant history database");
        } else {
            long failed = single(c, "SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE \"success\" = FALSE");
            if (failed > 0) {
                problems.add("flyway_schema_history: " + failed + " failed migration(s)");
            }
            checks.add("schema: version " + String.valueOf(singleString(c, "SELECT \"version\" FROM "
                    + "\"flyway_schema_history\" WHERE \"success\" = TRUE AND \"version\" IS NOT NULL "
                    + "ORDER BY \"installed_rank\" DESC FETCH FIRST 1 ROW ONLY")));
        }
        structure(c, tables, checks, problems);
        if (tables.containsAll(List.of("TRADING_SESSION", "FILL", "TRADE_ORDER", "POSITION_SNAPSHOT"))) {
            orphans(c, tables, checks, problems);
            orders(c, checks, problems);
            positions(c, checks, problems);
        }
        if (tables.contains("MARKET_BAR")) {
            bars(c, checks, problems);
        }
        if (tables.contains("AUDIT_LOG")) {
            audit(c, checks, problems);
        }
        return new IntegrityReport(checks, problems);
    }

    private static Set<String> tables(Connection c) throws SQLException {
        Set<String> out = new java.util.TreeSet<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT TABLE_NAME FROM "
                + "INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC' AND TABLE_TYPE = 'BASE TABLE'")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private static void structure(Connection c, Set<String> tables, List<String> checks, List<String> problems)
            throws SQLException {
        long rows = 0;
        Map<String, Long> scanned = new HashMap<>();
        for (String t : tables) {
            long n = 0;
            try (Statement st = c.createStatement()) {
                st.setFetchSize(2000);
                try (ResultSet rs = st.executeQuery("SELECT * FROM \"" + t + "\"")) {
                    int cols = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        for (int i = 1; i <= cols; i++) {
                            rs.getObject(i); // decode every value
                        }
                        n++;
                    }
                }
                long counted = single(c, "SELECT COUNT(*) FROM \"" + t + "\"");
                if (counted != n) {
                    problems.add("table " + t + ": H2 counts " + counted + " rows, " + n + " can be read");
                }
            } catch (SQLException e) {
                problems.add("table " + t + ": rows cannot be read: " + e.getMessage());
            }
            scanned.put(t, n);
            rows += n;
        }
        checks.add("tables: " + tables.size() + " read in full, " + rows + " rows");
        int indexes = 0;
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT i.TABLE_NAME, i.INDEX_NAME, "
                + "c.COLUMN_NAME FROM INFORMATION_SCHEMA.INDEXES i JOIN INFORMATION_SCHEMA.INDEX_COLUMNS c "
                + "ON c.INDEX_SCHEMA = i.INDEX_SCHEMA AND c.INDEX_NAME = i.INDEX_NAME AND c.ORDINAL_POSITION = 1 "
                + "WHERE i.TABLE_SCHEMA = 'PUBLIC' ORDER BY i.TABLE_NAME, i.INDEX_NAME")) {
            List<String[]> list = new ArrayList<>();
            while (rs.next()) {
                list.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
            }
            for (String[] ix : list) {
                if (!scanned.containsKey(ix[0])) {
                    continue;
                }
                indexes++;
                try {
                    // the index's first column is NOT NULL for every V1..V7 index; count its entries by walking it
                    long viaIndex = single(c, "SELECT COUNT(*) FROM \"" + ix[0] + "\" USE INDEX (\"" + ix[1] + "\") WHERE \""
                            + ix[2] + "\" IS NOT NULL");
                    long viaTable = single(c, "SELECT COUNT(*) FROM \"" + ix[0] + "\" USE INDEX () WHERE \"" + ix[2]
                            + "\" IS NOT NULL");
                    if (viaIndex != viaTable) {
                        problems.add("index " + ix[1] + " on " + ix[0] + ": " + viaIndex + " entries, the table has "
                                + viaTable + " rows");
                    }
                } catch (SQLException e) {
                    problems.add("index " + ix[1] + " on " + ix[0] + ": cannot be read: " + e.getMessage());
                }
            }
        }
        checks.add("indexes: " + indexes + " walked");
    }

    private static void orphans(Connection c, Set<String> tables, List<String> checks, List<String> problems)
            throws SQLException {
        int n = 0;
        for (String t : List.of("TRADE_ORDER", "FILL", "SIGNAL", "POSITION_SNAPSHOT", "EQUITY_SNAPSHOT", "PAPER_SESSION_STATE")) {
            if (!tables.contains(t)) {
                continue;
            }
            n++;
            long orphans = single(c, "SELECT COUNT(*) FROM \"" + t + "\" x WHERE NOT EXISTS (SELECT 1 FROM trading_session s "
                    + "WHERE s.id = x.session_id)");
            if (orphans > 0) {
                problems.add("table " + t + ": " + orphans + " row(s) of a session that does not exist");
            }
        }
        checks.add("sessions: " + n + " tables' session references");
    }

    private static void orders(Connection c, List<String> checks, List<String> problems) throws SQLException {
        long n = 0;
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT o.client_order_id, "
                + "o.filled_quantity, COALESCE(SUM(f.quantity), 0) FROM trade_order o LEFT JOIN fill f "
                + "ON f.client_order_id = o.client_order_id GROUP BY o.client_order_id, o.filled_quantity "
                + "ORDER BY o.client_order_id")) {
            while (rs.next()) {
                n++;
                BigDecimal stored = rs.getBigDecimal(2);
                BigDecimal sum = rs.getBigDecimal(3);
                if (differs(stored, sum)) {
                    problems.add("order " + rs.getString(1) + ": filled_quantity " + plain(stored) + " but its fills add up to "
                            + plain(sum));
                }
            }
        }
        long fillsWithoutOrder = single(c, "SELECT COUNT(*) FROM fill f WHERE NOT EXISTS (SELECT 1 FROM trade_order o "
                + "WHERE o.client_order_id = f.client_order_id)");
        if (fillsWithoutOrder > 0) {
            problems.add("fills: " + fillsWithoutOrder + " fill(s) of an order that is not stored");
        }
        checks.add("orders: " + n + " filled quantities against their fills");
    }

    private static void positions(Connection c, List<String> checks, List<String> problems) throws SQLException {
        Map<String, String> resumes = new HashMap<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT id, source FROM trading_session")) {
            while (rs.next()) {
                Matcher m = RESUMES.matcher(rs.getString(2));
                if (m.find()) {
                    resumes.put(rs.getString(1), m.group(1));
                }
            }
        }
        // per (session, symbol, position side): signed quantity and realised P&L of the session's own fills
        Map<String, BigDecimal[]> own = new HashMap<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT session_id, symbol, position_side, "
                + "SUM(CASE WHEN side = 'BUY' THEN quantity ELSE -quantity END), SUM(realized_pnl) FROM fill "
                + "GROUP BY session_id, symbol, position_side")) {
            while (rs.next()) {
                own.put(rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3),
                        new BigDecimal[] {rs.getBigDecimal(4), rs.getBigDecimal(5)});
            }
        }
        long n = 0;
        Set<String> withPosition = new HashSet<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT session_id, symbol, position_side, "
                + "market, quantity, realized_pnl FROM position_snapshot ORDER BY session_id, symbol, position_side")) {
            while (rs.next()) {
                n++;
                String session = rs.getString(1);
                String symbol = rs.getString(2);
                String side = rs.getString(3);
                withPosition.add(session + "|" + symbol + "|" + side);
                BigDecimal qty = BigDecimal.ZERO;
                BigDecimal pnl = BigDecimal.ZERO;
                Set<String> seen = new HashSet<>();
                for (String s = session; s != null && seen.add(s); s = resumes.get(s)) {
                    BigDecimal[] v = own.get(s + "|" + symbol + "|" + side);
                    if (v != null) {
                        qty = qty.add(v[0]);
                        pnl = pnl.add(v[1]);
                    }
                }
                String where = "position " + symbol + " " + side + " of session " + session;
                if (differs(rs.getBigDecimal(5), qty)) {
                    problems.add(where + ": quantity " + plain(rs.getBigDecimal(5)) + " but its fills add up to " + plain(qty));
                }
                if ("SPOT".equals(rs.getString(4)) && differs(rs.getBigDecimal(6), pnl)) {
                    problems.add(where + ": realized_pnl " + plain(rs.getBigDecimal(6)) + " but its fills realised "
                            + plain(pnl));
                }
            }
        }
        for (Map.Entry<String, BigDecimal[]> e : own.entrySet()) {
            if (!withPosition.contains(e.getKey())) {
                String[] k = e.getKey().split("\\|");
                problems.add("position " + k[1] + " " + k[2] + " of session " + k[0] + ": fills but no stored position");
            }
        }
        checks.add("positions: " + n + " stored positions against their fills");
    }

    private static void bars(Connection c, List<String> checks, List<String> problems) throws SQLException {
        long bad = single(c, "SELECT COUNT(*) FROM market_bar WHERE low_price > high_price OR open_price < low_price "
                + "OR open_price > high_price OR close_price < low_price OR close_price > high_price OR volume < 0 "
                + "OR close_time < open_time");
        if (bad > 0) {
            problems.add("market_bar: " + bad + " bar(s) break low <= open, close <= high, volume >= 0 or close_time >= open_time");
        }
        checks.add("bars: OHLC rules on " + single(c, "SELECT COUNT(*) FROM market_bar") + " imported bars");
    }

    private static void audit(Connection c, List<String> checks, List<String> problems) throws SQLException {
        long n = 0;
        long broken = 0;
        String first = null;
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT seq, prev_hash, hash FROM audit_log "
                + "ORDER BY seq")) {
            String prevHash = null;
            while (rs.next()) {
                n++;
                if (prevHash != null && !prevHash.equals(rs.getString(2))) {
                    broken++;
                    if (first == null) {
                        first = "seq " + rs.getLong(1);
                    }
                }
                prevHash = rs.getString(3);
            }
        }
        if (broken > 0) {
            problems.add("audit_log: hash chain broken at " + broken + " row(s), first at " + first);
        }
        checks.add("audit: hash chain over " + n + " records");
    }

    private static long single(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String singleString(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static boolean differs(BigDecimal a, BigDecimal b) {
        return a.subtract(b).abs().compareTo(TOLERANCE) > 0;
    }

    private static String plain(BigDecimal d) {
        BigDecimal s = d.stripTrailingZeros();
        return (s.scale() < 0 ? s.setScale(0) : s).toPlainString();
    }
}
