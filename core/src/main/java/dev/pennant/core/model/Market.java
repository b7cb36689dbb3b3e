package dev.pennant.core.model;

/** Binance market an instrument trades on. */
public enum Market {
    /** Spot ({@code /api/v3}). */
    SPOT,
    /** USDⓈ-M futures ({@code /fapi/v1}). */
    USDM_FUTURES
}
