package dev.pennant.core.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.pennant.core.ai.Explanation;
import dev.pennant.core.model.EquitySnapshot;
import dev.pennant.core.model.Fill;
import dev.pennant.core.model.Order;
import dev.pennant.core.model.Position;
import dev.pennant.core.model.Side;
import dev.pennant.core.model.Signal;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import org.flywaydb.core.Flyway;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.hibernate.jpa.HibernatePersistenceConfiguration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The embedded H2 history database ({@code <dataDir>/history.mv.db}): sessions, orders, fills, signals with their
 * explanations, positions and equity snapshots.
 *
 * <p>Flyway owns the schema ({@code db/migration}); Hibernate only validates it. Every write method commits before it
 * returns; {@link #write}, {@link #writeFills}, {@link #startSession} and {@link #endSession} also wait until the
 * commit is in the file, so a killed process loses none of it. {@link #writeBatched} leaves that to H2's background
 * writer (at most {@code WRITE_DELAY} = 500 ms later): for the recorder's bars and equity (decision 0012).
 * Thread-safe (one EntityManager per call over a small HikariCP pool).
 */
public final class HistoryStore implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * H2 settings on the URL (decision 0012 has the measurements): {@code WRITE_DELAY=500} keeps H2's background
     * writer, which groups commits into few file writes and compacts old chunks while the database is open
     * ({@code WRITE_DELAY=0} stops that thread, so nothing is compacted before close); {@code COMPRESS=TRUE} stores
     * pages LZF-compressed (about half the size). {@code RETENTION_TIME}, {@code AUTO_COMPACT_FILL_RATE} and
     * {@code MAX_COMPACT_TIME} stay at H2's defaults (45 s, 90 %, 200 ms): lower retention risks reusing space
     * still referenced after a crash and bought nothing measurable.
     */
    static final String STORE_SETTINGS = ";WRITE_DELAY=500;COMPRESS=TRUE";

    private final HikariDataSource dataSource;
    private final EntityManagerFactory emf;
    private final Path file;

    private HistoryStore(HikariDataSource dataSource, EntityManagerFactory emf, Path file) {
        this.dataSource = dataSource;
        this.emf = emf;
        this.file = file;
    }

    /**
     * Opens (creating and migrating if needed) the history database in {@code dataDir}.
     *
     * @param dataDir the user data directory; created when missing
     * @return the open store
     * @throws HistoryException when the directory cannot be created, the database is locked by another Pennant
     *                          process, or a migration fails (the message says which)
     */
    public static HistoryStore open(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new HistoryException("cannot create data directory " + dataDir + ": " + e.getMessage(), e);
        }
        Path base = dataDir.toAbsolutePath().resolve("history");
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(jdbcUrl(dataDir));
        hc.setUsername("pennant");
        hc.setPassword("");
        hc.setMaximumPoolSize(4);
        hc.setPoolName("pennant-history");
        hc.setInitializationFailTimeout(-1);
        HikariDataSource ds = new HikariDataSource(hc);
        try {
            Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
            EntityManagerFactory emf = new HibernatePersistenceConfiguration("pennant-history")
                    .managedClasses(SessionEntity.class, OrderEntity.class, FillEntity.class, SignalEntity.class, SessionStateEntity.class,
                            PositionEntity.class, EquityEntity.class)
                    .property("hibernate.connection.datasource", ds)
                    .property("hibernate.hbm2ddl.auto", "validate")
                    .property("hibernate.jdbc.batch_size", 50)
                    .createEntityManagerFactory();
            return new HistoryStore(ds, emf, Path.of(base + ".mv.db"));
        } catch (RuntimeException e) {
            ds.close();
            String msg = String.valueOf(e.getMessage());
            if (msg.contains("already in use") || msg.contains("locked")) {
                throw new HistoryException("history database " + base + ".mv.db is in use by another Pennant process", e);
            }
            throw new HistoryException("cannot open history database " + base + ".mv.db: " + msg, e);
        }
    }

    /**
     * The JDBC URL of the history database in {@code dataDir} (user {@code pennant}, empty password), with the store
     * settings of decision 0012.
     */
    public static String jdbcUrl(Path dataDir) {
        return "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("history") + STORE_SETTINGS + ";DB_CLOSE_ON_EXIT=FALSE";
    }

    /** The connection pool, for stores of other tables in the same database (portfolios, risk events). */
    public javax.sql.DataSource dataSource() {
        return dataSource;
    }

    /** The database file. */
    public Path file() {
        return file;
    }

    /** Records the start of a session. */
    public void startSession(SessionInfo info) {
        tx(em -> em.persist(SessionEntity.of(info)));
    }

    /** Marks a session as ended cleanly at {@code endedAt} (epoch ms UTC). */
    public void endSession(String sessionId, long endedAt) {
        tx(em -> {
            SessionEntity e = em.find(SessionEntity.class, sessionId);
            if (e != null) {
                e.endedAt = endedAt;
            }
        });
    }

    /**
     * Writes a batch of changes in one transaction, committed and in the database file (it survives a killed
     * process) before this returns: the recorder's per-fill commit.
     *
     * @throws HistoryException when the transaction fails (it is rolled back) or the file write cannot be confirmed
     */
    public void write(Consumer<Writer> batch) {
        tx(em -> batch.accept(new Writer(em)));
    }

    /**
     * Like {@link #write}, committed when this returns, but written to the file by H2's background writer up to the
     * write delay (500 ms) later: a killed process may lose it. For the recorder's batched bars and equity.
     *
     * @throws HistoryException when the transaction fails (it is rolled back)
     */
    public void writeBatched(Consumer<Writer> batch) {
        tx(em -> batch.accept(new Writer(em)), false);
    }

    /** Writes within one transaction; obtained from {@link #write} or {@link #writeBatched}. */
    public static final class Writer {
        private final EntityManager em;

        private Writer(EntityManager em) {
            this.em = em;
        }

        /** Inserts or replaces the order's latest snapshot. */
        public void order(String sessionId, Order o) {
            em.merge(OrderEntity.of(sessionId, o));
        }

        /** Inserts a fill. */
        public void fill(String sessionId, Fill f) {
            em.persist(FillEntity.of(sessionId, f));
        }

        /** Inserts or replaces the position snapshot. */
        public void position(String sessionId, Position p) {
            em.merge(PositionEntity.of(sessionId, p));
        }

        /** Inserts an equity snapshot as a one-bar row. */
        public void equity(String sessionId, EquitySnapshot s) {
            equity(sessionId, EquitySample.of(s));
        }

        /**
         * Inserts an equity row standing for {@code sample.bars()} bars.
         *
         * @return the row id, for {@link #replaceEquity}
         */
        public long equity(String sessionId, EquitySample sample) {
            EquityEntity e = EquityEntity.of(sessionId, sample);
            em.persist(e); // IDENTITY: Hibernate inserts at once, so the id is set
            return e.id;
        }

        /**
         * Overwrites equity row {@code id} with {@code sample} (a sample still collecting bars moves forward).
         *
         * @throws HistoryException when there is no row {@code id}
         */
        public void replaceEquity(long id, EquitySample sample) {
            EquityEntity e = em.find(EquityEntity.class, id);
            if (e == null) {
                throw new HistoryException("no equity row " + id + " to replace", null);
            }
            e.set(sample);
        }

        /**
         * Inserts or replaces a paper session's resumable state (JSON of the venue and the ledger, see
         * {@code dev.pennant.core.engine.PaperSessionState}).
         *
         * @param time engine clock of the change, epoch ms UTC
         */
        public void sessionState(String sessionId, String stateJson, long time) {
            em.merge(new SessionStateEntity(sessionId, stateJson, time));
        }

        /** Inserts a signal with its explanation. */
        public void signal(String sessionId, Signal s, Explanation x) {
            SignalEntity e = new SignalEntity();
            e.id = s.id();
            e.sessionId = sessionId;
            e.strategy = s.strategy();
            e.symbol = s.symbol();
            e.side = s.side().name();
            e.eventTime = s.time();
            e.price = s.price();
            e.reason = s.reason();
            try {
                e.indicators = JSON.writeValueAsString(s.indicators());
            } catch (JsonProcessingException ex) {
                throw new UncheckedIOException(ex);
            }
            e.explanation = x.text().length() > 4000 ? x.text().substring(0, 4000) : x.text();
            e.confidence = x.confidence();
            e.explanationSource = x.source();
            em.persist(e);
        }
    }

    /** The last resumable state stored for {@code sessionId} (JSON), if any. */
    public Optional<String> sessionState(String sessionId) {
        return read(em -> Optional.ofNullable(em.find(SessionStateEntity.class, sessionId)).map(e -> e.stateJson));
    }

    /** All sessions, newest first. */
    public List<SessionInfo> sessions() {
        return read(em -> em.createQuery("from SessionEntity order by startedAt desc", SessionEntity.class)
                .getResultList().stream().map(SessionEntity::toInfo).toList());
    }

    /** Sessions of one mode ({@code PAPER}, {@code LIVE}, {@code BACKTEST}), newest first (index ix_session_mode). */
    public List<SessionInfo> sessions(String mode) {
        return read(em -> em.createQuery("from SessionEntity where mode = :m order by startedAt desc", SessionEntity.class)
                .setParameter("m", mode).getResultList().stream().map(SessionEntity::toInfo).toList());
    }

    /** The most recent session, if any. */
    public Optional<SessionInfo> latestSession() {
        return sessions().stream().findFirst();
    }

    /** Fills of a session in trade order. */
    public List<Fill> fills(String sessionId) {
        return read(em -> em.createQuery("from FillEntity where sessionId = :s order by tradeId", FillEntity.class)
                .setParameter("s", sessionId).getResultList().stream().map(FillEntity::toFill).toList());
    }

    /** Orders of a session by creation time. */
    public List<Order> orders(String sessionId) {
        return read(em -> em.createQuery("from OrderEntity where sessionId = :s order by createdTime, clientOrderId",
                        OrderEntity.class)
                .setParameter("s", sessionId).getResultList().stream().map(OrderEntity::toOrder).toList());
    }

    /** Latest position snapshots of a session. */
    public List<Position> positions(String sessionId) {
        return read(em -> em.createQuery("from PositionEntity where sessionId = :s order by symbol, positionSide",
                        PositionEntity.class)
                .setParameter("s", sessionId).getResultList().stream().map(PositionEntity::toPosition).toList());
    }

    /**
     * A page of fills across sessions, for the fills views: filters, sort and paging of {@code q}. Each shape of
     * query reads its page straight off one V3 index, in page order, the other filters applied on the way: a
     * session's fills off {@code ix_fill_session_time}, a symbol and side off {@code ix_fill_symbol_side_time},
     * anything else off {@code ix_fill_time}. Measured: a few ms for a page 1,000 deep in 1,000,000 fills
     * ({@code bench persistence}); a filter that matches few of the rows its index walks (one rare symbol in a
     * long session) reads proportionally more.
     *
     * @return at most {@code q.limit()} fills in {@code q}'s order (event time, then storage order)
     */
    @SuppressWarnings("unchecked")
    public List<StoredFill> fillPage(FillQuery q) {
        String sql = fillPageSql(q);
        return read(em -> {
            jakarta.persistence.Query query = em.createNativeQuery(sql, FillEntity.class);
            bind(query, q);
            query.setParameter("offset", q.offset());
            query.setParameter("limit", q.limit());
            return ((List<FillEntity>) query.getResultList()).stream()
                    .map(e -> new StoredFill(e.sessionId, e.toFill())).toList();
        });
    }

    /** The SQL of {@link #fillPage} with named parameters ({@code :session}, {@code :offset}, …). */
    static String fillPageSql(FillQuery q) {
        // H2 avoids the sort only if the ORDER BY starts with the index columns (equality columns included), and
        // left alone it prefers the narrower V1 index ix_fill_session and sorts the whole session: hence the hint.
        String index;
        List<String> keys = new ArrayList<>();
        if (q.sessionId() != null) {
            index = "ix_fill_session_time";
            keys.add("f.session_id");
        } else if (q.symbol() != null && q.side() != null) {
            index = "ix_fill_symbol_side_time";
            keys.add("f.symbol");
            keys.add("f.side");
        } else {
            index = "ix_fill_time";
        }
        keys.add("f.event_time");
        keys.add("f.id");
        String dir = q.newestFirst() ? " DESC" : "";
        return "SELECT f.* FROM fill f USE INDEX (" + index + ")" + where(q, true)
                + " ORDER BY " + String.join(dir + ", ", keys) + dir + " OFFSET :offset ROWS FETCH NEXT :limit ROWS ONLY";
    }

    /**
     * How many fills match {@code q}'s filters (its sort and paging are ignored), e.g. for a pager. Costs in
     * proportion to the fills its index walks: measured 0.1 to 3 s over 1,000,000 fills, so call it off the FX thread
     * and not per page.
     */
    public long fillCount(FillQuery q) {
        return read(em -> bind(em.createQuery("select count(f) from FillEntity f" + where(q, false), Long.class), q)
                .getSingleResult());
    }

    /** The filters of {@code q} as a WHERE clause over alias {@code f}: JPQL names, or SQL column names. */
    private static String where(FillQuery q, boolean sql) {
        List<String> c = new ArrayList<>();
        if (q.mode() != null) {
            c.add(sql ? "f.session_id IN (SELECT s.id FROM trading_session s WHERE s.mode = :mode)"
                    : "f.sessionId in (select s.id from SessionEntity s where s.mode = :mode)");
        }
        if (q.sessionId() != null) {
            c.add((sql ? "f.session_id" : "f.sessionId") + " = :session");
        }
        if (q.symbol() != null) {
            c.add("f.symbol = :symbol");
        }
        if (q.side() != null) {
            c.add("f.side = :side");
        }
        if (q.fromTime() != null) {
            c.add((sql ? "f.event_time" : "f.eventTime") + " >= :from");
        }
        if (q.toTime() != null) {
            c.add((sql ? "f.event_time" : "f.eventTime") + " < :to");
        }
        return c.isEmpty() ? "" : " WHERE " + String.join(" AND ", c);
    }

    private static <Q extends jakarta.persistence.Query> Q bind(Q query, FillQuery q) {
        if (q.mode() != null) {
            query.setParameter("mode", q.mode());
        }
        if (q.sessionId() != null) {
            query.setParameter("session", q.sessionId());
        }
        if (q.symbol() != null) {
            query.setParameter("symbol", q.symbol());
        }
        if (q.side() != null) {
            query.setParameter("side", q.side().name());
        }
        if (q.fromTime() != null) {
            query.setParameter("from", q.fromTime());
        }
        if (q.toTime() != null) {
            query.setParameter("to", q.toTime());
        }
        return query;
    }

    /**
     * Stores many booked fills fast: JDBC batches, one transaction per {@code fillsPerTransaction} fills, each
     * committed (and so on disk) before the next starts and all before this returns. Per transaction only the last
     * snapshot of each order and position is written, which leaves the same rows as writing them one by one.
     * For bulk loads and imports; the recorder keeps its one-transaction-per-fill guarantee.
     *
     * @param sessionId           the session the fills belong to (must have been started)
     * @param fills               in booking order
     * @param fillsPerTransaction 1 or more
     * @throws IllegalArgumentException when fillsPerTransaction &lt; 1
     * @throws HistoryException         when a batch fails: it is rolled back, earlier batches stay stored
     */
    public void writeFills(String sessionId, List<BookedFill> fills, int fillsPerTransaction) {
        if (fillsPerTransaction < 1) {
            throw new IllegalArgumentException("fillsPerTransaction must be >= 1, was " + fillsPerTransaction);
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement order = c.prepareStatement(ORDER_MERGE);
                 PreparedStatement fill = c.prepareStatement(FILL_INSERT);
                 PreparedStatement position = c.prepareStatement(POSITION_MERGE)) {
                for (int from = 0; from < fills.size(); from += fillsPerTransaction) {
                    List<BookedFill> batch = fills.subList(from, Math.min(fills.size(), from + fillsPerTransaction));
                    Map<String, Order> orders = new LinkedHashMap<>();
                    Map<String, Position> positions = new LinkedHashMap<>();
                    for (BookedFill b : batch) {
                        bindFill(fill, FillEntity.of(sessionId, b.fill()));
                        fill.addBatch();
                        orders.put(b.order().clientOrderId(), b.order());
                        positions.put(b.position().symbol() + " " + b.position().positionSide(), b.position());
                    }
                    for (Order o : orders.values()) {
                        bindOrder(order, OrderEntity.of(sessionId, o));
                        order.addBatch();
                    }
                    for (Position p : positions.values()) {
                        bindPosition(position, PositionEntity.of(sessionId, p));
                        position.addBatch();
                    }
                    try {
                        order.executeBatch();
                        fill.executeBatch();
                        position.executeBatch();
                        c.commit();
                        forceToFile();
                    } catch (SQLException e) {
                        c.rollback();
                        throw e;
                    }
                }
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new HistoryException("bulk fill write failed: " + e.getMessage(), e);
        }
    }

    // Column lists mirror the entities (Hibernate validates the same columns at open).
    private static final String ORDER_MERGE = "MERGE INTO trade_order (client_order_id, session_id, symbol, side, "
            + "order_type, time_in_force, quantity, price, status, filled_quantity, average_price, created_time, "
            + "updated_time, signal_id, reject_reason, market, position_side, stop_price, quote_order_qty, callback_rate, "
            + "activation_price, working_type, reduce_only, close_position, good_till_date, order_list_id, parent_id, "
            + "strategy_id, triggered, venue_order_id) KEY (client_order_id) VALUES "
            + "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String FILL_INSERT = "INSERT INTO fill (session_id, trade_id, client_order_id, symbol, side, "
            + "quantity, price, commission, commission_asset, liquidity_side, event_time, realized_pnl, market, "
            + "position_side) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String POSITION_MERGE = "MERGE INTO position_snapshot (session_id, symbol, position_side, "
            + "market, quantity, average_entry_price, last_price, realized_pnl, unrealized_pnl, updated_time) "
            + "KEY (session_id, symbol, position_side) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private static void bindOrder(PreparedStatement ps, OrderEntity e) throws SQLException {
        int i = 1;
        ps.setString(i++, e.clientOrderId);
        ps.setString(i++, e.sessionId);
        ps.setString(i++, e.symbol);
        ps.setString(i++, e.side);
        ps.setString(i++, e.orderType);
        ps.setString(i++, e.timeInForce);
        ps.setBigDecimal(i++, e.quantity);
        ps.setBigDecimal(i++, e.price);
        ps.setString(i++, e.status);
        ps.setBigDecimal(i++, e.filledQuantity);
        ps.setBigDecimal(i++, e.averagePrice);
        ps.setLong(i++, e.createdTime);
        ps.setLong(i++, e.updatedTime);
        ps.setString(i++, e.signalId);
        ps.setString(i++, e.rejectReason);
        ps.setString(i++, e.market);
        ps.setString(i++, e.positionSide);
        ps.setBigDecimal(i++, e.stopPrice);
        ps.setBigDecimal(i++, e.quoteOrderQty);
        ps.setBigDecimal(i++, e.callbackRate);
        ps.setBigDecimal(i++, e.activationPrice);
        ps.setString(i++, e.workingType);
        ps.setBoolean(i++, e.reduceOnly);
        ps.setBoolean(i++, e.closePosition);
        ps.setLong(i++, e.goodTillDate);
        ps.setString(i++, e.orderListId);
        ps.setString(i++, e.parentId);
        ps.setString(i++, e.strategyId);
        ps.setBoolean(i++, e.triggered);
        ps.setString(i, e.venueOrderId);
    }

    private static void bindFill(PreparedStatement ps, FillEntity e) throws SQLException {
        int i = 1;
        ps.setString(i++, e.sessionId);
        ps.setLong(i++, e.tradeId);
        ps.setString(i++, e.clientOrderId);
        ps.setString(i++, e.symbol);
        ps.setString(i++, e.side);
        ps.setBigDecimal(i++, e.quantity);
        ps.setBigDecimal(i++, e.price);
        ps.setBigDecimal(i++, e.commission);
        ps.setString(i++, e.commissionAsset);
        ps.setString(i++, e.liquiditySide);
        ps.setLong(i++, e.eventTime);
        ps.setBigDecimal(i++, e.realizedPnl);
        ps.setString(i++, e.market);
        ps.setString(i, e.positionSide);
    }

    private static void bindPosition(PreparedStatement ps, PositionEntity e) throws SQLException {
        int i = 1;
        ps.setString(i++, e.sessionId);
        ps.setString(i++, e.symbol);
        ps.setString(i++, e.positionSide);
        ps.setString(i++, e.market);
        ps.setBigDecimal(i++, e.quantity);
        ps.setBigDecimal(i++, e.averageEntryPrice);
        ps.setBigDecimal(i++, e.lastPrice);
        ps.setBigDecimal(i++, e.realizedPnl);
        ps.setBigDecimal(i++, e.unrealizedPnl);
        ps.setLong(i, e.updatedTime);
    }

    /** Equity rows of a session in time order, with the bars each stands for and their extremes. */
    public List<EquitySample> equitySamples(String sessionId) {
        return read(em -> em.createQuery("from EquityEntity where sessionId = :s order by eventTime, id", EquityEntity.class)
                .setParameter("s", sessionId).getResultList().stream().map(EquityEntity::toSample).toList());
    }

    /** Equity snapshots of a session in time order. */
    public List<EquitySnapshot> equity(String sessionId) {
        return read(em -> em.createQuery("from EquityEntity where sessionId = :s order by eventTime, id", EquityEntity.class)
                .setParameter("s", sessionId).getResultList().stream().map(EquityEntity::toSnapshot).toList());
    }

    /** Signals of a session with their explanations, in time order. */
    public List<SignalRecord> signals(String sessionId) {
        return read(em -> em.createQuery("from SignalEntity where sessionId = :s order by eventTime, id", SignalEntity.class)
                .setParameter("s", sessionId).getResultList().stream().map(HistoryStore::toRecord).toList());
    }

    private static SignalRecord toRecord(SignalEntity e) {
        Map<String, Double> ind;
        try {
            ind = JSON.readValue(e.indicators, new TypeReference<java.util.LinkedHashMap<String, Double>>() { });
        } catch (JsonProcessingException ex) {
            throw new HistoryException("signal " + e.id + " has unreadable indicators JSON", ex);
        }
        Signal s = new Signal(e.id, e.strategy, e.symbol, Side.valueOf(e.side), e.eventTime, e.price.stripTrailingZeros(),
                e.reason, ind);
        return new SignalRecord(s, new Explanation(e.id, e.explanation, e.confidence, List.of(), e.explanationSource));
    }

    private void tx(Consumer<EntityManager> work) {
        tx(work, true);
    }

    private void tx(Consumer<EntityManager> work, boolean durable) {
        EntityManager em = emf.createEntityManager();
        try {
            em.getTransaction().begin();
            work.accept(em);
            em.getTransaction().commit();
            if (durable) {
                forceToFile();
            }
        } catch (RuntimeException e) {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            throw e instanceof HistoryException ? e : new HistoryException("history write failed: " + e.getMessage(), e);
        } finally {
            em.close();
        }
    }

    /**
     * Returns once everything committed so far is written to the file, so it survives a killed process (not an OS
     * crash: there is no fsync, as with {@code WRITE_DELAY=0} before). With a write delay, H2's commit leaves the
     * write to its background thread, and SQL {@code CHECKPOINT} returns early when that thread is already storing
     * (its write runs on an executor); {@link MVStore#executeFilestoreOperation} waits for those executors
     * (decision 0012).
     */
    private void forceToFile() {
        try (Connection c = dataSource.getConnection()) {
            MVStore mv = ((SessionLocal) c.unwrap(JdbcConnection.class).getSession()).getDatabase().getStore().getMvStore();
            mv.commit();
            mv.executeFilestoreOperation(() -> { });
        } catch (SQLException | RuntimeException e) {
            throw new HistoryException("history write committed but not confirmed on disk: " + e.getMessage(), e);
        }
    }

    private <T> T read(Function<EntityManager, T> q) {
        EntityManager em = emf.createEntityManager();
        try {
            return q.apply(em);
        } finally {
            em.close();
        }
    }

    /** Closes Hibernate and the pool; H2 closes the file when the last connection goes. */
    @Override
    public void close() {
        emf.close();
        dataSource.close();
    }
}
