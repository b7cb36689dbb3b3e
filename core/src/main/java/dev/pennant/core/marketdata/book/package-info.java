/**
 * Local Binance order books: {@link dev.pennant.core.marketdata.book.OrderBook} (exact, primitive, sorted price
 * levels) kept in sync with the exchange by {@link dev.pennant.core.marketdata.book.DepthSynchronizer}, which
 * implements Binance's documented snapshot + diff-depth procedure for spot and USDⓈ-M futures.
 */
package dev.pennant.core.marketdata.book;
