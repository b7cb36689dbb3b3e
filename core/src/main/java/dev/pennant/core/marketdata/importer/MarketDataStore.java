package dev.pennant.core.marketdata.importer;

import dev.pennant.core.marketdata.Gap;
import dev.pennant.core.model.Bar;
import dev.pennant.core.model.Interval;
import dev.pennant.core.model.Market;
import dev.pennant.core.persistence.HistoryException;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads and writes the imported market data of migration V7 ({@code market_bar}, {@code market_agg_trade},
 * {@code market_trade}, {@code market_import_file}) with plain JDBC over the history database's pool
 * ({@code HistoryStore.dataSource()}). Times are epoch ms UTC, prices quote asset, quantities base asset.
 * Thread-safe (one pooled connection per call).
 */
public final class MarketDataStore {

    static final String BAR_MERGE = "MERGE INTO market_bar (market, symbol, interval_code, open_time, close_time, "
            + "open_price, high_price, low_price, close_price, volume, quote_volume, trades, taker_buy_base, "
            + "taker_buy_quote) KEY (market, symbol, interval_code, open_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    static final String AGG_MERGE = "MERGE INTO market_agg_trade (market, symbol, agg_trade_id, price, quantity, "
            + "first_trade_id, last_trade_id, trade_time, buyer_maker, best_match) KEY (market, symbol, agg_trade_id) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    static final String TRADE_MERGE = "MERGE INTO market_trade (market, symbol, trade_id, price, quantity, "
            + "quote_quantity, trade_time, buyer_maker, best_match) KEY (market, symbol, trade_id) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final DataSource dataSource;

    /** A store over {@code dataSource} (a history database migrated to V7 or later). */
    public MarketDataStore(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /**
     * Stored bars of one series whose open time is in {@code [fromOpenTime, toOpenTime)}, ascending.
     *
     * @throws HistoryException when the query fails
     */
    public List<Bar> bars(Market market, String symbol, Interval interval, long fromOpenTime, long toOpenTime) {
        String sql = "SELECT open_time, close_time, open_price, high_price, low_price, close_price, volume, quote_volume, "
                + "trades, taker_buy_base, taker_buy_quote FROM market_bar WHERE market = ? AND symbol = ? "
                + "AND interval_code = ? AND open_time >= ? AND open_time < ? ORDER BY open_time";
        List<Bar> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, market.name());
            ps.setString(2, symbol);
            ps.setString(3, interval.code());
            ps.setLong(4, fromOpenTime);
            ps.setLong(5, toOpenTime);
            ps.setFetchSize(5000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Bar(symbol, interval, rs.getLong(1), rs.getLong(2), strip(rs.getBigDecimal(3)),
                            strip(rs.getBigDecimal(4)), strip(rs.getBigDecimal(5)), strip(rs.getBigDecimal(6)),
                            strip(rs.getBigDecimal(7)), strip(rs.getBigDecimal(8)), rs.getLong(9),
                            strip(rs.getBigDecimal(10)), strip(rs.getBigDecimal(11)), true));
                }
            }
        } catch (SQLException e) {
            throw new HistoryException("cannot read bars of " + symbol + " " + interval.code() + ": " + e.getMessage(), e);
        }
        return out;
    }

    /** DECIMAL(38,12) comes back with 12 decimals; the values were imported without the trailing zeros. */
    private static BigDecimal strip(BigDecimal d) {
        if (d == null) {
            return null;
        }
        BigDecimal s = d.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }

    /**
     * The holes in one stored bar series: consecutive stored open times more than one interval apart
     * (computed in SQL with {@code LAG}). Empty for {@code 1M}, whose bars are not equally spaced.
     */
    public List<Gap> barGaps(Market market, String symbol, Interval interval) {
        List<Gap> gaps = new ArrayList<>();
        if (interval.isCalendarMonth()) {
            return gaps;
        }
        long step = interval.millis();
        String sql = "SELECT prev, open_time FROM (SELECT open_time, LAG(open_time) OVER (ORDER BY open_time) AS prev "
                + "FROM market_bar WHERE market = ? AND symbol = ? AND interval_code = ?) t "
                + "WHERE prev IS NOT NULL AND open_time - prev > ? ORDER BY open_time";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, market.name());
            ps.setString(2, symbol);
            ps.setString(3, interval.code());
            ps.setLong(4, step);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long from = rs.getLong(1);
                    long to = rs.getLong(2);
                    long missing = (to - from) / step - 1;
                    if (missing >= 1) {
                        gaps.add(new Gap(from, to, missing));
                    }
                }
            }
        } catch (SQLException e) {
            throw new HistoryException("cannot compute gaps: " + e.getMessage(), e);
        }
        return gaps;
    }

    /**
     * Missing ids in one stored trade series: consecutive stored (aggregate) trade ids more than 1 apart. Binance
     * numbers both without holes, so every range is data not imported (yet).
     *
     * @param kind {@link DataKind#TRADES} or {@link DataKind#AGG_TRADES}
     */
    public List<IdGap> idGaps(DataKind kind, Market market, String symbol) {
        String id = kind == DataKind.AGG_TRADES ? "agg_trade_id" : "trade_id";
        String sql = "SELECT prev, id FROM (SELECT " + id + " AS id, LAG(" + id + ") OVER (ORDER BY " + id + ") AS prev "
                + "FROM " + kind.table() + " WHERE market = ? AND symbol = ?) t WHERE prev IS NOT NULL AND id - prev > 1 "
                + "ORDER BY id";
        List<IdGap> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, market.name());
            ps.setString(2, symbol);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new IdGap(rs.getLong(1), rs.getLong(2)));
                }
            }
        } catch (SQLException e) {
            throw new HistoryException("cannot compute id gaps: " + e.getMessage(), e);
        }
        return out;
    }

    /**
     * Summary of one stored series: row count and first / last time (open time for bars, trade time for trades).
     *
     * @param interval the bar interval for {@link DataKind#KLINES}; ignored otherwise
     */
    public Coverage coverage(DataKind kind, Market market, String symbol, Interval interval) {
        try (Connection c = dataSource.getConnection()) {
            return coverage(c, kind, market, symbol, interval);
        } catch (SQLException e) {
            throw new HistoryException("cannot count " + kind.table() + ": " + e.getMessage(), e);
        }
    }

    static Coverage coverage(Connection c, DataKind kind, Market market, String symbol, Interval interval)
            throws SQLException {
        String time = kind == DataKind.KLINES ? "open_time" : "trade_time";
        String sql = "SELECT COUNT(*), MIN(" + time + "), MAX(" + time + ") FROM " + kind.table()
                + " WHERE market = ? AND symbol = ?" + (kind == DataKind.KLINES ? " AND interval_code = ?" : "");
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, market.name());
            ps.setString(2, symbol);
            if (kind == DataKind.KLINES) {
                ps.setString(3, interval.code());
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long n = rs.getLong(1);
                return new Coverage(n, n == 0 ? 0 : rs.getLong(2), n == 0 ? 0 : rs.getLong(3));
            }
        }
    }

    /** The progress stored for the file whose bytes hash to {@code sha256}, if it was ever imported. */
    public Optional<ImportProgress> progress(String sha256) {
        try (Connection c = dataSource.getConnection()) {
            return progress(c, sha256);
        } catch (SQLException e) {
            throw new HistoryException("cannot read import progress: " + e.getMessage(), e);
        }
    }

    static Optional<ImportProgress> progress(Connection c, String sha256) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT file_name, kind, rows_done, rows_total, status "
                + "FROM market_import_file WHERE sha256 = ?")) {
            ps.setString(1, sha256);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                long total = rs.getLong(4);
                return Optional.of(new ImportProgress(sha256, rs.getString(1), DataKind.valueOf(rs.getString(2)),
                        rs.getLong(3), rs.wasNull() ? -1 : total, "DONE".equals(rs.getString(5))));
            }
        }
    }

    /** The imported bars of one market as a {@link dev.pennant.core.marketdata.BarSource} for backtests. */
    public ImportedBars barSource(Market market) {
        return new ImportedBars(this, market);
    }

    /**
     * Row count and time span of a stored series.
     *
     * @param rows  rows stored
     * @param first first open / trade time, epoch ms UTC (0 when empty)
     * @param last  last open / trade time, epoch ms UTC (0 when empty)
     */
    public record Coverage(long rows, long first, long last) {
    }

    /**
     * Ids absent between two stored ids.
     *
     * @param fromId last stored id before the hole
     * @param toId   first stored id after it; {@code toId - fromId - 1} ids are missing
     */
    public record IdGap(long fromId, long toId) {
        /** How many ids are missing. */
        public long missing() {
            return toId - fromId - 1;
        }
    }

    /**
     * The stored progress of one file.
     *
     * @param sha256    SHA-256 of the file's bytes (hex)
     * @param fileName  name when last imported
     * @param kind      what it holds
     * @param rowsDone  rows committed, in the importer's row order
     * @param rowsTotal rows in the file when known, else -1
     * @param done      true once the last row was committed
     */
    public record ImportProgress(String sha256, String fileName, DataKind kind, long rowsDone, long rowsTotal,
                                 boolean done) {
    }
}
