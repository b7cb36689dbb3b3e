package dev.pennant.core.ai.record;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pennant.core.ai.Explanation;
import dev.pennant.core.engine.EngineListener;
import dev.pennant.core.execution.OrderEvent;
import dev.pennant.core.execution.PositionEvent;
import dev.pennant.core.model.Position;
import dev.pennant.core.model.Signal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Records a session's strategy signals and risk vetoes in a {@link DecisionRecorder}, links each signal's orders to
 * its decision (ENTRY when the symbol's position was flat, else EXIT), and attaches the round trip's realised P&amp;L
 * (position realised P&amp;L at close − before the opening fill, i.e. at the previous close; the first
 * round trip of a session starts from the realised P&amp;L after its opening fill) to the decisions of the opening and closing orders when the position
 * closes. Add it to a session with {@code PaperSession.addListener}. Runs on the engine thread; a storage failure is
 * logged, never thrown into the engine.
 */
public final class DecisionRecordingListener implements EngineListener {

    private static final Logger LOG = LoggerFactory.getLogger(DecisionRecordingListener.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DecisionRecorder recorder;
    private final String sessionId;
    private final java.time.Clock clock;
    // signal id → decision id (bounded: signals whose orders are long done are dropped)
    private final Map<String, Long> bySignal = new LinkedHashMap<>(16, 0.75f, false) {
        @Override protected boolean removeEldestEntry(Map.Entry<String, Long> e) { return size() > 1000; }
    };
    private final Map<String, Boolean> flat = new ConcurrentHashMap<>();
    private final Map<String, BigDecimal> realizedAtOpen = new ConcurrentHashMap<>();
    private final Map<String, String> entryOrder = new ConcurrentHashMap<>();
    private final Map<String, BigDecimal> lastClosed = new ConcurrentHashMap<>();

    /** Records into {@code recorder} for session {@code sessionId}; {@code clock} stamps the recording time. */
    public DecisionRecordingListener(DecisionRecorder recorder, String sessionId, java.time.Clock clock) {
        this.recorder = recorder;
        this.sessionId = sessionId;
        this.clock = clock;
    }

    @Override
    public void onSignal(Signal signal, Explanation explanation) {
        safe(() -> {
            String inputs = JSON.writeValueAsString(signal.indicators());
            long id = recorder.record(DecisionRecord.signal(signal.time(), clock.millis(), signal.symbol(),
                    signal.strategy(), sessionId, signal.id(), signal.side().name(), explanation.confidence(), inputs,
                    signal.reason() + ": " + explanation.text()));
            synchronized (bySignal) {
                bySignal.put(signal.id(), id);
            }
        });
    }

    @Override
    public void onOrderEvent(OrderEvent event) {
        safe(() -> {
            if (event instanceof OrderEvent.OrderSubmitted s && s.order().signalId() != null) {
                Long id;
                synchronized (bySignal) {
                    id = bySignal.get(s.order().signalId());
                }
                if (id != null) {
                    boolean opening = flat.getOrDefault(s.order().symbol(), true);
                    recorder.linkOrder(id, s.order().clientOrderId(), opening ? "ENTRY" : "EXIT");
                }
            } else if (event instanceof OrderEvent.OrderRejected r && r.reason() != null && r.reason().startsWith("risk")) {
                recorder.record(DecisionRecord.veto(r.eventTime(), clock.millis(), r.order().symbol(), sessionId,
                        r.order().clientOrderId(), r.order().side().name(), r.reason()));
            }
        });
    }

    @Override
    public void onPositionEvent(PositionEvent event) {
        safe(() -> {
            switch (event) {
                case PositionEvent.PositionOpened o -> {
                    flat.put(o.position().symbol(), false);
                    // the baseline is the realised P&L before the opening fill (its fee is booked into realised P&L)
                    realizedAtOpen.put(key(o.position()), lastClosed.getOrDefault(key(o.position()), o.position().realizedPnl()));
                    entryOrder.put(key(o.position()), o.clientOrderId());
                }
                case PositionEvent.PositionChanged c -> flat.put(c.position().symbol(), c.position().isFlat());
                case PositionEvent.PositionClosed c -> {
                    flat.put(c.position().symbol(), true);
                    String k = key(c.position());
                    BigDecimal pnl = c.position().realizedPnl().subtract(realizedAtOpen.getOrDefault(k, BigDecimal.ZERO));
                    lastClosed.put(k, c.position().realizedPnl());
                    String entry = entryOrder.remove(k);
                    if (entry != null) recorder.attachOutcome(entry, pnl, c.eventTime(), null);
                    if (c.clientOrderId() != null) recorder.attachOutcome(c.clientOrderId(), pnl, c.eventTime(), null);
                }
            }
        });
    }

    private static String key(Position p) {
        return p.symbol() + "/" + p.positionSide();
    }

    private interface Action {
        void run() throws Exception;
    }

    private static void safe(Action a) {
        try {
            a.run();
        } catch (Exception e) {
            LOG.warn("decision record: {}", e.getMessage());
        }
    }
}
