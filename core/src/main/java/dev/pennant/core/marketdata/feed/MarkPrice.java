package dev.pennant.core.marketdata.feed;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * Mark price and funding of one USDⓈ-M perpetual (REST {@code GET /fapi/v1/premiumIndex}, streams
 * {@code <symbol>@markPrice} / {@code !markPrice@arr} event {@code markPriceUpdate}).
 *
 * @param symbol          e.g. {@code BTCUSDT}
 * @param markPrice       mark price, quote asset (REST {@code markPrice}, stream {@code p})
 * @param indexPrice      index price (REST {@code indexPrice}, stream {@code i}); null when not sent
 * @param lastFundingRate funding rate of the current period as a fraction, e.g. {@code 0.0001} = 0.01 % (REST
 *                        {@code lastFundingRate}, stream {@code r}); null when not sent (delivery contracts send "")
 * @param nextFundingTime next funding, epoch ms UTC (REST {@code nextFundingTime}, stream {@code T}); 0 when none
 * @param time            when Binance computed it, epoch ms UTC (REST {@code time}, stream event time {@code E})
 */
public record MarkPrice(String symbol, BigDecimal markPrice, BigDecimal indexPrice, BigDecimal lastFundingRate,
                        long nextFundingTime, long time) {

    /** @throws NullPointerException naming the missing field */
    public MarkPrice {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(markPrice, "markPrice");
    }
}
