package dev.pennant.core.ai.record;

import dev.pennant.core.backtest.Backtester;
import dev.pennant.core.engine.EngineConfig;
import dev.pennant.core.engine.EngineListener;
import dev.pennant.core.marketdata.KlineCsvImporter;
import dev.pennant.core.model.Fill;
import dev.pennant.core.model.Interval;
import dev.pennant.core.model.Position;
import dev.pennant.core.model.Signal;
import dev.pennant.core.testkit.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A backtest on real bars with the recorder attached: every signal recorded, its orders linked, outcomes attached. */
class DecisionRecordingListenerTest {

    @TempDir
    Path dir;

    @Test
    void signalsOrdersAndRoundTripOutcomesReachTheRecord() throws Exception {
        var bars = new KlineCsvImporter().read(SharedData.btc1m()).bars().subList(0, 3000);
        List<Signal> signals = new ArrayList<>();
        List<Position> closes = new ArrayList<>();
        EngineListener tally = new EngineListener() {
            @Override public void onSignal(Signal s, dev.pennant.core.ai.Explanation x) { signals.add(s); }
            @Override public void onFill(Fill f, Position p) { if (p.isFlat()) closes.add(p); }
        };
        try (H2DecisionStore store = H2DecisionStore.open(dir)) {
            var rec = new DecisionRecordingListener(store, "bt", Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
            Backtester.run(bars, EngineConfig.defaults("BTCUSDT", Interval.M1), rec, tally);

            List<DecisionRecord> stored = store.query(DecisionQuery.latest(10_000).kind(DecisionKind.STRATEGY_SIGNAL));
            assertThat(signals).isNotEmpty();
            assertThat(stored).hasSize(signals.size());
            assertThat(stored).allSatisfy(d -> {
                assertThat(d.signalId()).isNotNull();
                assertThat(d.inputsJson()).contains("EMA(");
                assertThat(d.orderIds()).hasSizeLessThanOrEqualTo(1);
            });
            List<DecisionRecord> closed = stored.stream().filter(d -> d.outcome() != null).toList();
            assertThat(closed).isNotEmpty();
            // each closed round trip: the entry's and the exit's decision carry the same P&L; the round trips add up
            // to the session's realised P&L except the first entry's fee (booked before the first position opened)
            BigDecimal sumOfOutcomes = closed.stream().filter(d -> "BUY".equals(d.action()))
                    .map(d -> d.outcome().realizedPnl()).reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal finalRealized = closes.getLast().realizedPnl();
            assertThat(sumOfOutcomes.subtract(finalRealized).abs()).isLessThan(new BigDecimal("15")); // one 0.1 % fee
            assertThat(closed.stream().filter(d -> "SELL".equals(d.action())).map(d -> d.outcome().realizedPnl())
                    .reduce(BigDecimal.ZERO, BigDecimal::add)).isEqualByComparingTo(sumOfOutcomes);
        }
    }
}
