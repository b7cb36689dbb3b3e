/**
 * The high-fidelity simulated venue: {@link dev.pennant.core.exchange.paper.PaperExchange} owns a Binance-like spot
 * and USDⓈ-M account and fills orders of every Binance type against order books (level walk, queue position),
 * public trades and bars (a documented intra-bar path), with latency, participation caps, commissions, margin,
 * liquidation and funding. The fill model and why it is built this way: docs/decisions/0011-paper-fill-model.md.
 */
package dev.pennant.core.exchange.paper;
