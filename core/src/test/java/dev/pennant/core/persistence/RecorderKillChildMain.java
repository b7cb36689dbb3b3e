package dev.pennant.core.persistence;

import dev.pennant.core.backtest.Backtester;
import dev.pennant.core.engine.EngineConfig;
import dev.pennant.core.engine.EngineListener;
import dev.pennant.core.model.EquitySnapshot;
import dev.pennant.core.model.Fill;
import dev.pennant.core.model.Interval;
import dev.pennant.core.model.Position;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Child process for {@link HistoryCompactnessTest}: replays {@code bars} re-timed real 1m bars through the paper
 * engine with a {@link HistoryRecorder}, prints each fill once the recorder has returned from {@code onFill} (like
 * the UI hearing of it), and halts the JVM — no shutdown hooks, no H2 close, as {@code kill -9} — right after
 * printing fill {@code haltAfter}. Not a test.
 *
 * <p>Arguments: data directory, bars, haltAfter. Output lines: {@code fill <tradeId> <clientOrderId> <side>
 * <quantity> <price> <time>}.
 */
public final class RecorderKillChildMain {
    private RecorderKillChildMain() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int bars = Integer.parseInt(args[1]);
        long haltAfter = Long.parseLong(args[2]);
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        HistoryStore store = HistoryStore.open(dir);
        store.startSession(new SessionInfo("kill", "PAPER", "paper", "kill test", "BTCUSDT", Interval.M1,
                "EMA-cross+RSI", "USDT", new BigDecimal("10000"), 1L, null));
        long[] barsSeen = {0};
        EngineListener clock = new EngineListener() {
            @Override
            public void onEquity(EquitySnapshot s) {
                barsSeen[0]++;
            }
        };
        // wall clock as if the replay ran at 5,000 bars/s, so the run is the same on any machine
        HistoryRecorder recorder = new HistoryRecorder(store, "kill", HistoryRecorder.Policy.DEFAULT,
                () -> barsSeen[0] / 5);
        EngineListener ui = new EngineListener() {
            @Override
            public void onFill(Fill f, Position p) {
                out.println("fill " + f.tradeId() + " " + f.clientOrderId() + " " + f.side() + " "
                        + f.quantity().toPlainString() + " " + f.price().toPlainString() + " " + f.time());
                if (f.tradeId() == haltAfter) {
                    Runtime.getRuntime().halt(137);
                }
            }
        };
        Backtester.run(ReplayBars.btc1m(bars), EngineConfig.defaults("BTCUSDT", Interval.M1), clock, recorder, ui);
        out.println("finished without reaching fill " + haltAfter);
        System.exit(3);
    }
}
