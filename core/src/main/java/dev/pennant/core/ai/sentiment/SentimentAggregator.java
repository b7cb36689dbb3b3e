package dev.pennant.core.ai.sentiment;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Aggregates items into a {@link SentimentSnapshot}:
 * <ul>
 *   <li>category score = {@code Σ weight·score / Σ weight} over its items (plain mean when all weights are 0);</li>
 *   <li>overall = mean of the category scores present;</li>
 *   <li>confidence = coverage × agreement × volume: coverage = categories present / 3 (SOCIAL counts only when a
 *       social source is configured, else / 2), agreement = {@code 1 − σ/2} with σ the standard deviation of item
 *       scores, volume = {@code min(1, items / 10)}.</li>
 * </ul>
 */
public final class SentimentAggregator {

    private SentimentAggregator() {
    }

    /**
     * Aggregates.
     *
     * @param time          poll time, epoch ms UTC
     * @param items         scored items
     * @param sources       sources that answered
     * @param failed        sources that failed, with the reason
     * @param socialEnabled whether a SOCIAL source is configured (coverage denominator 3 instead of 2)
     */
    public static SentimentSnapshot aggregate(long time, List<SentimentItem> items, List<String> sources,
                                              Map<String, String> failed, boolean socialEnabled) {
        Map<SentimentCategory, double[]> acc = new EnumMap<>(SentimentCategory.class); // Σws, Σw, Σs, n
        for (SentimentItem i : items) {
            double[] a = acc.computeIfAbsent(i.category(), k -> new double[4]);
            a[0] += i.weight() * i.score();
            a[1] += i.weight();
            a[2] += i.score();
            a[3]++;
        }
        Map<SentimentCategory, Double> by = new EnumMap<>(SentimentCategory.class);
        acc.forEach((c, a) -> by.put(c, a[1] > 0 ? a[0] / a[1] : a[2] / a[3]));
        double overall = by.values().stream().mapToDouble(Double::doubleValue).average().orElse(0);
        double conf = 0;
        if (!items.isEmpty()) {
            double mean = items.stream().mapToDouble(SentimentItem::score).average().orElse(0);
            double sd = Math.sqrt(items.stream().mapToDouble(i -> (i.score() - mean) * (i.score() - mean)).sum() / items.size());
            double coverage = (double) by.size() / (socialEnabled ? 3 : 2);
            conf = Math.min(1, coverage) * Math.max(0, 1 - sd / 2) * Math.min(1, items.size() / 10.0);
        }
        List<SentimentItem> sorted = new ArrayList<>(items);
        sorted.sort(Comparator.comparingLong(SentimentItem::time).reversed());
        return new SentimentSnapshot(time, by, clamp(overall), clamp01(conf), new ArrayList<>(new LinkedHashSet<>(sources)),
                failed, sorted);
    }

    private static double clamp(double v) {
        return Math.max(-1, Math.min(1, v));
    }

    private static double clamp01(double v) {
        return Math.max(0, Math.min(1, v));
    }
}
