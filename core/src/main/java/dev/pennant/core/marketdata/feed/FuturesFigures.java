package dev.pennant.core.marketdata.feed;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a futures trader watches for one USDⓈ-M perpetual besides the last price: mark and index price, the funding
 * rate with the next funding time, and open interest. One immutable set per update of any of them
 * ({@link MarketFeed#subscribeFutures}).
 *
 * <p>A figure the feed does not have is {@code null} (never a made-up number) and {@link #notes()} says why, e.g.
 * "not in the recording". A figure that is present may carry a note on where it comes from.
 *
 * @param symbol           e.g. {@code BTCUSDT}
 * @param markPrice        mark price, quote asset (stream {@code p} / REST {@code markPrice}); null when unavailable
 * @param indexPrice       index price (stream {@code i} / REST {@code indexPrice}); null when unavailable
 * @param fundingRate      funding rate of the current period as a fraction, e.g. {@code 0.0001} = +0.01 % (positive:
 *                         longs pay shorts; stream {@code r} / REST {@code lastFundingRate}); null when unavailable
 * @param nextFundingTime  next funding, epoch ms UTC on the same clock as {@code time}; 0 when unknown
 * @param openInterest     open contracts in the base asset (REST {@code openInterest}); null when unavailable
 * @param openInterestTime when Binance computed the open interest, epoch ms; 0 when unknown
 * @param time             the feed's clock at this set, epoch ms UTC: the event time of the last mark price (live),
 *                         the replay time (recorded data); the funding countdown is {@code nextFundingTime - time}
 * @param notes            per figure: why it is missing (always present for a null figure) or where it comes from
 */
public record FuturesFigures(String symbol, BigDecimal markPrice, BigDecimal indexPrice, BigDecimal fundingRate,
                             long nextFundingTime, BigDecimal openInterest, long openInterestTime, long time,
                             Map<Figure, String> notes) {

    /** The figures of a set, for {@link #notes()}. */
    public enum Figure {
        /** Mark price. */
        MARK_PRICE,
        /** Index price. */
        INDEX_PRICE,
        /** Funding rate and next funding time. */
        FUNDING,
        /** Open interest. */
        OPEN_INTEREST
    }

    /**
     * @throws NullPointerException     naming the missing field
     * @throws IllegalArgumentException when a null figure has no note saying why
     */
    public FuturesFigures {
        Objects.requireNonNull(symbol, "symbol");
        Map<Figure, String> n = new EnumMap<>(Figure.class);
        if (notes != null) {
            notes.forEach((k, v) -> {
                if (k != null && v != null && !v.isBlank()) n.put(k, v);
            });
        }
        notes = Map.copyOf(n);
        requireReason(markPrice, Figure.MARK_PRICE, notes);
        requireReason(indexPrice, Figure.INDEX_PRICE, notes);
        requireReason(fundingRate, Figure.FUNDING, notes);
        requireReason(openInterest, Figure.OPEN_INTEREST, notes);
    }

    private static void requireReason(BigDecimal value, Figure f, Map<Figure, String> notes) {
        if (value == null && !notes.containsKey(f)) {
            throw new IllegalArgumentException(f + " is missing without a reason");
        }
    }

    /** A set with every figure missing for {@code reason}. */
    public static FuturesFigures unavailable(String symbol, long time, String reason) {
        Map<Figure, String> n = new EnumMap<>(Figure.class);
        for (Figure f : Figure.values()) n.put(f, reason);
        return new FuturesFigures(symbol, null, null, null, 0, null, 0, time, n);
    }

    /** Open interest valued at the mark price (quote asset; USDⓈ-M contracts are 1 base unit), or null. */
    public BigDecimal openInterestNotional() {
        return openInterest == null || markPrice == null ? null : openInterest.multiply(markPrice);
    }

    /** The note on {@code f}, or null. */
    public String note(Figure f) {
        return notes.get(f);
    }
}
