package dev.pennant.simulator;

import dev.pennant.core.marketdata.BinanceLiveSource;
import dev.pennant.core.marketdata.SourceStatus;
import dev.pennant.core.model.Bar;
import dev.pennant.core.model.Interval;
import dev.pennant.core.testkit.Await;
import dev.pennant.core.testkit.RecordingBarSink;
import dev.pennant.core.testkit.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Binance closes every stream connection at the 24 hour mark with a normal closure the client did not ask for. The
 * simulator does the same after {@code maxConnectionAge} (here 1.5 s); the live source must reconnect each time and
 * backfill, so the series has no hole.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class SimulatorConnectionAgeTest {

    @Test
    void theLiveSourceReconnectsAfterEachForcedCloseWithNoMissingBar() throws Exception {
        RecordingBarSink sink = new RecordingBarSink(false);
        try (ExchangeSimulator sim = ExchangeSimulator.builder().dataDir(SharedData.binance()).port(0).speed(600)
                .replayStart(Instant.parse("2021-05-18T00:00:00Z")).maxConnectionAge(Duration.ofMillis(1500)).start();
             BinanceLiveSource live = new BinanceLiveSource("BTCUSDT", Interval.M1, sim.baseUrl(), sim.wsBaseUrl(), 50)) {
            live.start(sink);
            Await.until(() -> sim.counters().wsClosedForAge() >= 3, Duration.ofSeconds(40), "three forced closes");
            int seen = sink.closed.size();
            Await.until(() -> live.status().state() == SourceStatus.State.RUNNING && sink.closed.size() > seen + 5,
                    Duration.ofSeconds(20), "bars after the last forced close");
            // closes keep coming every 1.5 s: wait for a moment the client is connected again
            Await.until(() -> sim.counters().wsOpen() == 1 && sim.counters().wsConnections() >= 4,
                    Duration.ofSeconds(10), "connected again after the forced closes");
        }
        List<Bar> bars = new ArrayList<>(sink.closed); // in arrival order: REST backfills and stream bars alike
        for (int i = 1; i < bars.size(); i++) {
            assertThat(bars.get(i).openTime()).as("bar %d follows bar %d without a gap or repeat", i, i - 1)
                    .isEqualTo(bars.get(i - 1).openTime() + 60_000L);
        }
        assertThat(bars.size()).isGreaterThan(50 + 10);
        assertThat(sink.statuses).extracting(SourceStatus::state).contains(SourceStatus.State.LAGGING);
    }
}
