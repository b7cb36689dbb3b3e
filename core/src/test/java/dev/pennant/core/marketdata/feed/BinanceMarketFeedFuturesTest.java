package dev.pennant.core.marketdata.feed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pennant.core.exchange.binance.BinanceEndpoints;
import dev.pennant.core.exchange.binance.BinanceRestClient;
import dev.pennant.core.marketdata.feed.FuturesFigures.Figure;
import dev.pennant.core.model.Market;
import dev.pennant.core.testkit.Await;
import dev.pennant.core.testkit.LoopbackServer;
import dev.pennant.core.testkit.SharedData;
import okhttp3.HttpUrl;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link BinanceMarketFeed#subscribeFutures} against a loopback {@link MockWebServer}: the {@code markPriceUpdate}
 * and {@code GET /fapi/v1/openInterest} fixtures of {@code shared/data/binance/fixtures/nautilus_trader} (Binance's
 * documented examples) mapped field by field into {@link FuturesFigures}; the open interest poll runs only for the
 * subscribed symbol, stops with the last listener, and is shed (nothing sent) when the request weight is tight.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class BinanceMarketFeedFuturesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MARK_STREAM = "btcusdt@markPrice@1s";
    private static String markFrame;
    private static String openInterestBody;
    private static String futInfo;
    private static String spotInfo;

    private MockWebServer server;
    private BinanceRestClient rest;
    private BinanceMarketFeed feed;
    private final List<String> openInterestCalls = new CopyOnWriteArrayList<>();
    private final List<String> subscribed = new CopyOnWriteArrayList<>();
    private volatile String usedWeight = "3";

    @BeforeAll
    static void load() throws IOException {
        String data = Files.readString(SharedData.file(
                "fixtures/nautilus_trader/rust-crate/futures/market_data_json/mark_price_stream.json"));
        markFrame = "{\"stream\":\"" + MARK_STREAM + "\",\"data\":" + data.trim() + "}";
        openInterestBody = Files.readString(SharedData.file(
                "fixtures/nautilus_trader/python-tests/http_responses/http_futures_market_open_interest.json"));
        futInfo = gunzip("exchangeInfo/futures-um/exchangeInfo-fapi-full-20210721.cryptofeed.json.gz");
        spotInfo = gunzip("exchangeInfo/spot/exchangeInfo-spot-full-20211012.cryptofeed.json.gz");
    }

    private static String gunzip(String rel) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(SharedData.file(rel)))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @BeforeEach
    void start() throws IOException {
        server = LoopbackServer.start(r -> {
            HttpUrl url = r.getRequestUrl();
            return switch (url.encodedPath()) {
                case "/api/v3/exchangeInfo" -> new MockResponse().setBody(spotInfo);
                case "/fapi/v1/exchangeInfo" -> new MockResponse().setBody(futInfo);
                case "/fapi/v1/openInterest" -> {
                    openInterestCalls.add(url.queryParameter("symbol"));
                    yield new MockResponse().setHeader("X-MBX-USED-WEIGHT-1M", usedWeight).setBody(openInterestBody);
                }
                case "/stream", "/fstream/stream" -> new MockResponse().withWebSocketUpgrade(streams());
                default -> new MockResponse().setResponseCode(404);
            };
        });
        rest = new BinanceRestClient(BinanceEndpoints.withBase("http://127.0.0.1:" + server.getPort()), null, null);
        feed = new BinanceMarketFeed(rest, BinanceMarketFeed.Options.defaults()
                .withOpenInterestPoll(Duration.ofMillis(150)));
    }

    /** A combined-stream server: the mark price fixture once {@value #MARK_STREAM} is subscribed (URL or message). */
    private WebSocketListener streams() {
        return new WebSocketListener() {
            @Override
            public void onOpen(WebSocket ws, Response response) {
                String names = response.request().url().queryParameter("streams");
                for (String s : names == null ? new String[0] : names.split("/")) started(ws, s);
            }

            @Override
            public void onMessage(WebSocket ws, String text) {
                try {
                    JsonNode m = JSON.readTree(text);
                    ws.send("{\"result\":null,\"id\":" + m.path("id").asInt() + "}");
                    if (m.path("method").asText().equals("SUBSCRIBE")) {
                        for (JsonNode p : m.path("params")) started(ws, p.asText());
                    }
                    if (m.path("method").asText().equals("UNSUBSCRIBE")) {
                        for (JsonNode p : m.path("params")) subscribed.remove(p.asText());
                    }
                } catch (IOException e) {
                    ws.close(1008, "bad");
                }
            }

            @Override
            public void onClosing(WebSocket ws, int code, String reason) {
                ws.close(1000, null);
            }
        };
    }

    private void started(WebSocket ws, String stream) {
        subscribed.add(stream);
        if (stream.equals(MARK_STREAM)) ws.send(markFrame);
    }

    @AfterEach
    void stop() throws IOException {
        feed.close();
        rest.close();
        server.shutdown();
    }

    private static void await(BooleanSupplier c, String what) throws InterruptedException {
        Await.until(c, Duration.ofSeconds(15), what);
    }

    @Test
    void markPriceStreamAndOpenInterestFixturesMapFieldByField() throws Exception {
        feed.start();
        await(() -> !feed.instruments(Market.USDM_FUTURES).isEmpty(), "futures instruments");
        List<FuturesFigures> sets = new CopyOnWriteArrayList<>();
        AutoCloseable sub = feed.subscribeFutures("btcusdt", sets::add);

        // the first set comes at once, on the caller's thread, with every figure still missing and saying why
        FuturesFigures first = sets.getFirst();
        assertThat(first.symbol()).isEqualTo("BTCUSDT");
        assertThat(first.markPrice()).isNull();
        assertThat(first.note(Figure.MARK_PRICE)).contains("waiting for the " + MARK_STREAM);

        await(() -> !sets.isEmpty() && sets.getLast().markPrice() != null && sets.getLast().openInterest() != null,
                "mark price and open interest");
        FuturesFigures f = sets.getLast();
        // mark_price_stream.json: p, i, r, T, E
        assertThat(f.markPrice()).isEqualByComparingTo("11794.15000000");
        assertThat(f.indexPrice()).isEqualByComparingTo("11784.62659091");
        assertThat(f.fundingRate()).isEqualByComparingTo("0.00038167");
        assertThat(f.nextFundingTime()).isEqualTo(1562306400000L);
        assertThat(f.time()).isEqualTo(1562305380000L);
        // http_futures_market_open_interest.json: openInterest, time
        assertThat(f.openInterest()).isEqualByComparingTo("10659.509");
        assertThat(f.openInterestTime()).isEqualTo(1589437530011L);
        assertThat(f.openInterestNotional()).isEqualByComparingTo(new BigDecimal("10659.509")
                .multiply(new BigDecimal("11794.15")));
        assertThat(f.note(Figure.MARK_PRICE)).contains(MARK_STREAM);
        assertThat(f.note(Figure.OPEN_INTEREST)).contains("GET /fapi/v1/openInterest");
        assertThat(openInterestCalls).isNotEmpty().containsOnly("BTCUSDT");

        assertThatThrownBy(() -> feed.subscribeFutures("NOSUCHPERP", x -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NOSUCHPERP");
        sub.close();
    }

    @Test
    void pollRunsOnlyWhileSubscribedAndTheLastListenerStopsStreamAndPoll() throws Exception {
        feed.start();
        await(() -> !feed.instruments(Market.USDM_FUTURES).isEmpty(), "futures instruments");
        Thread.sleep(400);
        assertThat(openInterestCalls).as("nothing polled before anyone subscribes").isEmpty();

        List<FuturesFigures> a = new CopyOnWriteArrayList<>();
        List<FuturesFigures> b = new CopyOnWriteArrayList<>();
        AutoCloseable subA = feed.subscribeFutures("BTCUSDT", a::add);
        AutoCloseable subB = feed.subscribeFutures("BTCUSDT", b::add);
        await(() -> openInterestCalls.size() >= 3, "three polls (one shared poll every 150 ms)");
        await(() -> subscribed.contains(MARK_STREAM), "mark price stream subscribed");
        subA.close();
        int before = openInterestCalls.size();
        await(() -> openInterestCalls.size() > before, "still polling for the second listener");
        subB.close();
        await(() -> !subscribed.contains(MARK_STREAM), "mark price stream unsubscribed");
        // a poll that was already running may still land (slowly on a loaded machine): wait for 1 s without one
        // (a poll that never stops, every 150 ms, never gives that quiet second and fails here)
        long quietSince = System.nanoTime();
        int seen = openInterestCalls.size();
        long deadline = quietSince + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() - quietSince < TimeUnit.SECONDS.toNanos(1)) {
            assertThat(System.nanoTime()).as("a quiet second after the last listener left").isLessThan(deadline);
            Thread.sleep(20);
            if (openInterestCalls.size() != seen) {
                seen = openInterestCalls.size();
                quietSince = System.nanoTime();
            }
        }
        int after = openInterestCalls.size();
        Thread.sleep(600);
        assertThat(openInterestCalls).as("no poll after the last listener left").hasSize(after);
        assertThat(a).isNotEmpty();
        assertThat(b).isNotEmpty();
    }

    @Test
    void openInterestPollIsShedWhenTheWeightIsTightAndKeepsTheLastValue() throws Exception {
        feed.start();
        await(() -> !feed.instruments(Market.USDM_FUTURES).isEmpty(), "futures instruments");
        // the governor keeps the learned 2300 for the current (fixed, calendar) minute only: in the next one its
        // count starts at 0 and a second poll would go out
        Await.clearOfMinuteBoundary(Duration.ofSeconds(20));
        usedWeight = "2300"; // of 2400: above the BACKGROUND share, below ORDER's
        List<FuturesFigures> sets = new CopyOnWriteArrayList<>();
        AutoCloseable sub = feed.subscribeFutures("BTCUSDT", sets::add);
        await(() -> !sets.isEmpty() && sets.getLast().note(Figure.OPEN_INTEREST).contains("skipped"),
                "a shed poll");
        FuturesFigures f = sets.getLast();
        assertThat(f.openInterest()).as("the value of the last answered poll is kept").isEqualByComparingTo("10659.509");
        assertThat(f.note(Figure.OPEN_INTEREST)).contains("request weight is tight");
        assertThat(openInterestCalls).as("shed polls are not sent").hasSize(1);
        sub.close();
    }
}
