package dev.pennant.core.ai.sentiment;

import com.sun.net.httpserver.HttpServer;
import dev.pennant.core.testkit.SharedData;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Feed, Fear &amp; Greed and Binance positioning sources on local fixtures (files and a loopback server). */
class SentimentSourcesTest {

    private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");

    /** Keyword scorer for parsing tests (the real scorer is tested on its own). */
    private static final HeadlineScorer FAKE = new HeadlineScorer() {
        @Override public Score score(String h) {
            return h.contains("jumps") || h.contains("bought") ? new Score(0.8, 0.9)
                    : h.contains("hack") || h.contains("negative") ? new Score(-0.7, 0.8) : new Score(0, 0.6);
        }
        @Override public String name() { return "fake"; }
    };

    private static Path fixture(String name) throws URISyntaxException {
        return Path.of(SentimentSourcesTest.class.getResource("/ai/sentiment/" + name).toURI());
    }

    @Test
    void rssItemsOfTheLastDayAreScoredWithTimesAndLinks() throws Exception {
        List<SentimentItem> items = FeedSentimentSource.news("example-rss", fixture("news.rss.xml").toUri(), FAKE).poll(NOW);
        assertThat(items).extracting(SentimentItem::title).containsExactly(
                "Bitcoin jumps 8% as ETF demand accelerates", "Exchange hack drains $90 million in user funds",
                "Developers schedule a testnet release for April"); // the 20 Feb story is older than 24 h
        assertThat(items.getFirst().time()).isEqualTo(Instant.parse("2025-03-01T11:40:00Z").toEpochMilli());
        assertThat(items.getFirst().link()).isEqualTo("https://news.example.invalid/markets/2025/03/01/bitcoin-jumps");
        assertThat(items.getFirst().score()).isEqualTo(0.8);
        assertThat(items.getFirst().weight()).isEqualTo(0.9);
        assertThat(items).allSatisfy(i -> assertThat(i.category()).isEqualTo(SentimentCategory.NEWS));
    }

    @Test
    void atomFeedOverLoopbackHttp() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        byte[] body = Files.readAllBytes(fixture("social.atom.xml"));
        server.createContext("/feed", ex -> {
            ex.getResponseHeaders().add("Content-Type", "application/atom+xml");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
        try {
            URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/feed");
            var src = new FeedSentimentSource("forum", uri, FAKE, java.time.Duration.ofHours(6), SentimentCategory.SOCIAL);
            List<SentimentItem> items = src.poll(NOW);
            assertThat(items).hasSize(2);
            assertThat(items.get(0).score()).isEqualTo(-0.7);
            assertThat(items.get(1).link()).isEqualTo("https://forum.example.invalid/t/2");
            assertThat(items.get(1).category()).isEqualTo(SentimentCategory.SOCIAL);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aBrokenFeedFailsNamingTheSource() {
        assertThatThrownBy(() -> FeedSentimentSource.news("broken-feed", fixture("broken.xml").toUri(), FAKE).poll(NOW))
                .isInstanceOf(IOException.class).hasMessageContaining("broken-feed");
        assertThatThrownBy(() -> FeedSentimentSource.news("x", URI.create("ftp://example.invalid/f"), FAKE))
                .hasMessageContaining("uri: must be http, https or file");
    }

    @Test
    void fearAndGreedMapsTheIndexToMinusOneToOne() throws Exception {
        var src = new FearGreedSource(JsonFetcher.files(Map.of("/fng/", fixture("fng.json"))));
        SentimentItem i = src.poll(NOW).getFirst();
        assertThat(i.score()).isCloseTo((72 - 50) / 50.0, within(1e-12));
        assertThat(i.title()).isEqualTo("Fear & Greed index 72 (Greed)");
        assertThat(i.time()).isEqualTo(1_740_787_200_000L);
    }

    @Test
    void binancePositioningFromRecordedFuturesResponses() throws Exception {
        Path dir = SharedData.binance().resolve("fixtures/nautilus_trader/python-tests/http_responses");
        JsonFetcher f = JsonFetcher.files(Map.of(
                "/futures/data/globalLongShortAccountRatio", dir.resolve("http_futures_market_global_long_short_account_ratio.json"),
                "/futures/data/takerlongshortRatio", dir.resolve("http_futures_market_taker_long_short_ratio.json"),
                "/futures/data/openInterestHist", dir.resolve("http_futures_market_open_interest_historical.json"),
                "/fapi/v1/premiumIndex", dir.resolve("http_futures_market_premium_index.json")));
        Map<String, SentimentItem> by = new java.util.HashMap<>();
        new BinanceFuturesSentimentSource("BTCUSDT", f, "5m").poll(NOW).forEach(i -> by.put(i.source(), i));
        // newest long/short row (timestamp 1583139900000): 0.6617 long, 0.3382 short
        assertThat(by.get("binance-long-short").score()).isCloseTo(0.6617 - 0.3382, within(1e-9));
        // taker: buy 387.33 + 343.929, sell 248.503 × 2
        double buy = 387.33 + 343.929;
        double sell = 2 * 248.503;
        assertThat(by.get("binance-taker-ratio").score()).isCloseTo((buy - sell) / (buy + sell), within(1e-9));
        // open interest 20403.637 → 20401.367
        assertThat(by.get("binance-open-interest").score()).isCloseTo((20401.367 - 20403.637) / 20403.637 * 100 / 5, within(1e-9));
        assertThat(by.get("binance-funding").score()).isCloseTo(0.00038246 / 0.001, within(1e-9));
        assertThat(by.values()).allSatisfy(i -> assertThat(i.category()).isEqualTo(SentimentCategory.MARKET));
    }

    @Test
    void binanceSourceFailsOnlyWhenEveryEndpointFails() {
        var src = new BinanceFuturesSentimentSource("BTCUSDT", JsonFetcher.files(Map.of()), "5m");
        assertThatThrownBy(() -> src.poll(NOW)).hasMessageContaining("every endpoint failed")
                .hasMessageContaining("no recorded response for /futures/data/takerlongshortRatio");
    }
}
