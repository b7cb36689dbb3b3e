package dev.pennant.core.model;

/**
 * Binance USDⓈ-M {@code positionSide}: {@code BOTH} in one-way mode (the position's sign says long or short),
 * {@code LONG}/{@code SHORT} in hedge mode (two positions per symbol). Spot positions are always {@code BOTH}.
 */
public enum PositionSide {
    BOTH, LONG, SHORT
}
