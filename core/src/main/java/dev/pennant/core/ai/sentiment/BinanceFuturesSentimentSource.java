package dev.pennant.core.ai.sentiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Binance USDⓈ-M market positioning for one symbol, from the public futures-data endpoints (live through
 * {@link JsonFetcher#http}, or recorded responses through {@link JsonFetcher#files}). Each figure becomes one MARKET
 * item; every mapping is a documented heuristic of crowd positioning, clamped to −1..1:
 * <ul>
 *   <li>{@code /futures/data/globalLongShortAccountRatio}: {@code longAccount − shortAccount} of the newest row
 *       (share of accounts net long minus net short);</li>
 *   <li>{@code /futures/data/takerlongshortRatio}: {@code (buyVol − sellVol) / (buyVol + sellVol)} summed over the
 *       rows (aggressive buying vs selling);</li>
 *   <li>{@code /futures/data/openInterestHist}: change of {@code sumOpenInterest} from the oldest to the newest row,
 *       {@code change% / 5 %} (rising open interest = conviction in the current move; sign of the price move is not
 *       known here, so this is weighted 0.5);</li>
 *   <li>{@code /fapi/v1/premiumIndex}: {@code lastFundingRate / 0.001} (0.1 % per 8 h = fully bullish, crowded longs).</li>
 * </ul>
 * An endpoint that fails is skipped; the poll fails only when all do.
 */
public final class BinanceFuturesSentimentSource implements SentimentSource {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final String symbol;
    private final JsonFetcher fetcher;
    private final String period;

    /**
     * @param symbol  e.g. BTCUSDT
     * @param fetcher where the responses come from
     * @param period  the statistics period, e.g. {@code 5m}, {@code 1h}
     */
    public BinanceFuturesSentimentSource(String symbol, JsonFetcher fetcher, String period) {
        this.symbol = symbol;
        this.fetcher = fetcher;
        this.period = period;
    }

    @Override
    public String name() {
        return "binance-futures";
    }

    @Override
    public SentimentCategory category() {
        return SentimentCategory.MARKET;
    }

    @Override
    public List<SentimentItem> poll(Instant now) throws IOException {
        List<SentimentItem> out = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        String q = "?symbol=" + symbol + "&period=" + period + "&limit=30";
        try {
            JsonNode a = JSON.readTree(fetcher.get("/futures/data/globalLongShortAccountRatio" + q));
            JsonNode last = newest(a);
            double l = last.path("longAccount").asDouble();
            double s = last.path("shortAccount").asDouble();
            out.add(item("binance-long-short", time(last, now), String.format(Locale.ROOT,
                    "%s accounts %.1f %% long / %.1f %% short (ratio %s)", symbol, l * 100, s * 100,
                    last.path("longShortRatio").asText()), l - s, 1.0));
        } catch (IOException | RuntimeException e) {
            failures.add("long/short ratio: " + e.getMessage());
        }
        try {
            JsonNode t = JSON.readTree(fetcher.get("/futures/data/takerlongshortRatio" + q));
            double buy = 0;
            double sell = 0;
            for (JsonNode r : t) {
                buy += r.path("buyVol").asDouble();
                sell += r.path("sellVol").asDouble();
            }
            if (buy + sell > 0) {
                out.add(item("binance-taker-ratio", time(newest(t), now), String.format(Locale.ROOT,
                        "%s taker buy/sell volume %.2f over %d periods", symbol, sell > 0 ? buy / sell : 99, t.size()),
                        (buy - sell) / (buy + sell), 1.0));
            }
        } catch (IOException | RuntimeException e) {
            failures.add("taker ratio: " + e.getMessage());
        }
        try {
            JsonNode oi = JSON.readTree(fetcher.get("/futures/data/openInterestHist" + q));
            if (oi.size() >= 2) {
                JsonNode first = oldest(oi);
                JsonNode last = newest(oi);
                double a = first.path("sumOpenInterest").asDouble();
                double b = last.path("sumOpenInterest").asDouble();
                double pct = a > 0 ? (b - a) / a * 100 : 0;
                out.add(item("binance-open-interest", time(last, now), String.format(Locale.ROOT,
                        "%s open interest %+.2f %% (%s contracts)", symbol, pct, last.path("sumOpenInterest").asText()),
                        pct / 5, 0.5));
            }
        } catch (IOException | RuntimeException e) {
            failures.add("open interest: " + e.getMessage());
        }
        try {
            JsonNode p = JSON.readTree(fetcher.get("/fapi/v1/premiumIndex?symbol=" + symbol));
            double rate = p.path("lastFundingRate").asDouble();
            out.add(item("binance-funding", p.path("time").asLong(now.toEpochMilli()), String.format(Locale.ROOT,
                    "%s funding %+.4f %% per 8 h", symbol, rate * 100), rate / 0.001, 1.0));
        } catch (IOException | RuntimeException e) {
            failures.add("funding: " + e.getMessage());
        }
        if (out.isEmpty()) throw new IOException("binance-futures: every endpoint failed: " + String.join("; ", failures));
        return out;
    }

    private SentimentItem item(String source, long t, String title, double score, double weight) {
        return new SentimentItem(source, SentimentCategory.MARKET, t, title, Math.max(-1, Math.min(1, score)), weight, null);
    }

    // Recorded responses are not always sorted: pick by timestamp.
    private static JsonNode newest(JsonNode rows) {
        JsonNode best = null;
        for (JsonNode r : rows) if (best == null || r.path("timestamp").asLong() > best.path("timestamp").asLong()) best = r;
        if (best == null) throw new IllegalStateException("no rows");
        return best;
    }

    private static JsonNode oldest(JsonNode rows) {
        JsonNode best = null;
        for (JsonNode r : rows) if (best == null || r.path("timestamp").asLong() < best.path("timestamp").asLong()) best = r;
        return best;
    }

    private static long time(JsonNode row, Instant now) {
        return row.path("timestamp").asLong(now.toEpochMilli());
    }
}
