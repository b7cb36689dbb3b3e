/**
 * The Binance venue adapter layer (spot {@code /api/v3} and USDⓈ-M {@code /fapi}), free of networking so it can be
 * tested on recorded and documented payloads: exchangeInfo parsing ({@link dev.pennant.core.exchange.binance.ExchangeInfoParser},
 * {@link dev.pennant.core.exchange.binance.InstrumentRegistry}), request signing and time sync
 * ({@link dev.pennant.core.exchange.binance.BinanceSigner}, {@link dev.pennant.core.exchange.binance.ServerTime}),
 * the request-weight governor ({@link dev.pennant.core.exchange.binance.WeightGovernor}), typed errors
 * ({@link dev.pennant.core.exchange.binance.BinanceErrorMapper}), user-data and order mapping
 * ({@link dev.pennant.core.exchange.binance.UserDataParser}, {@link dev.pennant.core.exchange.binance.ListenKeyManager})
 * and per-profile endpoints ({@link dev.pennant.core.exchange.binance.BinanceEndpoints}). The transport plugs these
 * together: {@link dev.pennant.core.exchange.binance.BinanceRestClient} (REST for both markets through the governor,
 * signer and time sync; JDK HttpClient, see docs/decisions/0008) and
 * {@link dev.pennant.core.exchange.binance.BinanceUserDataStream} (listenKey + user-data WebSocket); market streams
 * live in {@code dev.pennant.core.marketdata.feed} ({@code StreamManager}, {@code BinanceMarketFeed}).
 */
package dev.pennant.core.exchange.binance;
