package dev.pennant.ui.viewmodel;

import dev.pennant.core.model.Market;

import java.math.BigDecimal;
import java.util.List;

/**
 * An immutable order-book ladder for the view: both sides best first, with running (cumulative) sizes.
 *
 * @param market        market of the book
 * @param symbol        symbol
 * @param lastUpdateId  book update id
 * @param bids          bid levels, best (highest) first
 * @param asks          ask levels, best (lowest) first
 * @param spread        best ask − best bid, or null when a side is empty
 * @param mid           (best bid + best ask) / 2, or null
 * @param maxCumulative the larger of both sides' total size (scale for depth bars and the chart), 0 when empty
 */
public record Ladder(Market market, String symbol, long lastUpdateId, List<Level> bids, List<Level> asks,
                     BigDecimal spread, BigDecimal mid, double maxCumulative) {

    /**
     * One price level.
     *
     * @param price      price, quote asset
     * @param quantity   size at the price, base asset
     * @param cumulative size from the best level down to this one, base asset
     */
    public record Level(BigDecimal price, BigDecimal quantity, BigDecimal cumulative) {
    }

    /** Copies the lists. */
    public Ladder {
        bids = List.copyOf(bids);
        asks = List.copyOf(asks);
    }

    /** True when both sides are empty. */
    public boolean isEmpty() {
        return bids.isEmpty() && asks.isEmpty();
    }
}
