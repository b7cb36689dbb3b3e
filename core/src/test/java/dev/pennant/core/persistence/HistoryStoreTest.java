package dev.pennant.core.persistence;

import dev.pennant.core.ai.Explanation;
import dev.pennant.core.model.EquitySnapshot;
import dev.pennant.core.model.Fill;
import dev.pennant.core.model.Interval;
import dev.pennant.core.model.LiquiditySide;
import dev.pennant.core.model.Order;
import dev.pennant.core.model.OrderStatus;
import dev.pennant.core.model.Position;
import dev.pennant.core.model.Side;
import dev.pennant.core.model.Signal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HistoryStoreTest {

    @TempDir
    Path dir;

    private static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    @Test
    void everythingWrittenIsThereAfterCloseAndReopen() {
        SessionInfo info = new SessionInfo("t1", "PAPER", "paper", "Replay of test", "BTCUSDT", Interval.M1,
                "EMA-cross+RSI", "USDT", d("10000"), 1_700_000_000_000L, null);
        Signal signal = new Signal("t1-s1", "EMA-cross+RSI", "BTCUSDT", Side.BUY, 1_621_116_179_999L, d("48506.05"),
                "EMA_CROSS_UP", Map.of("EMA(9)", 48480.12, "RSI(14)", 56.2));
        Explanation x = new Explanation("t1-s1", "BUY BTCUSDT because EMA(9) crossed above EMA(21).", 0.63,
                List.of("a"), "rules");
        Order accepted = Order.market("t1-1", "BTCUSDT", Side.BUY, d("0.19584"), 1_621_116_179_999L, "t1-s1");
        Order filled = accepted.withFill(d("0.19584"), d("48510.01"), 1_621_116_180_000L);
        Fill fill = new Fill(1, "t1-1", "BTCUSDT", Side.BUY, d("0.19584"), d("48510.01"), d("9.50020036"), "USDT",
                LiquiditySide.TAKER, 1_621_116_180_000L, d("-9.50020036"));
        Position pos = new Position("BTCUSDT", d("0.19584"), d("48510.01"), d("48520"), d("-9.50020036"),
                d("1.95644"), 1_621_116_239_999L);
        EquitySnapshot eq = new EquitySnapshot(1_621_116_239_999L, d("490.27"), d("9502.1568"), d("9992.4268"),
                d("-9.50020036"), d("1.95644"));

        try (HistoryStore store = HistoryStore.open(dir)) {
            store.startSession(info);
            store.write(w -> {
                w.signal("t1", signal, x);
                w.order("t1", accepted);
            });
            store.write(w -> {
                w.order("t1", filled);
                w.fill("t1", fill);
                w.position("t1", pos);
                w.equity("t1", eq);
            });
        }
        assertThat(dir.resolve("history.mv.db")).exists();

        try (HistoryStore store = HistoryStore.open(dir)) {
            assertThat(store.latestSession()).get().satisfies(s -> {
                assertThat(s.id()).isEqualTo("t1");
                assertThat(s.interval()).isEqualTo(Interval.M1);
                assertThat(s.startingCash()).isEqualByComparingTo("10000");
            });
            assertThat(store.fills("t1")).singleElement().satisfies(f -> {
                assertThat(f.tradeId()).isEqualTo(1);
                assertThat(f.price()).isEqualByComparingTo("48510.01");
                assertThat(f.quantity()).isEqualByComparingTo("0.19584");
                assertThat(f.commission()).isEqualByComparingTo("9.50020036");
                assertThat(f.realizedPnl()).isEqualByComparingTo("-9.50020036");
                assertThat(f.time()).isEqualTo(1_621_116_180_000L);
            });
            assertThat(store.orders("t1")).singleElement().satisfies(o -> {
                assertThat(o.status()).isEqualTo(OrderStatus.FILLED);
                assertThat(o.averagePrice()).isEqualByComparingTo("48510.01");
                assertThat(o.signalId()).isEqualTo("t1-s1");
            });
            assertThat(store.positions("t1")).singleElement().satisfies(p ->
                    assertThat(p.quantity()).isEqualByComparingTo("0.19584"));
            assertThat(store.equity("t1")).singleElement().satisfies(e ->
                    assertThat(e.equity()).isEqualByComparingTo("9992.4268"));
            assertThat(store.signals("t1")).singleElement().satisfies(r -> {
                assertThat(r.signal().indicators()).containsEntry("RSI(14)", 56.2);
                assertThat(r.explanation().text()).contains("crossed above");
                assertThat(r.explanation().confidence()).isEqualTo(0.63);
            });
        }
    }

    @Test
    void aFailedWriteLosesNothingAlreadyStored() throws Exception {
        try (HistoryStore first = HistoryStore.open(dir)) {
            first.startSession(new SessionInfo("a", "PAPER", "paper", "x", "BTCUSDT", Interval.M1, "s", "USDT",
                    BigDecimal.TEN, 1L, null));
            // A failed write must not lose what is stored: duplicate trade ids violate the unique key.
            Fill f = new Fill(7, "a-1", "BTCUSDT", Side.BUY, d("1"), d("2"), d("0"), "USDT", LiquiditySide.TAKER, 3L, d("0"));
            first.write(w -> w.fill("a", f));
            assertThatThrownBy(() -> first.write(w -> w.fill("a", f))).isInstanceOf(HistoryException.class);
            assertThat(first.fills("a")).hasSize(1);
        }
        assertThat(Files.size(dir.resolve("history.mv.db"))).isPositive();
    }
}
