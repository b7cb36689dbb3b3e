package dev.pennant.core.marketdata.feed;

import dev.pennant.core.model.Market;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * Rolling 24-hour statistics of one symbol (Binance {@code 24hrTicker}: REST {@code /api/v3/ticker/24hr},
 * stream {@code !ticker@arr} / {@code <symbol>@ticker}).
 *
 * @param market             SPOT or USDM_FUTURES
 * @param symbol             e.g. {@code BTCUSDT}
 * @param lastPrice          last trade price, quote asset ({@code c})
 * @param priceChangePercent 24 h change in percent, e.g. {@code -1.25} ({@code P}; percent, not fraction)
 * @param volume             24 h base-asset volume ({@code v})
 * @param quoteVolume        24 h quote-asset volume ({@code q})
 * @param eventTime          event time, epoch ms UTC ({@code E})
 */
public record Ticker24h(Market market, String symbol, BigDecimal lastPrice, BigDecimal priceChangePercent,
                        BigDecimal volume, BigDecimal quoteVolume, long eventTime) {

    /** @throws NullPointerException naming the missing field */
    public Ticker24h {
        Objects.requireNonNull(market, "market");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(lastPrice, "lastPrice");
        Objects.requireNonNull(priceChangePercent, "priceChangePercent");
        Objects.requireNonNull(volume, "volume");
        Objects.requireNonNull(quoteVolume, "quoteVolume");
    }
}
