package dev.pennant.core.model;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * A tradable symbol with the exchange filters Pennant rounds and checks orders against.
 *
 * <p>Filters follow Binance's exchangeInfo: {@code PRICE_FILTER.tickSize}, {@code LOT_SIZE.stepSize/minQty/maxQty},
 * {@code NOTIONAL.minNotional} (spot) / {@code MIN_NOTIONAL.notional} (futures). Prices in the quote asset,
 * quantities in the base asset.
 *
 * @param symbol      e.g. {@code BTCUSDT}
 * @param market      SPOT or USDM_FUTURES
 * @param baseAsset   e.g. {@code BTC}
 * @param quoteAsset  e.g. {@code USDT}
 * @param tickSize    price increment
 * @param stepSize    quantity increment
 * @param minQty      smallest quantity
 * @param maxQty      largest quantity
 * @param minNotional smallest price × quantity, quote asset
 */
public record Instrument(
        String symbol,
        Market market,
        String baseAsset,
        String quoteAsset,
        BigDecimal tickSize,
        BigDecimal stepSize,
        BigDecimal minQty,
        BigDecimal maxQty,
        BigDecimal minNotional) {

    /** @throws NullPointerException naming the missing field; IllegalArgumentException when a size is not positive */
    public Instrument {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(market, "market");
        Objects.requireNonNull(baseAsset, "baseAsset");
        Objects.requireNonNull(quoteAsset, "quoteAsset");
        if (tickSize.signum() <= 0) throw new IllegalArgumentException("tickSize must be > 0");
        if (stepSize.signum() <= 0) throw new IllegalArgumentException("stepSize must be > 0");
    }

    /**
     * A spot USDT pair with BTCUSDT's filters as of 2025 (tick 0.01, step 0.00001, min notional 5 USDT), used until
     * exchangeInfo is loaded. The base asset is the symbol without its {@code USDT} suffix.
     */
    public static Instrument defaultSpotUsdt(String symbol) {
        String base = symbol.endsWith("USDT") ? symbol.substring(0, symbol.length() - 4) : symbol;
        return new Instrument(symbol, Market.SPOT, base, "USDT", new BigDecimal("0.01"), new BigDecimal("0.00001"),
                new BigDecimal("0.00001"), new BigDecimal("9000"), new BigDecimal("5"));
    }

    /** {@code qty} rounded down to a multiple of the step size (Binance rejects other quantities with -1013). */
    public BigDecimal roundQuantity(BigDecimal qty) {
        return qty.divide(stepSize, 0, RoundingMode.DOWN).multiply(stepSize).stripTrailingZeros().max(BigDecimal.ZERO);
    }

    /** {@code price} rounded to the nearest multiple of the tick size. */
    public BigDecimal roundPrice(BigDecimal price) {
        return price.divide(tickSize, 0, RoundingMode.HALF_UP).multiply(tickSize).stripTrailingZeros();
    }
}
