package dev.pennant.core.marketdata.feed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pennant.core.exchange.binance.BinanceEndpoints;
import dev.pennant.core.exchange.binance.BinanceRestClient;
import dev.pennant.core.marketdata.book.BookDepth;
import dev.pennant.core.marketdata.book.DepthSynchronizer;
import dev.pennant.core.marketdata.book.SyncState;
import dev.pennant.core.marketdata.parse.CryptofeedRecording;
import dev.pennant.core.marketdata.parse.DepthSnapshot;
import dev.pennant.core.marketdata.parse.DepthUpdate;
import dev.pennant.core.marketdata.parse.MarketMessageHandler;
import dev.pennant.core.marketdata.parse.MarketMessageParser;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link BinanceMarketFeed} against a loopback {@link MockWebServer} serving the real cryptofeed recordings: the
 * exchangeInfo of the recording days, the recorded REST depth snapshots and the recorded diff-depth frames (spot
 * 2021-10-12 NKNUSDT, USDⓈ-M 2021-07-22 SUSHIUSDT) pushed over a combined-stream WebSocket once the feed subscribes.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class BinanceMarketFeedTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SPOT_STREAM = "nknusdt@depth@100ms";
    private static final String FUT_STREAM = "sushiusdt@depth@100ms";
    private static final Map<String, List<String>> FRAMES = new HashMap<>();
    private static final Map<String, String> SNAPSHOTS = new HashMap<>();
    private static String spotInfo;
    private static String futInfo;

    private MockWebServer server;
    private BinanceRestClient rest;
    private BinanceMarketFeed feed;
    private volatile int dropFrame = -1;
    private final Set<String> pushed = ConcurrentHashMap.newKeySet();
    private final List<String> depthCalls = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void load() throws IOException {
        for (String ws : List.of("BINANCE.ws.1.0.txt.gz", "BINANCE_FUTURES.ws.1.0.txt.gz")) {
            for (String f : CryptofeedRecording.wsFrames(SharedData.file("recordings/cryptofeed/" + ws))) {
                String stream = StreamManager.streamName(f);
                if (stream != null) FRAMES.computeIfAbsent(stream, k -> new ArrayList<>()).add(f);
            }
        }
        for (String http : List.of("BINANCE.http.0.0.txt.gz", "BINANCE_FUTURES.http.0.0.txt.gz")) {
            for (var r : CryptofeedRecording.httpResponses(SharedData.file("recordings/cryptofeed/" + http))) {
                SNAPSHOTS.put(r.queryParameter("symbol"), r.body());
            }
        }
        spotInfo = gunzip("exchangeInfo/spot/exchangeInfo-spot-full-20211012.cryptofeed.json.gz");
        futInfo = gunzip("exchangeInfo/futures-um/exchangeInfo-fapi-full-20210721.cryptofeed.json.gz");
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
            String path = url.encodedPath();
            MockResponse ok = new MockResponse().setHeader("X-MBX-USED-WEIGHT-1M", "37");
            switch (path) {
                case "/api/v3/exchangeInfo":
                    return ok.setBody(spotInfo);
                case "/fapi/v1/exchangeInfo":
                    return ok.setBody(futInfo);
                case "/api/v3/depth", "/fapi/v1/depth": {
                    depthCalls.add(url.queryParameter("symbol"));
                    String body = SNAPSHOTS.get(url.queryParameter("symbol"));
                    return body == null ? new MockResponse().setResponseCode(400)
                            .setBody("{\"code\":-1121,\"msg\":\"Invalid symbol.\"}") : ok.setBody(body);
                }
                case "/stream", "/fstream/stream": // spot, USD-M (BinanceEndpoints.withBase layout)
                    return new MockResponse().withWebSocketUpgrade(streamServer(url.queryParameter("streams")));
                default:
                    return new MockResponse().setResponseCode(404);
            }
        });
        rest = new BinanceRestClient(BinanceEndpoints.withBase("http://127.0.0.1:" + server.getPort()), null, null);
        feed = new BinanceMarketFeed(rest, new BinanceMarketFeed.Options(Duration.ofMinutes(10), Duration.ofMillis(250),
                1000, StreamManager.Options.defaults().withBackoff(Duration.ofMillis(50), Duration.ofMillis(200))));
    }

    /** Plays a combined-stream connection: a ticker batch on open, the recorded depth frames once subscribed. */
    private WebSocketListener streamServer(String urlStreams) {
        return new WebSocketListener() {
            @Override
            public void onOpen(WebSocket ws, Response response) {
                for (String s : urlStreams.split("/")) started(ws, s);
            }

            @Override
            public void onMessage(WebSocket ws, String text) {
                try {
                    JsonNode m = JSON.readTree(text);
                    ws.send("{\"result\":null,\"id\":" + m.path("id").asInt() + "}");
                    if (m.path("method").asText().equals("SUBSCRIBE")) {
                        for (JsonNode p : m.path("params")) started(ws, p.asText());
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
        if (stream.equals(BinanceMarketFeed.ALL_TICKERS)) {
            ws.send("{\"stream\":\"!ticker@arr\",\"data\":[{\"e\":\"24hrTicker\",\"E\":1633998512068,\"s\":\"NKNUSDT\","
                    + "\"p\":\"0.01\",\"P\":\"2.935\",\"c\":\"0.35210000\",\"v\":\"1000.5\",\"q\":\"352.3\"},"
                    + "{\"e\":\"24hrTicker\",\"E\":1633998512068,\"s\":\"BLZETH\",\"p\":\"0\",\"P\":\"-1.25\","
                    + "\"c\":\"0.00006547\",\"v\":\"10\",\"q\":\"0.0006547\"}]}");
            return;
        }
        List<String> frames = FRAMES.get(stream);
        if (frames == null || !pushed.add(stream)) return;
        for (int i = 0; i < frames.size(); i++) {
            if (i != dropFrame) ws.send(frames.get(i));
        }
    }

    @AfterEach
    void stop() throws IOException {
        feed.close();
        rest.close();
        server.shutdown();
    }

    private static void await(BooleanSupplier cond, String what) throws InterruptedException {
        Await.until(cond, Duration.ofSeconds(15), what);
    }

    /** The book a synchronizer builds from the same frames directly (top {@code levels}). */
    private static BookDepth expected(String stream, String symbol, Market market, int levels) {
        MarketMessageParser parser = new MarketMessageParser();
        DepthSnapshot snap = parser.parseDepthSnapshot(symbol, SNAPSHOTS.get(symbol));
        DepthSynchronizer sync = new DepthSynchronizer(symbol, market, s -> snap);
        for (String f : FRAMES.get(stream)) {
            parser.parse(f, new MarketMessageHandler() {
                @Override
                public void onDepth(DepthUpdate u) {
                    sync.onEvent(u);
                }
            });
        }
        assertThat(sync.state()).isEqualTo(SyncState.LIVE);
        return sync.book().depth(levels);
    }

    private static StreamHealth health(ConnectionStatus s, String stream) {
        return s == null ? null : s.streams().stream().filter(h -> h.stream().equals(stream)).findFirst().orElse(null);
    }

    @Test
    void booksOfBothMarketsSyncFromRecordedFramesAndSnapshots() throws Exception {
        List<List<Ticker24h>> batches = new CopyOnWriteArrayList<>();
        List<ConnectionStatus> statuses = new CopyOnWriteArrayList<>();
        feed.onTickers(batches::add);
        feed.onStatus(statuses::add);
        long t0 = System.nanoTime();
        feed.start();
        await(() -> !feed.instruments(Market.SPOT).isEmpty() && !feed.instruments(Market.USDM_FUTURES).isEmpty(),
                "instruments");
        assertThat(feed.instruments(Market.SPOT)).anyMatch(i -> i.symbol().equals("NKNUSDT"));
        assertThat(feed.instruments(Market.USDM_FUTURES)).anyMatch(i -> i.symbol().equals("SUSHIUSDT"));
        assertThatThrownBy(() -> feed.subscribeBook(Market.SPOT, "NOSUCHCOIN", 10, d -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NOSUCHCOIN");

        BookDepth wantSpot = expected(SPOT_STREAM, "NKNUSDT", Market.SPOT, 10);
        // the status below reads the weight of the depth snapshots' responses from the governor's counter of the
        // current (fixed, calendar) minute: a minute boundary in between would reset it to 0
        Await.clearOfMinuteBoundary(Duration.ofSeconds(20));
        BookDepth wantFut = expected(FUT_STREAM, "SUSHIUSDT", Market.USDM_FUTURES, 10);
        AtomicReference<BookDepth> spot = new AtomicReference<>();
        AtomicReference<BookDepth> fut = new AtomicReference<>();
        List<String> threads = new CopyOnWriteArrayList<>();
        AutoCloseable hs = feed.subscribeBook(Market.SPOT, "nknusdt", 10, d -> {
            spot.set(d);
            threads.add(Thread.currentThread().getName());
        });
        AutoCloseable hf = feed.subscribeBook(Market.USDM_FUTURES, "SUSHIUSDT", 10, fut::set);
        await(() -> spot.get() != null && spot.get().lastUpdateId() == wantSpot.lastUpdateId(), "spot book at the end");
        await(() -> fut.get() != null && fut.get().lastUpdateId() == wantFut.lastUpdateId(), "futures book at the end");

        assertThat(spot.get()).isEqualTo(wantSpot);
        assertThat(fut.get()).isEqualTo(wantFut);
        assertThat(spot.get().bids()).hasSize(10);
        assertThat(feed.bookHealth(Market.SPOT, "NKNUSDT").resyncs()).isZero();
        assertThat(feed.bookHealth(Market.USDM_FUTURES, "SUSHIUSDT").snapshotsFetched()).isEqualTo(1);
        assertThat(threads).allMatch(t -> t.startsWith("streams-spot-"));

        // tickers: one batch per market from !ticker@arr
        await(() -> batches.size() >= 2, "ticker batches");
        assertThat(batches).anyMatch(b -> b.get(0).market() == Market.SPOT);
        assertThat(batches).anyMatch(b -> b.get(0).market() == Market.USDM_FUTURES);
        Ticker24h nkn = batches.get(0).get(0);
        assertThat(nkn.symbol()).isEqualTo("NKNUSDT");
        assertThat(nkn.lastPrice()).isEqualByComparingTo("0.3521");
        assertThat(nkn.priceChangePercent()).isEqualByComparingTo("2.935");

        // status: venue, weight from the headers against the announced limit, stream states
        await(() -> {
            ConnectionStatus s = feed.status();
            StreamHealth h = health(s, SPOT_STREAM);
            return h != null && h.state() == StreamHealth.State.CONNECTED && s.usedWeight() >= 37;
        }, "status with the spot depth stream connected");
        ConnectionStatus s = feed.status();
        assertThat(s.venue()).isEqualTo("local simulator 127.0.0.1:" + server.getPort());
        assertThat(s.weightLimit()).isEqualTo(1200); // spot REQUEST_WEIGHT of 2021-10-12 (the busier ratio)
        assertThat(s.latencyMillis()).isGreaterThanOrEqualTo(0);
        assertThat(s.streams()).extracting(StreamHealth::stream)
                .contains(BinanceMarketFeed.ALL_TICKERS, SPOT_STREAM, FUT_STREAM);
        int published = statuses.size(); // counted before the clock is read: a status may land in between
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertThat(published).isLessThanOrEqualTo((int) Math.ceil(seconds * 4) + 1);

        hs.close();
        hf.close();
        await(() -> health(feed.status(), SPOT_STREAM) == null, "depth stream unsubscribed");
    }

    @Test
    void aGapInTheDiffStreamShowsResyncing() throws Exception {
        dropFrame = 20; // one spot depth event lost in transit: U of the next is past the book's id + 1
        feed.start();
        AtomicReference<BookDepth> spot = new AtomicReference<>();
        feed.subscribeBook(Market.SPOT, "NKNUSDT", 5, spot::set);
        await(() -> {
            StreamHealth h = health(feed.status(), SPOT_STREAM);
            return h != null && h.state() == StreamHealth.State.RESYNCING;
        }, "RESYNCING in the status");
        assertThat(health(feed.status(), SPOT_STREAM).detail()).contains("gap");
        assertThat(feed.bookHealth(Market.SPOT, "NKNUSDT").resyncs()).isEqualTo(1);
        assertThat(feed.bookHealth(Market.SPOT, "NKNUSDT").state()).isEqualTo(SyncState.RESYNCING);
        assertThat(spot.get()).isNotNull(); // the book was published while it was live
        // the recording's one snapshot is now too old, so it cannot bridge; further attempts are spaced (0.5 s, 1 s, …)
        // instead of one 50-weight request per diff event
        Thread.sleep(300);
        assertThat(depthCalls.stream().filter("NKNUSDT"::equals).count()).isBetween(2L, 3L);
    }
}
