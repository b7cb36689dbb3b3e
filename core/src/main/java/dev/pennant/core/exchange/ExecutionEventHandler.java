package dev.pennant.core.exchange;

import dev.pennant.core.model.PositionSide;

import java.math.BigDecimal;

/**
 * Receives a venue's answers. A venue calls it on the engine thread (paper) or hands events to the engine's loop
 * (live) — never concurrently.
 */
public interface ExecutionEventHandler {

    /** An order's state changed ({@link ExecutionReport.ExecType} says how); the report carries the venue's snapshot. */
    void onReport(ExecutionReport report);

    /**
     * A funding settlement of a futures position (Binance {@code FUNDING_FEE} income).
     *
     * @param amount signed, quote asset: positive received, negative paid
     * @param rate   the funding rate applied, a fraction (0.0001 = 0.01 %)
     * @param time   funding time, epoch ms UTC
     */
    default void onFunding(String symbol, PositionSide positionSide, BigDecimal amount, BigDecimal rate, long time) {
    }
}
