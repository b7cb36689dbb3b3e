package dev.pennant.core.exchange.binance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pennant.core.model.Market;
import dev.pennant.core.testkit.LoopbackServer;
import dev.pennant.core.testkit.SharedData;
import okhttp3.WebSocket;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link BinanceUserDataStream} with {@link BinanceRestClient}'s listenKey calls against a loopback
 * {@link MockWebServer}: the listenKey REST endpoints and {@code /ws/<listenKey>} pushing the real executionReport
 * fixture of shared/data/binance/fixtures/nautilus_trader.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class BinanceUserDataStreamTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private MockWebServer server;
    private BinanceRestClient rest;
    private BinanceSigner signer;
    private BinanceUserDataStream stream;
    private final AtomicInteger keysCreated = new AtomicInteger();
    private final List<String> socketPaths = new CopyOnWriteArrayList<>();
    private final BlockingQueue<WebSocket> sockets = new LinkedBlockingQueue<>();
    private final List<RecordedRequest> deletes = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = LoopbackServer.start(r -> {
            String path = r.getRequestUrl().encodedPath();
            if (path.equals("/api/v3/userDataStream")) {
                if (!BinanceRestClientTest.API_KEY.equals(r.getHeader("X-MBX-APIKEY"))) {
                    return new MockResponse().setResponseCode(401).setBody("{\"code\":-2014,\"msg\":\"API-key format invalid.\"}");
                }
                return switch (r.getMethod()) {
                    case "POST" -> new MockResponse().setBody("{\"listenKey\":\"fake-key-" + keysCreated.incrementAndGet() + "\"}");
                    case "DELETE" -> {
                        deletes.add(r);
                        yield new MockResponse().setBody("{}");
                    }
                    default -> new MockResponse().setBody("{}");
                };
            }
            if (path.startsWith("/ws/fake-key-") || path.startsWith("/fstream/ws/fake-key-")) {
                socketPaths.add(path);
                return LoopbackServer.webSocket(sockets::add);
            }
            return new MockResponse().setResponseCode(404);
        });
        signer = BinanceSigner.hmac(BinanceRestClientTest.SECRET.toCharArray());
        rest = new BinanceRestClient(BinanceEndpoints.withBase("http://127.0.0.1:" + server.getPort()),
                BinanceRestClientTest.API_KEY, signer);
    }

    @AfterEach
    void stop() throws IOException {
        if (stream != null) stream.close();
        rest.close();
        signer.close();
        server.shutdown();
    }

    @Test
    void executionReportIsParsedAndTheStreamSurvivesDropsAndKeyExpiry() throws Exception {
        String fixture = Files.readString(SharedData.file(
                "fixtures/nautilus_trader/python-tests/ws_messages/ws_spot_execution_report_new.json"));
        JsonNode want = JSON.readTree(fixture).path("data");
        BlockingQueue<UserDataEvent> events = new LinkedBlockingQueue<>();
        List<String> threads = new CopyOnWriteArrayList<>();
        stream = new BinanceUserDataStream(Market.SPOT, rest.endpoints().spotWs(), rest.listenKeyApi(Market.SPOT),
                System::currentTimeMillis, e -> {
                    threads.add(Thread.currentThread().getName());
                    events.add(e);
                }, Duration.ofMillis(50), Duration.ofMillis(200));
        stream.start();

        WebSocket ws = sockets.poll(20, TimeUnit.SECONDS);
        assertThat(ws).isNotNull();
        assertThat(socketPaths).containsExactly("/ws/fake-key-1");
        ws.send(fixture);
        UserDataEvent e = events.poll(20, TimeUnit.SECONDS);
        assertThat(e).isInstanceOfSatisfying(UserDataEvent.OrderUpdate.class, o -> {
            assertThat(o.market()).isEqualTo(Market.SPOT);
            assertThat(o.orderId()).isEqualTo(want.path("i").asLong());
            assertThat(o.clientOrderId()).isEqualTo(want.path("c").asText());
            assertThat(o.executionType()).isEqualTo("NEW");
            assertThat(o.venueStatus()).isEqualTo("NEW");
            assertThat(o.order().symbol()).isEqualTo("ETHUSDT");
            assertThat(o.order().quantity()).isEqualByComparingTo(new BigDecimal(want.path("q").asText()));
            assertThat(o.fill()).isNull();
        });
        assertThat(threads).containsExactly("user-data-SPOT"); // one reader thread, in order

        // the server drops the socket: reconnect with the same key
        ws.close(1001, "going away");
        WebSocket ws2 = sockets.poll(20, TimeUnit.SECONDS);
        assertThat(ws2).isNotNull();
        assertThat(socketPaths).containsExactly("/ws/fake-key-1", "/ws/fake-key-1");
        ws2.send(fixture);
        assertThat(events.poll(20, TimeUnit.SECONDS)).isInstanceOf(UserDataEvent.OrderUpdate.class);

        // the key lapses: Binance says listenKeyExpired → a new key and a new socket on it
        ws2.send("{\"e\":\"listenKeyExpired\",\"E\":1759347763999,\"listenKey\":\"fake-key-1\"}");
        assertThat(events.poll(20, TimeUnit.SECONDS)).isInstanceOfSatisfying(UserDataEvent.Other.class,
                o -> assertThat(o.eventType()).isEqualTo("listenKeyExpired"));
        WebSocket ws3 = sockets.poll(20, TimeUnit.SECONDS);
        assertThat(ws3).isNotNull();
        assertThat(keysCreated.get()).isEqualTo(2);
        assertThat(socketPaths).last().isEqualTo("/ws/fake-key-2");
        ws3.send(fixture);
        assertThat(events.poll(20, TimeUnit.SECONDS)).isInstanceOf(UserDataEvent.OrderUpdate.class);
        assertThat(stream.connects()).isEqualTo(3);

        stream.close();
        assertThat(deletes).hasSize(1);
        assertThat(deletes.get(0).getRequestUrl().queryParameter("listenKey")).isEqualTo("fake-key-2");
    }

    @Test
    void futuresEventsAreParsedWithTheFuturesFormats() throws Exception {
        BlockingQueue<UserDataEvent> events = new LinkedBlockingQueue<>();
        ListenKeyManager.ListenKeyApi api = new ListenKeyManager.ListenKeyApi() {
            @Override
            public String create() {
                return "fake-key-9";
            }

            @Override
            public void keepAlive(String key) {
            }

            @Override
            public void close(String key) {
            }
        };
        stream = new BinanceUserDataStream(Market.USDM_FUTURES, rest.endpoints().futuresWs(), api,
                System::currentTimeMillis, events::add, Duration.ofMillis(50), Duration.ofMillis(200));
        stream.start();
        WebSocket ws = sockets.poll(20, TimeUnit.SECONDS);
        assertThat(ws).isNotNull();
        ws.send("{\"e\":\"MARGIN_CALL\",\"E\":1587727187525,\"cw\":\"3.16812045\",\"p\":[{\"s\":\"ETHUSDT\",\"ps\":\"LONG\","
                + "\"pa\":\"1.327\",\"mt\":\"CROSSED\",\"iw\":\"0\",\"mp\":\"187.17127\",\"up\":\"-1.166074\","
                + "\"mm\":\"1.614445\"}]}");
        assertThat(events.poll(20, TimeUnit.SECONDS)).isInstanceOf(UserDataEvent.MarginCall.class);
    }
}
