package dev.pennant.core.marketdata.parse;

import java.util.Objects;

/**
 * A REST order book snapshot: spot {@code GET /api/v3/depth}, futures {@code GET /fapi/v1/depth}. Binance caps it at
 * {@code limit} levels per side (≤ 5000 spot, ≤ 1000 futures), best first. The {@link Levels} belong to the snapshot:
 * do not modify them.
 *
 * @param symbol       symbol it was requested for (the body does not name it)
 * @param lastUpdateId order book update id the snapshot reflects
 * @param bids         bid levels, best (highest) first
 * @param asks         ask levels, best (lowest) first
 */
public record DepthSnapshot(String symbol, long lastUpdateId, Levels bids, Levels asks) {

    /** @throws NullPointerException naming the missing component */
    public DepthSnapshot {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(bids, "bids");
        Objects.requireNonNull(asks, "asks");
    }
}
