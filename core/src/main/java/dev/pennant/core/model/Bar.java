package dev.pennant.core.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * One kline (candlestick) of a symbol, as Binance publishes it.
 *
 * <p>Times are epoch milliseconds, UTC. {@code closeTime} follows Binance's convention: the last millisecond
 * of the bar ({@code openTime + interval - 1}). Prices are in the quote asset (USDT for BTCUSDT), volumes:
 * {@code volume} and {@code takerBuyBaseVolume} in the base asset, {@code quoteVolume} and
 * {@code takerBuyQuoteVolume} in the quote asset. Fields a source did not carry (OHLCV-only files) are
 * {@code null}, and {@code trades} is {@code -1}.
 *
 * @param symbol              e.g. {@code BTCUSDT}
 * @param interval            bar length
 * @param openTime            open time, epoch ms UTC
 * @param closeTime           close time, epoch ms UTC (inclusive)
 * @param open                open price (quote asset)
 * @param high                high price
 * @param low                 low price
 * @param close               close price
 * @param volume              base-asset volume
 * @param quoteVolume         quote-asset volume or {@code null}
 * @param trades              number of trades or {@code -1}
 * @param takerBuyBaseVolume  taker buy base-asset volume or {@code null}
 * @param takerBuyQuoteVolume taker buy quote-asset volume or {@code null}
 * @param closed              false while the bar is still forming (live kline stream, {@code "x": false})
 */
public record Bar(
        String symbol,
        Interval interval,
        long openTime,
        long closeTime,
        BigDecimal open,
        BigDecimal high,
        BigDecimal low,
        BigDecimal close,
        BigDecimal volume,
        BigDecimal quoteVolume,
        long trades,
        BigDecimal takerBuyBaseVolume,
        BigDecimal takerBuyQuoteVolume,
        boolean closed) {

    /**
     * Validates the bar.
     *
     * @throws NullPointerException     naming the missing field
     * @throws IllegalArgumentException naming the field and the rule (low ≤ open, close ≤ high; volume ≥ 0)
     */
    public Bar {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(open, "open");
        Objects.requireNonNull(high, "high");
        Objects.requireNonNull(low, "low");
        Objects.requireNonNull(close, "close");
        Objects.requireNonNull(volume, "volume");
        if (low.compareTo(high) > 0) {
            throw new IllegalArgumentException("low " + low.toPlainString() + " is above high " + high.toPlainString());
        }
        if (open.compareTo(low) < 0 || open.compareTo(high) > 0) {
            throw new IllegalArgumentException("open " + open.toPlainString() + " is outside low..high ["
                    + low.toPlainString() + ", " + high.toPlainString() + "]");
        }
        if (close.compareTo(low) < 0 || close.compareTo(high) > 0) {
            throw new IllegalArgumentException("close " + close.toPlainString() + " is outside low..high ["
                    + low.toPlainString() + ", " + high.toPlainString() + "]");
        }
        if (volume.signum() < 0) {
            throw new IllegalArgumentException("volume " + volume.toPlainString() + " is negative");
        }
        if (closeTime < openTime) {
            throw new IllegalArgumentException("closeTime " + closeTime + " is before openTime " + openTime);
        }
    }

    /** A closed OHLCV bar with the optional Binance fields absent; closeTime = openTime + interval - 1. */
    public static Bar ohlcv(String symbol, Interval interval, long openTime,
                            BigDecimal open, BigDecimal high, BigDecimal low, BigDecimal close, BigDecimal volume) {
        return new Bar(symbol, interval, openTime, openTime + interval.millis() - 1,
                open, high, low, close, volume, null, -1, null, null, true);
    }

    /** Open time as an {@link Instant}. */
    public Instant openInstant() {
        return Instant.ofEpochMilli(openTime);
    }

    /** The same bar marked closed or forming. */
    public Bar withClosed(boolean isClosed) {
        return isClosed == closed ? this : new Bar(symbol, interval, openTime, closeTime, open, high, low, close,
                volume, quoteVolume, trades, takerBuyBaseVolume, takerBuyQuoteVolume, isClosed);
    }
}
