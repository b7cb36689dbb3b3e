package dev.pennant.ui.viewmodel;

import dev.pennant.core.model.Side;

/**
 * A fill drawn on the chart.
 *
 * @param x     the fill's bar open time in epoch seconds
 * @param price fill price, quote asset
 * @param side  BUY or SELL
 */
public record TradeMarker(double x, double price, Side side) {
}
