package dev.pennant.core.ai.sentiment;

import java.util.Objects;

/**
 * One scored observation.
 *
 * @param source   source name, e.g. {@code "coindesk-rss"} or {@code "binance-taker-ratio"}
 * @param category its family
 * @param time     when it was published / measured, epoch ms UTC
 * @param title    the headline, or a description of the figure ("taker buy/sell ratio 1.31")
 * @param score    −1 (bearish) .. 1 (bullish)
 * @param weight   ≥ 0, its weight in the aggregate (e.g. the scorer's confidence)
 * @param link     URL of the article, or {@code null}
 */
public record SentimentItem(String source, SentimentCategory category, long time, String title, double score,
                            double weight, String link) {

    /** @throws IllegalArgumentException naming the field when score or weight is out of range */
    public SentimentItem {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(title, "title");
        if (!(score >= -1 && score <= 1)) throw new IllegalArgumentException("score: must be within -1..1, was " + score);
        if (!(weight >= 0) || Double.isInfinite(weight)) throw new IllegalArgumentException("weight: must be >= 0, was " + weight);
    }
}
