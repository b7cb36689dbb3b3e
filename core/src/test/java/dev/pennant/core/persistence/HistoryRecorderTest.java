package dev.pennant.core.persistence;

import dev.pennant.core.ai.Explanation;
import dev.pennant.core.marketdata.SourceStatus;
import dev.pennant.core.model.EquitySnapshot;
import dev.pennant.core.model.Fill;
import dev.pennant.core.model.Interval;
import dev.pennant.core.model.LiquiditySide;
import dev.pennant.core.model.Order;
import dev.pennant.core.model.Position;
import dev.pennant.core.model.Side;
import dev.pennant.core.model.Signal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Sampling, batching and per-fill commits of {@link HistoryRecorder}, on a wall clock the test moves by hand. */
class HistoryRecorderTest {

    private static final long T0 = 1_621_036_859_999L; // close time of the 2021-05-15T00:00Z 1m bar
    private static final long MINUTE = 60_000;

    @TempDir
    Path dir;

    private HistoryStore store;
    private final AtomicLong wall = new AtomicLong(1_000);

    @BeforeEach
    void open() {
        store = HistoryStore.open(dir);
        store.startSession(new SessionInfo("r", "PAPER", "paper", "t", "BTCUSDT", Interval.M1, "s", "USDT",
                new BigDecimal("10000"), 1L, null));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private HistoryRecorder recorder(HistoryRecorder.Policy policy) {
        return new HistoryRecorder(store, "r", policy, wall::get);
    }

    private static EquitySnapshot equity(int minute, String equity) {
        BigDecimal e = new BigDecimal(equity);
        return new EquitySnapshot(T0 + minute * MINUTE, e, BigDecimal.ZERO, e, BigDecimal.ZERO, BigDecimal.ZERO);
    }

    /** Never commits on its own: only fills, source states and flush() do. */
    private static final HistoryRecorder.Policy MANUAL = new HistoryRecorder.Policy(3 * MINUTE, 1, 3_600_000, 1_000_000);

    @Test
    void equityRowsAreSampledByEngineTimeAndKeepTheirExtremes() {
        HistoryRecorder rec = recorder(MANUAL);
        String[] equities = {"100", "98", "103", "101", "97", "99", "104", "102", "100", "96"};
        for (int m = 0; m < equities.length; m++) {
            rec.onEquity(equity(m, equities[m]));
        }
        assertThat(store.equitySamples("r")).as("nothing committed before flush").isEmpty();
        rec.flush();

        // rows every 3 minutes of engine time from the first bar: minute 0 alone, minutes 1-3, 4-6, and 7-9 still open
        List<EquitySample> rows = store.equitySamples("r");
        assertThat(rows).extracting(r -> (r.last().time() - T0) / MINUTE).containsExactly(0L, 3L, 6L, 9L);
        assertThat(rows).extracting(EquitySample::bars).containsExactly(1, 3, 3, 3);
        assertThat(rows).extracting(r -> r.last().equity().toPlainString()).containsExactly("100", "101", "104", "96");
        assertThat(rows).extracting(r -> r.minEquity().toPlainString()).containsExactly("100", "98", "97", "96");
        assertThat(rows).extracting(r -> r.maxEquity().toPlainString()).containsExactly("100", "103", "104", "102");
    }

    @Test
    void theOpenSampleRowMovesForwardInsteadOfAddingRows() {
        HistoryRecorder rec = recorder(MANUAL);
        rec.onEquity(equity(0, "100"));
        rec.onEquity(equity(1, "99"));
        rec.flush();
        assertThat(store.equitySamples("r")).extracting(EquitySample::bars).containsExactly(1, 1);
        rec.onEquity(equity(2, "105"));
        rec.flush();
        rec.flush(); // nothing new: no change
        assertThat(store.equitySamples("r")).as("the open row now stands for minutes 1-2")
                .extracting(r -> r.bars() + "@" + (r.last().time() - T0) / MINUTE + " " + r.maxEquity().toPlainString())
                .containsExactly("1@0 100", "2@2 105");
        rec.onEquity(equity(3, "101")); // minute 3 completes the sample in the same row
        rec.onEquity(equity(4, "102"));
        rec.flush();
        assertThat(store.equitySamples("r"))
                .extracting(r -> r.bars() + "@" + (r.last().time() - T0) / MINUTE + " " + r.minEquity().toPlainString())
                .containsExactly("1@0 100", "3@3 99", "1@4 102");
    }

    @Test
    void batchedEventsCommitOnlyOnceTheWallIntervalHasPassed() {
        HistoryRecorder rec = recorder(new HistoryRecorder.Policy(0, 1, 500, 1_000_000));
        rec.onEquity(equity(0, "100")); // 0 ms since the recorder was made
        wall.addAndGet(499);
        rec.onEquity(equity(1, "101"));
        assertThat(store.equitySamples("r")).as("499 ms: still batched").isEmpty();
        wall.addAndGet(1);
        rec.onEquity(equity(2, "102"));
        assertThat(store.equitySamples("r")).as("500 ms: committed").hasSize(3);
        wall.addAndGet(100);
        rec.onEquity(equity(3, "103"));
        assertThat(store.equitySamples("r")).as("the interval restarts at each commit").hasSize(3);
    }

    @Test
    void batchedEventsCommitOnceTheEventLimitIsReached() {
        HistoryRecorder rec = recorder(new HistoryRecorder.Policy(0, 1, 3_600_000, 5));
        for (int m = 0; m < 4; m++) {
            rec.onEquity(equity(m, "100"));
        }
        assertThat(store.equitySamples("r")).isEmpty();
        rec.onOrder(Order.market("r-1", "BTCUSDT", Side.BUY, new BigDecimal("0.1"), T0, null)); // the 5th event
        assertThat(store.equitySamples("r")).hasSize(4);
        assertThat(store.orders("r")).hasSize(1);
    }

    @Test
    void aFillIsCommittedBeforeOnFillReturnsWithEverythingRecordedBeforeIt() {
        HistoryRecorder rec = recorder(MANUAL);
        Signal signal = new Signal("r-s1", "EMA-cross+RSI", "BTCUSDT", Side.BUY, T0, new BigDecimal("48506.05"),
                "EMA_CROSS_UP", Map.of("RSI(14)", 56.2));
        Order accepted = Order.market("r-1", "BTCUSDT", Side.BUY, new BigDecimal("0.19584"), T0, "r-s1");
        rec.onEquity(equity(0, "10000"));
        rec.onSignal(signal, new Explanation("r-s1", "BUY because EMA(9) crossed above EMA(21).", 0.63, List.of(),
                "rules"));
        rec.onOrder(accepted);
        rec.onEquity(equity(1, "10000"));
        Order filled = accepted.withFill(new BigDecimal("0.19584"), new BigDecimal("48510.01"), T0 + 1);
        rec.onOrder(filled);
        assertThat(store.orders("r")).isEmpty();

        rec.onFill(new Fill(1, "r-1", "BTCUSDT", Side.BUY, new BigDecimal("0.19584"), new BigDecimal("48510.01"),
                        new BigDecimal("9.50020036"), "USDT", LiquiditySide.TAKER, T0 + 1, new BigDecimal("-9.50020036")),
                new Position("BTCUSDT", new BigDecimal("0.19584"), new BigDecimal("48510.01"),
                        new BigDecimal("48510.01"), new BigDecimal("-9.50020036"), BigDecimal.ZERO, T0 + 1));

        assertThat(store.fills("r")).extracting(Fill::tradeId).containsExactly(1L);
        assertThat(store.positions("r")).singleElement().extracting(Position::quantity)
                .satisfies(q -> assertThat(q).isEqualByComparingTo("0.19584"));
        assertThat(store.orders("r")).singleElement().extracting(Order::status).isEqualTo(filled.status());
        assertThat(store.signals("r")).hasSize(1);
        assertThat(store.equitySamples("r")).as("the sample row and the open one")
                .extracting(r -> (r.last().time() - T0) / MINUTE).containsExactly(0L, 1L);
    }

    @Test
    void aPausedFinishedOrFailedSourceFlushes() {
        HistoryRecorder rec = recorder(MANUAL);
        SourceStatus running = new SourceStatus(SourceStatus.Kind.REPLAY, SourceStatus.State.RUNNING, "Replay", 0, 1,
                10, "");
        rec.onEquity(equity(0, "100"));
        rec.onSourceStatus(running);
        assertThat(store.equitySamples("r")).isEmpty();
        rec.onSourceStatus(running.with(SourceStatus.State.PAUSED, 1, null));
        assertThat(store.equitySamples("r")).hasSize(1);
        rec.onEquity(equity(1, "101"));
        rec.onSourceStatus(running.with(SourceStatus.State.FINISHED, 2, null));
        assertThat(store.equitySamples("r")).hasSize(2);
        rec.onEquity(equity(2, "102"));
        rec.onSourceStatus(running.with(SourceStatus.State.FAILED, 3, "socket closed"));
        assertThat(store.equitySamples("r")).extracting(EquitySample::bars).containsExactly(1, 2);
    }

    @Test
    void everyEventPolicyStoresEveryBar() {
        HistoryRecorder rec = recorder(HistoryRecorder.Policy.EVERY_EVENT);
        for (int m = 0; m < 5; m++) {
            rec.onEquity(equity(m, "100"));
        }
        assertThat(store.equitySamples("r")).hasSize(5).extracting(EquitySample::bars).containsOnly(1);
    }

    @Test
    void aPolicyOutOfRangeIsRejectedNamingTheField() {
        assertThatThrownBy(() -> new HistoryRecorder.Policy(-1, 1, 0, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("equityIntervalMillis");
        assertThatThrownBy(() -> new HistoryRecorder.Policy(0, 0, 0, 1)).hasMessageContaining("equityEveryBars");
        assertThatThrownBy(() -> new HistoryRecorder.Policy(0, 1, -5, 1)).hasMessageContaining("commitIntervalMillis");
        assertThatThrownBy(() -> new HistoryRecorder.Policy(0, 1, 0, 0)).hasMessageContaining("commitEveryEvents");
    }
}
