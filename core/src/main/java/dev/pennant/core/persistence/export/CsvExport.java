package dev.pennant.core.persistence.export;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Exports a history table or report to CSV (RFC 4180: comma-separated, a header line of lower-case column names,
 * fields holding a comma, a double quote or a line break quoted with {@code "} and inner quotes doubled, lines ended
 * by {@code \n}). Numbers are written as plain decimals without trailing zeros, times as the stored epoch
 * milliseconds UTC, absent values as empty fields. Rows come in a fixed order per table (below), so two exports of
 * the same data are byte-identical.
 *
 * <p>Tables ({@link Table}): {@code sessions}, {@code orders}, {@code fills}, {@code positions}, {@code signals},
 * {@code equity}, {@code bars}, {@code trades}, {@code agg-trades}, {@code audit}, and the report
 * {@code session-summary} (per session: fills, buys, sells, fees and realised P&L summed from its fills, last
 * equity). Only queries run.
 */
public final class CsvExport {

    private CsvExport() {
    }

    /** What can be exported, with its SQL, its time column and its order. */
    public enum Table {
        /** {@code trading_session}. */
        SESSIONS("sessions", "SELECT * FROM trading_session", "started_at", "started_at, id", true, false),
        /** {@code trade_order}. */
        ORDERS("orders", "SELECT * FROM trade_order", "created_time", "created_time, client_order_id", true, true),
        /** {@code fill}. */
        FILLS("fills", "SELECT * FROM fill", "event_time", "event_time, id", true, true),
        /** {@code position_snapshot}. */
        POSITIONS("positions", "SELECT * FROM position_snapshot", "updated_time", "session_id, symbol, position_side", true, true),
        /** {@code signal}. */
        SIGNALS("signals", "SELECT * FROM signal", "event_time", "event_time, id", true, true),
        /** {@code equity_snapshot}. */
        EQUITY("equity", "SELECT * FROM equity_snapshot", "event_time", "event_time, id", true, false),
        /** {@code market_bar} (imported klines). */
        BARS("bars", "SELECT * FROM market_bar", "open_time", "market, symbol, interval_code, open_time", false, true),
        /** {@code market_trade} (imported trades). */
        TRADES("trades", "SELECT * FROM market_trade", "trade_time", "market, symbol, trade_id", false, true),
        /** {@code market_agg_trade} (imported aggTrades). */
        AGG_TRADES("agg-trades", "SELECT * FROM market_agg_trade", "trade_time", "market, symbol, agg_trade_id", false, true),
        /** {@code audit_log}. */
        AUDIT("audit", "SELECT * FROM audit_log", "time", "seq", false, false),
        /** Report: one row per session with totals from its fills and its last equity. */
        SESSION_SUMMARY("session-summary", "SELECT * FROM (SELECT s.id AS session_id, s.mode, s.venue, s.symbol, "
                + "s.interval_code, s.strategy, s.started_at, s.ended_at, s.starting_cash, "
                + "(SELECT COUNT(*) FROM fill f WHERE f.session_id = s.id) AS fills, "
                + "(SELECT COUNT(*) FROM fill f WHERE f.session_id = s.id AND f.side = 'BUY') AS buys, "
                + "(SELECT COUNT(*) FROM fill f WHERE f.session_id = s.id AND f.side = 'SELL') AS sells, "
                + "(SELECT COALESCE(SUM(f.commission), 0) FROM fill f WHERE f.session_id = s.id) AS fees, "
                + "(SELECT COALESCE(SUM(f.realized_pnl), 0) FROM fill f WHERE f.session_id = s.id) AS realized_pnl, "
                + "(SELECT e.equity FROM equity_snapshot e WHERE e.session_id = s.id ORDER BY e.event_time DESC, e.id DESC "
                + "FETCH FIRST 1 ROW ONLY) AS final_equity FROM trading_session s) r", "started_at", "started_at, session_id",
                true, false);

        private final String cliName;
        private final String select;
        private final String timeColumn;
        private final String order;
        private final boolean hasSession;
        private final boolean hasSymbol;

        Table(String cliName, String select, String timeColumn, String order, boolean hasSession, boolean hasSymbol) {
            this.cliName = cliName;
            this.select = select;
            this.timeColumn = timeColumn;
            this.order = order;
            this.hasSession = hasSession;
            this.hasSymbol = hasSymbol;
        }

        /** The name on the command line, e.g. {@code fills}, {@code agg-trades}, {@code session-summary}. */
        public String cliName() {
            return cliName;
        }

        /**
         * The table called {@code name} (case-insensitive; {@code _} for {@code -} allowed).
         *
         * @throws IllegalArgumentException listing the names when there is none such
         */
        public static Table parse(String name) {
            String n = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
            for (Table t : values()) {
                if (t.cliName.equals(n)) {
                    return t;
                }
            }
            throw new IllegalArgumentException("--table must be one of " + names() + "; was " + name);
        }

        /** All CLI names, comma-separated. */
        public static String names() {
            List<String> out = new ArrayList<>();
            for (Table t : values()) {
                out.add(t.cliName);
            }
            return String.join(", ", out);
        }
    }

    /**
     * Row filters; {@code null} fields do not filter.
     *
     * @param sessionId session id (tables with sessions)
     * @param symbol    symbol (tables with symbols)
     * @param market    {@code SPOT} / {@code USDM_FUTURES} (market-data tables)
     * @param interval  kline interval code, e.g. {@code 1h} ({@code bars})
     * @param from      inclusive lower bound of the table's time column, epoch ms UTC
     * @param to        exclusive upper bound, epoch ms UTC
     */
    public record Filter(String sessionId, String symbol, String market, String interval, Long from, Long to) {
        /** No filter. */
        public static Filter none() {
            return new Filter(null, null, null, null, null, null);
        }
    }

    /**
     * Writes {@code table}'s rows matching {@code filter} to {@code out} (not closed).
     *
     * @return the number of data rows written
     * @throws IllegalArgumentException naming the option when the filter does not apply to the table
     * @throws SQLException             when the query fails (e.g. the table does not exist in an older database)
     * @throws IOException              when writing fails
     */
    public static long export(Connection c, Table table, Filter filter, Writer out) throws SQLException, IOException {
        Objects.requireNonNull(filter, "filter");
        List<String> where = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        if (filter.sessionId() != null) {
            require(table.hasSession, "--session", table);
            where.add("session_id = ?");
            args.add(filter.sessionId());
        }
        if (filter.symbol() != null) {
            require(table.hasSymbol || table == Table.SESSIONS || table == Table.SESSION_SUMMARY, "--symbol", table);
            where.add("symbol = ?");
            args.add(filter.symbol());
        }
        boolean marketData = table == Table.BARS || table == Table.TRADES || table == Table.AGG_TRADES;
        if (filter.market() != null) {
            require(marketData, "--market", table);
            where.add("market = ?");
            args.add(filter.market());
        }
        if (filter.interval() != null) {
            require(table == Table.BARS, "--interval", table);
            where.add("interval_code = ?");
            args.add(filter.interval());
        }
        if (filter.from() != null) {
            where.add(table.timeColumn + " >= ?");
            args.add(filter.from());
        }
        if (filter.to() != null) {
            where.add(table.timeColumn + " < ?");
            args.add(filter.to());
        }
        String sql = "SELECT * FROM (" + table.select + ") x" + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
                + " ORDER BY " + table.order;
        long rows = 0;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            ps.setFetchSize(5000);
            try (ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData md = rs.getMetaData();
                int n = md.getColumnCount();
                StringBuilder line = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    if (i > 1) {
                        line.append(',');
                    }
                    line.append(field(md.getColumnLabel(i).toLowerCase(Locale.ROOT)));
                }
                out.write(line.append('\n').toString());
                while (rs.next()) {
                    line.setLength(0);
                    for (int i = 1; i <= n; i++) {
                        if (i > 1) {
                            line.append(',');
                        }
                        line.append(field(value(rs.getObject(i))));
                    }
                    out.write(line.append('\n').toString());
                    rows++;
                }
            }
        }
        out.flush();
        return rows;
    }

    private static void require(boolean ok, String option, Table t) {
        if (!ok) {
            throw new IllegalArgumentException(option + " does not apply to --table " + t.cliName);
        }
    }

    private static String value(Object v) throws SQLException {
        if (v == null) {
            return "";
        }
        if (v instanceof BigDecimal d) {
            BigDecimal s = d.stripTrailingZeros();
            return (s.scale() < 0 ? s.setScale(0) : s).toPlainString();
        }
        if (v instanceof Clob clob) {
            return clob.getSubString(1, (int) clob.length());
        }
        if (v instanceof byte[] b) {
            return new String(b, java.nio.charset.StandardCharsets.UTF_8); // H2 returns JSON columns as bytes
        }
        return v.toString();
    }

    /** RFC 4180 quoting. */
    static String field(String s) {
        boolean quote = false;
        for (int i = 0; i < s.length() && !quote; i++) {
            char ch = s.charAt(i);
            quote = ch == ',' || ch == '"' || ch == '\n' || ch == '\r';
        }
        return quote ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }
}
