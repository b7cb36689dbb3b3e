package dev.pennant.core.model;

/** Binance {@code timeInForce}: GTC good till cancelled, IOC immediate or cancel, FOK fill or kill. */
public enum TimeInForce {
    GTC, IOC, FOK
}
