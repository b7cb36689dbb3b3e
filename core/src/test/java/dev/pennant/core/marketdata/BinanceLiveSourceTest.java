package dev.pennant.core.marketdata;

import dev.pennant.core.model.Bar;
import dev.pennant.core.model.Interval;
import dev.pennant.core.testkit.Await;
import dev.pennant.core.testkit.BarAssertions;
import dev.pennant.core.testkit.FakeKlineExchange;
import dev.pennant.core.testkit.KlineJson;
import dev.pennant.core.testkit.LoopbackServer;
import dev.pennant.core.testkit.RecordingBarSink;
import dev.pennant.core.testkit.SharedData;
import okhttp3.HttpUrl;
import okhttp3.WebSocket;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static dev.pennant.core.testkit.LoopbackServer.closedPort;
import static dev.pennant.core.testkit.RecordingBarSink.openTimes;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link BinanceLiveSource} against a loopback {@link MockWebServer} that plays Binance: REST klines answered from real
 * BTCUSDT 1m rows of the shared data, and the kline WebSocket stream pushing events in Binance's JSON shape.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BinanceLiveSourceTest {

    private static final Duration WAIT = Duration.ofSeconds(30); // a deadline, not a pause
    private static List<Bar> history;

    private MockWebServer server;
    private FakeKlineExchange exchange;
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
        exchange = new FakeKlineExchange("/api/v3", "/ws/btcusdt@kline_1m", history);
        server = LoopbackServer.startOnPort(exchange::dispatch, 0);
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
        exchange.now.set(50);
        RecordingBarSink sink = new RecordingBarSink(true);
        source = newSource(20);
        source.start(sink);

        WebSocket ws = nextSocket();
        awaitTrue(() -> sink.last() == SourceStatus.State.RUNNING, "RUNNING after the stream opened");
        assertThat(openTimes(sink.closed)).containsExactlyElementsOf(openTimes(history.subList(30, 50)));
        assertThat(sink.updates).hasSize(1);
        assertThat(sink.updates.get(0).openTime()).isEqualTo(history.get(50).openTime());
        assertThat(sink.updates.get(0).closed()).isFalse();
        HttpUrl first = exchange.klineCalls.get(0);
        assertThat(first.queryParameter("symbol")).isEqualTo("BTCUSDT");
        assertThat(first.queryParameter("interval")).isEqualTo("1m");
        assertThat(first.queryParameter("limit")).isEqualTo("21");

        ws.send(event(history.get(50), false));
        ws.send(event(history.get(50), true));
        ws.send(event(history.get(49), true)); // older than the last closed bar: dropped
        ws.send(event(history.get(50), true)); // repeated close: dropped
        ws.send(event(history.get(50), false)); // stale forming update: dropped
        exchange.now.set(52);
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
        assertThat(exchange.klineCalls).hasSize(1); // no gap, no extra REST call
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
        exchange.now.set(50);
        RecordingBarSink sink = new RecordingBarSink(true);
        source = newSource(10);
        source.start(sink);
        WebSocket ws = nextSocket();
        awaitTrue(() -> sink.last() == SourceStatus.State.RUNNING, "RUNNING");
        ws.send(event(history.get(50), true));
        awaitTrue(() -> sink.closed.size() == 11, "bar 50 closed from the stream");

        exchange.now.set(55); // bars 51..54 close while the client is away
        if (how.startsWith("goes down")) {
            int port = server.getPort();
            server.shutdown(); // abrupt: the client sees the TCP connection die, REST is refused meanwhile
            awaitTrue(() -> sink.statuses.stream().anyMatch(s -> s.message().startsWith("backfill failed")),
                    "a reconnect attempt failed while the server was down");
            server = LoopbackServer.startOnPort(exchange::dispatch, port);
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
        HttpUrl backfill = exchange.klineCalls.get(1);
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
        exchange.now.set(50);
        RecordingBarSink sink = new RecordingBarSink(true);
        source = newSource(5);
        source.start(sink);
        WebSocket ws = nextSocket();
        awaitTrue(() -> sink.last() == SourceStatus.State.RUNNING, "RUNNING");

        exchange.now.set(53); // the stream "missed" the closes of 50, 51 and 52
        ws.send(event(history.get(53), false));
        awaitTrue(() -> sink.updates.size() == 2, "forming bar 53");

        assertThat(openTimes(sink.closed)).containsExactlyElementsOf(openTimes(history.subList(45, 53)));
        HttpUrl gap = exchange.klineCalls.get(1);
        assertThat(gap.queryParameter("startTime")).isEqualTo(String.valueOf(history.get(50).openTime()));
        assertThat(gap.queryParameter("endTime")).isEqualTo(String.valueOf(history.get(53).openTime() - 1));
        assertThat(sink.maxConcurrent.get()).isEqualTo(1);
    }

    @Test
    void silentStreamIsTreatedAsDroppedAndReconnected() throws Exception {
        exchange.now.set(50);
        RecordingBarSink sink = new RecordingBarSink(true);
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
        exchange.now.set(51);
        ws2.send(event(history.get(50), true));
        awaitTrue(() -> sink.closed.size() == 6, "bar 50 closed on the new stream");
        assertThat(openTimes(sink.closed)).containsExactlyElementsOf(openTimes(history.subList(45, 51)));
    }

    @Test
    void unreachableRestFailsWithMessageNamingUrlAndStopsItsThread() throws Exception {
        int port = closedPort();
        String url = "http://127.0.0.1:" + port;
        RecordingBarSink sink = new RecordingBarSink(true);
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
        exchange.now.set(50);
        RecordingBarSink sink = new RecordingBarSink(true);
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
        assertThat(exchange.sockets.poll(300, TimeUnit.MILLISECONDS)).as("no reconnect after close").isNull();
    }

    @Test
    void probeAnswersEmptyForLivePortAndReasonForDeadPort() throws Exception {
        String live = "http://127.0.0.1:" + server.getPort();
        assertThat(BinanceLiveSource.probe(live, Duration.ofSeconds(20))).isEmpty();
        assertThat(BinanceLiveSource.probe(live + "/", Duration.ofSeconds(20))).isEmpty();

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

    /** A kline stream event shaped like Binance's (see shared fixtures nautilus_trader kline_stream_*.json). */
    private static String event(Bar b, boolean closed) {
        return KlineJson.streamEvent(b, "BTCUSDT", "1m", closed);
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    private BinanceLiveSource newSource(int backfill) {
        return new BinanceLiveSource("BTCUSDT", Interval.M1, "http://127.0.0.1:" + server.getPort(),
                "ws://127.0.0.1:" + server.getPort(), backfill, Duration.ofMillis(20), Duration.ofMillis(200),
                Duration.ofSeconds(30));
    }

    private WebSocket nextSocket() throws InterruptedException {
        return exchange.nextSocket(WAIT, "the source opened the kline stream");
    }

    private static Bar byOpen(long openTime) {
        return history.stream().filter(b -> b.openTime() == openTime).findFirst().orElseThrow();
    }

    private static void assertSameValues(Bar got, Bar want) {
        assertThat(got.symbol()).isEqualTo(want.symbol());
        assertThat(got.interval()).isEqualTo(want.interval());
        BarAssertions.assertSameOhlcv(got, want);
        if (want.quoteVolume() != null) {
            assertThat(got.quoteVolume()).isEqualByComparingTo(want.quoteVolume());
        }
        if (want.takerBuyQuoteVolume() != null) {
            assertThat(got.takerBuyQuoteVolume()).isEqualByComparingTo(want.takerBuyQuoteVolume());
        }
    }

    private static boolean liveThreadAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.isAlive() && t.getName().equals("live-BTCUSDT"));
    }

    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        Await.until(condition, WAIT, what);
    }
}
