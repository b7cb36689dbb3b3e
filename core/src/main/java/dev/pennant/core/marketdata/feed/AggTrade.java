package dev.pennant.core.marketdata.feed;

import dev.pennant.core.model.Market;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One aggregate trade: fills of one taker order at one price (REST {@code GET /api/v3/aggTrades},
 * {@code GET /fapi/v1/aggTrades}).
 *
 * @param market       SPOT or USDM_FUTURES
 * @param symbol       the symbol requested, e.g. {@code BTCUSDT}
 * @param id           aggregate trade id ({@code a})
 * @param price        price, quote asset ({@code p})
 * @param qty          quantity, base asset ({@code q})
 * @param firstTradeId first trade id ({@code f})
 * @param lastTradeId  last trade id ({@code l})
 * @param time         trade time, epoch ms UTC ({@code T})
 * @param buyerMaker   {@code m}: true when the buyer was the maker, i.e. the aggressor sold
 */
public record AggTrade(Market market, String symbol, long id, BigDecimal price, BigDecimal qty, long firstTradeId,
                       long lastTradeId, long time, boolean buyerMaker) {

    /** @throws NullPointerException naming the missing field */
    public AggTrade {
        Objects.requireNonNull(market, "market");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(qty, "qty");
    }
}
