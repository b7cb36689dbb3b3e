/**
 * Allocation-light parsing of Binance market-data WebSocket frames (spot and USDⓈ-M futures, raw or wrapped in the
 * combined-stream envelope {@code {"stream":..,"data":..}}) and REST depth snapshots, with Jackson's streaming
 * {@link com.fasterxml.jackson.core.JsonParser} (no tree model).
 *
 * <p>Decimals are never turned into {@code double}: each price or quantity string is parsed exactly into a
 * {@code long} mantissa and a decimal scale (value = mantissa × 10<sup>-scale</sup>, trailing fractional zeros
 * removed). Results are delivered into reused, mutable views ({@link dev.pennant.core.marketdata.parse.DepthUpdate},
 * {@link dev.pennant.core.marketdata.parse.KlineUpdate}, ...) through {@link
 * dev.pennant.core.marketdata.parse.MarketMessageHandler}; a handler that keeps one must {@code copy()} it.
 */
package dev.pennant.core.marketdata.parse;
