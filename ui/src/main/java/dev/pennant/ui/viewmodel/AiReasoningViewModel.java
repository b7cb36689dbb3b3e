package dev.pennant.ui.viewmodel;

import dev.pennant.core.ai.AnalysisTriggers;
import dev.pennant.core.ai.DeterministicAnalysis;
import dev.pennant.core.ai.Explanation;
import dev.pennant.core.ai.context.MarketContext;
import dev.pennant.core.ai.context.MarketContextBuilder;
import dev.pennant.core.ai.llm.AiDecision;
import dev.pennant.core.ai.llm.AnalysisResult;
import dev.pennant.core.ai.llm.ConnectionTest;
import dev.pennant.core.ai.llm.LlmAnalyst;
import dev.pennant.core.ai.llm.ProviderProfiles;
import dev.pennant.core.ai.llm.UsageBudget;
import dev.pennant.core.ai.record.DecisionKind;
import dev.pennant.core.ai.record.DecisionQuery;
import dev.pennant.core.ai.record.DecisionRecord;
import dev.pennant.core.ai.record.DecisionRecorder;
import dev.pennant.core.ai.record.DecisionRecordingListener;
import dev.pennant.core.ai.record.H2DecisionStore;
import dev.pennant.core.ai.sentiment.SentimentCategory;
import dev.pennant.core.ai.sentiment.SentimentMonitor;
import dev.pennant.core.ai.sentiment.SentimentSnapshot;
import dev.pennant.core.analysis.IndicatorSnapshot;
import dev.pennant.core.engine.EngineConfig;
import dev.pennant.core.engine.EngineListener;
import dev.pennant.core.engine.PaperSession;
import dev.pennant.core.model.Bar;
import dev.pennant.core.model.EquitySnapshot;
import dev.pennant.core.model.Fill;
import dev.pennant.core.model.Market;
import dev.pennant.core.model.Position;
import dev.pennant.core.model.Signal;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The AI Reasoning panel's state: the latest AI decision of the session's symbol (action, confidence, levels,
 * reasoning, factors, where it came from), sentiment breakdown with headlines, the decision history with outcomes
 * (from the decision record), the "ask" box and today's token / cost use against the budget.
 *
 * <p>Threads: the engine thread only appends bars / positions (bounded) and flags work; analyses, sentiment polls and
 * record queries run on one "pennant-ai" thread; results reach the FX thread with {@code Platform.runLater}. The FX
 * thread never waits. Triggers ({@link AnalysisTriggers}): every {@value #ANALYZE_EVERY_BARS} closed bars per symbol
 * (configurable), a volatility spike (range ≥ 3× the 20-bar mean), drawdown at 80 % of the halt, each strategy signal
 * (the AI as confirmation filter), the "Analyse now" button and the ask box.
 */
public final class AiReasoningViewModel implements AutoCloseable {

    /** Closed bars between scheduled analyses of a symbol. */
    public static final int ANALYZE_EVERY_BARS = 60;

    private static final Logger LOG = LoggerFactory.getLogger(AiReasoningViewModel.class);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final Executor fx;
    private final ExecutorService ai;
    private final Clock clock;
    private volatile DecisionRecorder recorder = DecisionRecorder.none();
    private volatile H2DecisionStore store;
    private volatile LlmAnalyst analyst;
    private volatile SentimentMonitor sentiment;
    private volatile String noLlmReason = "no LLM provider configured (ai-providers.json)";

    // engine-thread state
    private final Map<String, ArrayDeque<Bar>> bars = new ConcurrentHashMap<>();
    private final Map<String, Position> positions = new ConcurrentHashMap<>();
    private volatile String symbol;
    private volatile int maxLeverage = 1;
    private volatile double maxDrawdownHalt = 0.25;
    private volatile double drawdown;
    private volatile BigDecimal peak;
    private volatile PaperSession session;
    private final AtomicBoolean analysisQueued = new AtomicBoolean();
    private volatile AnalysisTriggers triggers = new AnalysisTriggers(ANALYZE_EVERY_BARS, 3, 0.8);

    // FX state
    private final ReadOnlyStringWrapper action = new ReadOnlyStringWrapper("—");
    private final ReadOnlyDoubleWrapper confidence = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyStringWrapper headline = new ReadOnlyStringWrapper("No analysis yet");
    private final ReadOnlyStringWrapper reasoning = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper levels = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper source = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper degraded = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper usage = new ReadOnlyStringWrapper("");
    private final ReadOnlyDoubleWrapper usageFraction = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyStringWrapper sentimentNews = new ReadOnlyStringWrapper("—");
    private final ReadOnlyStringWrapper sentimentSocial = new ReadOnlyStringWrapper("—");
    private final ReadOnlyStringWrapper sentimentMarket = new ReadOnlyStringWrapper("—");
    private final ReadOnlyStringWrapper sentimentOverall = new ReadOnlyStringWrapper("No sentiment sources configured");
    private final ReadOnlyStringWrapper answer = new ReadOnlyStringWrapper("");
    private final ObservableList<String> factors = FXCollections.observableArrayList();
    private final ObservableList<String> headlines = FXCollections.observableArrayList();
    private final ObservableList<String> history = FXCollections.observableArrayList();

    /**
     * A view-model whose results reach the FX thread through {@code fx} (tests may pass {@code Runnable::run}) and
     * whose AI work runs on {@code ai} (single-threaded).
     */
    public AiReasoningViewModel(Executor fx, ExecutorService ai, Clock clock) {
        this.fx = fx;
        this.ai = ai;
        this.clock = clock;
        refreshUsage();
    }

    /** The terminal's: FX via {@code Platform.runLater}, a daemon "pennant-ai" thread, the system clock. */
    public static AiReasoningViewModel forTerminal() {
        return new AiReasoningViewModel(Platform::runLater, Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "pennant-ai");
            t.setDaemon(true);
            return t;
        }), Clock.systemUTC());
    }

    /**
     * Opens the decision record in {@code dataDir} and the configured provider (on the AI thread). Without a
     * provider the deterministic engine answers and the panel says so.
     */
    public void open(Path dataDir) {
        ai.execute(() -> {
            try {
                H2DecisionStore opened = H2DecisionStore.open(dataDir);
                if (ai.isShutdown()) { // closed while opening: release the file
                    opened.close();
                    return;
                }
                store = opened;
                recorder = opened;
                var profiles = ProviderProfiles.load(dataDir);
                profiles.activeProfile().ifPresent(p -> analyst = LlmAnalyst.builder(p).cache(store).recorder(store).build());
                refreshHistoryNow();
            } catch (Exception e) {
                LOG.warn("AI panel: {}", e.getMessage());
                noLlmReason = "AI configuration unavailable: " + e.getMessage();
            }
            refreshUsage();
        });
    }

    /** Uses {@code a} for analyses (tests, or a profile chosen in the panel). */
    public void useAnalyst(LlmAnalyst a) {
        ai.execute(() -> {
            analyst = a;
            refreshUsage();
        });
    }

    /** Records into {@code s} and shows its history (tests). */
    public void useStore(H2DecisionStore s) {
        ai.execute(() -> {
            store = s;
            recorder = s;
            refreshHistoryNow();
        });
    }

    /** Shows sentiment from {@code m}: each of its snapshots updates the breakdown. */
    public void useSentiment(SentimentMonitor m) {
        sentiment = m;
        m.onSnapshot(this::showSentiment);
        if (m.latest() != null) showSentiment(m.latest());
    }

    /** Follows {@code s}: its bars feed the context; its signals, vetoes and outcomes go to the decision record. */
    public void attach(PaperSession s, EngineConfig config) {
        session = s;
        symbol = config.instrument().symbol();
        maxLeverage = config.instrument().market() == Market.SPOT ? 1 : 10;
        maxDrawdownHalt = config.risk().maxDrawdownHalt();
        peak = null;
        drawdown = 0;
        bars.clear(); // a new session (symbol or interval switch): its bars only
        positions.clear();
        s.addListener(listener());
        s.addListener(new DecisionRecordingListener(new DeferredRecorder(), s.id(), clock));
    }

    /** The engine listener that feeds this view-model (what {@link #attach} adds). */
    public EngineListener listener() {
        return new EngineListener() {
            @Override
            public void onBar(Bar bar, IndicatorSnapshot indicators) {
                if (symbol == null) symbol = bar.symbol();
                ArrayDeque<Bar> q = bars.computeIfAbsent(bar.symbol(), k -> new ArrayDeque<>());
                synchronized (q) {
                    q.addLast(bar);
                    while (q.size() > MarketContextBuilder.MAX_BARS) q.removeFirst();
                }
                AnalysisTriggers t = triggers;
                if (t != null && t.onBar(bar, Math.max(0, drawdown), maxDrawdownHalt).isPresent()) {
                    scheduleAnalysis(bar.symbol(), null);
                }
            }

            @Override
            public void onSignal(Signal signal, Explanation explanation) {
                scheduleAnalysis(signal.symbol(), signal.id());
            }

            @Override
            public void onFill(Fill fill, Position position) {
                positions.put(position.symbol(), position);
            }

            @Override
            public void onEquity(EquitySnapshot s) {
                BigDecimal eq = s.equity();
                if (peak == null || eq.compareTo(peak) > 0) peak = eq;
                drawdown = peak.signum() > 0 ? 1 - eq.doubleValue() / peak.doubleValue() : 0;
            }
        };
    }

    /**
     * Closed bars between scheduled analyses (spike and risk triggers stay on); 0 turns every automatic bar trigger
     * off (signals and the buttons still analyse).
     */
    public void setAnalyzeEveryBars(int n) {
        if (n < 0) throw new IllegalArgumentException("analyzeEveryBars: must be >= 0, was " + n);
        triggers = n == 0 ? null : new AnalysisTriggers(n, 3, 0.8);
    }

    /** Analyses the current symbol now (the panel's button). */
    public void analyzeNow() {
        String s = symbol;
        if (s != null) scheduleAnalysis(s, null);
    }

    /** Asks the model about the current symbol's chart (the ask box); the answer shows as the latest decision. */
    public void ask(String question) {
        String s = symbol;
        if (s == null || question == null || question.isBlank()) return;
        fx.execute(() -> busy.set(true));
        ai.execute(() -> guarded(() -> {
            MarketContext ctx = context(s);
            if (ctx == null) {
                fx.execute(() -> { busy.set(false); answer.set("No bars yet to talk about."); });
                return;
            }
            AnalysisResult r = analyst != null ? analyst.ask(ctx, question)
                    : DeterministicAnalysis.run(ctx, recorder, noLlmReason, clock.millis());
            show(r, "Q: " + question.strip());
        }));
    }

    /** Runs "test connection" of the configured provider; the result shows in {@link #answerProperty()}. */
    public void testConnection() {
        ai.execute(() -> {
            LlmAnalyst a = analyst;
            String text;
            if (a == null) {
                text = "No provider configured: " + noLlmReason;
            } else {
                ConnectionTest t = a.testConnection();
                text = (t.ok() ? "Connection OK: " : "Connection failed: ") + t.model() + ", " + t.latencyMs() + " ms, " + t.message();
            }
            fx.execute(() -> answer.set(text));
            refreshUsage();
        });
    }

    private void scheduleAnalysis(String sym, String signalId) {
        if (signalId == null && !analysisQueued.compareAndSet(false, true)) return; // one scheduled analysis at a time
        ai.execute(() -> guarded(() -> {
            if (signalId == null) analysisQueued.set(false);
            fx.execute(() -> busy.set(true));
            MarketContext ctx = context(sym);
            if (ctx == null) {
                fx.execute(() -> busy.set(false));
                return;
            }
            AnalysisResult r;
            if (analyst != null) {
                r = signalId != null ? analyst.confirm(ctx, signalId) : analyst.analyze(ctx);
            } else {
                r = DeterministicAnalysis.run(ctx, recorder, noLlmReason, clock.millis());
            }
            show(r, null);
        }));
    }

    // An AI task that fails shows the reason instead of killing the AI thread's task silently.
    private void guarded(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.warn("AI analysis failed", e);
            String why = String.valueOf(e.getMessage());
            fx.execute(() -> {
                busy.set(false);
                source.set("Analysis failed: " + why);
                degraded.set(true);
            });
        }
    }

    private MarketContext context(String sym) {
        ArrayDeque<Bar> q = bars.get(sym);
        if (q == null) return null;
        List<Bar> copy;
        synchronized (q) {
            copy = new ArrayList<>(q);
        }
        if (copy.isEmpty()) return null;
        PaperSession s = session;
        boolean kill = s != null && s.engine().risk().killSwitch();
        MarketContextBuilder b = MarketContextBuilder.of(copy).position(positions.get(sym))
                .risk(new MarketContext.RiskSummary(kill, Math.max(0, drawdown), maxDrawdownHalt, maxLeverage));
        SentimentMonitor m = sentiment;
        if (m != null && m.latest() != null) b.sentiment(m.latest().summary());
        return b.build();
    }

    private void show(AnalysisResult r, String question) {
        AiDecision d = r.decision();
        String head = d == null ? r.status().name() : d.action() + " " + r.symbol();
        String lv = d == null || !d.opens() ? "" : String.format(Locale.ROOT,
                "entry %,.2f · SL %,.2f · TP %,.2f · %d× · size %.0f %% · %d min", d.entry(), d.stopLoss(),
                d.takeProfit(), d.leverage(), d.sizeFraction() * 100, d.horizonMinutes());
        String src = switch (r.status()) {
            case ACCEPTED -> "rules".equals(r.source())
                    ? "Deterministic engine — " + noLlmReason
                    : "LLM " + r.model() + (r.cached() ? " (cached)" : " · " + r.latencyMs() + " ms · "
                    + (r.inputTokens() + r.outputTokens()) + " tokens");
            case DEGRADED, REJECTED, REFUSED -> r.reason();
        };
        String bar = TIME.format(Instant.ofEpochMilli(r.barTime() + 1)) + " UTC";
        fx.execute(() -> {
            busy.set(false);
            action.set(head);
            confidence.set(d == null ? 0 : d.confidence());
            headline.set(head + " · bar " + bar + (d == null ? "" : String.format(Locale.ROOT, " · confidence %d %%",
                    Math.round(d.confidence() * 100))));
            reasoning.set(d == null ? "No decision: nothing will be traded." : d.reasoning());
            levels.set(lv);
            source.set(src);
            degraded.set(r.status() != AnalysisResult.Status.ACCEPTED);
            factors.setAll(d == null ? List.of() : d.keyFactors());
            if (question != null) answer.set(question + " → " + (d == null ? r.reason() : d.action() + ": " + d.reasoning()));
        });
        refreshUsage();
        refreshHistoryNow();
    }

    private void refreshUsage() {
        LlmAnalyst a = analyst;
        String text;
        double f;
        if (a == null) {
            text = "Tokens today: 0 — deterministic engine, no LLM budget in use";
            f = 0;
        } else {
            UsageBudget.Usage u = a.usage();
            text = String.format(Locale.ROOT, "%s today: %,d / %,d tokens · %s / %s USD · %d calls · circuit %s",
                    a.profile().name(), u.tokens(), u.tokenBudget(), u.costUsd().setScale(4, java.math.RoundingMode.HALF_UP).toPlainString(),
                    u.costBudgetUsd().toPlainString(), u.calls(), a.circuit());
            f = Math.min(1, u.usedFraction());
        }
        fx.execute(() -> {
            usage.set(text);
            usageFraction.set(f);
        });
    }

    private void refreshHistoryNow() {
        H2DecisionStore s = store;
        if (s == null) return;
        try {
            List<String> rows = new ArrayList<>();
            for (DecisionRecord d : s.query(DecisionQuery.latest(50))) {
                rows.add(historyLine(d));
            }
            fx.execute(() -> history.setAll(rows));
        } catch (RuntimeException e) {
            LOG.warn("AI history: {}", e.getMessage());
        }
    }

    static String historyLine(DecisionRecord d) {
        String kind = d.kind() == DecisionKind.AI_ANALYSIS ? "AI" : d.kind() == DecisionKind.STRATEGY_SIGNAL ? "signal" : "veto";
        String conf = d.confidence() == null ? "" : String.format(Locale.ROOT, " %d %%", Math.round(d.confidence() * 100));
        String outcome = d.outcome() == null ? (d.orderIds().isEmpty() ? "" : " · open")
                : String.format(Locale.ROOT, " · %s %s USDT", d.outcome().result(), d.outcome().realizedPnl()
                .setScale(2, java.math.RoundingMode.HALF_UP).toPlainString());
        String status = d.status().name().equals("ACCEPTED") || d.status().name().equals("SIGNAL") ? "" : " [" + d.status() + "]";
        return String.format(Locale.ROOT, "%s %s %s %s%s%s%s · %s", TIME.format(Instant.ofEpochMilli(d.decisionTime() + 1)),
                kind, d.symbol(), d.action() == null ? "—" : d.action(), conf, status, outcome,
                d.model() == null ? "" : d.model());
    }

    private void showSentiment(SentimentSnapshot s) {
        String news = cat(s, SentimentCategory.NEWS);
        String social = cat(s, SentimentCategory.SOCIAL);
        String market = cat(s, SentimentCategory.MARKET);
        String overall = String.format(Locale.ROOT, "Overall %+.2f · confidence %.0f %% · sources: %s%s", s.overall(),
                s.confidence() * 100, String.join(", ", s.sources()),
                s.failedSources().isEmpty() ? "" : " · failed: " + String.join(", ", s.failedSources().keySet()));
        List<String> lines = s.items().stream().limit(12)
                .map(i -> String.format(Locale.ROOT, "%+.2f  %s  (%s)", i.score(), i.title(), i.source())).toList();
        fx.execute(() -> {
            sentimentNews.set(news);
            sentimentSocial.set(social);
            sentimentMarket.set(market);
            sentimentOverall.set(overall);
            headlines.setAll(lines);
        });
    }

    private static String cat(SentimentSnapshot s, SentimentCategory c) {
        Double v = s.score(c);
        long n = s.items().stream().filter(i -> i.category() == c).count();
        return v == null ? "—" : String.format(Locale.ROOT, "%+.2f (%d)", v, n);
    }

    /** Records through whatever store is open when the event comes (the store opens on the AI thread). */
    private final class DeferredRecorder implements DecisionRecorder {
        @Override public long record(DecisionRecord r) { return recorder.record(r); }
        @Override public void linkOrder(long id, String coid, String role) { recorder.linkOrder(id, coid, role); }
        @Override public int attachOutcome(String coid, BigDecimal pnl, long at, String refl) {
            int n = recorder.attachOutcome(coid, pnl, at, refl);
            if (n > 0) ai.execute(AiReasoningViewModel.this::refreshHistoryNow);
            return n;
        }
    }

    /** Stops the AI thread and closes the record. */
    @Override
    public void close() {
        SentimentMonitor m = sentiment;
        if (m != null) m.stop();
        ai.shutdownNow();
        H2DecisionStore s = store;
        if (s != null) s.close();
    }

    /** e.g. "LONG BTCUSDT", "REJECTED". */
    public ReadOnlyStringProperty actionProperty() { return action.getReadOnlyProperty(); }
    /** 0..1 of the latest decision (0 without one). */
    public ReadOnlyDoubleProperty confidenceProperty() { return confidence.getReadOnlyProperty(); }
    /** Action, bar time and confidence in one line. */
    public ReadOnlyStringProperty headlineProperty() { return headline.getReadOnlyProperty(); }
    /** The decision's reasoning. */
    public ReadOnlyStringProperty reasoningProperty() { return reasoning.getReadOnlyProperty(); }
    /** Entry / SL / TP / leverage / size / horizon, empty for HOLD and CLOSE. */
    public ReadOnlyStringProperty levelsProperty() { return levels.getReadOnlyProperty(); }
    /** Where the decision came from, or why the LLM did not answer. */
    public ReadOnlyStringProperty sourceProperty() { return source.getReadOnlyProperty(); }
    /** True when the latest result is not a model's valid decision (degraded, rejected, refused). */
    public ReadOnlyBooleanProperty degradedProperty() { return degraded.getReadOnlyProperty(); }
    /** True while an analysis runs. */
    public ReadOnlyBooleanProperty busyProperty() { return busy.getReadOnlyProperty(); }
    /** Token / cost use today vs budget. */
    public ReadOnlyStringProperty usageProperty() { return usage.getReadOnlyProperty(); }
    /** Fraction of the tighter budget used, 0..1. */
    public ReadOnlyDoubleProperty usageFractionProperty() { return usageFraction.getReadOnlyProperty(); }
    /** News score and item count. */
    public ReadOnlyStringProperty sentimentNewsProperty() { return sentimentNews.getReadOnlyProperty(); }
    /** Social score and item count. */
    public ReadOnlyStringProperty sentimentSocialProperty() { return sentimentSocial.getReadOnlyProperty(); }
    /** Market score and item count. */
    public ReadOnlyStringProperty sentimentMarketProperty() { return sentimentMarket.getReadOnlyProperty(); }
    /** Overall score, confidence and sources. */
    public ReadOnlyStringProperty sentimentOverallProperty() { return sentimentOverall.getReadOnlyProperty(); }
    /** The last answer of the ask box or test connection. */
    public ReadOnlyStringProperty answerProperty() { return answer.getReadOnlyProperty(); }
    /** The latest decision's key factors. */
    public ObservableList<String> factors() { return factors; }
    /** Scored headlines and figures, newest first. */
    public ObservableList<String> headlines() { return headlines; }
    /** Decision history lines with outcomes, newest first. */
    public ObservableList<String> history() { return history; }
}
