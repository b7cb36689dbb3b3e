package dev.pennant.ui.viewmodel;

import dev.pennant.core.marketdata.ReplaySource;
import dev.pennant.core.marketdata.SourceStatus;
import dev.pennant.core.model.Bar;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The session's status: status-bar texts (data source and its state, replay speed, last bar, history file), the
 * toolbar's session header, the problem banner (with its "Replay from folder…" and "Pick interval" offers), and
 * replay pause / speed. Properties are read and changed on the FX thread; {@link #replaySpeed()} may be read from
 * any thread (a new replay starts at the trader's latest speed).
 */
public final class SessionStatusViewModel {

    private static final DateTimeFormatter UTC =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final ReadOnlyStringWrapper sourceText = new ReadOnlyStringWrapper("No market data yet");
    private final ReadOnlyStringWrapper sourceState = new ReadOnlyStringWrapper("IDLE");
    private final ReadOnlyStringWrapper speedText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper lastBarText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper previousSessionText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper historyText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper sessionText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper liveUnavailable = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper replaying = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper paused = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper offerInterval = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper reconciliationText = new ReadOnlyStringWrapper("");
    private int reconciliations; // of the running LIVE session
    private String chartProblem = "";      // the banner text the last refused "open chart" set
    private String emptyChartProblem = ""; // the banner text of a live chart the venue sent no bars for
    private final Supplier<ReplaySource> replay; // the running session's replay, or null
    private volatile double replaySpeed;

    /**
     * @param replay       the running session's replay source, or null (live data / no session)
     * @param initialSpeed the start-up replay speed, multiple of real time (0 = max)
     */
    SessionStatusViewModel(Supplier<ReplaySource> replay, double initialSpeed) {
        this.replay = replay;
        this.replaySpeed = initialSpeed;
    }

    // ------------------------------------------------------------------ commands (FX thread)

    /** Sets the replay speed (multiple of real time, 0 = max; negative values are ignored); none for live data. */
    public void setSpeed(double speed) {
        if (speed >= 0) {
            replaySpeed = speed;
        }
        ReplaySource r = replay.get();
        if (r != null) {
            r.setSpeed(speed);
            speedText.set(speedLabel(speed));
        }
    }

    /** Pauses or resumes a replay; nothing for live data. */
    public void togglePause() {
        ReplaySource r = replay.get();
        if (r != null) {
            boolean p = !paused.get();
            r.setPaused(p);
            paused.set(p);
        }
    }

    /** Clears the current problem message. */
    public void dismissProblem() {
        problem.set("");
        offerInterval.set(false);
    }

    // ------------------------------------------------------------------ updates from the terminal (FX thread)

    /** The trader's latest replay speed (any thread). */
    double replaySpeed() {
        return replaySpeed;
    }

    void showProblem(String text) {
        problem.set(text);
    }

    String problemText() {
        return problem.get();
    }

    /** A refused chart switch: its message is cleared again once a session starts. */
    void showChartProblem(String text) {
        chartProblem = text;
        problem.set(text);
    }

    /** Replaces the banner's {@code previous} text (if still shown) by {@code text} (if not empty). */
    void replaceProblem(String previous, String text) {
        if (!previous.isEmpty() && previous.equals(problem.get())) {
            problem.set("");
        }
        if (!text.isEmpty()) {
            problem.set(text);
        }
    }

    /**
     * A LIVE session's reconciliation result: its summary in {@link #reconciliationTextProperty()}; a failed one or
     * one with differences the repairs did not fix also goes to the problem banner (never silently dropped).
     */
    void showReconciliation(dev.pennant.core.execution.Reconciler.Result r) {
        reconciliations++;
        reconciliationText.set("[" + reconciliations + "] " + r.summary());
        if (r.failure() != null || !r.unresolved().isEmpty()) {
            problem.set("LIVE " + r.summary());
        }
    }

    /** The LIVE session ended: no reconciliation to show. */
    void clearReconciliation() {
        reconciliations = 0;
        reconciliationText.set("");
    }

    void setHistoryText(String text) {
        historyText.set(text);
    }

    void setPreviousSessionText(String text) {
        previousSessionText.set(text);
    }

    void connecting(String restUrl) {
        sourceText.set("Connecting to Binance live market data (" + restUrl + ") …");
        sourceState.set("CONNECTING");
    }

    /** Live data cannot be reached: the banner says why ({@code why}) and offers a replay. */
    void liveUnreachable(String why) {
        sourceText.set("Live Binance market data unreachable — no data");
        sourceState.set("FAILED");
        problem.set(why + " — no market data. Replay recorded klines from a folder instead (File ▸ Replay from folder…).");
        liveUnavailable.set(true);
    }

    /** A new session runs: replay or live, its header, and the banner no longer about the previous chart. */
    void showSession(boolean isReplay, String header, SourceStatus status) {
        replaying.set(isReplay);
        paused.set(false);
        liveUnavailable.set(false);
        if (!chartProblem.isEmpty() && chartProblem.equals(problem.get())
                || !emptyChartProblem.isEmpty() && emptyChartProblem.equals(problem.get())) {
            problem.set(""); // a refused switch's or the empty chart's message no longer describes the chart
        }
        chartProblem = "";
        emptyChartProblem = "";
        offerInterval.set(false);
        double speed = replaySpeed;
        speedText.set(isReplay ? speedLabel(speed) : "live");
        sessionText.set(header);
        // the status bar names the new source in the same pulse as the header (not the old one until its first status)
        applyStatus(status, true);
    }

    /** Closed bars reached the chart; {@code last} is the newest. */
    void barsArrived(Bar last) {
        lastBarText.set("Last bar " + UTC.format(Instant.ofEpochMilli(last.openTime())) + " UTC · close "
                + TerminalViewModel.money(last.close()));
        if (!emptyChartProblem.isEmpty()) {
            if (emptyChartProblem.equals(problem.get())) {
                problem.set(""); // bars came after all
                offerInterval.set(false);
            }
            emptyChartProblem = "";
        }
    }

    /** The source's latest status; {@code chartEmpty} when the chart has no candles yet. */
    void applyStatus(SourceStatus st, boolean chartEmpty) {
        String progress = st.barsTotal() > 0 ? String.format(Locale.ROOT, " · %,d / %,d bars", st.barsDelivered(), st.barsTotal())
                : String.format(Locale.ROOT, " · %,d bars", st.barsDelivered());
        String kind = st.kind() == SourceStatus.Kind.LIVE ? "LIVE DATA" : "REPLAY";
        sourceText.set(kind + ": " + st.description() + progress);
        sourceState.set(st.state().name());
        String empty = st.emptyChartReason();
        if (!empty.isBlank() && chartEmpty) {
            // e.g. "The venue returned no 1m klines for BTCUSDT (USD-M futures); the chart fills as bars close — …"
            emptyChartProblem = empty + "; the chart fills as bars close — or pick another interval";
            problem.set(emptyChartProblem);
            offerInterval.set(true);
        }
        if (st.state() == SourceStatus.State.FAILED && !st.message().isBlank()) {
            problem.set(st.message());
            if (st.kind() == SourceStatus.Kind.LIVE) {
                liveUnavailable.set(true);
            }
        }
    }

    private static String speedLabel(double s) {
        return s <= 0 ? "max" : (s == Math.rint(s) ? String.valueOf((long) s) : String.valueOf(s)) + "×";
    }

    // ------------------------------------------------------------------ read-only views

    /** Where market data comes from, for the status bar. */
    public ReadOnlyStringProperty sourceTextProperty() { return sourceText.getReadOnlyProperty(); }
    /** Source state name (CONNECTING, RUNNING, LAGGING, PAUSED, FINISHED, FAILED, IDLE). */
    public ReadOnlyStringProperty sourceStateProperty() { return sourceState.getReadOnlyProperty(); }
    /** Replay speed label ("60×", "max") or "live". */
    public ReadOnlyStringProperty speedTextProperty() { return speedText.getReadOnlyProperty(); }
    /** Last closed bar's time (UTC) and close. */
    public ReadOnlyStringProperty lastBarTextProperty() { return lastBarText.getReadOnlyProperty(); }
    /** Summary of the previous session loaded from history. */
    public ReadOnlyStringProperty previousSessionTextProperty() { return previousSessionText.getReadOnlyProperty(); }
    /** History database location. */
    public ReadOnlyStringProperty historyTextProperty() { return historyText.getReadOnlyProperty(); }
    /** Current session summary (the toolbar's header). */
    public ReadOnlyStringProperty sessionTextProperty() { return sessionText.getReadOnlyProperty(); }
    /** A problem the trader must see (empty when none). */
    public ReadOnlyStringProperty problemProperty() { return problem.getReadOnlyProperty(); }
    /** True when live data could not be reached: the view offers replay. */
    public ReadOnlyBooleanProperty liveUnavailableProperty() { return liveUnavailable.getReadOnlyProperty(); }
    /**
     * The last LIVE reconciliation's summary, numbered within the session ("[2] reconciliation at …: engine and
     * venue agree"); empty while PAPER.
     */
    public ReadOnlyStringProperty reconciliationTextProperty() { return reconciliationText.getReadOnlyProperty(); }
    /** True while the session replays recorded data. */
    public ReadOnlyBooleanProperty replayingProperty() { return replaying.getReadOnlyProperty(); }
    /** True while a replay is paused. */
    public ReadOnlyBooleanProperty pausedProperty() { return paused.getReadOnlyProperty(); }
    /**
     * True while the banner says the live venue returned no bars for the chart's interval: the view offers its
     * interval selector beside the message.
     */
    public ReadOnlyBooleanProperty offerIntervalProperty() { return offerInterval.getReadOnlyProperty(); }
}
