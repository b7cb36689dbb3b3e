package dev.pennant.ui.viewmodel;

import dev.pennant.core.model.Side;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * One entry of the AI reasoning panel: a decision, its explanation and what became of its order.
 * Mutated on the FX thread only.
 */
public final class DecisionRow {

    private final String signalId;
    private final String sessionId;
    private final long time;
    private final String symbol;
    private final Side side;
    private final String reason;
    private final String text;
    private final int confidencePercent;
    private final String source;
    private final ReadOnlyStringWrapper outcome = new ReadOnlyStringWrapper("order pending");

    /**
     * @param time              signal time, epoch ms UTC
     * @param confidencePercent 0..100
     * @param source            explainer ("rules" or a model name)
     */
    public DecisionRow(String signalId, String sessionId, long time, String symbol, Side side, String reason, String text,
                       int confidencePercent, String source) {
        this.signalId = signalId;
        this.sessionId = sessionId;
        this.time = time;
        this.symbol = symbol;
        this.side = side;
        this.reason = reason;
        this.text = text;
        this.confidencePercent = confidencePercent;
        this.source = source;
    }

    /** The signal's id. */
    public String signalId() { return signalId; }
    /** The session it belongs to. */
    public String sessionId() { return sessionId; }
    /** Signal time, epoch ms UTC. */
    public long time() { return time; }
    /** Symbol. */
    public String symbol() { return symbol; }
    /** BUY or SELL. */
    public Side side() { return side; }
    /** Machine reason, e.g. EMA_CROSS_UP. */
    public String reason() { return reason; }
    /** The explanation. */
    public String text() { return text; }
    /** Confidence, whole percent. */
    public int confidencePercent() { return confidencePercent; }
    /** Who explained it. */
    public String source() { return source; }

    /** What happened to the order: pending, filled (qty @ price, order id) or rejected (reason). */
    public ReadOnlyStringProperty outcomeProperty() {
        return outcome.getReadOnlyProperty();
    }

    /** Current outcome text. */
    public String outcome() {
        return outcome.get();
    }

    void setOutcome(String text) {
        outcome.set(text);
    }
}
