package dev.pennant.core.model;

/**
 * Binance {@code timeInForce}: GTC good till cancelled, IOC immediate or cancel, FOK fill or kill; USDⓈ-M futures also
 * GTX (post-only, cancelled if it would take) and GTD (good till {@code goodTillDate}).
 */
public enum TimeInForce {
    GTC, IOC, FOK, GTX, GTD
}
