package dev.pennant.core.exchange;

import dev.pennant.core.model.Bar;
import dev.pennant.core.model.Order;

/**
 * A venue the execution engine sends orders to: the paper exchange, the local simulator or Binance.
 * Answers arrive through the {@link ExecutionEventHandler}.
 */
public interface ExecutionClient {

    /** Sets where acceptances, rejections and fills go. Called once before the first order. */
    void setEventHandler(ExecutionEventHandler handler);

    /** Sends a new order; the answer arrives later through the handler. */
    void submit(Order order);

    /** Human-readable venue name for the status bar and history, e.g. {@code "paper"}. */
    String venue();

    /**
     * Market data seen by the venue, called by the engine at the start of each closed bar, before the strategy.
     * Simulated venues match resting orders here; real venues ignore it.
     */
    default void onBar(Bar bar) {
    }
}
