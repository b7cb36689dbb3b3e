package dev.pennant.core.exchange;

import dev.pennant.core.marketdata.book.BookDepth;
import dev.pennant.core.marketdata.feed.MarkPrice;
import dev.pennant.core.marketdata.feed.Trade;
import dev.pennant.core.model.Bar;
import dev.pennant.core.model.Order;

import java.math.BigDecimal;

/**
 * A venue the execution engine sends orders to: the paper exchange, the local simulator or Binance.
 * Answers arrive as {@link ExecutionReport}s through the {@link ExecutionEventHandler} — never as return values, so
 * a paper venue and a live one look the same to the engine.
 *
 * <p>Threading: every method is called on the engine thread. A simulated venue answers synchronously on it; a live
 * venue hands its answers to the engine's loop.
 *
 * <p>Market data: the engine passes every market event to the venue <b>before</b> strategies see it, so simulated
 * venues match resting orders against the same data the strategies act on; real venues ignore these calls.
 */
public interface ExecutionClient {

    /** Sets where reports go. Called once before the first order. */
    void setEventHandler(ExecutionEventHandler handler);

    /**
     * Sends a new order (status NEW, clientOrderId set, quantity rounded to the filters). The venue answers with a
     * NEW (accepted) or REJECTED report, later TRADE / EXPIRED / CANCELED / TRIGGERED reports.
     */
    void submit(Order order);

    /** Asks to cancel an open order; answered by a CANCELED report, or a REJECTED-cancel reason if it is not open. */
    void cancel(String clientOrderId, long time);

    /**
     * Asks to change an open LIMIT order's quantity and/or price (Binance futures {@code PUT /fapi/v1/order}; spot
     * cancel-replace). Answered by a REPLACED report with the new snapshot, or a reason why not.
     *
     * @param quantity new total quantity (base asset), ≥ the filled quantity; {@code null} keeps it
     * @param price    new limit price (quote asset); {@code null} keeps it
     */
    void modify(String clientOrderId, BigDecimal quantity, BigDecimal price, long time);

    /**
     * Sets a USDⓈ-M symbol's leverage on the venue.
     *
     * @throws IllegalArgumentException with the venue's reason when refused (e.g. above the symbol's bracket, or the
     *                                  margin in use would not fit)
     */
    default void setLeverage(String symbol, int leverage) {
    }

    /**
     * Sets a USDⓈ-M symbol's margin mode on the venue.
     *
     * @throws IllegalArgumentException with the venue's reason when refused (e.g. open orders or a position)
     */
    default void setMarginMode(String symbol, dev.pennant.core.portfolio.margin.MarginMode mode) {
    }

    /** Human-readable venue name for the status bar and history, e.g. {@code "paper"}. */
    String venue();

    /** A closed bar (simulated venues run their intra-bar model over it). */
    default void onBar(Bar bar) {
    }

    /** The top of a symbol's order book at {@code time} (epoch ms): simulated venues walk it for taker fills. */
    default void onBook(BookDepth book, long time) {
    }

    /** A public trade: simulated venues fill resting limits it trades through and advance queue positions. */
    default void onTrade(Trade trade) {
    }

    /** A futures mark price (and funding rate): simulated venues trigger MARK_PRICE stops, liquidate, settle funding. */
    default void onMarkPrice(MarkPrice mark) {
    }

    /** The engine clock moved to {@code now} (epoch ms): simulated venues expire GTD orders and deliver latency. */
    default void onTime(long now) {
    }
}
