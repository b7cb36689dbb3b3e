package dev.pennant.ui.viewmodel;

import dev.pennant.core.marketdata.feed.ConnectionStatus;
import dev.pennant.core.marketdata.feed.MarketFeed;
import dev.pennant.core.marketdata.feed.StreamHealth;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The market-data connection segment of the status bar: venue (plainly {@code recorded data} when replaying),
 * request weight used / limit, latency, how many streams are in each state, and the worst state.
 *
 * <p>Threading: the feed's status listener leaves only the latest status in the inbox; at most one FX drain is pending.
 */
public final class ConnectionStatusViewModel {

    /** How bad the worst stream is, for colouring. */
    public enum Severity { NONE, OK, WARNING, ERROR }

    private final FxCoalescer coalescer = new FxCoalescer(this::drain);
    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper("market data: not connected");
    private final ReadOnlyStringWrapper detail = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Severity> severity = new ReadOnlyObjectWrapper<>(Severity.NONE);
    private final Object lock = new Object();
    private ConnectionStatus pending;

    /** Connects to a feed (any thread, once). */
    public void attach(MarketFeed feed) {
        feed.onStatus(st -> {
            synchronized (lock) {
                pending = st;
            }
            coalescer.schedule();
        });
    }

    /** Shows that no feed could be opened (FX thread). */
    public void unavailable(String why) {
        text.set("market data: " + why);
        severity.set(Severity.ERROR);
    }

    private void drain() {
        ConnectionStatus st;
        synchronized (lock) {
            st = pending;
            pending = null;
        }
        if (st != null) {
            text.set(format(st));
            detail.set(details(st));
            severity.set(severity(st));
        }
    }

    /** "recorded data · weight 123/6000 · 85 ms · streams 12 ok, 1 lagging" (unknown parts left out). */
    public static String format(ConnectionStatus st) {
        StringJoiner j = new StringJoiner(" · ");
        j.add(st.venue());
        if (st.weightLimit() > 0) {
            j.add("weight " + (st.usedWeight() < 0 ? "?" : st.usedWeight()) + "/" + st.weightLimit());
        }
        if (st.latencyMillis() >= 0) {
            j.add(st.latencyMillis() + " ms");
        }
        Map<StreamHealth.State, Integer> counts = counts(st);
        if (counts.isEmpty()) {
            j.add("no streams");
        } else {
            StringJoiner s = new StringJoiner(", ", "streams ", "");
            counts.forEach((state, n) -> s.add(n + " " + label(state)));
            j.add(s.toString());
        }
        return j.toString();
    }

    private static Map<StreamHealth.State, Integer> counts(ConnectionStatus st) {
        Map<StreamHealth.State, Integer> counts = new EnumMap<>(StreamHealth.State.class);
        for (StreamHealth h : st.streams()) {
            counts.merge(h.state(), 1, Integer::sum);
        }
        return counts;
    }

    private static String label(StreamHealth.State s) {
        return s == StreamHealth.State.CONNECTED ? "ok" : s.name().toLowerCase(Locale.ROOT);
    }

    private static String details(ConnectionStatus st) {
        StringJoiner j = new StringJoiner("\n");
        for (StreamHealth h : st.streams()) {
            j.add(h.stream() + ": " + label(h.state()) + (h.detail() == null || h.detail().isBlank() ? "" : " — " + h.detail()));
        }
        return j.toString();
    }

    /** Worst stream state as a severity (no streams = NONE). */
    static Severity severity(ConnectionStatus st) {
        Severity worst = st.streams().isEmpty() ? Severity.NONE : Severity.OK;
        for (StreamHealth h : st.streams()) {
            Severity s = switch (h.state()) {
                case CONNECTED -> Severity.OK;
                case CONNECTING, LAGGING, RESYNCING -> Severity.WARNING;
                case CLOSED -> Severity.ERROR;
            };
            if (s.ordinal() > worst.ordinal()) {
                worst = s;
            }
        }
        return worst;
    }

    /** The one-line segment text. */
    public ReadOnlyStringProperty textProperty() { return text.getReadOnlyProperty(); }
    /** Every stream with its state, one per line (tooltip). */
    public ReadOnlyStringProperty detailProperty() { return detail.getReadOnlyProperty(); }
    /** Worst state, for colour. */
    public ReadOnlyObjectProperty<Severity> severityProperty() { return severity.getReadOnlyProperty(); }
}
