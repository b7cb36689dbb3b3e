package dev.pennant.core.exchange.paper;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One spot asset of the paper account, as Binance's {@code GET /api/v3/account} {@code balances} shows it.
 *
 * @param asset  e.g. {@code USDT}
 * @param free   available to new orders
 * @param locked held by open orders (a resting BUY holds price × quantity of the quote asset, a SELL its base
 *               quantity)
 */
public record AssetBalance(String asset, BigDecimal free, BigDecimal locked) {

    /** @throws NullPointerException naming the missing field */
    public AssetBalance {
        Objects.requireNonNull(asset, "asset");
        Objects.requireNonNull(free, "free");
        Objects.requireNonNull(locked, "locked");
    }

    /** free + locked. */
    public BigDecimal total() {
        return free.add(locked);
    }
}
