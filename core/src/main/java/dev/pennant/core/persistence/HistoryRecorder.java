package dev.pennant.core.persistence;

import dev.pennant.core.ai.Explanation;
import dev.pennant.core.analysis.IndicatorSnapshot;
import dev.pennant.core.engine.EngineListener;
import dev.pennant.core.model.Bar;
import dev.pennant.core.model.EquitySnapshot;
import dev.pennant.core.model.Fill;
import dev.pennant.core.model.Order;
import dev.pennant.core.model.Position;
import dev.pennant.core.model.Signal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Writes an engine's events to the {@link HistoryStore}. Register it before the UI listeners so a fill is on disk
 * before anyone is shown it.
 *
 * <p>Fills (with their order update and position) commit at once, each in its own transaction. Other events are
 * collected and committed together at the end of each bar (with its equity snapshot): one transaction per bar.
 */
public final class HistoryRecorder implements EngineListener {

    private final HistoryStore store;
    private final String sessionId;
    private final List<Consumer<HistoryStore.Writer>> pending = new ArrayList<>();

    /** Records into {@code store} under {@code sessionId} (the session must have been started in the store). */
    public HistoryRecorder(HistoryStore store, String sessionId) {
        this.store = store;
        this.sessionId = sessionId;
    }

    @Override
    public void onOrder(Order order) {
        pending.add(w -> w.order(sessionId, order));
    }

    @Override
    public void onFill(Fill fill, Position position) {
        List<Consumer<HistoryStore.Writer>> batch = new ArrayList<>(pending);
        pending.clear();
        store.write(w -> {
            batch.forEach(c -> c.accept(w));
            w.fill(sessionId, fill);
            w.position(sessionId, position);
        });
    }

    @Override
    public void onSignal(Signal signal, Explanation explanation) {
        pending.add(w -> w.signal(sessionId, signal, explanation));
    }

    @Override
    public void onBar(Bar bar, IndicatorSnapshot indicators) {
        // bars are market data, not history; nothing to store
    }

    @Override
    public void onEquity(EquitySnapshot snapshot) {
        List<Consumer<HistoryStore.Writer>> batch = new ArrayList<>(pending);
        pending.clear();
        store.write(w -> {
            batch.forEach(c -> c.accept(w));
            w.equity(sessionId, snapshot);
        });
    }
}
