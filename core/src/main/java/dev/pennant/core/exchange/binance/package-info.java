/**
 * The Binance venue adapter layer (spot {@code /api/v3} and USDⓈ-M {@code /fapi}), free of networking so it can be
 * tested on recorded and documented payloads: exchangeInfo parsing ({@link dev.pennant.core.exchange.binance.ExchangeInfoParser},
 * {@link dev.pennant.core.exchange.binance.InstrumentRegistry}), request signing and time sync
 * ({@link dev.pennant.core.exchange.binance.BinanceSigner}, {@link dev.pennant.core.exchange.binance.ServerTime}),
 * the request-weight governor ({@link dev.pennant.core.exchange.binance.WeightGovernor}), typed errors
 * ({@link dev.pennant.core.exchange.binance.BinanceErrorMapper}), user-data and order mapping
 * ({@link dev.pennant.core.exchange.binance.UserDataParser}, {@link dev.pennant.core.exchange.binance.ListenKeyManager})
 * and per-profile endpoints ({@link dev.pennant.core.exchange.binance.BinanceEndpoints}). Transport code (REST calls via
 * the connectors, WebSocket streams) plugs these together.
 */
package dev.pennant.core.exchange.binance;
