package dev.pennant.core.marketdata.feed;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * Open interest of one USDⓈ-M contract ({@code GET /fapi/v1/openInterest}).
 *
 * @param symbol       e.g. {@code BTCUSDT}
 * @param openInterest open contracts in the base asset (e.g. BTC)
 * @param time         when Binance computed it, epoch ms UTC
 */
public record OpenInterest(String symbol, BigDecimal openInterest, long time) {

    /** @throws NullPointerException naming the missing field */
    public OpenInterest {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(openInterest, "openInterest");
    }
}
