package dev.pennant.core.marketdata.importer;

import dev.pennant.core.marketdata.CsvInput;
import dev.pennant.core.marketdata.KlineCsvImporter;
import dev.pennant.core.marketdata.KlineImport;
import dev.pennant.core.model.Bar;
import dev.pennant.core.model.Interval;
import dev.pennant.core.model.Market;
import dev.pennant.core.persistence.HistoryException;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

/**
 * Imports Binance public data files (data.binance.vision klines, aggTrades and trades; CSV, CSV.gz or zip; monthly
 * or daily; spot or USDⓈ-M, with or without header; and the layouts of {@code shared/data/binance}) into the V7
 * market-data tables of the history database.
 *
 * <p><b>De-duplication:</b> rows are {@code MERGE}d on Binance's keys (bars: market, symbol, interval, open time;
 * trades: market, symbol, id), so overlapping files and re-runs replace rows instead of doubling them.
 * <b>Resume:</b> each file's progress is stored in {@code market_import_file} under the SHA-256 of its bytes, in the
 * same transaction as each chunk of rows; a run that was killed continues after the last committed chunk, and a file
 * already done is skipped without reading it. <b>Row order:</b> klines in the order {@link KlineCsvImporter} returns
 * them (ascending open time, the file's own repeats dropped, the last kept), trades in file order.
 *
 * <p>Market, symbol, interval and kind come from the caller or, when {@code null}, from the path: {@code futures}
 * anywhere in it means {@link Market#USDM_FUTURES} (data.binance.vision's {@code data/futures/um/...}, the shared
 * {@code futures-um/...}), else spot; the symbol and interval from the name ({@code BTCUSDT-1m-2024-01.zip}); the
 * kind from {@code -aggTrades-} / {@code -trades-} in the name, else klines. Not thread-safe per instance.
 */
public final class DumpImporter {

    /** Rows per transaction unless told otherwise. */
    public static final int DEFAULT_CHUNK_ROWS = 5_000;

    private final DataSource dataSource;
    private final LongSupplier clock;
    private final int chunkRows;
    private final KlineCsvImporter klines = new KlineCsvImporter();

    /**
     * @param dataSource the history database (migrated to V7), e.g. {@code HistoryStore.dataSource()}
     * @param clock      wall clock for the progress rows' timestamps, epoch ms UTC
     * @param chunkRows  rows per committed chunk, 1 or more
     * @throws IllegalArgumentException when {@code chunkRows < 1}
     */
    public DumpImporter(DataSource dataSource, LongSupplier clock, int chunkRows) {
        if (chunkRows < 1) {
            throw new IllegalArgumentException("chunkRows must be >= 1, was " + chunkRows);
        }
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.chunkRows = chunkRows;
    }

    /**
     * What the caller fixes; {@code null} fields are inferred from the path (see the class comment).
     *
     * @param market   market to store the rows under
     * @param symbol   symbol to store the rows under
     * @param interval kline interval
     * @param kind     what the files hold
     */
    public record Options(Market market, String symbol, Interval interval, DataKind kind) {
        /** Everything inferred. */
        public static Options infer() {
            return new Options(null, null, null, null);
        }
    }

