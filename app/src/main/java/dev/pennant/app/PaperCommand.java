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

    @Option(names = "--resume", paramLabel = "SESSION|last",
            description = "Resume a stored paper session exactly (open orders, positions, balances) and go on with the "
                    + "bars after its last event; 'last' = the newest PAPER session of this symbol that stored a state.")
    String resume;

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
             PaperSession session = open(store, config, data)) {
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

    private PaperSession open(HistoryStore store, EngineConfig config, KlineImport data) {
        String description = "Replay of " + replay.getFileName();
        if (resume == null) {
            return PaperSession.replay(config, data.bars(), description, speed, 0, store);
        }
        String id = resume;
        if (resume.equals("last")) {
            id = store.sessions("PAPER").stream()
                    .filter(s -> s.symbol().equals(config.instrument().symbol()) && store.sessionState(s.id()).isPresent())
                    .map(dev.pennant.core.persistence.SessionInfo::id).findFirst()
                    .orElseThrow(() -> new picocli.CommandLine.ParameterException(spec.commandLine(),
                            "--resume last: no PAPER session of " + config.instrument().symbol() + " stored a state in "
                                    + store.file()));
        }
        String json = store.sessionState(id).orElseThrow(() -> new picocli.CommandLine.ParameterException(
                spec.commandLine(), "--resume: session " + resume + " stored no state in " + store.file()));
        long clock = dev.pennant.core.engine.PaperSessionState.fromJson(json).venue().clock();
        var rest = data.bars().stream().filter(b -> b.openTime() > clock).toList();
        if (rest.isEmpty()) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--resume: the data ends before the resumed session's last event (" + java.time.Instant.ofEpochMilli(clock) + ")");
        }
        spec.commandLine().getOut().printf(Locale.ROOT, "resume: %s from %s, %d bars left%n", id,
                java.time.Instant.ofEpochMilli(clock), rest.size());
        return PaperSession.resume(config, new dev.pennant.core.marketdata.ReplaySource(rest, description, speed, 0),
                store, id);
    }
}
