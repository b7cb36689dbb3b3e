package dev.pennant.core.persistence;

import dev.pennant.core.model.EquitySnapshot;
import dev.pennant.core.model.Fill;
import dev.pennant.core.model.LiquiditySide;
import dev.pennant.core.model.Market;
import dev.pennant.core.model.Order;
import dev.pennant.core.model.OrderOptions;
import dev.pennant.core.model.OrderStatus;
import dev.pennant.core.model.OrderType;
import dev.pennant.core.model.Position;
import dev.pennant.core.model.PositionSide;
import dev.pennant.core.model.Side;
import dev.pennant.core.model.TimeInForce;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A history database written by a V2 build migrates to V3 with every row intact and the new columns defaulted. */
class HistoryMigrationTest {

    @TempDir
    Path dir;

    private static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    private JdbcDataSource dataSource() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL(HistoryStore.jdbcUrl(dir));
        ds.setUser("pennant");
        ds.setPassword("");
        return ds;
    }

    /** Rows as the V1/V2 code wrote them (plain SQL: the V2 entities are gone). */
    private void createV2DatabaseWithRows() throws SQLException {
        JdbcDataSource ds = dataSource();
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").target("2").load().migrate();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO trading_session VALUES ('old', 'PAPER', 'paper', 'Replay of x', 'BTCUSDT', '1m', "
                    + "'EMA-cross+RSI', 'USDT', 10000, 1700000000000, 1700000999000)");
            s.execute("INSERT INTO trade_order VALUES ('old-1', 'old', 'BTCUSDT', 'BUY', 'MARKET', NULL, 0.19584, NULL, "
                    + "'FILLED', 0.19584, 48510.01, 1621116179999, 1621116180000, 'old-s1', NULL)");
            s.execute("INSERT INTO trade_order VALUES ('old-2', 'old', 'BTCUSDT', 'SELL', 'LIMIT', 'GTC', 0.1, 49000, "
                    + "'REJECTED', 0, NULL, 1621116240000, 1621116240000, NULL, 'risk: max position')");
            s.execute("INSERT INTO fill (session_id, trade_id, client_order_id, symbol, side, quantity, price, commission, "
                    + "commission_asset, liquidity_side, event_time, realized_pnl) VALUES ('old', 1, 'old-1', 'BTCUSDT', "
                    + "'BUY', 0.19584, 48510.01, 9.50020036, 'USDT', 'TAKER', 1621116180000, -9.50020036)");
            s.execute("INSERT INTO signal VALUES ('old-s1', 'old', 'EMA-cross+RSI', 'BTCUSDT', 'BUY', 1621116179999, "
                    + "48506.05, 'EMA_CROSS_UP', '{\"RSI(14)\":56.2}', 'BUY because EMA(9) crossed above EMA(21).', 0.63, "
                    + "'rules')");
            s.execute("INSERT INTO position_snapshot VALUES ('old', 'BTCUSDT', 0.19584, 48510.01, 48520, -9.50020036, "
                    + "1.95644, 1621116239999)");
            s.execute("INSERT INTO equity_snapshot (session_id, event_time, cash, position_value, equity, realized_pnl, "
                    + "unrealized_pnl) VALUES ('old', 1621116179999, 10000, 0, 10000, 0, 0), "
                    + "('old', 1621116239999, 490.27, 9502.1568, 9992.4268, -9.50020036, 1.95644)");
            s.execute("INSERT INTO audit_log VALUES (1, 1700000000000, 'VAULT_CREATED', '{}' FORMAT JSON, '"
                    + "0".repeat(64) + "', '" + "1".repeat(64) + "')");
        }
    }

    @Test
    void aV2DatabaseMigratesWithoutLosingRows() throws SQLException {
        createV2DatabaseWithRows();

        try (HistoryStore store = HistoryStore.open(dir)) { // migrates to the latest version, then validates
            assertThat(store.sessions()).singleElement().satisfies(s -> {
                assertThat(s.id()).isEqualTo("old");
                assertThat(s.mode()).isEqualTo("PAPER");
                assertThat(s.endedAt()).isEqualTo(1_700_000_999_000L);
            });
            assertThat(store.sessions("PAPER")).hasSize(1);
            Order filled = new Order("old-1", "BTCUSDT", Side.BUY, OrderType.MARKET, null, d("0.19584"), null,
                    OrderStatus.FILLED, d("0.19584"), d("48510.01"), 1_621_116_179_999L, 1_621_116_180_000L, "old-s1",
                    null, OrderOptions.SPOT, false, null);
            Order rejected = new Order("old-2", "BTCUSDT", Side.SELL, OrderType.LIMIT, TimeInForce.GTC, d("0.1"),
                    d("49000"), OrderStatus.REJECTED, d("0"), null, 1_621_116_240_000L, 1_621_116_240_000L, null,
                    "risk: max position", OrderOptions.SPOT, false, null);
            assertThat(store.orders("old")).usingRecursiveFieldByFieldElementComparator(HistoryStoreTest.BY_VALUE)
                    .containsExactly(filled, rejected);
            assertThat(store.fills("old")).usingRecursiveFieldByFieldElementComparator(HistoryStoreTest.BY_VALUE)
                    .containsExactly(new Fill(1, "old-1", "BTCUSDT", Side.BUY, d("0.19584"), d("48510.01"),
                            d("9.50020036"), "USDT", LiquiditySide.TAKER, 1_621_116_180_000L, d("-9.50020036"),
                            Market.SPOT, PositionSide.BOTH));
            assertThat(store.positions("old")).usingRecursiveFieldByFieldElementComparator(HistoryStoreTest.BY_VALUE)
                    .containsExactly(new Position("BTCUSDT", d("0.19584"), d("48510.01"), d("48520"),
                            d("-9.50020036"), d("1.95644"), 1_621_116_239_999L, Market.SPOT, PositionSide.BOTH));
            // each pre-V3 equity row stands for one bar: its extremes are its own equity
            List<EquitySample> equity = store.equitySamples("old");
            assertThat(equity).hasSize(2);
            assertThat(equity).allSatisfy(e -> {
                assertThat(e.bars()).isEqualTo(1);
                assertThat(e.minEquity()).isEqualByComparingTo(e.last().equity());
                assertThat(e.maxEquity()).isEqualByComparingTo(e.last().equity());
            });
            assertThat(equity).extracting(e -> e.last().equity()).map(BigDecimal::toPlainString)
                    .containsExactly("10000", "9992.4268");
            assertThat(store.signals("old")).singleElement().satisfies(r -> {
                assertThat(r.signal().indicators()).containsEntry("RSI(14)", 56.2);
                assertThat(r.explanation().confidence()).isEqualTo(0.63);
            });

            // the migrated schema takes what V2 could not: a 20-character type, hedge-mode positions
            Order trailing = new Order("old-3", "BTCUSDT", Side.SELL, OrderType.TRAILING_STOP_MARKET, null, d("0.1"),
                    null, OrderStatus.EXPIRED_IN_MATCH, d("0"), null, 1L, 2L, null, null,
                    OrderOptions.FUTURES.withPositionSide(PositionSide.LONG).withTrailing(d("2"), null), false, "9");
            Position longPos = new Position("BTCUSDT", d("0.1"), d("48000"), d("48100"), d("0"), d("10"), 3L,
                    Market.USDM_FUTURES, PositionSide.LONG);
            store.write(w -> {
                w.order("old", trailing);
                w.position("old", longPos);
                w.equity("old", new EquitySnapshot(1_621_116_299_999L, d("1"), d("2"), d("3"), d("4"), d("5")));
            });
            assertThat(store.orders("old")).hasSize(3);
            assertThat(store.positions("old")).extracting(Position::positionSide)
                    .containsExactly(PositionSide.BOTH, PositionSide.LONG);
        }
        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet v = s.executeQuery("SELECT MAX(CAST(\"version\" AS INT)) FROM \"flyway_schema_history\"")) {
            v.next();
            assertThat(v.getInt(1)).as("latest migration applied").isGreaterThanOrEqualTo(3);
            try (ResultSet a = s.executeQuery("SELECT COUNT(*) FROM audit_log")) {
                a.next();
                assertThat(a.getInt(1)).as("audit rows untouched").isEqualTo(1);
            }
        }
    }
}
