package dev.pennant.ui.viewmodel;

import dev.pennant.core.ai.Explanation;
import dev.pennant.core.model.Order;
import dev.pennant.core.model.OrderStatus;
import dev.pennant.core.model.Signal;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.HashMap;
import java.util.Map;

/**
 * The AI reasoning panel's state: the strategy's decisions, newest first (at most {@link #CAPACITY}), each with its
 * explanation and the outcome of the order it sent. FX thread only.
 */
public final class ReasoningViewModel {

    /** Decisions kept in the panel. */
    public static final int CAPACITY = 300;

    private final ObservableList<DecisionRow> decisions = FXCollections.observableArrayList();
    private final ObservableList<DecisionRow> decisionsView = FXCollections.unmodifiableObservableList(decisions);
    private final Map<String, DecisionRow> bySignal = new HashMap<>();

    ReasoningViewModel() {
    }

    /** Adds the decision behind {@code signal} of session {@code sessionId} at the top. */
    void addDecision(String sessionId, Signal signal, Explanation x) {
        DecisionRow row = new DecisionRow(signal.id(), sessionId, signal.time(), signal.symbol(), signal.side(),
                signal.reason(), x.text(), x.confidencePercent(), x.source());
        bySignal.put(signal.id(), row);
        decisions.addFirst(row);
        while (decisions.size() > CAPACITY) {
            bySignal.remove(decisions.removeLast().signalId());
        }
    }

    /** The outcome line of the decision behind {@code order}; orders without a known signal are ignored. */
    void applyOrder(Order order) {
        DecisionRow row = order.signalId() == null ? null : bySignal.get(order.signalId());
        if (row != null) {
            row.setOutcome(outcome(order));
        }
    }

    private static String outcome(Order o) {
        if (o.status() == OrderStatus.REJECTED) {
            return "Order " + o.clientOrderId() + " rejected — " + o.rejectReason();
        }
        if (o.status() == OrderStatus.FILLED || o.status() == OrderStatus.PARTIALLY_FILLED) {
            return (o.status() == OrderStatus.FILLED ? "Filled " : "Partly filled ") + o.filledQuantity().stripTrailingZeros()
                    .toPlainString() + " @ " + TerminalViewModel.money(o.averagePrice()) + " — order " + o.clientOrderId();
        }
        return "Order " + o.clientOrderId() + " " + o.side() + " " + o.quantity().stripTrailingZeros().toPlainString()
                + " sent, fills at the next bar's open";
    }

    /** AI reasoning entries, newest first. */
    public ObservableList<DecisionRow> decisions() {
        return decisionsView;
    }
}
