package dev.pennant.core.ai.sentiment;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Aggregation, confidence, shift detection and the monitor's failure isolation. */
class SentimentAggregationTest {

    private static SentimentItem item(SentimentCategory c, double score, double weight) {
        return new SentimentItem("s-" + c, c, 1000, "t", score, weight, null);
    }

    @Test
    void categoriesAreWeightedMeansAndOverallTheirMean() {
        List<SentimentItem> items = List.of(item(SentimentCategory.NEWS, 0.8, 1), item(SentimentCategory.NEWS, -0.2, 3),
                item(SentimentCategory.MARKET, 0.5, 1));
        SentimentSnapshot s = SentimentAggregator.aggregate(5000, items, List.of("a", "b"), Map.of(), false);
        double news = (0.8 * 1 + -0.2 * 3) / 4; // 0.05
        assertThat(s.score(SentimentCategory.NEWS)).isCloseTo(news, within(1e-12));
        assertThat(s.score(SentimentCategory.MARKET)).isCloseTo(0.5, within(1e-12));
        assertThat(s.score(SentimentCategory.SOCIAL)).isNull();
        assertThat(s.overall()).isCloseTo((news + 0.5) / 2, within(1e-12));
        double mean = (0.8 - 0.2 + 0.5) / 3;
        double sd = Math.sqrt(((0.8 - mean) * (0.8 - mean) + (-0.2 - mean) * (-0.2 - mean) + (0.5 - mean) * (0.5 - mean)) / 3);
        assertThat(s.confidence()).isCloseTo(1.0 * (1 - sd / 2) * 0.3, within(1e-12)); // 2 of 2 categories, 3 items
        assertThat(SentimentAggregator.aggregate(0, List.of(), List.of(), Map.of(), true).confidence()).isZero();
    }

    @Test
    void shiftsAreDetectedOnLargeMovesAndSignFlips() {
        SentimentSnapshot a = snap(0.30);
        assertThat(SentimentShift.detect(null, a, 0.3)).isNull();
        assertThat(SentimentShift.detect(a, snap(0.45), 0.3)).isNull();
        assertThat(SentimentShift.detect(a, snap(-0.15), 0.3).description()).isEqualTo("sentiment turned bearish: +0.30 → -0.15");
        assertThat(SentimentShift.detect(snap(0.05), snap(0.4), 0.3).description()).startsWith("sentiment improved");
        assertThat(SentimentShift.detect(snap(0.12), snap(-0.11), 0.3)).isNotNull(); // flip, both ≥ 0.1 from 0
        assertThat(SentimentShift.detect(snap(0.05), snap(-0.05), 0.3)).isNull();
    }

    @Test
    void monitorIsolatesAFailingSourceAndNotifiesShifts() {
        double[] next = {0.6};
        SentimentSource ok = new SentimentSource() {
            @Override public String name() { return "ok"; }
            @Override public SentimentCategory category() { return SentimentCategory.NEWS; }
            @Override public List<SentimentItem> poll(Instant now) {
                return List.of(new SentimentItem("ok", SentimentCategory.NEWS, now.toEpochMilli(), "h", next[0], 1, null));
            }
        };
        SentimentSource bad = new SentimentSource() {
            @Override public String name() { return "bad"; }
            @Override public SentimentCategory category() { return SentimentCategory.MARKET; }
            @Override public List<SentimentItem> poll(Instant now) throws IOException { throw new IOException("HTTP 503"); }
        };
        SentimentMonitor m = new SentimentMonitor(List.of(ok, bad), Clock.fixed(Instant.parse("2025-03-01T12:00:00Z"), ZoneOffset.UTC));
        List<SentimentShift> shifts = new ArrayList<>();
        m.onShift(shifts::add);
        SentimentSnapshot first = m.pollNow();
        assertThat(first.sources()).containsExactly("ok");
        assertThat(first.failedSources()).containsEntry("bad", "HTTP 503");
        assertThat(first.overall()).isEqualTo(0.6);
        next[0] = -0.4;
        m.pollNow();
        assertThat(shifts).singleElement().satisfies(s -> assertThat(s.description()).contains("turned bearish"));
        assertThat(m.latest().overall()).isEqualTo(-0.4);
    }

    private static SentimentSnapshot snap(double overall) {
        return new SentimentSnapshot(0, Map.of(SentimentCategory.NEWS, overall), overall, 0.5, List.of(), Map.of(), List.of());
    }
}
