package dev.pennant.core.model;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;

/**
 * A strategy's decision to enter or leave a position, with the indicator values that caused it.
 *
 * @param id         unique id (session-scoped prefix + sequence)
 * @param strategy   strategy name, e.g. {@code EMA-cross+RSI}
 * @param symbol     e.g. {@code BTCUSDT}
 * @param side       BUY (enter long) or SELL (exit long)
 * @param time       close time of the bar that produced it, epoch ms UTC
 * @param price      close price of that bar, quote asset
 * @param reason     short machine-readable reason, e.g. {@code EMA_CROSS_UP}
 * @param indicators indicator name → value at that bar (e.g. {@code "EMA(9)" → 49180.2}); insertion-ordered
 */
public record Signal(
        String id,
        String strategy,
        String symbol,
        Side side,
        long time,
        BigDecimal price,
        String reason,
        Map<String, Double> indicators) {

    /** @throws NullPointerException naming the missing field */
    public Signal {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(reason, "reason");
        indicators = Map.copyOf(indicators);
    }
}
