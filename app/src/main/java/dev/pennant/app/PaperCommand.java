package dev.pennant.app;

import dev.pennant.core.config.DataDirectory;
import dev.pennant.core.engine.EngineConfig;
import dev.pennant.core.engine.EngineListener;
import dev.pennant.core.engine.PaperSession;
import dev.pennant.core.marketdata.KlineImport;
import dev.pennant.core.model.Market;
import dev.pennant.core.marketdata.SourceStatus;
import dev.pennant.core.model.EquitySnapshot;
import dev.pennant.core.persistence.HistoryStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/** {@code paper}: the terminal's paper session without a window. */
@Command(name = "paper", mixinStandardHelpOptions = true,
        description = "Run a paper-trading session on replayed Binance klines without a window; prints fills and the "
                + "final equity and records the session in the history database.")
final class PaperCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--replay", required = true, paramLabel = "FILE|DIR", description = "Kline CSV(.gz) file or folder.")
    Path replay;

    @Option(names = "--speed", defaultValue = "0", paramLabel = "N",
            description = "Multiple of real time; 0 = as fast as possible (default: ${DEFAULT-VALUE}).")
    double speed;

    @Option(names = "--duration", converter = DurationConverter.class, paramLabel = "D",
            description = "Stop after this wall time (e.g. 30s, 5m); default: until the data ends.")
    Duration duration;

    @picocli.CommandLine.Mixin
    KlineSelection selection;

    @Option(names = "--market", defaultValue = "spot", converter = MarketConverter.class, paramLabel = "spot|futures",
            description = "Market whose exchangeInfo filters (tick, step, min notional) the session trades with: spot "
                    + "or futures (USD-M) (default: ${DEFAULT-VALUE}).")
    Market market;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Data directory for the history database.")
    Path dataDir;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (speed < 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--speed must be >= 0 (0 = max), was " + speed);
        }
        KlineImport data = selection.load(replay);
        BarData.describe(data, out);
        Path dir = DataDirectory.resolve(dataDir);
        EngineConfig config = EngineConfig.defaults(BarData.instrument(market, data, out), data.interval());
        AtomicReference<EquitySnapshot> last = new AtomicReference<>();
        try (HistoryStore store = HistoryStore.open(dir);
             PaperSession session = PaperSession.replay(config, data.bars(),
                     "Replay of " + replay.getFileName(), speed, 0, store)) {
            out.printf(Locale.ROOT, "session: %s (PAPER, replay at %s) history: %s%n", session.id(),
                    speed <= 0 ? "max speed" : speed + "×", store.file());
            out.flush();
            session.addListener(FillPrinter.to(out));
            session.addListener(new EngineListener() {
                @Override
                public void onEquity(EquitySnapshot s) {
                    last.set(s);
                }

                @Override
                public void onSourceStatus(SourceStatus st) {
                    if (st.state() == SourceStatus.State.FAILED) {
                        out.println("source failed: " + st.message());
                        out.flush();
                    }
                }
            });
            session.start();
            boolean done = duration == null ? session.awaitFinished(Long.MAX_VALUE, TimeUnit.DAYS)
                    : session.awaitFinished(duration.toMillis(), TimeUnit.MILLISECONDS);
            session.close();
            EquitySnapshot e = last.get();
            out.printf(Locale.ROOT, "bars: %d%s%n", session.engine().barsProcessed(), done ? "" : " (stopped by --duration)");
            if (e != null) {
                out.printf(Locale.ROOT, "final_equity: %.2f USDT (cash %.2f, position %.2f, realised %.2f, unrealised %.2f)%n",
                        e.equity().doubleValue(), e.cash().doubleValue(), e.positionValue().doubleValue(),
                        e.realizedPnl().doubleValue(), e.unrealizedPnl().doubleValue());
            }
            out.flush();
        }
        return 0;
    }
}
