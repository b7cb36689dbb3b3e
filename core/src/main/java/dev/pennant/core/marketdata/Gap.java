package dev.pennant.core.marketdata;

/**
 * A hole in an imported kline series: bars that should exist on the interval grid but are absent
 * (usually a Binance outage or maintenance window).
 *
 * <p>Times are epoch milliseconds, UTC. The two bounds are the open times of the bars that <em>do</em> exist on
 * either side of the hole, so {@code toOpenTime - fromOpenTime > interval}.
 *
 * @param fromOpenTime open time of the last bar before the hole, epoch ms UTC
 * @param toOpenTime   open time of the first bar after the hole, epoch ms UTC
 * @param missingBars  {@code (toOpenTime - fromOpenTime) / interval - 1} (integer division), always ≥ 1
 */
public record Gap(long fromOpenTime, long toOpenTime, long missingBars) {

    /**
     * Validates the gap.
     *
     * @throws IllegalArgumentException when {@code toOpenTime ≤ fromOpenTime} or {@code missingBars < 1}
     */
    public Gap {
        if (toOpenTime <= fromOpenTime) {
            throw new IllegalArgumentException("toOpenTime " + toOpenTime + " is not after fromOpenTime " + fromOpenTime);
        }
        if (missingBars < 1) {
            throw new IllegalArgumentException("missingBars " + missingBars + " is below 1");
        }
    }
}
