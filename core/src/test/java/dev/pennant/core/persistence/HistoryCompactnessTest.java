package dev.pennant.core.persistence;

import dev.pennant.core.backtest.BacktestResult;
import dev.pennant.core.backtest.Backtester;
import dev.pennant.core.engine.EngineConfig;
import dev.pennant.core.engine.EngineListener;
import dev.pennant.core.model.EquitySnapshot;
import dev.pennant.core.model.Fill;
import dev.pennant.core.model.Interval;
import dev.pennant.core.testkit.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The history file stays small while a long fast replay records into it — measured with the store still open, as a
 * killed process would leave it — and a killed process keeps every fill it reported (decision 0012).
 *
 * <p>Bound: {@value #BOUND_BYTES} bytes. 40,320 bars record 2,688 equity rows (one per 15 minutes of engine time),
 * ~200 fills, orders and positions: under 1 MB of compressed pages. Each fill forces one chunk write and H2's
 * background writer adds at most two per second; a run this short is inside H2's 45 s retention time, so no chunk is
 * reused yet and the file holds every chunk written: ~250 chunks of tens of KB, measured 2-4 MB (decision 0012).
 * 20 MB leaves room for slower machines (more background writes) while the pre-0012 recorder, one commit per bar
 * with {@code WRITE_DELAY=0}, reached 665 MB on the same bars.
 */
class HistoryCompactnessTest {

    static final int BARS = 40_320; // four weeks of 1m bars: the real week repeated four times
    static final long BOUND_BYTES = 20_000_000;

    @TempDir
    Path dir;

    @Test
    void aFortyThousandBarReplayKeepsTheFileSmallWhileTheStoreIsOpen() throws Exception {
        List<dev.pennant.core.model.Bar> bars = ReplayBars.btc1m(BARS);
        try (HistoryStore store = HistoryStore.open(dir)) {
            store.startSession(new SessionInfo("c", "PAPER", "paper", "t", "BTCUSDT", Interval.M1, "EMA-cross+RSI",
                    "USDT", new BigDecimal("10000"), 1L, null));
            long[] barsSeen = {0};
            EngineListener clock = new EngineListener() {
                @Override
                public void onEquity(EquitySnapshot s) {
                    barsSeen[0]++;
                }
            };
            // wall clock as if the replay ran at 5,000 bars/s: a commit every 2,500 bars by time, 1,000 by count
            HistoryRecorder recorder = new HistoryRecorder(store, "c", HistoryRecorder.Policy.DEFAULT,
                    () -> barsSeen[0] / 5);
            BacktestResult run = Backtester.run(bars, EngineConfig.defaults("BTCUSDT", Interval.M1), clock, recorder);

            long size = Files.size(store.file()); // not flushed, not closed
            assertThat(size).as("history.mv.db while open after %d bars", BARS).isLessThan(BOUND_BYTES);
            assertThat(run.fills()).hasSizeGreaterThan(100);
            assertThat(store.fills("c")).as("every fill committed as it happened").hasSameSizeAs(run.fills());

            recorder.flush();
            // one row per 15 minutes of engine time from the first bar, plus the row still collecting the last bars
            int sampled = (BARS - 1) / 15 + 1;
            boolean open = (BARS - 1) % 15 != 0;
            List<EquitySample> rows = store.equitySamples("c");
            assertThat(rows).hasSize(sampled + (open ? 1 : 0));
            assertThat(rows.stream().mapToInt(EquitySample::bars).sum()).as("every bar in exactly one row")
                    .isEqualTo(BARS);
            assertThat(rows.getLast().last().time()).isEqualTo(bars.getLast().closeTime());
            System.out.printf("history.mv.db after %d bars, open: %d bytes; %d fills, %d equity rows%n", BARS, size,
                    run.fills().size(), rows.size());
        }
    }

    @Test
    void aProcessKilledRightAfterAFillKeepsItAndASmallFile() throws Exception {
        long haltAfter = 150;
        Path out = dir.resolve("child.out");
        Path data = dir.resolve("data");
        Process p = ChildJvm.start(RecorderKillChildMain.class, out, data.toString(), String.valueOf(BARS),
                String.valueOf(haltAfter));
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).as("child finished").isTrue();
        assertThat(p.exitValue()).as("child halted after fill %d: %s", haltAfter, Files.readString(out)).isEqualTo(137);

        long size = Files.size(data.resolve("history.mv.db")); // as the killed process left it
        assertThat(size).as("history.mv.db after the kill").isLessThan(BOUND_BYTES);
        System.out.printf("history.mv.db after a kill at fill %d: %d bytes%n", haltAfter, size);

        List<String[]> reported = Files.readAllLines(out).stream().filter(l -> l.startsWith("fill "))
                .map(l -> l.split(" ")).toList();
        assertThat(reported).hasSize((int) haltAfter);
        try (HistoryStore store = HistoryStore.open(data)) {
            assertThat(store.latestSession()).get().extracting(SessionInfo::endedAt).isNull();
            List<Fill> stored = store.fills("kill");
            assertThat(stored).as("every reported fill, including the last one before the kill").hasSize(reported.size());
            for (int i = 0; i < reported.size(); i++) {
                String[] r = reported.get(i);
                Fill f = stored.get(i);
                assertThat(f.tradeId()).isEqualTo(Long.parseLong(r[1]));
                assertThat(f.clientOrderId()).isEqualTo(r[2]);
                assertThat(f.side().name()).isEqualTo(r[3]);
                assertThat(f.quantity()).isEqualByComparingTo(r[4]);
                assertThat(f.price()).isEqualByComparingTo(r[5]);
                assertThat(f.time()).isEqualTo(Long.parseLong(r[6]));
            }
            assertThat(store.orders("kill")).as("each fill's order came with it").extracting(o -> o.clientOrderId())
                    .containsAll(reported.stream().map(r -> r[2]).toList());
            assertThat(store.equitySamples("kill")).as("equity committed in batches before the kill").isNotEmpty();
        }
    }
}
