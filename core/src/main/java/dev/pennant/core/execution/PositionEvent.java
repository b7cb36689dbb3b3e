package dev.pennant.core.execution;

import dev.pennant.core.model.Position;

/**
 * A position opened, changed (size or side) or closed by a fill.
 */
public sealed interface PositionEvent {

    /** The position after the fill. */
    Position position();

    /** The fill's time, epoch ms UTC. */
    long eventTime();

    /** The order whose fill caused it. */
    String clientOrderId();

    /** From flat to non-zero. */
    record PositionOpened(Position position, long eventTime, String clientOrderId) implements PositionEvent {
    }

    /** Non-zero before and after (increase, reduce or flip). */
    record PositionChanged(Position position, long eventTime, String clientOrderId) implements PositionEvent {
    }

    /** Back to flat; {@code position().realizedPnl()} holds the total it realised. */
    record PositionClosed(Position position, long eventTime, String clientOrderId) implements PositionEvent {
    }
}
