package dev.pennant.core.analytics;

/**
 * P&amp;L of one symbol over a session.
 *
 * @param symbol       e.g. {@code BTCUSDT}
 * @param closedTrades round trips closed
 * @param realizedPnl  sum of the symbol's fills' realised P&amp;L (net of fees), quote asset; includes the entry fee
 *                     of a trip still open
 * @param fees         commissions paid on the symbol, quote asset
 */
public record SymbolPnl(String symbol, int closedTrades, double realizedPnl, double fees) {
}
