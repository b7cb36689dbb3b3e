package dev.pennant.core.model;

/** Whether a fill added liquidity (MAKER) or took it (TAKER); decides the fee rate. */
public enum LiquiditySide {
    MAKER, TAKER
}
