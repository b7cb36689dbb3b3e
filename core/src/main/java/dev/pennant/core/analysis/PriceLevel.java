package dev.pennant.core.analysis;

/**
 * A support or resistance level found from a cluster of swing pivots.
 *
 * @param price     the cluster's mean pivot price, quote asset
 * @param kind      support (below the last close) or resistance (at or above it)
 * @param touches   number of pivots in the cluster (≥ 1)
 * @param strength  touches relative to the most-touched level of the same analysis, in (0, 1]
 * @param firstTime open time of the cluster's first pivot bar, epoch ms UTC
 * @param lastTime  open time of its last pivot bar
 */
public record PriceLevel(double price, Kind kind, int touches, double strength, long firstTime, long lastTime) {

    /** Which side of price the level is on. */
    public enum Kind { SUPPORT, RESISTANCE }
}
