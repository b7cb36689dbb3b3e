package dev.pennant.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pennant.core.testkit.SharedData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Instant;
import java.util.StringJoiner;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** WebSocket rules of the simulator (SUBSCRIBE protocol, 5 messages/s, 1024 streams, drop hook) with the JDK client. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class SimulatorStreamRulesTest {
    static final ObjectMapper JSON = new ObjectMapper();

    ExchangeSimulator sim;
    WebSocket socket;

    /** Collects text frames and the close code (as "CLOSE <code>"). */
    static final class Listener implements WebSocket.Listener {
        final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final StringBuilder part = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            part.append(data);
            if (last) {
                frames.add(part.toString());
                part.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
            closed.complete(code);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            closed.complete(-1);
        }
    }

    Listener connect(String path) throws Exception {
        sim = sim != null ? sim : ExchangeSimulator.builder().dataDir(SharedData.binance()).speed(60)
                .replayStart(Instant.parse("2021-05-18T00:00:00Z")).apiKey("sim-test-key", "sim-test-secret-not-real".toCharArray())
                .start();
        Listener l = new Listener();
        socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(URI.create(sim.wsBaseUrl() + path), l)
                .get(30, TimeUnit.SECONDS);
        return l;
    }

    @AfterEach
    void tearDown() {
        if (socket != null) socket.abort();
        if (sim != null) sim.close();
    }

    static JsonNode awaitJson(BlockingQueue<String> q, String mustContain) throws Exception {
        long end = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < end) {
            String m = q.poll(200, TimeUnit.MILLISECONDS);
            if (m != null && m.contains(mustContain)) return JSON.readTree(m);
        }
        throw new AssertionError("no frame containing " + mustContain);
    }

    @Test
    void subscribeListUnsubscribeAndTickerArray() throws Exception {
        Listener l = connect("/ws/btcusdt@bookTicker");
        socket.sendText("{\"method\":\"SUBSCRIBE\",\"params\":[\"!ticker@arr\",\"ethusdt@aggTrade\"],\"id\":1}", true);
        assertThat(awaitJson(l.frames, "\"id\":1").get("result").isNull()).isTrue();
        socket.sendText("{\"method\":\"LIST_SUBSCRIPTIONS\",\"id\":2}", true);
        JsonNode list = awaitJson(l.frames, "\"id\":2").get("result");
        assertThat(list).extracting(JsonNode::asText).containsExactly("btcusdt@bookticker", "!ticker@arr", "ethusdt@aggtrade");
        JsonNode arr = JSON.readTree(awaitFrame(l, "24hrTicker"));
        assertThat(arr.isArray()).isTrue();
        assertThat(arr).anySatisfy(t -> assertThat(t.get("s").asText()).isEqualTo("BTCUSDT"));
        JsonNode book = awaitJson(l.frames, "\"b\":");
        assertThat(book.get("s").asText()).isEqualTo("BTCUSDT");
        assertThat(book.get("b").asDouble()).isLessThan(book.get("a").asDouble());
        socket.sendText("{\"method\":\"UNSUBSCRIBE\",\"params\":[\"!ticker@arr\"],\"id\":3}", true);
        assertThat(awaitJson(l.frames, "\"id\":3").get("result").isNull()).isTrue();
        socket.sendText("{\"method\":\"SUBSCRIBE\",\"params\":[\"nosuchsymbol@trade\"],\"id\":4}", true);
        assertThat(awaitJson(l.frames, "\"id\":4").get("error").get("code").asInt()).isEqualTo(2);
    }

    static String awaitFrame(Listener l, String mustContain) throws Exception {
        long end = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < end) {
            String m = l.frames.poll(200, TimeUnit.MILLISECONDS);
            if (m != null && m.contains(mustContain)) return m;
        }
        throw new AssertionError("no frame containing " + mustContain);
    }

    @Test
    void moreThanFiveMessagesPerSecondClosesTheConnection() throws Exception {
        Listener l = connect("/ws/btcusdt@kline_1m");
        // a burst until the server closes: on a loaded machine six sends can span more than one second, so the
        // sixth message within one second may be the 7th or 10th sent
        for (int i = 1; i <= 30 && !l.closed.isDone(); i++) {
            try {
                socket.sendText("{\"method\":\"LIST_SUBSCRIPTIONS\",\"id\":" + i + "}", true).get(20, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException closedMeanwhile) {
                break;
            }
        }
        assertThat(l.closed.get(30, TimeUnit.SECONDS)).isEqualTo(1008);
        assertThat(sim.counters().wsClosedForRate()).isEqualTo(1);
    }

    @Test
    void atMost1024StreamsPerConnection() throws Exception {
        Listener l = connect("/stream?streams=btcusdt@kline_1m");
        StringJoiner params = new StringJoiner(",");
        for (int i = 0; i < 1024; i++) params.add("\"" + sym(i).toLowerCase() + "@aggTrade\"");
        socket.sendText("{\"method\":\"SUBSCRIBE\",\"params\":[" + params + "],\"id\":7}", true);
        JsonNode r = awaitJson(l.frames, "\"id\":7");
        assertThat(r.get("error").get("msg").asText()).contains("too many streams");
        // a combined URL with more than 1024 streams is refused
        StringJoiner names = new StringJoiner("/");
        for (int i = 0; i < 1025; i++) names.add(sym(i).toLowerCase() + "@aggTrade");
        Listener big = connect("/stream?streams=" + names);
        assertThat(big.closed.get(30, TimeUnit.SECONDS)).isEqualTo(1008);
    }

    /** 1025 distinct spot symbols from the recorded exchangeInfo. */
    private String sym(int i) {
        return SYMBOLS[i];
    }

    private static final String[] SYMBOLS;

    static {
        try {
            JsonNode info = JSON.readTree(SimMarket.readText(
                    SharedData.file("exchangeInfo/spot/exchangeInfo-spot-full-20230908.json.gz")));
            SYMBOLS = new String[1100];
            for (int i = 0; i < SYMBOLS.length; i++) SYMBOLS[i] = info.get("symbols").get(i).get("symbol").asText();
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * Uses OkHttp (the client the Binance connectors use) rather than the JDK client: an abrupt TCP drop without a close
     * frame reaches OkHttp's {@code onFailure} at once, while the JDK client may not report it when idle (seen once in CI).
     */
    @Test
    void dropStreamsCutsEveryConnection() throws Exception {
        connect("/ws/btcusdt@bookTicker"); // starts the simulator; this JDK socket is dropped too
        CompletableFuture<String> ended = new CompletableFuture<>();
        BlockingQueue<String> frames = new LinkedBlockingQueue<>();
        okhttp3.OkHttpClient client = new okhttp3.OkHttpClient();
        okhttp3.WebSocket ok = client.newWebSocket(
                new okhttp3.Request.Builder().url(sim.wsBaseUrl() + "/ws/btcusdt@kline_1m").build(),
                new okhttp3.WebSocketListener() {
                    @Override
                    public void onMessage(okhttp3.WebSocket ws, String text) {
                        frames.add(text);
                    }

                    @Override
                    public void onClosing(okhttp3.WebSocket ws, int code, String reason) {
                        ended.complete("close " + code);
                    }

                    @Override
                    public void onFailure(okhttp3.WebSocket ws, Throwable t, okhttp3.Response r) {
                        ended.complete("failure");
                    }
                });
        try {
            awaitJson(frames, "\"kline\"");
            sim.dropStreams();
            assertThat(ended.get(30, TimeUnit.SECONDS)).isNotEqualTo("close 1000");
            assertThat(sim.counters().wsOpen()).isZero();
        } finally {
            ok.cancel();
            client.dispatcher().executorService().shutdown();
            client.connectionPool().evictAll();
        }
    }
}
