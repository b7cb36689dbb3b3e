package dev.pennant.core.ai.context;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What the AI analyst sees of one symbol at one closed bar: a compact, documented summary small enough for a prompt
 * (about 1 KB of JSON), built by {@link MarketContextBuilder}. Every number is rounded so the same market gives the
 * same bytes, which makes {@link #toJson()} usable as a cache and audit key.
 *
 * <p>Units: prices in the quote asset; {@code *Pct} fields are percent (1.5 = 1.5 %); fractions are 0..1; times
 * epoch ms UTC.
 *
 * @param symbol       e.g. BTCUSDT
 * @param interval     the bars' interval code, e.g. {@code 1h}
 * @param barCloseTime close time of the last closed bar, epoch ms UTC (the decision's "bar")
 * @param lastClose    close of that bar
 * @param bars         recent price action: {@link BarsSummary}
 * @param indicators   indicator name → value at the last bar (ta4j; see {@link MarketContextBuilder} for the list)
 * @param timeframes   trend per timeframe (the bars' own and two coarser aggregates), and their consensus
 * @param book         order-book imbalance and large resting orders, or {@code null} when no book is known
 * @param sentiment    aggregated sentiment, or {@code null} when no source is configured
 * @param position     the open position, or {@code null} when flat
 * @param risk         the risk engine's state
 */
public record MarketContext(String symbol, String interval, long barCloseTime, double lastClose, BarsSummary bars,
                            Map<String, Double> indicators, TimeframeConsensus timeframes, BookSummary book,
                            SentimentSummary sentiment, PositionSummary position, RiskSummary risk) {

    private static final ObjectMapper JSON = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    /** @throws NullPointerException naming the missing field */
    public MarketContext {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(bars, "bars");
        Objects.requireNonNull(timeframes, "timeframes");
        Objects.requireNonNull(risk, "risk");
        indicators = java.util.Collections.unmodifiableMap(new TreeMap<>(indicators));
    }

    /** Returns a copy with {@code s} as the sentiment. */
    public MarketContext withSentiment(SentimentSummary s) {
        return new MarketContext(symbol, interval, barCloseTime, lastClose, bars, indicators, timeframes, book, s, position, risk);
    }

    /**
     * Recent bars.
     *
     * @param count        bars summarised
     * @param return1Pct   close-to-close change of the last bar, percent
     * @param return5Pct   change over the last 5 bars, percent
     * @param return20Pct  change over the last 20 bars, percent
     * @param high20       highest high of the last 20 bars
     * @param low20        lowest low of the last 20 bars
     * @param volumeRatio  last bar's volume / mean volume of the 20 before it (1 = normal)
     * @param takerBuyFraction taker-buy share of the last 20 bars' volume, 0..1 (0.5 when not recorded)
     * @param realizedVolPct standard deviation of the last 20 bar returns, percent per bar
     */
    public record BarsSummary(int count, double return1Pct, double return5Pct, double return20Pct, double high20,
                              double low20, double volumeRatio, double takerBuyFraction, double realizedVolPct) {
    }

    /**
     * Trend direction per timeframe: {@code +1} when EMA(12) &gt; EMA(26) of that timeframe's closes, {@code -1} when
     * below, {@code 0} with too few bars.
     *
     * @param trends    timeframe code → direction
     * @param consensus mean of the directions, −1..1
     */
    public record TimeframeConsensus(Map<String, Integer> trends, double consensus) {
        /** Copies the map in key order. */
        public TimeframeConsensus {
            trends = java.util.Collections.unmodifiableMap(new TreeMap<>(trends));
        }
    }

    /**
     * Order book at the decision.
     *
     * @param spreadBps    (ask − bid) / mid in basis points
     * @param imbalance    (bid qty − ask qty) / (bid qty + ask qty) over the top {@code levels} levels, −1..1
     * @param levels       levels per side used
     * @param whales       resting orders at least 5× the median level size of the top levels, e.g. "bid 12.5 @ 64,000.00"
     */
    public record BookSummary(double spreadBps, double imbalance, int levels, List<String> whales) {
        /** Copies the list. */
        public BookSummary {
            whales = List.copyOf(whales);
        }
    }

    /**
     * Aggregated sentiment ({@link dev.pennant.core.ai.sentiment.SentimentSnapshot}).
     *
     * @param overall    −1 (bearish) .. 1 (bullish)
     * @param confidence 0..1
     * @param sources    names of the sources used
     */
    public record SentimentSummary(double overall, double confidence, List<String> sources) {
        /** Copies the list. */
        public SentimentSummary {
            sources = List.copyOf(sources);
        }
    }

    /**
     * The open position.
     *
     * @param side           LONG or SHORT
     * @param quantity       base asset, positive
     * @param entryPrice     average entry price
     * @param unrealizedPnl  quote asset
     */
    public record PositionSummary(String side, double quantity, double entryPrice, double unrealizedPnl) {
    }

    /**
     * Risk state.
     *
     * @param killSwitch       engaged: no order will pass
     * @param drawdownFraction current drawdown from the equity peak, 0..1
     * @param maxDrawdownHalt  drawdown at which the engine halts, 0..1
     * @param maxLeverage      highest leverage the analyst may suggest (1 on spot)
     */
    public record RiskSummary(boolean killSwitch, double drawdownFraction, double maxDrawdownHalt, int maxLeverage) {
    }

    /**
     * The context as compact JSON with sorted keys (the prompt's market section and the input recorded with each
     * decision). Deterministic: equal contexts give equal strings.
     */
    public String toJson() {
        try {
            ObjectNode node = JSON.valueToTree(this);
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("market context is not serialisable: " + e.getMessage(), e);
        }
    }
}
