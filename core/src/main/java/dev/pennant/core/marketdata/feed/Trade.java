package dev.pennant.core.marketdata.feed;

import dev.pennant.core.model.Market;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One public trade (REST {@code GET /api/v3/trades}, {@code GET /fapi/v1/trades}).
 *
 * @param market       SPOT or USDM_FUTURES
 * @param symbol       the symbol requested, e.g. {@code BTCUSDT}
 * @param id           trade id ({@code id})
 * @param price        price, quote asset ({@code price})
 * @param qty          quantity, base asset ({@code qty})
 * @param quoteQty     price × qty as Binance reports it ({@code quoteQty}); null when not sent
 * @param time         trade time, epoch ms UTC ({@code time})
 * @param buyerMaker   {@code isBuyerMaker}: true when the buyer's order rested, i.e. the aggressor sold
 */
public record Trade(Market market, String symbol, long id, BigDecimal price, BigDecimal qty, BigDecimal quoteQty,
                    long time, boolean buyerMaker) {

    /** @throws NullPointerException naming the missing field */
    public Trade {
        Objects.requireNonNull(market, "market");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(qty, "qty");
    }
}
