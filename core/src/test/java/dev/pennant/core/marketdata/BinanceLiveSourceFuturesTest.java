package dev.pennant.core.marketdata;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pennant.core.exchange.simulator.ExchangeSimulator;
import dev.pennant.core.model.Bar;
import dev.pennant.core.model.Interval;
import dev.pennant.core.model.Market;
import dev.pennant.core.testkit.SharedData;
import okhttp3.HttpUrl;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link BinanceLiveSource} on USDⓈ-M futures: against a loopback {@link MockWebServer} playing Binance futures
 * ({@code GET /fapi/v1/klines} answered from real BTCUSDT 1h futures rows of the shared data, the kline stream at
 * {@code /ws/btcusdt@kline_1h} as {@code UMWebsocketClientImpl} opens it), and end to end against the local
 * {@link ExchangeSimulator}'s {@code /fstream}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BinanceLiveSourceFuturesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final long HOUR = 3_600_000L;
    private static List<Bar> history;

    private MockWebServer server;
    private final AtomicInteger now = new AtomicInteger();
    private final BlockingQueue<WebSocket> sockets = new LinkedBlockingQueue<>();
    private final List<String> wsPaths = new CopyOnWriteArrayList<>();
    private final List<HttpUrl> klineCalls = new CopyOnWriteArrayList<>();
    /** When set, {@code /fapi/v1/klines} answers an empty array (interval coverage test). */
    private volatile boolean emptyKlines;
    private BinanceLiveSource source;

    @BeforeAll
    static void loadHistory() throws IOException {
        history = new KlineCsvImporter().read(SharedData.binance()
                .resolve("futures-um/klines/BTCUSDT/BTCUSDT-1h-20250101_20260731.binancequant.csv.gz")).bars()
                .subList(0, 200);
        for (int i = 1; i < history.size(); i++) {
            assertThat(history.get(i).openTime() - history.get(i - 1).openTime()).isEqualTo(HOUR);
        }
    }

    @BeforeEach
    void startServer() throws IOException {
        server = new MockWebServer();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                HttpUrl url = request.getRequestUrl();
                String path = url == null ? "" : url.encodedPath();
                if (path.equals("/fapi/v1/ping")) {
                    return new MockResponse().setBody("{}");
                }
                if (path.equals("/fapi/v1/klines")) {
                    klineCalls.add(url);
                    return new MockResponse().setHeader("Content-Type", "application/json")
                            .setBody(emptyKlines ? "[]" : klines(url));
                }
                if (path.startsWith("/ws/btcusdt@kline_")) {
                    wsPaths.add(path);
                    return new MockResponse().withWebSocketUpgrade(new WebSocketListener() {
                        @Override
                        public void onOpen(WebSocket webSocket, Response response) {
                            sockets.add(webSocket);
                        }

                        @Override
                        public void onClosing(WebSocket webSocket, int code, String reason) {
                            webSocket.close(1000, null);
                        }
                    });
                }
                return new MockResponse().setResponseCode(404).setBody("{\"code\":-1,\"msg\":\"no " + path + "\"}");
            }
        });
        server.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    @AfterEach
    void stop() throws IOException {
        if (source != null) {
            source.close();
        }
        server.shutdown();
    }

    // ---- tests ---------------------------------------------------------------------------------------------------

    @Test
    void backfillsFromFapiKlinesThenStreamsTheFuturesKlineStream() throws Exception {
        now.set(50);
        Recorder sink = new Recorder();
        source = newSource(Interval.H1, 20);
        source.start(sink);

        WebSocket ws = nextSocket();
        awaitTrue(() -> sink.last() == SourceStatus.State.RUNNING, "RUNNING after the stream opened");
        assertThat(wsPaths).containsExactly("/ws/btcusdt@kline_1h");
        HttpUrl first = klineCalls.get(0);
        assertThat(first.encodedPath()).isEqualTo("/fapi/v1/klines");
        assertThat(first.queryParameter("symbol")).isEqualTo("BTCUSDT");
        assertThat(first.queryParameter("interval")).isEqualTo("1h");
        assertThat(first.queryParameter("limit")).isEqualTo("21");
        assertThat(openTimes(sink.closed)).containsExactlyElementsOf(openTimes(history.subList(30, 50)));
        assertThat(sink.warmup).hasSize(20);
        assertThat(sink.updates).singleElement().satisfies(b -> {
            assertThat(b.openTime()).isEqualTo(history.get(50).openTime());
            assertThat(b.closed()).isFalse();
        });

        ws.send(event(history.get(50), false));
        ws.send(event(history.get(50), true));
        ws.send(event(history.get(50), true)); // repeated close: dropped
        now.set(52);
        ws.send(event(history.get(51), true));
        awaitTrue(() -> sink.closed.size() == 22, "bars 50 and 51 closed from the stream");

        assertThat(openTimes(sink.closed)).containsExactlyElementsOf(openTimes(history.subList(30, 52)));
        for (Bar got : sink.closed) {
            assertSameValues(got, history.stream().filter(b -> b.openTime() == got.openTime()).findFirst().orElseThrow());
        }
        assertThat(sink.closed.getFirst().close()).isEqualByComparingTo(history.get(30).close());
        assertThat(klineCalls).hasSize(1);
        assertThat(sink.threads).containsExactly("live-BTCUSDT");
        assertThat(sink.maxConcurrent.get()).isEqualTo(1);
        SourceStatus st = source.status();
        assertThat(st.description()).isEqualTo("Live USD-M futures BTCUSDT 1h from 127.0.0.1:" + server.getPort());
        assertThat(st.barsDelivered()).isEqualTo(22);
        assertThat(source.market()).isEqualTo(Market.USDM_FUTURES);
    }

    @Test
    void reconnectsAfterTheServerClosesTheStreamAndBackfillsWithoutHole() throws Exception {
        now.set(50);
        Recorder sink = new Recorder();
        source = newSource(Interval.H1, 10);
        source.start(sink);
        WebSocket ws = nextSocket();
        awaitTrue(() -> sink.last() == SourceStatus.State.RUNNING, "RUNNING");

        now.set(55); // bars 50..54 close while the client is away
        ws.close(1001, "going away");
        WebSocket ws2 = nextSocket();
        awaitTrue(() -> sink.last() == SourceStatus.State.RUNNING && sink.closed.size() == 15,
                "reconnected and backfilled bars 50..54");
        assertThat(sink.statuses).anySatisfy(s -> {
            assertThat(s.state()).isEqualTo(SourceStatus.State.LAGGING);
            assertThat(s.message()).startsWith("stream closing by server").contains("reconnecting");
        });
        assertThat(klineCalls.get(1).queryParameter("startTime")).isEqualTo(String.valueOf(history.get(50).openTime()));

        ws2.send(event(history.get(55), true));
        awaitTrue(() -> sink.closed.size() == 16, "bar 55 closed from the new stream");
        assertThat(openTimes(sink.closed)).containsExactlyElementsOf(openTimes(history.subList(40, 56)));
        assertThat(sink.maxConcurrent.get()).isEqualTo(1);
    }

    @Test
    void streamSkippingAheadIsBackfilledFromFapiKlinesFirst() throws Exception {
        now.set(50);
        Recorder sink = new Recorder();
        source = newSource(Interval.H1, 5);
        source.start(sink);
        WebSocket ws = nextSocket();
        awaitTrue(() -> sink.last() == SourceStatus.State.RUNNING, "RUNNING");

        now.set(53);
        ws.send(event(history.get(53), false));
        awaitTrue(() -> sink.updates.size() == 2, "forming bar 53");

        assertThat(openTimes(sink.closed)).containsExactlyElementsOf(openTimes(history.subList(45, 53)));
        HttpUrl gap = klineCalls.get(1);
        assertThat(gap.encodedPath()).isEqualTo("/fapi/v1/klines");
        assertThat(gap.queryParameter("startTime")).isEqualTo(String.valueOf(history.get(50).openTime()));
        assertThat(gap.queryParameter("endTime")).isEqualTo(String.valueOf(history.get(53).openTime() - 1));
        assertThat(sink.warmup.stream().map(Bar::openTime).toList()).contains(history.get(52).openTime());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Interval.class)
    void everyIntervalRequestsAndSubscribesItsBinanceCode(Interval interval) throws Exception {
        emptyKlines = true;
        Recorder sink = new Recorder();
        source = newSource(interval, 3);
        source.start(sink);
        nextSocket();
        awaitTrue(() -> sink.last() == SourceStatus.State.RUNNING, "RUNNING");
        assertThat(klineCalls.get(0).queryParameter("interval")).isEqualTo(interval.code());
        assertThat(wsPaths).containsExactly("/ws/btcusdt@kline_" + interval.code());
        assertThat(source.status().description()).endsWith(" BTCUSDT " + interval.code() + " from 127.0.0.1:"
                + server.getPort());
    }

    @Test
    void restRefusalFailsNamingTheFuturesRequest() throws Exception {
        String url = "http://127.0.0.1:" + server.getPort();
        Recorder sink = new Recorder();
        source = new BinanceLiveSource(Market.USDM_FUTURES, "NOSUCH", Interval.H1, url + "/nothing-here",
                "ws://127.0.0.1:" + server.getPort(), 3, Duration.ofMillis(20), Duration.ofMillis(100),
                Duration.ofSeconds(30));
        source.start(sink);
        awaitTrue(() -> sink.last() == SourceStatus.State.FAILED, "FAILED");
        assertThat(source.status().message()).startsWith("Binance refused the klines request for NOSUCH 1h at " + url);
    }

    @Test
    void defaultsAndProbeUseTheFuturesEndpoints() {
        assertThat(BinanceLiveSource.DEFAULT_FUTURES_REST_BASE_URL).isEqualTo("https://fapi.binance.com");
        assertThat(BinanceLiveSource.DEFAULT_FUTURES_WS_BASE_URL).isEqualTo("wss://fstream.binance.com");
        BinanceLiveSource s = new BinanceLiveSource(Market.USDM_FUTURES, "btcusdt", Interval.M1,
                BinanceLiveSource.DEFAULT_FUTURES_REST_BASE_URL, BinanceLiveSource.DEFAULT_FUTURES_WS_BASE_URL, 10);
        assertThat(s.status().description()).isEqualTo("Live USD-M futures BTCUSDT 1m from Binance");
        s.close();
        String live = "http://127.0.0.1:" + server.getPort();
        assertThat(BinanceLiveSource.probe(Market.USDM_FUTURES, live, Duration.ofSeconds(2))).isEmpty();
        Optional<String> spot = BinanceLiveSource.probe(Market.SPOT, live, Duration.ofSeconds(2));
        assertThat(spot).hasValueSatisfying(r -> assertThat(r).contains("HTTP 404"));
    }

    @Test
    void endToEndAgainstTheExchangeSimulatorFuturesStreams() throws Exception {
        // 2 h of recorded futures time per wall second: a closed 1h bar every half second.
        try (ExchangeSimulator sim = ExchangeSimulator.builder().dataDir(SharedData.binance()).port(0).speed(7200)
                .replayStart(Instant.parse("2025-03-01T00:00:00Z")).start()) {
            Recorder sink = new Recorder();
            source = new BinanceLiveSource(Market.USDM_FUTURES, "BTCUSDT", Interval.H1, sim.baseUrl(),
                    sim.futuresWsBaseUrl(), 24, Duration.ofMillis(50), Duration.ofMillis(500), Duration.ofSeconds(30));
            source.start(sink);
            awaitTrue(() -> sink.last() == SourceStatus.State.RUNNING, "RUNNING on the simulator");
            awaitTrue(() -> sink.closed.size() >= 24 + 3, "three closed bars from the /fstream kline stream");

            sim.dropStreams(); // abrupt: reconnect, REST catch-up, no hole
            int before = sink.closed.size();
            awaitTrue(() -> sink.statuses.stream().anyMatch(s -> s.state() == SourceStatus.State.LAGGING),
                    "the drop was noticed");
            awaitTrue(() -> sink.last() == SourceStatus.State.RUNNING && sink.closed.size() >= before + 3,
                    "streaming again after the drop");

            List<Long> opens = openTimes(sink.closed);
            for (int i = 1; i < opens.size(); i++) {
                assertThat(opens.get(i) - opens.get(i - 1)).as("bar %d follows bar %d by one hour", i, i - 1)
                        .isEqualTo(HOUR);
            }
            assertThat(sink.closed.size()).isGreaterThan(sink.warmup.size()); // some bars came live from the stream
            assertThat(source.status().description())
                    .isEqualTo("Live USD-M futures BTCUSDT 1h from 127.0.0.1:" + sim.port());
            assertThat(sink.maxConcurrent.get()).isEqualTo(1);
            source.close();
        }
    }

    // ---- fake exchange ---------------------------------------------------------------------------------------------

    /** {@code GET /fapi/v1/klines} as Binance answers it: the latest {@code limit} bars, or from startTime. */
    private String klines(HttpUrl url) {
        int limit = Integer.parseInt(url.queryParameter("limit"));
        String start = url.queryParameter("startTime");
        String end = url.queryParameter("endTime");
        int forming = now.get();
        List<Bar> rows = new ArrayList<>();
        if (start == null) {
            for (int i = Math.max(0, forming + 1 - limit); i <= forming; i++) {
                rows.add(history.get(i));
            }
        } else {
            long from = Long.parseLong(start);
            long to = end == null ? Long.MAX_VALUE : Long.parseLong(end);
            for (int i = 0; i <= forming && rows.size() < limit; i++) {
                Bar b = history.get(i);
                if (b.openTime() >= from && b.openTime() <= to) {
                    rows.add(b);
                }
            }
        }
        ArrayNode arr = JSON.createArrayNode();
        for (Bar b : rows) {
            ArrayNode r = arr.addArray();
            r.add(b.openTime()).add(s(b.open())).add(s(b.high())).add(s(b.low())).add(s(b.close()))
                    .add(s(b.volume())).add(b.closeTime()).add(s(b.quoteVolume())).add(b.trades())
                    .add(s(b.takerBuyBaseVolume())).add(s(b.takerBuyQuoteVolume())).add("0");
        }
        return arr.toString();
    }

    /** A futures kline stream event (USDⓈ-M "Kline/Candlestick Streams" shape). */
    private static String event(Bar b, boolean closed) {
        ObjectNode root = JSON.createObjectNode();
        root.put("e", "kline").put("E", b.openTime() + 1_000).put("s", "BTCUSDT");
        ObjectNode k = root.putObject("k");
        k.put("t", b.openTime()).put("T", b.closeTime()).put("s", "BTCUSDT").put("i", "1h")
                .put("f", 100).put("L", 200)
                .put("o", s(b.open())).put("c", s(b.close())).put("h", s(b.high())).put("l", s(b.low()))
                .put("v", s(b.volume())).put("n", b.trades()).put("x", closed)
                .put("q", s(b.quoteVolume())).put("V", s(b.takerBuyBaseVolume()))
                .put("Q", s(b.takerBuyQuoteVolume())).put("B", "0");
        return root.toString();
    }

    private static String s(BigDecimal d) {
        return d == null ? "0" : d.toPlainString();
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    private BinanceLiveSource newSource(Interval interval, int backfill) {
        return new BinanceLiveSource(Market.USDM_FUTURES, "BTCUSDT", interval, "http://127.0.0.1:" + server.getPort(),
                "ws://127.0.0.1:" + server.getPort(), backfill, Duration.ofMillis(20), Duration.ofMillis(200),
                Duration.ofSeconds(30));
    }

    private WebSocket nextSocket() throws InterruptedException {
        WebSocket ws = sockets.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(ws).as("the source opened the futures kline stream").isNotNull();
        return ws;
    }

    private static void assertSameValues(Bar got, Bar want) {
        assertThat(got.closeTime()).isEqualTo(want.closeTime());
        assertThat(got.open()).isEqualByComparingTo(want.open());
        assertThat(got.high()).isEqualByComparingTo(want.high());
        assertThat(got.low()).isEqualByComparingTo(want.low());
        assertThat(got.close()).isEqualByComparingTo(want.close());
        assertThat(got.volume()).isEqualByComparingTo(want.volume());
        assertThat(got.trades()).isEqualTo(want.trades());
        assertThat(got.quoteVolume()).isEqualByComparingTo(want.quoteVolume());
        assertThat(got.takerBuyQuoteVolume()).isEqualByComparingTo(want.takerBuyQuoteVolume());
    }

    private static List<Long> openTimes(List<Bar> bars) {
        return bars.stream().map(Bar::openTime).toList();
    }

    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.sleep(10);
        }
    }

    /** Records what the source delivered, on which threads, and whether calls ever overlapped. */
    private static final class Recorder implements BarSink {
        final List<Bar> closed = new CopyOnWriteArrayList<>();
        final List<Bar> warmup = new CopyOnWriteArrayList<>();
        final List<Bar> updates = new CopyOnWriteArrayList<>();
        final List<SourceStatus> statuses = new CopyOnWriteArrayList<>();
        final Set<String> threads = ConcurrentHashMap.newKeySet();
        final AtomicInteger inside = new AtomicInteger();
        final AtomicInteger maxConcurrent = new AtomicInteger();

        private void record(List<Bar> to, Bar bar) {
            threads.add(Thread.currentThread().getName());
            maxConcurrent.accumulateAndGet(inside.incrementAndGet(), Math::max);
            try {
                to.add(bar);
            } finally {
                inside.decrementAndGet();
            }
        }

        @Override
        public void onBar(Bar bar) {
            record(closed, bar);
        }

        @Override
        public void onWarmupBar(Bar bar) {
            warmup.add(bar);
            onBar(bar);
        }

        @Override
        public void onBarUpdate(Bar bar) {
            record(updates, bar);
        }

        @Override
        public void onStatus(SourceStatus status) {
            statuses.add(status);
        }

        SourceStatus.State last() {
            return statuses.isEmpty() ? null : statuses.getLast().state();
        }
    }
}
