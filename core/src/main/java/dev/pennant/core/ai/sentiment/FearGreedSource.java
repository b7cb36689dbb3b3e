package dev.pennant.core.ai.sentiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The Crypto Fear &amp; Greed index (alternative.me's {@code /fng/} JSON: {@code data[0].value} 0..100,
 * {@code value_classification}, {@code timestamp} in epoch seconds). Score {@code (value − 50) / 50}: 0 = extreme
 * fear → −1, 100 = extreme greed → +1. Weight 1.
 */
public final class FearGreedSource implements SentimentSource {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final JsonFetcher fetcher;

    /** Reads {@code /fng/?limit=1} through {@code fetcher} (e.g. {@code JsonFetcher.http("https://api.alternative.me")}). */
    public FearGreedSource(JsonFetcher fetcher) {
        this.fetcher = fetcher;
    }

    @Override
    public String name() {
        return "fear-greed";
    }

    @Override
    public SentimentCategory category() {
        return SentimentCategory.MARKET;
    }

    @Override
    public List<SentimentItem> poll(Instant now) throws IOException {
        JsonNode d = JSON.readTree(fetcher.get("/fng/?limit=1")).path("data").path(0);
        if (d.isMissingNode() || !d.path("value").canConvertToInt() && !d.path("value").isTextual()) {
            throw new IOException("fear-greed: no data[0].value in the answer");
        }
        int v;
        try {
            v = Integer.parseInt(d.path("value").asText().trim());
        } catch (NumberFormatException e) {
            throw new IOException("fear-greed: value is not a number: " + d.path("value"), e);
        }
        if (v < 0 || v > 100) throw new IOException("fear-greed: value must be within 0..100, was " + v);
        long t = d.path("timestamp").asLong(now.getEpochSecond()) * 1000;
        String label = d.path("value_classification").asText("");
        return List.of(new SentimentItem(name(), category(), t,
                String.format(Locale.ROOT, "Fear & Greed index %d (%s)", v, label), (v - 50) / 50.0, 1.0, null));
    }
}
