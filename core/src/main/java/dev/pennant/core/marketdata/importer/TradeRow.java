package dev.pennant.core.marketdata.importer;

import java.math.BigDecimal;

/**
 * One row of a Binance trades or aggTrades file.
 *
 * @param id            trade id ({@code trades}) or aggregate trade id ({@code aggTrades})
 * @param price         quote asset per base unit
 * @param quantity      base asset
 * @param quoteQuantity quote asset ({@code trades} only; {@code null} for aggTrades)
 * @param firstTradeId  first trade id of the aggregate ({@code aggTrades} only, else -1)
 * @param lastTradeId   last trade id of the aggregate ({@code aggTrades} only, else -1)
 * @param time          trade time, epoch ms UTC (µs and s in the file are scaled)
 * @param buyerMaker    true when the buyer was the maker (the taker sold)
 * @param bestMatch     Binance's {@code is_best_match}, spot files only, else {@code null}
 */
public record TradeRow(long id, BigDecimal price, BigDecimal quantity, BigDecimal quoteQuantity, long firstTradeId,
                       long lastTradeId, long time, boolean buyerMaker, Boolean bestMatch) {
}
