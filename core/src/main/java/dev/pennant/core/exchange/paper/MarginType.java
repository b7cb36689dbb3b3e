package dev.pennant.core.exchange.paper;

/** Binance USDⓈ-M {@code marginType} of a symbol ({@code POST /fapi/v1/marginType}). */
public enum MarginType {
    /** Cross margin: the whole wallet backs every cross position (Binance's default). */
    CROSSED,
    /** Isolated margin: each position is backed only by the margin allotted to it. */
    ISOLATED
}
