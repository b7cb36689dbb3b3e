package dev.pennant.core.marketdata;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pennant.core.model.Bar;
import dev.pennant.core.model.Interval;
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
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
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
 * {@link BinanceLiveSource} against a loopback {@link MockWebServer} that plays Binance: REST klines answered from real
 * BTCUSDT 1m rows of the shared data, and the kline WebSocket stream pushing events in Binance's JSON shape.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BinanceLiveSourceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static List<Bar> history;

    private MockWebServer server;
    /** Index of the forming bar on the "exchange": bars before it are closed. */
    private final AtomicInteger now = new AtomicInteger();
    private final BlockingQueue<WebSocket> sockets = new LinkedBlockingQueue<>();
    private final List<HttpUrl> klineCalls = new CopyOnWriteArrayList<>();
    private BinanceLiveSource source;

    @BeforeAll
    static void loadHistory() throws IOException {
        history = new KlineCsvImporter().read(SharedData.btc1m()).bars().subList(0, 300);
        for (int i = 1; i < history.size(); i++) {
            assertThat(history.get(i).openTime() - history.get(i - 1).openTime()).isEqualTo(60_000L);
        }
    }

    @BeforeEach
    void startServer() throws IOException {
        server = newServer(0);
    }

    /** A fake Binance on 127.0.0.1:{@code port} (0 = any free port). */
    private MockWebServer newServer(int port) throws IOException {
        MockWebServer srv = new MockWebServer();
        srv.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                HttpUrl url = request.getRequestUrl();
                String path = url == null ? "" : url.encodedPath();
                if (path.equals("/api/v3/ping")) {
                    return new MockResponse().setBody("{}");
                }
                if (path.equals("/api/v3/klines")) {
                    klineCalls.add(url);
                    return new MockResponse().setHeader("Content-Type", "application/json").setBody(klines(url));
                }
                if (path.equals("/ws/btcusdt@kline_1m")) {
                    return new MockResponse().withWebSocketUpgrade(new WebSocketListener() {
                        @Override
                        public void onOpen(WebSocket webSocket, Response response) {
                            sockets.add(webSocket);
                        }

                        @Override
                        public void onClosing(WebSocket webSocket, int code, String reason) {
                            webSocket.close(1000, null); // complete the close handshake, as Binance does
                        }
                    });
                }
                return new MockResponse().setResponseCode(404).setBody("{\"code\":-1,\"msg\":\"no " + path + "\"}");
            }
        });
        // An explicit port makes MockWebServer set SO_REUSEADDR, which lets a restarted server bind the same port
        // (on Linux both the old and the new socket need it to reuse a port with connections in TIME_WAIT).
        int p = port == 0 ? closedPort() : port;
        for (int attempt = 1; ; attempt++) {
            try {
                srv.start(InetAddress.getByName("127.0.0.1"), p);
                return srv;
            } catch (BindException e) {
                if (attempt == 50) {
                    throw e;
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
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
    void backfillsClosedBarsThenStreamsInOrderWithoutDuplicates() throws Exception {
        now.set(50);
        Recorder sink = new Recorder();
        source = newSource(20);
        source.start(sink);

        WebSocket ws = nextSocket();
        awaitTrue(() -> sink.last() == SourceStatus.State.RUNNING, "RUNNING after the stream opened");
        assertThat(openTimes(sink.closed)).containsExactlyElementsOf(openTimes(history.subList(30, 50)));
        assertThat(sink.updates).hasSize(1);
        assertThat(sink.updates.get(0).openTime()).isEqualTo(history.get(50).openTime());
        assertThat(sink.updates.get(0).closed()).isFalse();
        HttpUrl first = klineCalls.get(0);
        assertThat(first.queryParameter("symbol")).isEqualTo("BTCUSDT");
        assertThat(first.queryParameter("interval")).isEqualTo("1m");
        assertThat(first.queryParameter("limit")).isEqualTo("21");

        ws.send(event(history.get(50), false));
        ws.send(event(history.get(50), true));
        ws.send(event(history.get(49), true)); // older than the last closed bar: dropped
        ws.send(event(history.get(50), true)); // repeated close: dropped
        ws.send(event(history.get(50), false)); // stale forming update: dropped
        now.set(52);
        ws.send(event(history.get(51), false));
        ws.send(event(history.get(51), true));
        ws.send(event(history.get(52), false));
        awaitTrue(() -> sink.updates.size() == 4, "forming updates of bars 50, 51, 52");

        assertThat(openTimes(sink.closed)).containsExactlyElementsOf(openTimes(history.subList(30, 52)));
        assertThat(openTimes(sink.updates)).containsExactly(history.get(50).openTime(), history.get(50).openTime(),
                history.get(51).openTime(), history.get(52).openTime());
        assertThat(sink.updates).allMatch(b -> !b.closed());
        assertThat(sink.closed).allMatch(Bar::closed);
        // Values survive JSON → Bar: compare with the recorded file.
        for (Bar got : sink.closed) {
            Bar want = byOpen(got.openTime());
            assertSameValues(got, want);
        }
        assertThat(sink.threads).containsExactly("live-BTCUSDT");
        assertThat(sink.maxConcurrent.get()).isEqualTo(1);
        assertThat(klineCalls).hasSize(1); // no gap, no extra REST call
        SourceStatus st = source.status();
        assertThat(st.kind()).isEqualTo(SourceStatus.Kind.LIVE);
        assertThat(st.description()).isEqualTo("Live spot BTCUSDT 1m from 127.0.0.1:" + server.getPort());
        // REST history only warms up (never trades); stream bars are live.
        assertThat(sink.warmup).isNotEmpty().allMatch(Bar::closed);
        assertThat(sink.warmup.getLast().openTime()).isLessThan(sink.closed.stream()
                .filter(b -> !sink.warmup.contains(b)).findFirst().orElseThrow().openTime());
        assertThat(st.speed()).isEqualTo(1.0);
        assertThat(st.barsTotal()).isEqualTo(-1);
        assertThat(st.barsDelivered()).isEqualTo(22);
        assertThat(sink.statuses.get(0).state()).isEqualTo(SourceStatus.State.CONNECTING);
    }

    @ParameterizedTest(name = "server {0}")
    @ValueSource(strings = {"goes down and comes back", "closes the stream"})
    void reconnectsAfterDropAndBackfillsMissedBarsWithoutHole(String how) throws Exception {
        now.set(50);
        Recorder sink = new Recorder();
        source = newSource(10);
        source.start(sink);
        WebSocket ws = nextSocket();
        awaitTrue(() -> sink.last() == SourceStatus.State.RUNNING, "RUNNING");
        ws.send(event(history.get(50), true));
        awaitTrue(() -> sink.closed.size() == 11, "bar 50 closed from the stream");

        now.set(55); // bars 51..54 close while the client is away
        if (how.startsWith("goes down")) {
            int port = server.getPort();
            server.shutdown(); // abrupt: the client sees the TCP connection die, REST is refused meanwhile
            awaitTrue(() -> sink.statuses.stream().anyMatch(s -> s.message().startsWith("backfill failed")),
                    "a reconnect attempt failed while the server was down");
            server = newServer(port);
        } else {
            ws.close(1001, "going away");
        }
        WebSocket ws2 = nextSocket();
        awaitTrue(() -> sink.last() == SourceStatus.State.RUNNING && sink.closed.size() == 15,
                "reconnected and backfilled bars 51..54");

        assertThat(sink.statuses).anySatisfy(s -> {
            assertThat(s.state()).isEqualTo(SourceStatus.State.LAGGING);
            assertThat(s.message()).contains("stream").contains("reconnecting");
        });
        HttpUrl backfill = klineCalls.get(1);
        assertThat(backfill.queryParameter("startTime")).isEqualTo(String.valueOf(history.get(51).openTime()));

        ws2.send(event(history.get(55), false));
        ws2.send(event(history.get(55), true));
        awaitTrue(() -> sink.closed.size() == 16, "bar 55 closed from the new stream");

        assertThat(openTimes(sink.closed)).containsExactlyElementsOf(openTimes(history.subList(40, 56)));
        assertThat(sink.updates.getLast().openTime()).isEqualTo(history.get(55).openTime());
        assertThat(sink.threads).containsExactly("live-BTCUSDT");
        assertThat(sink.maxConcurrent.get()).isEqualTo(1);
    }

    @Test
    void streamSkippingAheadIsBackfilledByRestBeforeTheNewBar() throws Exception {
        now.set(50);
        Recorder sink = new Recorder();
        source = newSource(5);
        source.start(sink);
        WebSocket ws = nextSocket();
        awaitTrue(() -> sink.last() == SourceStatus.State.RUNNING, "RUNNING");

        now.set(53); // the stream "missed" the closes of 50, 51 and 52
        ws.send(event(history.get(53), false));
        awaitTrue(() -> sink.updates.size() == 2, "forming bar 53");

        assertThat(openTimes(sink.closed)).containsExactlyElementsOf(openTimes(history.subList(45, 53)));
        HttpUrl gap = klineCalls.get(1);
        assertThat(gap.queryParameter("startTime")).isEqualTo(String.valueOf(history.get(50).openTime()));
        assertThat(gap.queryParameter("endTime")).isEqualTo(String.valueOf(history.get(53).openTime() - 1));
        assertThat(sink.maxConcurrent.get()).isEqualTo(1);
    }

    @Test
    void silentStreamIsTreatedAsDroppedAndReconnected() throws Exception {
        now.set(50);
        Recorder sink = new Recorder();
        source = new BinanceLiveSource("BTCUSDT", Interval.M1, "http://127.0.0.1:" + server.getPort(),
                "ws://127.0.0.1:" + server.getPort(), 5, Duration.ofMillis(20), Duration.ofMillis(200),
                Duration.ofMillis(500));
        source.start(sink);
        nextSocket(); // opens, then never says anything
        WebSocket ws2 = nextSocket();
        assertThat(sink.statuses).anySatisfy(s -> {
            assertThat(s.state()).isEqualTo(SourceStatus.State.LAGGING);
            assertThat(s.message()).startsWith("no data from the stream for ");
        });
        awaitTrue(() -> sink.last() == SourceStatus.State.RUNNING, "RUNNING again");
        now.set(51);
        ws2.send(event(history.get(50), true));
        awaitTrue(() -> sink.closed.size() == 6, "bar 50 closed on the new stream");
        assertThat(openTimes(sink.closed)).containsExactlyElementsOf(openTimes(history.subList(45, 51)));
    }

    @Test
    void unreachableRestFailsWithMessageNamingUrlAndStopsItsThread() throws Exception {
        int port = closedPort();
        String url = "http://127.0.0.1:" + port;
        Recorder sink = new Recorder();
        source = new BinanceLiveSource("BTCUSDT", Interval.M1, url, "ws://127.0.0.1:" + port, 10,
                Duration.ofMillis(20), Duration.ofMillis(100), Duration.ofSeconds(30));
        source.start(sink);

        awaitTrue(() -> sink.last() == SourceStatus.State.FAILED, "FAILED");
        SourceStatus st = source.status();
        assertThat(st.state()).isEqualTo(SourceStatus.State.FAILED);
        assertThat(st.message()).startsWith("Cannot reach Binance market data at " + url + ": ");
        assertThat(sink.closed).isEmpty();
        assertThat(sink.updates).isEmpty();
        awaitTrue(() -> !liveThreadAlive(), "source thread ended after FAILED");
        source.close();
        source.close();
        assertThat(source.status().state()).isEqualTo(SourceStatus.State.FAILED);
    }

    @Test
    void closeIsIdempotentStopsTheThreadAndTheStream() throws Exception {
        now.set(50);
        Recorder sink = new Recorder();
        source = newSource(3);
        source.start(sink);
        WebSocket ws = nextSocket();
        awaitTrue(() -> sink.last() == SourceStatus.State.RUNNING, "RUNNING");

        source.close();
        source.close();
        awaitTrue(() -> !liveThreadAlive(), "source thread ended after close");
        int closedBefore = sink.closed.size();
        ws.send(event(history.get(50), true)); // after close: never delivered
        Thread.sleep(100);
        assertThat(sink.closed).hasSize(closedBefore);
        assertThat(source.status().state()).isEqualTo(SourceStatus.State.FINISHED);
        assertThat(sockets.poll(300, TimeUnit.MILLISECONDS)).as("no reconnect after close").isNull();
    }

    @Test
    void probeAnswersEmptyForLivePortAndReasonForDeadPort() throws Exception {
        String live = "http://127.0.0.1:" + server.getPort();
        assertThat(BinanceLiveSource.probe(live, Duration.ofSeconds(2))).isEmpty();
        assertThat(BinanceLiveSource.probe(live + "/", Duration.ofSeconds(2))).isEmpty();

        String dead = "http://127.0.0.1:" + closedPort();
        Optional<String> reason = BinanceLiveSource.probe(dead, Duration.ofSeconds(2));
        assertThat(reason).hasValueSatisfying(r -> assertThat(r).startsWith("Cannot reach Binance market data at "
                + dead + ": ").endsWith("connection refused or network unreachable"));
    }

    @Test
    void defaultsAreTheConnectorsSpotUrls() {
        assertThat(BinanceLiveSource.DEFAULT_REST_BASE_URL).isEqualTo("https://api.binance.com");
        assertThat(BinanceLiveSource.DEFAULT_WS_BASE_URL).isEqualTo("wss://stream.binance.com:9443");
        BinanceLiveSource s = new BinanceLiveSource("btcusdt", Interval.H4, BinanceLiveSource.DEFAULT_REST_BASE_URL,
                BinanceLiveSource.DEFAULT_WS_BASE_URL, BinanceLiveSource.DEFAULT_BACKFILL_BARS);
        assertThat(s.status().description()).isEqualTo("Live spot BTCUSDT 4h from Binance");
        assertThat(s.status().state()).isEqualTo(SourceStatus.State.CONNECTING);
        s.close();
    }

    // ---- fake exchange ---------------------------------------------------------------------------------------------

    /** {@code GET /api/v3/klines} as Binance answers it: the latest {@code limit} bars, or from startTime. */
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

    /** A kline stream event shaped like Binance's (see shared fixtures nautilus_trader kline_stream_*.json). */
    private static String event(Bar b, boolean closed) {
        ObjectNode root = JSON.createObjectNode();
        root.put("e", "kline").put("E", b.openTime() + 1_000).put("s", "BTCUSDT");
        ObjectNode k = root.putObject("k");
        k.put("t", b.openTime()).put("T", b.closeTime()).put("s", "BTCUSDT").put("i", "1m")
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

    private BinanceLiveSource newSource(int backfill) {
        return new BinanceLiveSource("BTCUSDT", Interval.M1, "http://127.0.0.1:" + server.getPort(),
                "ws://127.0.0.1:" + server.getPort(), backfill, Duration.ofMillis(20), Duration.ofMillis(200),
                Duration.ofSeconds(30));
    }

    private WebSocket nextSocket() throws InterruptedException {
        WebSocket ws = sockets.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(ws).as("the source opened the kline stream").isNotNull();
        return ws;
    }

    private static Bar byOpen(long openTime) {
        return history.stream().filter(b -> b.openTime() == openTime).findFirst().orElseThrow();
    }

    private static void assertSameValues(Bar got, Bar want) {
        assertThat(got.symbol()).isEqualTo(want.symbol());
        assertThat(got.interval()).isEqualTo(want.interval());
        assertThat(got.closeTime()).isEqualTo(want.closeTime());
        assertThat(got.open()).isEqualByComparingTo(want.open());
        assertThat(got.high()).isEqualByComparingTo(want.high());
        assertThat(got.low()).isEqualByComparingTo(want.low());
        assertThat(got.close()).isEqualByComparingTo(want.close());
        assertThat(got.volume()).isEqualByComparingTo(want.volume());
        assertThat(got.trades()).isEqualTo(want.trades());
        if (want.quoteVolume() != null) {
            assertThat(got.quoteVolume()).isEqualByComparingTo(want.quoteVolume());
        }
        if (want.takerBuyQuoteVolume() != null) {
            assertThat(got.takerBuyQuoteVolume()).isEqualByComparingTo(want.takerBuyQuoteVolume());
        }
    }

    private static List<Long> openTimes(List<Bar> bars) {
        return bars.stream().map(Bar::openTime).toList();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    private static boolean liveThreadAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.isAlive() && t.getName().equals("live-BTCUSDT"));
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

        private void enter() {
            threads.add(Thread.currentThread().getName());
            maxConcurrent.accumulateAndGet(inside.incrementAndGet(), Math::max);
        }

        private void exit() {
            inside.decrementAndGet();
        }

        @Override
        public void onBar(Bar bar) {
            enter();
            try {
                closed.add(bar);
            } finally {
                exit();
            }
        }

        @Override
        public void onWarmupBar(Bar bar) {
            warmup.add(bar);
            onBar(bar); // the series as a whole (warm-up + live) must stay ordered and complete
        }

        @Override
        public void onBarUpdate(Bar bar) {
            enter();
            try {
                updates.add(bar);
            } finally {
                exit();
            }
        }

        @Override
        public void onStatus(SourceStatus status) {
            enter();
            try {
                statuses.add(status);
            } finally {
                exit();
            }
        }

        SourceStatus.State last() {
            return statuses.isEmpty() ? null : statuses.getLast().state();
        }
    }
}
