package dev.pennant.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pennant.core.exchange.binance.BinanceSigner;
import dev.pennant.core.model.Market;
import dev.pennant.core.testkit.SharedData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ExchangeSimulator#orderRequestCount()}: one per request to an order endpoint, spot and USDⓈ-M, placements
 * and cancels, accepted or rejected, served or not; never for queries, listen keys or market data. Requests are
 * sent by hand (JDK HttpClient, signed with {@link BinanceSigner}) so each one is known and counted by the test.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SimulatorOrderRequestCountTest {

    private static final String KEY = "count-test-key";
    private static final String SECRET = "count-test-secret-not-real";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private ExchangeSimulator sim;
    private BinanceSigner signer;

    @BeforeEach
    void start() throws IOException {
        // paused replay inside the recorded BTCUSDT 1m spot data; the resting orders below never fill
        sim = ExchangeSimulator.builder().dataDir(SharedData.binance()).port(0).speed(0)
                .replayStart(Instant.parse("2021-05-18T00:00:00Z")).apiKey(KEY, SECRET.toCharArray()).start();
        signer = BinanceSigner.hmac(SECRET.toCharArray());
    }

    @AfterEach
    void stop() {
        if (signer != null) signer.close();
        if (sim != null) sim.close();
    }

    @Test
    void countsEveryPlacementAndCancelAcceptedOrNot() throws Exception {
        assertThat(sim.orderRequestCount()).isZero();

        // not order requests: market data, time, a signed order query, open orders, a listen key
        assertThat(send("GET", "/api/v3/depth?symbol=BTCUSDT&limit=5", false).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/fapi/v1/klines?symbol=BTCUSDT&interval=1h&limit=2", false).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/api/v3/order?" + signed("symbol=BTCUSDT&orderId=1"), true).statusCode()).isEqualTo(400);
        assertThat(send("GET", "/fapi/v1/openOrders?" + signed("symbol=BTCUSDT"), true).statusCode()).isEqualTo(200);
        assertThat(send("POST", "/api/v3/userDataStream", true).statusCode()).isEqualTo(200);
        assertThat(sim.orderRequestCount()).isZero();
        long placedBefore = sim.counters().ordersPlaced();

        // spot: a market buy (filled), a resting limit buy, its cancel, the same cancel again (-2011 unknown order)
        assertThat(send("POST", "/api/v3/order?" + signed("symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.001"), true)
                .statusCode()).isEqualTo(200);
        assertThat(send("POST", "/api/v3/order?" + signed("symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC"
                + "&quantity=0.001&price=20000&newClientOrderId=count-1"), true).statusCode()).isEqualTo(200);
        assertThat(send("DELETE", "/api/v3/order?" + signed("symbol=BTCUSDT&origClientOrderId=count-1"), true)
                .statusCode()).isEqualTo(200);
        HttpResponse<String> again = send("DELETE", "/api/v3/order?" + signed("symbol=BTCUSDT&origClientOrderId=count-1"),
                true);
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(again.body()).get("code").asInt()).isEqualTo(-2011);
        assertThat(sim.orderRequestCount()).isEqualTo(4);

        // spot placements rejected before any trading: no API key (401), a wrong signature (-1022)
        assertThat(send("POST", "/api/v3/order?" + signed("symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.001"), false)
                .statusCode()).isEqualTo(401);
        HttpResponse<String> badSig = send("POST", "/api/v3/order?symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.001"
                + "&timestamp=" + serverTime() + "&signature=" + "0".repeat(64), true);
        assertThat(JSON.readTree(badSig.body()).get("code").asInt()).isEqualTo(-1022);
        assertThat(sim.orderRequestCount()).isEqualTo(6);

        // USDⓈ-M: a market buy (filled), a resting limit buy 3 % under the price, its cancel
        assertThat(send("POST", "/fapi/v1/order?" + signed("symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.010"), true)
                .statusCode()).isEqualTo(200);
        BigDecimal below = sim.price(Market.USDM_FUTURES, "BTCUSDT").multiply(new BigDecimal("0.97"))
                .setScale(1, RoundingMode.DOWN); // BTCUSDT futures tick 0.10
        HttpResponse<String> resting = send("POST", "/fapi/v1/order?" + signed("symbol=BTCUSDT&side=BUY&type=LIMIT"
                + "&timeInForce=GTC&quantity=0.010&price=" + below.toPlainString() + "&newClientOrderId=count-2"), true);
        assertThat(resting.statusCode()).as(resting.body()).isEqualTo(200);
        JsonNode cancelled = JSON.readTree(send("DELETE", "/fapi/v1/order?"
                + signed("symbol=BTCUSDT&origClientOrderId=count-2"), true).body());
        assertThat(cancelled.get("status").asText()).isEqualTo("CANCELED");
        assertThat(sim.orderRequestCount()).isEqualTo(9);

        // order endpoints the simulator does not serve (404) still count: a batch, a modify, a spot OCO list
        assertThat(send("POST", "/fapi/v1/batchOrders?" + signed("batchOrders=%5B%5D"), true).statusCode()).isEqualTo(404);
        assertThat(send("PUT", "/fapi/v1/order?" + signed("symbol=BTCUSDT&orderId=1&side=BUY&quantity=0.01&price=1"),
                true).statusCode()).isIn(404, 405);
        assertThat(send("POST", "/api/v3/orderList/oco?" + signed("symbol=BTCUSDT"), true).statusCode()).isEqualTo(404);
        assertThat(sim.orderRequestCount()).isEqualTo(12);

        // of the 12 requests, 4 placements were accepted (2 spot, 2 futures)
        assertThat(sim.counters().ordersPlaced() - placedBefore).isEqualTo(4);
    }

    @Test
    void orderEndpointMatchIgnoresTrailingSlashAndQueryOnlyMethodsAndPaths() {
        assertThat(ExchangeSimulator.isOrderEndpoint("POST", "/api/v3/order")).isTrue();
        assertThat(ExchangeSimulator.isOrderEndpoint("DELETE", "/fapi/v1/order/")).isTrue();
        assertThat(ExchangeSimulator.isOrderEndpoint("GET", "/api/v3/order")).isFalse();
        assertThat(ExchangeSimulator.isOrderEndpoint("GET", "/fapi/v1/openOrders")).isFalse();
        assertThat(ExchangeSimulator.isOrderEndpoint("DELETE", "/api/v3/openOrders")).isTrue();
        assertThat(ExchangeSimulator.isOrderEndpoint("POST", "/api/v3/userDataStream")).isFalse();
    }

    /** {@code query&timestamp=<server time>&signature=<HMAC-SHA256>}, timed by the simulator's own clock. */
    private String signed(String query) throws Exception {
        return signer.signedQuery(query + "&timestamp=" + serverTime());
    }

    private long serverTime() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/api/v3/time")).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body()).get("serverTime").asLong();
    }

    private HttpResponse<String> send(String method, String pathAndQuery, boolean withKey) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sim.baseUrl() + pathAndQuery))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (withKey) b.header("X-MBX-APIKEY", KEY);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
