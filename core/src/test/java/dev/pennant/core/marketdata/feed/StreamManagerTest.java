package dev.pennant.core.marketdata.feed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link StreamManager} against a loopback {@link MockWebServer} that accepts combined-stream WebSocket upgrades,
 * records every connection's URL streams and SUBSCRIBE/UNSUBSCRIBE messages with their arrival times, and enforces
 * Binance's 1024-streams-per-connection rule.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class StreamManagerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the server saw on one connection. */
    static final class ServerConn {
        final Set<String> streams = ConcurrentHashMap.newKeySet();
        final List<Long> messageNanos = new CopyOnWriteArrayList<>();
        final List<String> urlStreams;
        volatile WebSocket socket;
        volatile boolean overLimit;

        ServerConn(List<String> urlStreams) {
            this.urlStreams = urlStreams;
            streams.addAll(urlStreams);
        }
    }

    private MockWebServer server;
    private StreamManager manager;
    private final List<ServerConn> conns = new CopyOnWriteArrayList<>();
    private final BlockingQueue<ServerConn> opened = new LinkedBlockingQueue<>();

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String path = request.getRequestUrl().encodedPath();
                if (!path.equals("/stream")) return new MockResponse().setResponseCode(404);
                String q = request.getRequestUrl().queryParameter("streams");
                ServerConn c = new ServerConn(q == null ? List.of() : Arrays.asList(q.split("/")));
                conns.add(c);
                return new MockResponse().withWebSocketUpgrade(new WebSocketListener() {
                    @Override
                    public void onOpen(WebSocket webSocket, Response response) {
                        c.socket = webSocket;
                        opened.add(c);
                    }

                    @Override
                    public void onMessage(WebSocket webSocket, String text) {
                        c.messageNanos.add(System.nanoTime());
                        try {
                            JsonNode m = JSON.readTree(text);
                            boolean sub = m.path("method").asText().equals("SUBSCRIBE");
                            for (JsonNode p : m.path("params")) {
                                if (sub) c.streams.add(p.asText());
                                else c.streams.remove(p.asText());
                            }
                            if (c.streams.size() > 1024) c.overLimit = true;
                            webSocket.send("{\"result\":null,\"id\":" + m.path("id").asInt() + "}");
                        } catch (IOException e) {
                            webSocket.close(1008, "bad message");
                        }
                    }

                    @Override
                    public void onClosing(WebSocket webSocket, int code, String reason) {
                        webSocket.close(1000, null);
                    }
                });
            }
        });
        server.start(InetAddress.getByName("127.0.0.1"), 0);
    }

    @AfterEach
    void stop() throws IOException {
        if (manager != null) manager.close();
        server.shutdown(); // (a server-side MockWebServer WebSocket cannot be cancel()ed: NPE, no Call)
    }

    private StreamManager newManager(StreamManager.Options o) {
        manager = new StreamManager("ws://127.0.0.1:" + server.getPort(), "test", o);
        return manager;
    }

    private static StreamManager.Options fast() {
        return StreamManager.Options.defaults().withBackoff(Duration.ofMillis(50), Duration.ofMillis(200));
    }

    private static String frame(String stream, int n) {
        return "{\"stream\":\"" + stream + "\",\"data\":{\"e\":\"test\",\"n\":" + n + "}}";
    }

    private static void await(BooleanSupplier cond, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for " + what);
            Thread.sleep(10);
        }
    }

    private boolean allConnected() {
        List<StreamHealth> h = manager.health();
        return !h.isEmpty() && h.stream().allMatch(s -> s.state() == StreamHealth.State.CONNECTED);
    }

    /** Binance allows at most 5 messages in any second: the 6th must come ≥ 1 s after the 1st. */
    private static void assertPaced(List<Long> nanos) {
        for (int i = 5; i < nanos.size(); i++) {
            assertThat(nanos.get(i) - nanos.get(i - 5)).as("messages %d..%d", i - 5, i)
                    .isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(1000));
        }
    }

    @Test
    void moreThan1024StreamsAreSplitOverConnections() throws Exception {
        newManager(fast());
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 1500; i++) names.add("sym" + i + "usdt@depth@100ms");
        for (String n : names) manager.subscribe(n, (s, f) -> { });
        await(this::allConnected, "all 1500 streams subscribed");
        // the client marks a stream connected when it sends SUBSCRIBE; let the server read the last messages too
        await(() -> conns.stream().mapToInt(c -> c.streams.size()).sum() >= names.size(), "server saw all SUBSCRIBEs");

        assertThat(manager.streamsPerConnection()).containsExactly(1024, 476);
        assertThat(conns).hasSize(2);
        Set<String> union = new LinkedHashSet<>();
        for (ServerConn c : conns) {
            assertThat(c.overLimit).isFalse();
            assertThat(c.streams.size()).isLessThanOrEqualTo(1024);
            assertThat(c.urlStreams.size()).isLessThanOrEqualTo(100);
            assertPaced(c.messageNanos);
            union.addAll(c.streams);
        }
        assertThat(union).containsExactlyInAnyOrderElementsOf(names);
    }

    @Test
    void subscribeMessagesArePacedToFivePerSecond() throws Exception {
        newManager(fast().withBatching(1, 1)); // one stream per message, to make many messages
        manager.subscribe("a@trade", (s, f) -> { });
        ServerConn c = opened.poll(20, TimeUnit.SECONDS);
        assertThat(c).isNotNull();
        await(this::allConnected, "first stream");
        for (int i = 0; i < 11; i++) manager.subscribe("s" + i + "@trade", (s, f) -> { });
        await(() -> c.streams.size() == 12, "11 SUBSCRIBE messages");

        assertThat(c.messageNanos).hasSize(11);
        assertPaced(c.messageNanos);
        assertThat(manager.messagesSent()).isEqualTo(11);
        // and unsubscribing is paced the same way
        for (int i = 0; i < 6; i++) manager.unsubscribe("s" + i + "@trade");
        await(() -> c.streams.size() == 6, "6 UNSUBSCRIBE messages");
        assertPaced(c.messageNanos);
        assertThat(manager.health()).hasSize(6);
    }

    @Test
    void framesReachTheirHandlerOnTheConnectionsReaderThread() throws Exception {
        newManager(fast());
        BlockingQueue<String> got = new LinkedBlockingQueue<>();
        List<String> threads = new CopyOnWriteArrayList<>();
        manager.subscribe("a@trade", (s, f) -> {
            got.add(s + " " + f);
            threads.add(Thread.currentThread().getName());
        });
        manager.subscribe("b@trade", (s, f) -> got.add(s + " " + f));
        ServerConn c = opened.poll(20, TimeUnit.SECONDS);
        await(this::allConnected, "both streams");
        c.socket.send(frame("b@trade", 1));
        c.socket.send(frame("a@trade", 2));
        c.socket.send(frame("zzz@trade", 3)); // not subscribed: dropped
        assertThat(got.poll(20, TimeUnit.SECONDS)).isEqualTo("b@trade " + frame("b@trade", 1));
        assertThat(got.poll(20, TimeUnit.SECONDS)).isEqualTo("a@trade " + frame("a@trade", 2));
        assertThat(got.poll(200, TimeUnit.MILLISECONDS)).isNull();
        assertThat(threads).containsExactly("streams-test-1");
        assertThat(manager.health()).allMatch(h -> h.lastMessageTime() > 0);
    }

    @Test
    void reconnectsWithAllStreamsAfterTheServerDropsTheSocket() throws Exception {
        newManager(fast());
        BlockingQueue<String> got = new LinkedBlockingQueue<>();
        manager.subscribe("a@trade", (s, f) -> got.add(f));
        ServerConn first = opened.poll(20, TimeUnit.SECONDS);
        await(this::allConnected, "a");
        manager.subscribe("b@trade", (s, f) -> got.add(f)); // added by SUBSCRIBE
        await(() -> first.streams.size() == 2, "b subscribed");
        first.socket.send(frame("a@trade", 1));
        assertThat(got.poll(20, TimeUnit.SECONDS)).contains("\"n\":1");

        first.socket.close(1008, "Too many requests"); // Binance's policy close; the 24 h disconnect is the same path
        ServerConn second = opened.poll(20, TimeUnit.SECONDS);
        assertThat(second).isNotNull();
        await(this::allConnected, "reconnected");
        assertThat(second.streams).containsExactlyInAnyOrder("a@trade", "b@trade");
        second.socket.send(frame("b@trade", 2));
        assertThat(got.poll(20, TimeUnit.SECONDS)).contains("\"n\":2");

        second.socket.close(1001, "going away"); // what Binance sends at the 24 h forced disconnect
        ServerConn third = opened.poll(20, TimeUnit.SECONDS);
        assertThat(third).isNotNull();
        assertThat(third.streams).containsExactlyInAnyOrder("a@trade", "b@trade");
        assertThat(manager.connectsMade()).isEqualTo(3);
    }

    @Test
    void silentStreamIsLaggingAndASilentConnectionIsReconnected() throws Exception {
        newManager(fast().withSilence(Duration.ofMillis(300), Duration.ofMillis(800)));
        manager.subscribe("quiet@trade", (s, f) -> { });
        ServerConn first = opened.poll(20, TimeUnit.SECONDS);
        assertThat(first).isNotNull();
        // the detail of the very health that said LAGGING: the watchdog's reconnect 500 ms later changes both
        java.util.concurrent.atomic.AtomicReference<StreamHealth> lagging = new java.util.concurrent.atomic.AtomicReference<>();
        await(() -> {
            StreamHealth h = manager.health().get(0);
            lagging.set(h);
            return h.state() == StreamHealth.State.LAGGING;
        }, "LAGGING");
        assertThat(lagging.get().detail()).contains("no data");
        ServerConn second = opened.poll(20, TimeUnit.SECONDS); // the watchdog gave up on the silent connection
        assertThat(second).isNotNull();
        assertThat(manager.connectsMade()).isGreaterThanOrEqualTo(2);
        manager.close();
        assertThat(manager.health()).allMatch(h -> h.state() == StreamHealth.State.CLOSED);
    }
}
