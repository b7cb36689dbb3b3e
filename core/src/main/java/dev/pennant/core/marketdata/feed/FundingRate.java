package dev.pennant.core.marketdata.feed;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One settled funding of a USDⓈ-M perpetual ({@code GET /fapi/v1/fundingRate}).
 *
 * @param symbol      e.g. {@code BTCUSDT}
 * @param fundingTime settlement time, epoch ms UTC
 * @param fundingRate rate as a fraction (positive: longs pay shorts), e.g. {@code 0.0001}
 * @param markPrice   mark price at settlement; null when Binance did not send it (older records, or "")
 */
public record FundingRate(String symbol, long fundingTime, BigDecimal fundingRate, BigDecimal markPrice) {

    /** @throws NullPointerException naming the missing field */
    public FundingRate {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(fundingRate, "fundingRate");
    }
}
