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
import org.hibernate.jpa.HibernatePersistenceConfiguration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * returns and H2 runs with {@code WRITE_DELAY=0}, so a killed process loses nothing already written. Thread-safe
 * (one EntityManager per call over a small HikariCP pool).
 */
public final class HistoryStore implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

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
                    .managedClasses(SessionEntity.class, OrderEntity.class, FillEntity.class, SignalEntity.class,
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

    /** The JDBC URL of the history database in {@code dataDir} (user {@code pennant}, empty password). */
    public static String jdbcUrl(Path dataDir) {
        return "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("history") + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";
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

    /** Writes a batch of changes in one transaction (the recorder's per-bar commit). */
    public void write(Consumer<Writer> batch) {
        tx(em -> batch.accept(new Writer(em)));
    }

    /** Writes within one transaction; obtained from {@link #write}. */
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

        /** Inserts an equity snapshot. */
        public void equity(String sessionId, EquitySnapshot s) {
            em.persist(EquityEntity.of(sessionId, s));
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

    /** All sessions, newest first. */
    public List<SessionInfo> sessions() {
        return read(em -> em.createQuery("from SessionEntity order by startedAt desc", SessionEntity.class)
                .getResultList().stream().map(SessionEntity::toInfo).toList());
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
        return read(em -> em.createQuery("from PositionEntity where sessionId = :s order by symbol", PositionEntity.class)
                .setParameter("s", sessionId).getResultList().stream().map(PositionEntity::toPosition).toList());
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
        EntityManager em = emf.createEntityManager();
        try {
            em.getTransaction().begin();
            work.accept(em);
            em.getTransaction().commit();
        } catch (RuntimeException e) {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            throw e instanceof HistoryException ? e : new HistoryException("history write failed: " + e.getMessage(), e);
        } finally {
            em.close();
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
