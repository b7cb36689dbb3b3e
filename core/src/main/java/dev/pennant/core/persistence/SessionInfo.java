package dev.pennant.core.persistence;

import dev.pennant.core.model.Interval;

import java.math.BigDecimal;

/**
 * A stored trading session.
 *
 * @param id           session id (also the prefix of its order and signal ids)
 * @param mode         {@code BACKTEST}, {@code PAPER} or {@code LIVE}
 * @param venue        {@code paper}, {@code simulator} or {@code binance}
 * @param source       where its market data came from (status-bar text)
 * @param symbol       traded symbol
 * @param interval     bar interval
 * @param strategy     strategy name
 * @param quoteAsset   asset all money is in
 * @param startingCash balance at start, quote asset
 * @param startedAt    wall clock at start, epoch ms UTC
 * @param endedAt      wall clock at a clean end, epoch ms UTC; {@code null} if it never ended cleanly
 */
public record SessionInfo(String id, String mode, String venue, String source, String symbol, Interval interval,
                          String strategy, String quoteAsset, BigDecimal startingCash, long startedAt, Long endedAt) {
}
