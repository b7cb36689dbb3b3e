/**
 * A local Binance-compatible exchange ({@link dev.pennant.simulator.ExchangeSimulator}) on 127.0.0.1:
 * the subset of spot {@code /api/v3} and USDⓈ-M {@code /fapi} REST and WebSocket streams that Pennant uses, with
 * Binance's JSON shapes, error codes, HMAC signature and recvWindow checks, request weights (429 / 418) and user-data
 * events, replaying the recorded data of {@code shared/data/binance}. Used by connector-level tests and the app's
 * {@code simulate-exchange} command. Built on Javalin 6 (docs/decisions/0007); a module of its own downstream of core
 * (docs/decisions/0010).
 */
package dev.pennant.simulator;
