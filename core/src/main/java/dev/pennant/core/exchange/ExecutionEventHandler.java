package dev.pennant.core.exchange;

import dev.pennant.core.model.Fill;
import dev.pennant.core.model.Order;

/**
 * Receives a venue's answers about orders. A venue calls it on the engine thread (paper) or hands events to the
 * engine's queue (live) — never concurrently.
 */
public interface ExecutionEventHandler {

    /** The venue accepted {@code order} (status NEW). */
    void onAccepted(Order order);

    /** The venue rejected the order with {@code clientOrderId}; {@code reason} carries the venue's words and code. */
    void onRejected(String clientOrderId, String reason, long time);

    /** A fill (commission set, realised P&L not yet: the portfolio computes it). */
    void onFill(Fill fill);
}
