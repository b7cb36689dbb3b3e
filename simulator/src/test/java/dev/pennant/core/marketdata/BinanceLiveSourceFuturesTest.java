package dev.pennant.core.marketdata;

import dev.pennant.core.model.Bar;
import dev.pennant.core.model.Interval;
import dev.pennant.core.model.Market;
import dev.pennant.core.testkit.Await;
import dev.pennant.core.testkit.BarAssertions;
import dev.pennant.core.testkit.FakeKlineExchange;
import dev.pennant.core.testkit.KlineJson;
import dev.pennant.core.testkit.LoopbackServer;
import dev.pennant.core.testkit.RecordingBarSink;
import dev.pennant.core.testkit.SharedData;
import dev.pennant.simulator.ExchangeSimulator;
import okhttp3.HttpUrl;
import okhttp3.WebSocket;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static dev.pennant.core.testkit.RecordingBarSink.openTimes;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link BinanceLiveSource} on USDⓈ-M futures: against a loopback {@link MockWebServer} playing Binance futures
 * ({@code GET /fapi/v1/klines} answered from real BTCUSDT 1h futures rows of the shared data, the kline stream at
 * {@code /ws/btcusdt@kline_1h} as {@code UMWebsocketClientImpl} opens it), and end to end against the local
 * {@link ExchangeSimulator}'s {@code /fstream}.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BinanceLiveSourceFuturesTest {

    private static final Duration WAIT = Duration.ofSeconds(30); // a deadline, not a pause
    private static final long HOUR = 3_600_000L;
    private static List<Bar> history;

    private MockWebServer server;
    private FakeKlineExchange exchange;
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
        exchange = new FakeKlineExchange("/fapi/v1", "/ws/btcusdt@kline_", history);
        server = LoopbackServer.start(exchange::dispatch);
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
        exchange.now.set(50);
        RecordingBarSink sink = new RecordingBarSink(false);
        source = newSource(Interval.H1, 20);
        source.start(sink);

        WebSocket ws = nextSocket();
        awaitTrue(() -> sink.last() == SourceStatus.State.RUNNING, "RUNNING after the stream opened");
        assertThat(exchange.streamPaths).containsExactly("/ws/btcusdt@kline_1h");
        HttpUrl first = exchange.klineCalls.get(0);
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
        exchange.now.set(52);
        ws.send(event(history.get(51), true));
        awaitTrue(() -> sink.closed.size() == 22, "bars 50 and 51 closed from the stream");

        assertThat(openTimes(sink.closed)).containsExactlyElementsOf(openTimes(history.subList(30, 52)));
        for (Bar got : sink.closed) {
            assertSameValues(got, history.stream().filter(b -> b.openTime() == got.openTime()).findFirst().orElseThrow());
        }
        assertThat(sink.closed.getFirst().close()).isEqualByComparingTo(history.get(30).close());
        assertThat(exchange.klineCalls).hasSize(1);
        assertThat(sink.threads).containsExactly("live-BTCUSDT");
        assertThat(sink.maxConcurrent.get()).isEqualTo(1);
        SourceStatus st = source.status();
        assertThat(st.description()).isEqualTo("Live USD-M futures BTCUSDT 1h from 127.0.0.1:" + server.getPort());
        assertThat(st.barsDelivered()).isEqualTo(22);
        assertThat(source.market()).isEqualTo(Market.USDM_FUTURES);
    }

    @Test
    void reconnectsAfterTheServerClosesTheStreamAndBackfillsWithoutHole() throws Exception {
        exchange.now.set(50);
        RecordingBarSink sink = new RecordingBarSink(false);
        source = newSource(Interval.H1, 10);
        source.start(sink);
        WebSocket ws = nextSocket();
        awaitTrue(() -> sink.last() == SourceStatus.State.RUNNING, "RUNNING");

        exchange.now.set(55); // bars 50..54 close while the client is away
        ws.close(1001, "going away");
        WebSocket ws2 = nextSocket();
        awaitTrue(() -> sink.last() == SourceStatus.State.RUNNING && sink.closed.size() == 15,
                "reconnected and backfilled bars 50..54");
        assertThat(sink.statuses).anySatisfy(s -> {
            assertThat(s.state()).isEqualTo(SourceStatus.State.LAGGING);
            assertThat(s.message()).startsWith("stream closing by server").contains("reconnecting");
        });
        assertThat(exchange.klineCalls.get(1).queryParameter("startTime")).isEqualTo(String.valueOf(history.get(50).openTime()));

        ws2.send(event(history.get(55), true));
        awaitTrue(() -> sink.closed.size() == 16, "bar 55 closed from the new stream");
        assertThat(openTimes(sink.closed)).containsExactlyElementsOf(openTimes(history.subList(40, 56)));
        assertThat(sink.maxConcurrent.get()).isEqualTo(1);
    }

    @Test
    void streamSkippingAheadIsBackfilledFromFapiKlinesFirst() throws Exception {
        exchange.now.set(50);
        RecordingBarSink sink = new RecordingBarSink(false);
        source = newSource(Interval.H1, 5);
        source.start(sink);
        WebSocket ws = nextSocket();
        awaitTrue(() -> sink.last() == SourceStatus.State.RUNNING, "RUNNING");

        exchange.now.set(53);
        ws.send(event(history.get(53), false));
        awaitTrue(() -> sink.updates.size() == 2, "forming bar 53");

        assertThat(openTimes(sink.closed)).containsExactlyElementsOf(openTimes(history.subList(45, 53)));
        HttpUrl gap = exchange.klineCalls.get(1);
        assertThat(gap.encodedPath()).isEqualTo("/fapi/v1/klines");
        assertThat(gap.queryParameter("startTime")).isEqualTo(String.valueOf(history.get(50).openTime()));
        assertThat(gap.queryParameter("endTime")).isEqualTo(String.valueOf(history.get(53).openTime() - 1));
        assertThat(sink.warmup.stream().map(Bar::openTime).toList()).contains(history.get(52).openTime());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Interval.class)
    void everyIntervalRequestsAndSubscribesItsBinanceCode(Interval interval) throws Exception {
        exchange.emptyKlines = true;
        RecordingBarSink sink = new RecordingBarSink(false);
        source = newSource(interval, 3);
        source.start(sink);
        nextSocket();
        awaitTrue(() -> sink.last() == SourceStatus.State.RUNNING, "RUNNING");
        assertThat(exchange.klineCalls.get(0).queryParameter("interval")).isEqualTo(interval.code());
        assertThat(exchange.streamPaths).containsExactly("/ws/btcusdt@kline_" + interval.code());
        assertThat(source.status().description()).endsWith(" BTCUSDT " + interval.code() + " from 127.0.0.1:"
                + server.getPort());
    }

    @Test
    void restRefusalFailsNamingTheFuturesRequest() throws Exception {
        String url = "http://127.0.0.1:" + server.getPort();
        RecordingBarSink sink = new RecordingBarSink(false);
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
        assertThat(BinanceLiveSource.probe(Market.USDM_FUTURES, live, Duration.ofSeconds(20))).isEmpty();
        Optional<String> spot = BinanceLiveSource.probe(Market.SPOT, live, Duration.ofSeconds(20));
        assertThat(spot).hasValueSatisfying(r -> assertThat(r).contains("HTTP 404"));
    }

    @Test
    void endToEndAgainstTheExchangeSimulatorFuturesStreams() throws Exception {
        // 2 h of recorded futures time per wall second: a closed 1h bar every half second.
        try (ExchangeSimulator sim = ExchangeSimulator.builder().dataDir(SharedData.binance()).port(0).speed(7200)
                .replayStart(Instant.parse("2025-03-01T00:00:00Z")).start()) {
            RecordingBarSink sink = new RecordingBarSink(false);
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

    @Test
    void anEmptyBackfillIsReportedPlainlyOnceTheStreamRuns() throws Exception {
        // The simulator records BTCUSDT futures in 1h and 4h only: GET /fapi/v1/klines?interval=1m answers [].
        try (ExchangeSimulator sim = ExchangeSimulator.builder().dataDir(SharedData.binance()).port(0).speed(60)
                .start()) {
            RecordingBarSink sink = new RecordingBarSink(false);
            source = new BinanceLiveSource(Market.USDM_FUTURES, "BTCUSDT", Interval.M1, sim.baseUrl(),
                    sim.futuresWsBaseUrl(), 300, Duration.ofMillis(50), Duration.ofMillis(500), Duration.ofSeconds(30));
            source.start(sink);
            awaitTrue(() -> sink.last() == SourceStatus.State.RUNNING, "RUNNING on the simulator");

            SourceStatus running = sink.statuses.getLast();
            assertThat(running.barsDelivered()).isZero();
            assertThat(running.message()).isEqualTo("The venue returned no 1m klines for BTCUSDT (USD-M futures)");
            assertThat(running.emptyChartReason()).isEqualTo(running.message());
            assertThat(sink.closed).isEmpty();
            source.close();

            // the same symbol in a recorded interval: bars, no reason
            RecordingBarSink h1 = new RecordingBarSink(false);
            source = new BinanceLiveSource(Market.USDM_FUTURES, "BTCUSDT", Interval.H1, sim.baseUrl(),
                    sim.futuresWsBaseUrl(), 300, Duration.ofMillis(50), Duration.ofMillis(500), Duration.ofSeconds(30));
            source.start(h1);
            awaitTrue(() -> h1.last() == SourceStatus.State.RUNNING, "RUNNING at 1h");
            assertThat(h1.closed).hasSize(300);
            assertThat(h1.statuses.getLast().message()).isEmpty();
            assertThat(h1.statuses.getLast().emptyChartReason()).isEmpty();
        }
    }

    // ---- fake exchange ---------------------------------------------------------------------------------------------

    /** A futures kline stream event (USDⓈ-M "Kline/Candlestick Streams" shape). */
    private static String event(Bar b, boolean closed) {
        return KlineJson.streamEvent(b, "BTCUSDT", "1h", closed);
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    private BinanceLiveSource newSource(Interval interval, int backfill) {
        return new BinanceLiveSource(Market.USDM_FUTURES, "BTCUSDT", interval, "http://127.0.0.1:" + server.getPort(),
                "ws://127.0.0.1:" + server.getPort(), backfill, Duration.ofMillis(20), Duration.ofMillis(200),
                Duration.ofSeconds(30));
    }

    private WebSocket nextSocket() throws InterruptedException {
        return exchange.nextSocket(WAIT, "the source opened the futures kline stream");
    }

    private static void assertSameValues(Bar got, Bar want) {
        BarAssertions.assertSameOhlcv(got, want);
        assertThat(got.quoteVolume()).isEqualByComparingTo(want.quoteVolume());
        assertThat(got.takerBuyQuoteVolume()).isEqualByComparingTo(want.takerBuyQuoteVolume());
    }

    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        Await.until(condition, WAIT, what);
    }
}