    /**
     * The importable files of {@code paths}: files as given, folders searched recursively for
     * {@code *.csv}, {@code *.csv.gz} and {@code *.zip}, in path order.
     *
     * @throws IOException when a path does not exist or a folder cannot be listed
     */
    public static List<Path> expand(List<Path> paths) throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> walk = Files.walk(p)) {
                    walk.filter(Files::isRegularFile).filter(CsvInput::isCsvName).sorted().forEach(out::add);
                }
            } else if (Files.isRegularFile(p)) {
                out.add(p);
            } else {
                throw new IOException("no such file or folder: " + p);
            }
        }
        return out;
    }

    /**
     * Imports one file (see the class comment).
     *
     * @throws dev.pennant.core.marketdata.KlineFormatException naming file, line and reason for a malformed file
     *                                                          (rows of earlier chunks stay committed)
     * @throws IOException      when the file cannot be read
     * @throws HistoryException when the database write fails
     */
    public ImportResult importFile(Path file, Options options, ImportListener listener) throws IOException {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(listener, "listener");
        String sha = sha256(file);
        DataKind kind = options.kind() != null ? options.kind() : DataKind.fromName(file);
        Market market = options.market() != null ? options.market() : marketFromPath(file);
        try (Connection c = dataSource.getConnection()) {
            Optional<MarketDataStore.ImportProgress> prev = MarketDataStore.progress(c, sha);
            if (prev.isPresent() && prev.get().done()) {
                String symbol = options.symbol() != null ? options.symbol() : CsvInput.symbolFromName(file);
                ImportResult r = new ImportResult(file, prev.get().kind(), market, symbol == null ? "?" : symbol,
                        options.interval(), "-", prev.get().rowsTotal(), prev.get().rowsDone(), 0, 0, 0, true,
                        List.of());
                listener.onFileDone(r);
                return r;
            }
            long resumeFrom = prev.map(MarketDataStore.ImportProgress::rowsDone).orElse(0L);
            c.setAutoCommit(false);
            try {
                return kind == DataKind.KLINES
                        ? importKlines(c, file, sha, market, options, resumeFrom, listener)
                        : importTrades(c, file, sha, kind, market, options, resumeFrom, listener);
            } finally {
                if (!c.getAutoCommit()) {
                    c.rollback(); // nothing pending unless a chunk failed
                    c.setAutoCommit(true);
                }
            }
        } catch (SQLException e) {
            throw new HistoryException("import of " + file.getFileName() + " failed: " + e.getMessage(), e);
        }
    }

    private ImportResult importKlines(Connection c, Path file, String sha, Market market, Options o, long resumeFrom,
                                      ImportListener listener) throws IOException, SQLException {
        KlineImport imp = klines.read(file, o.symbol(), o.interval());
        List<Bar> bars = imp.bars();
        long total = bars.size();
        long from = Math.min(resumeFrom, total);
        String series = series(DataKind.KLINES, market, imp.symbol(), imp.interval());
        listener.onFileStart(file, DataKind.KLINES, series, total, from);
        long before = MarketDataStore.coverage(c, DataKind.KLINES, market, imp.symbol(), imp.interval()).rows();
        upsertProgress(c, sha, file, DataKind.KLINES, market, imp.symbol(), imp.interval(), from, total, false);
        c.commit();
        try (PreparedStatement ps = c.prepareStatement(MarketDataStore.BAR_MERGE)) {
            for (long i = from; i < total; ) {
                long end = Math.min(total, i + chunkRows);
                for (long j = i; j < end; j++) {
                    bindBar(ps, market, bars.get((int) j));
                    ps.addBatch();
                }
                ps.executeBatch();
                upsertProgress(c, sha, file, DataKind.KLINES, market, imp.symbol(), imp.interval(), end, total,
                        end == total);
                c.commit();
                i = end;
                listener.onProgress(file, end, total);
            }
        }
        if (from == total) { // nothing left (e.g. killed after the last chunk but before DONE)
            upsertProgress(c, sha, file, DataKind.KLINES, market, imp.symbol(), imp.interval(), total, total, true);
            c.commit();
        }
        long after = MarketDataStore.coverage(c, DataKind.KLINES, market, imp.symbol(), imp.interval()).rows();
        long written = total - from;
        ImportResult r = new ImportResult(file, DataKind.KLINES, market, imp.symbol(), imp.interval(), imp.layout(),
                total, from, written, after - before, written - (after - before) + (from == 0 ? imp.duplicatesDropped() : 0),
                false, imp.gaps());
        listener.onFileDone(r);
        return r;
    }

    private ImportResult importTrades(Connection c, Path file, String sha, DataKind kind, Market market, Options o,
                                      long resumeFrom, ImportListener listener) throws IOException, SQLException {
        String symbol = o.symbol() != null ? o.symbol() : CsvInput.symbolFromName(file);
        if (symbol == null) {
            throw new dev.pennant.core.marketdata.KlineFormatException(file, 0, "cannot infer the symbol: the file name"
                    + " does not start with '<SYMBOL>-'; pass the symbol");
        }
        String series = series(kind, market, symbol, null);
        try (TradeCsvReader in = TradeCsvReader.open(file, kind);
             PreparedStatement ps = c.prepareStatement(kind == DataKind.AGG_TRADES ? MarketDataStore.AGG_MERGE
                     : MarketDataStore.TRADE_MERGE)) {
            listener.onFileStart(file, kind, series, -1, resumeFrom);
            long before = MarketDataStore.coverage(c, kind, market, symbol, null).rows();
            upsertProgress(c, sha, file, kind, market, symbol, null, resumeFrom, -1, false);
            c.commit();
            long row = 0;
            while (row < resumeFrom && in.next() != null) {
                row++; // committed by the interrupted run
            }
            TradeRow t;
            int inChunk = 0;
            while ((t = in.next()) != null) {
                bindTrade(ps, kind, market, symbol, t);
                ps.addBatch();
                row++;
                if (++inChunk == chunkRows) {
                    ps.executeBatch();
                    upsertProgress(c, sha, file, kind, market, symbol, null, row, -1, false);
                    c.commit();
                    inChunk = 0;
                    listener.onProgress(file, row, -1);
                }
            }
            ps.executeBatch();
            upsertProgress(c, sha, file, kind, market, symbol, null, row, row, true);
            c.commit();
            listener.onProgress(file, row, row);
            long after = MarketDataStore.coverage(c, kind, market, symbol, null).rows();
            long from = Math.min(resumeFrom, row);
            long written = row - from;
            ImportResult r = new ImportResult(file, kind, market, symbol, null, in.layout(), row, from, written,
                    after - before, written - (after - before), false, List.of());
            listener.onFileDone(r);
            return r;
        }
    }

    private static void bindBar(PreparedStatement ps, Market market, Bar b) throws SQLException {
        ps.setString(1, market.name());
        ps.setString(2, b.symbol());
        ps.setString(3, b.interval().code());
        ps.setLong(4, b.openTime());
        ps.setLong(5, b.closeTime());
        ps.setBigDecimal(6, b.open());
        ps.setBigDecimal(7, b.high());
        ps.setBigDecimal(8, b.low());
        ps.setBigDecimal(9, b.close());
        ps.setBigDecimal(10, b.volume());
        ps.setBigDecimal(11, b.quoteVolume());
        ps.setLong(12, b.trades());
        ps.setBigDecimal(13, b.takerBuyBaseVolume());
        ps.setBigDecimal(14, b.takerBuyQuoteVolume());
    }

    private static void bindTrade(PreparedStatement ps, DataKind kind, Market market, String symbol, TradeRow t)
            throws SQLException {
        int i = 1;
        ps.setString(i++, market.name());
        ps.setString(i++, symbol);
        ps.setLong(i++, t.id());
        ps.setBigDecimal(i++, t.price());
        ps.setBigDecimal(i++, t.quantity());
        if (kind == DataKind.AGG_TRADES) {
            ps.setLong(i++, t.firstTradeId());
            ps.setLong(i++, t.lastTradeId());
        } else {
            ps.setBigDecimal(i++, t.quoteQuantity());
        }
        ps.setLong(i++, t.time());
        ps.setBoolean(i++, t.buyerMaker());
        if (t.bestMatch() == null) {
            ps.setNull(i, Types.BOOLEAN);
        } else {
            ps.setBoolean(i, t.bestMatch());
        }
    }

    private void upsertProgress(Connection c, String sha, Path file, DataKind kind, Market market, String symbol,
                                Interval interval, long rowsDone, long rowsTotal, boolean done) throws SQLException {
        long now = clock.getAsLong();
        try (PreparedStatement ps = c.prepareStatement("MERGE INTO market_import_file (sha256, file_name, kind, market, "
                + "symbol, interval_code, rows_done, rows_total, status, started_at, updated_at) KEY (sha256) VALUES "
                + "(?, ?, ?, ?, ?, ?, ?, ?, ?, COALESCE((SELECT started_at FROM market_import_file WHERE sha256 = ?), ?), ?)")) {
            ps.setString(1, sha);
            String name = file.getFileName().toString();
            ps.setString(2, name.length() > 500 ? name.substring(0, 500) : name);
            ps.setString(3, kind.name());
            ps.setString(4, market.name());
            ps.setString(5, symbol);
            ps.setString(6, interval == null ? null : interval.code());
            ps.setLong(7, rowsDone);
            if (rowsTotal < 0) {
                ps.setNull(8, Types.BIGINT);
            } else {
                ps.setLong(8, rowsTotal);
            }
            ps.setString(9, done ? "DONE" : "RUNNING");
            ps.setString(10, sha);
            ps.setLong(11, now);
            ps.setLong(12, now);
            ps.executeUpdate();
        }
    }

    /** {@link Market#USDM_FUTURES} when {@code futures} is part of the path (any case), else {@link Market#SPOT}. */
    public static Market marketFromPath(Path file) {
        return file.toAbsolutePath().toString().toLowerCase(Locale.ROOT).contains("futures") ? Market.USDM_FUTURES
                : Market.SPOT;
    }

    /** {@code BTCUSDT 1h SPOT}, {@code BTCUSDT aggTrades USDM_FUTURES}. */
    static String series(DataKind kind, Market market, String symbol, Interval interval) {
        return symbol + " " + (kind == DataKind.KLINES && interval != null ? interval.code() : kind.pathSegment())
                + " " + market.name();
    }

    /**
     * SHA-256 of the file's bytes, lower-case hex (what data.binance.vision's {@code .CHECKSUM} files hold).
     *
     * @throws IOException when the file cannot be read
     */
    public static String sha256(Path file) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
