package dev.pennant.core.ai.sentiment;

import dev.pennant.core.ai.context.MarketContext;

import java.util.List;
import java.util.Map;

/**
 * Aggregated sentiment at one poll ({@link SentimentAggregator}).
 *
 * @param time          poll time, epoch ms UTC
 * @param byCategory    category → weighted mean score, −1..1 (only categories with items)
 * @param overall       mean of the category scores, −1..1 (0 with no items)
 * @param confidence    0..1, see {@link SentimentAggregator}
 * @param sources       names of the sources that answered
 * @param failedSources source name → why it failed this poll
 * @param items         every scored item, newest first
 */
public record SentimentSnapshot(long time, Map<SentimentCategory, Double> byCategory, double overall,
                                double confidence, List<String> sources, Map<String, String> failedSources,
                                List<SentimentItem> items) {

    /** Copies the collections. */
    public SentimentSnapshot {
        byCategory = Map.copyOf(byCategory);
        sources = List.copyOf(sources);
        failedSources = Map.copyOf(failedSources);
        items = List.copyOf(items);
    }

    /** The score of {@code c}, or {@code null} without items. */
    public Double score(SentimentCategory c) {
        return byCategory.get(c);
    }

    /** The summary the AI analyst's market context carries. */
    public MarketContext.SentimentSummary summary() {
        return new MarketContext.SentimentSummary(Math.round(overall * 1000) / 1000.0,
                Math.round(confidence * 1000) / 1000.0, sources);
    }
}
