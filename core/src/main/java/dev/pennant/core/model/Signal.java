package dev.pennant.core.model;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;

/**
 * A strategy's decision to enter, reverse or leave a position, with the indicator values that caused it.
 *
 * @param id         unique id (session-scoped prefix + sequence)
 * @param strategy   strategy name, e.g. {@code EMA-cross+RSI}
 * @param symbol     e.g. {@code BTCUSDT}
 * @param side       side of the order it leads to: BUY (enter long, or buy back a short), SELL (exit a long, or
 *                   enter a short)
 * @param time       close time of the bar that produced it, epoch ms UTC
 * @param price      close price of that bar, quote asset
 * @param reason     short machine-readable reason, e.g. {@code EMA_CROSS_UP}
 * @param indicators indicator name → value at that bar (e.g. {@code "EMA(9)" → 49180.2}); insertion-ordered; these
 *                   are the reasoning inputs the explainer and the reasoning panel cite
 * @param action     LONG, SHORT or CLOSE (HOLD is never published as a signal)
 * @param confidence the strategy's confidence in [0, 1] (1 for a plain rule that fired)
 * @param entry      suggested entry price (quote asset), or {@code null} for "at market" (the next bar's open)
 * @param stopLoss   suggested stop-loss trigger price (quote asset), or {@code null}
 * @param takeProfit suggested take-profit trigger price (quote asset), or {@code null}
 */
public record Signal(
        String id,
        String strategy,
        String symbol,
        Side side,
        long time,
        BigDecimal price,
        String reason,
        Map<String, Double> indicators,
        SignalAction action,
        double confidence,
        BigDecimal entry,
        BigDecimal stopLoss,
        BigDecimal takeProfit) {

    /**
     * @throws NullPointerException     naming the missing field
     * @throws IllegalArgumentException when action is HOLD or confidence is outside [0, 1]
     */
    public Signal {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(action, "action");
        if (action == SignalAction.HOLD) {
            throw new IllegalArgumentException("action HOLD is not a signal (nothing to trade)");
        }
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("confidence must be in [0, 1], was " + confidence);
        }
        indicators = Map.copyOf(indicators);
    }

    /**
     * A long-only signal of the first API: BUY = LONG, SELL = CLOSE, confidence 1, no suggested levels.
     *
     * @throws NullPointerException naming the missing field
     */
    public Signal(String id, String strategy, String symbol, Side side, long time, BigDecimal price, String reason,
                  Map<String, Double> indicators) {
        this(id, strategy, symbol, side, time, price, reason, indicators,
                Objects.requireNonNull(side, "side") == Side.BUY ? SignalAction.LONG : SignalAction.CLOSE, 1.0,
                null, null, null);
    }
}
