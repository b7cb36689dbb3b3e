package dev.pennant.core.marketdata.parse;

import dev.pennant.core.model.Bar;
import dev.pennant.core.model.Interval;

/**
 * A kline event ({@code "e":"kline"}, stream {@code <symbol>@kline_<interval>}), spot or futures. Times are epoch
 * ms UTC; prices in the quote asset, {@code volume}/{@code takerBuyBaseVolume} in the base asset,
 * {@code quoteVolume}/{@code takerBuyQuoteVolume} in the quote asset. Reused by the parser; read it in the callback
 * or convert it with {@link #toBar()}. Not thread-safe.
 */
public final class KlineUpdate {

    String symbol;
    String intervalCode;
    long eventTime;
    long openTime;
    long closeTime;
    long trades;
    boolean closed;
    final DecimalField open = new DecimalField();
    final DecimalField high = new DecimalField();
    final DecimalField low = new DecimalField();
    final DecimalField close = new DecimalField();
    final DecimalField volume = new DecimalField();
    final DecimalField quoteVolume = new DecimalField();
    final DecimalField takerBuyBaseVolume = new DecimalField();
    final DecimalField takerBuyQuoteVolume = new DecimalField();

    /** Symbol, upper case. */
    public String symbol() {
        return symbol;
    }

    /** Interval code as Binance sends it, e.g. {@code "1m"}. */
    public String intervalCode() {
        return intervalCode;
    }

    /** Event time {@code "E"}, epoch ms. */
    public long eventTime() {
        return eventTime;
    }

    /** Bar open time {@code "t"}, epoch ms. */
    public long openTime() {
        return openTime;
    }

    /** Bar close time {@code "T"} (last ms of the bar), epoch ms. */
    public long closeTime() {
        return closeTime;
    }

    /** Number of trades {@code "n"}. */
    public long trades() {
        return trades;
    }

    /** {@code "x"}: true once the bar is final. */
    public boolean closed() {
        return closed;
    }

    /** Open price. */
    public DecimalField open() {
        return open;
    }

    /** High price. */
    public DecimalField high() {
        return high;
    }

    /** Low price. */
    public DecimalField low() {
        return low;
    }

    /** Close (last) price. */
    public DecimalField close() {
        return close;
    }

    /** Base-asset volume {@code "v"}. */
    public DecimalField volume() {
        return volume;
    }

    /** Quote-asset volume {@code "q"}. */
    public DecimalField quoteVolume() {
        return quoteVolume;
    }

    /** Taker buy base-asset volume {@code "V"}. */
    public DecimalField takerBuyBaseVolume() {
        return takerBuyBaseVolume;
    }

    /** Taker buy quote-asset volume {@code "Q"}. */
    public DecimalField takerBuyQuoteVolume() {
        return takerBuyQuoteVolume;
    }

    /**
     * This kline as a {@link Bar} (allocates; BigDecimal fields).
     *
     * @throws IllegalArgumentException for an unknown interval code or an inconsistent bar
     */
    public Bar toBar() {
        return new Bar(symbol, Interval.parse(intervalCode), openTime, closeTime, open.toBigDecimal(),
                high.toBigDecimal(), low.toBigDecimal(), close.toBigDecimal(), volume.toBigDecimal(),
                quoteVolume.toBigDecimal(), trades, takerBuyBaseVolume.toBigDecimal(),
                takerBuyQuoteVolume.toBigDecimal(), closed);
    }
}
