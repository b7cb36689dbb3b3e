package dev.pennant.core.exchange.binance;

import dev.pennant.core.marketdata.feed.Ticker24h;
import dev.pennant.core.marketdata.parse.DepthSnapshot;
import dev.pennant.core.model.Bar;
import dev.pennant.core.model.FilterViolationException;
import dev.pennant.core.model.Instrument;
import dev.pennant.core.model.Interval;
import dev.pennant.core.model.Market;
import dev.pennant.core.model.OrderType;
import dev.pennant.core.model.Side;
import dev.pennant.core.model.TimeInForce;
import dev.pennant.core.testkit.LoopbackServer;
import dev.pennant.core.testkit.SharedData;
import okhttp3.HttpUrl;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link BinanceRestClient} against a loopback {@link MockWebServer} playing Binance: the mock verifies the HMAC
 * signature over the raw query with a fake secret, the {@code timestamp}/{@code recvWindow} rule against its own clock,
 * the API-key header and the LOT_SIZE/PRICE_FILTER multiples (answering Binance's real error codes), and serves real
 * response fixtures from shared/data/binance.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class BinanceRestClientTest {

    static final String SECRET = "transport-test-secret-not-real";
    static final String API_KEY = "transport-test-key-not-real";
    private static final Path HTTP_JSON = Path.of("fixtures/nautilus_trader/rust-crate/spot/http_json");

    private MockWebServer server;
    private BinanceRestClient client;
    private BinanceSigner signer;
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    /** Mock server clock = local clock + this offset. */
    private final AtomicLong serverOffset = new AtomicLong();
    /** Per path: a function deciding a special answer (null = normal). */
    private volatile Function<RecordedRequest, MockResponse> override = r -> null;
    private final AtomicInteger usedWeight = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        server = LoopbackServer.start(r -> {
            requests.add(r);
            MockResponse special = override.apply(r);
            if (special != null) return special;
            return normal(r).setHeader("X-MBX-USED-WEIGHT-1M", String.valueOf(usedWeight.get()))
                    .setHeader("Content-Type", "application/json");
        });
        signer = BinanceSigner.hmac(SECRET.toCharArray());
        client = newClient(30_000);
    }

    private BinanceRestClient newClient(long maxWait) {
        return newClient(maxWait, System::currentTimeMillis);
    }

    private BinanceRestClient newClient(long maxWait, java.util.function.LongSupplier clock) {
        String base = "http://127.0.0.1:" + server.getPort();
        return new BinanceRestClient(BinanceEndpoints.withBase(base), API_KEY, signer, clock, Duration.ofSeconds(5), maxWait);
    }

    @AfterEach
    void stop() throws IOException {
        client.close();
        signer.close();
        server.shutdown();
    }

    // ---- the fake exchange -------------------------------------------------------------------------------------

    private MockResponse normal(RecordedRequest r) {
        HttpUrl url = r.getRequestUrl();
        String path = url.encodedPath();
        String method = r.getMethod();
        try {
            switch (method + " " + path) {
                case "GET /api/v3/time", "GET /fapi/v1/time" -> {
                    return json("{\"serverTime\":" + (System.currentTimeMillis() + serverOffset.get()) + "}");
                }
                case "GET /api/v3/exchangeInfo" -> {
                    return json(Files.readString(SharedData.file("exchangeInfo/spot/exchangeInfo-spot-1symbol-20250823.json")));
                }
                case "GET /api/v3/klines" -> {
                    return json(fixture("klines_response.json"));
                }
                case "GET /api/v3/depth", "GET /fapi/v1/depth" -> {
                    return json(fixture("depth_response.json"));
                }
                case "GET /api/v3/ticker/24hr" -> {
                    return json("[" + fixture("ticker_24hr_response.json") + "]");
                }
                case "GET /api/v3/ticker/bookTicker" -> {
                    return json(fixture("book_ticker_response.json"));
                }
                case "POST /api/v3/userDataStream", "POST /fapi/v1/listenKey" -> {
                    if (!API_KEY.equals(r.getHeader("X-MBX-APIKEY"))) return error(401, -2014, "API-key format invalid.");
                    return json("{\"listenKey\":\"fake-listen-key\"}");
                }
                case "POST /api/v3/order", "GET /api/v3/account" -> {
                    MockResponse denied = checkSigned(r);
                    if (denied != null) return denied;
                    if (path.equals("/api/v3/account")) return json(fixture("account_response.json"));
                    BigDecimal qty = new BigDecimal(url.queryParameter("quantity"));
                    if (qty.remainder(new BigDecimal("0.00001")).signum() != 0) {
                        return error(400, -1013, "Filter failure: LOT_SIZE");
                    }
                    String price = url.queryParameter("price");
                    if (price != null && new BigDecimal(price).remainder(new BigDecimal("0.01")).signum() != 0) {
                        return error(400, -1111, "Precision is over the maximum defined for this asset.");
                    }
                    return json(fixture("new_order_full_response.json"));
                }
                default -> {
                    return error(404, -1, "no " + method + " " + path + " on the mock");
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Binance's checks of a SIGNED request, in its order: key, signature, timestamp. */
    private MockResponse checkSigned(RecordedRequest r) {
        if (!API_KEY.equals(r.getHeader("X-MBX-APIKEY"))) return error(401, -2014, "API-key format invalid.");
        String query = r.getRequestUrl().encodedQuery();
        int at = query.lastIndexOf("&signature=");
        if (at < 0) return error(400, -1102, "Mandatory parameter 'signature' was not sent.");
        String payload = query.substring(0, at);
        String sig = URLDecoder.decode(query.substring(at + 11), StandardCharsets.UTF_8);
        if (!hmac(payload).equals(sig)) return error(400, -1022, "Signature for this request is not valid.");
        long ts = Long.parseLong(r.getRequestUrl().queryParameter("timestamp"));
        long recv = Long.parseLong(r.getRequestUrl().queryParameter("recvWindow"));
        if (!ServerTime.accepted(ts, System.currentTimeMillis() + serverOffset.get(), recv)) {
            return error(400, -1021, "Timestamp for this request is outside of the recvWindow.");
        }
        return null;
    }

    static String hmac(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String fixture(String name) throws IOException {
        return Files.readString(SharedData.file(HTTP_JSON.resolve(name).toString()));
    }

    private static MockResponse json(String body) {
        return new MockResponse().setBody(body);
    }

    private static MockResponse error(int status, int code, String msg) {
        return new MockResponse().setResponseCode(status).setHeader("Content-Type", "application/json")
                .setBody("{\"code\":" + code + ",\"msg\":\"" + msg + "\"}");
    }

    private List<RecordedRequest> calls(String method, String path) {
        return requests.stream().filter(r -> r.getMethod().equals(method)
                && r.getRequestUrl().encodedPath().equals(path)).toList();
    }

    private Instrument btc() {
        return client.exchangeInfo(Market.SPOT).instrument("BTCUSDT").orElseThrow();
    }

    // ---- tests -------------------------------------------------------------------------------------------------

    @Test
    void marketDataRequestShapesAndParsing() {
        List<Bar> bars = client.klines(Market.SPOT, "BNBBTC", Interval.H1, 1499040000000L, null, 10);
        HttpUrl k = calls("GET", "/api/v3/klines").get(0).getRequestUrl();
        assertThat(k.queryParameter("symbol")).isEqualTo("BNBBTC");
        assertThat(k.queryParameter("interval")).isEqualTo("1h");
        assertThat(k.queryParameter("startTime")).isEqualTo("1499040000000");
        assertThat(k.queryParameter("limit")).isEqualTo("10");
        assertThat(bars).isNotEmpty();
        assertThat(bars.get(0).openTime()).isEqualTo(1499040000000L);
        assertThat(bars.get(0).open()).isEqualByComparingTo("0.01634790");

        DepthSnapshot d = client.depth(Market.USDM_FUTURES, "BTCUSDT", 1000);
        assertThat(d.lastUpdateId()).isEqualTo(1027024L);
        HttpUrl du = calls("GET", "/fapi/v1/depth").get(0).getRequestUrl();
        assertThat(du.queryParameter("limit")).isEqualTo("1000");

        List<Ticker24h> tickers = client.ticker24h(Market.SPOT);
        assertThat(tickers).hasSize(1);
        assertThat(tickers.get(0).symbol()).isEqualTo("BNBBTC");
        assertThat(tickers.get(0).priceChangePercent()).isEqualByComparingTo("-95.960");
        assertThat(calls("GET", "/api/v3/ticker/24hr").get(0).getRequestUrl().querySize()).isZero();

        BinanceRestClient.BookTicker bt = client.bookTicker(Market.SPOT, "BTCUSDT");
        assertThat(bt.symbol()).isEqualTo("LTCBTC"); // the fixture's symbol
        assertThat(calls("GET", "/api/v3/ticker/bookTicker").get(0).getRequestUrl().queryParameter("symbol"))
                .isEqualTo("BTCUSDT");
        // market data carries no key and no signature
        assertThat(requests).allMatch(r -> r.getHeader("X-MBX-APIKEY") == null
                && r.getRequestUrl().queryParameter("signature") == null);
        assertThat(client.lastLatencyMillis()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void limitOrderIsRoundedToTheFiltersSignedWithTheKeyAndServerTime() {
        serverOffset.set(-20_000); // the exchange's clock is 20 s behind ours: only a synced timestamp is accepted
        Instrument btc = btc();
        UserDataParser.OrderResponse resp = client.newOrder(btc, new BinanceRestClient.NewOrder(Side.BUY,
                OrderType.LIMIT, TimeInForce.GTC, new BigDecimal("0.0012345678"), new BigDecimal("65000.126"),
                "pennant-1", null));
        assertThat(resp.orderId()).isEqualTo(28);
        RecordedRequest order = calls("POST", "/api/v3/order").get(0);
        HttpUrl u = order.getRequestUrl();
        assertThat(u.queryParameter("quantity")).isEqualTo("0.00123");
        assertThat(u.queryParameter("price")).isEqualTo("65000.13");
        assertThat(u.queryParameter("timeInForce")).isEqualTo("GTC");
        assertThat(u.queryParameter("newClientOrderId")).isEqualTo("pennant-1");
        assertThat(u.queryParameter("newOrderRespType")).isEqualTo("FULL");
        assertThat(order.getHeader("X-MBX-APIKEY")).isEqualTo(API_KEY);
        assertThat(order.getBodySize()).isZero();
        String q = u.encodedQuery();
        assertThat(q).endsWith("&signature=" + hmac(q.substring(0, q.lastIndexOf("&signature="))));
        assertThat(calls("GET", "/api/v3/time")).hasSize(1); // synced once before the first signed call
        assertThat(client.timeSync(Market.SPOT).offsetMillis()).isBetween(-21_000L, -19_000L);
        // market orders use the lot step too; no -1013/-1111 was ever answered
        client.newOrder(btc, new BinanceRestClient.NewOrder(Side.SELL, OrderType.MARKET, null,
                new BigDecimal("0.000199999"), null, "pennant-2", new BigDecimal("65000")));
        assertThat(calls("POST", "/api/v3/order").get(1).getRequestUrl().queryParameter("quantity")).isEqualTo("0.00019");
        assertThat(client.governor(Market.SPOT).throttledResponses()).isZero();
    }

    @Test
    void anOrderBreakingAFilterAfterRoundingIsNotSent() {
        Instrument btc = btc();
        int before = requests.size();
        // 0.000004 BTC rounds to 0 (< minQty 0.00001); 0.0001 BTC at 10 USDT is 0.001 USDT notional (< 5)
        assertThatThrownBy(() -> client.newOrder(btc, new BinanceRestClient.NewOrder(Side.BUY, OrderType.LIMIT, null,
                new BigDecimal("0.000004"), new BigDecimal("65000"), "x", null)))
                .isInstanceOf(FilterViolationException.class).hasMessageContaining("LOT_SIZE");
        assertThatThrownBy(() -> client.newOrder(btc, new BinanceRestClient.NewOrder(Side.BUY, OrderType.LIMIT, null,
                new BigDecimal("0.0001"), new BigDecimal("10"), "y", null)))
                .isInstanceOf(FilterViolationException.class).hasMessageContaining("NOTIONAL");
        assertThat(requests).hasSize(before);
    }

    @Test
    void timestampRejectedOnceResyncsAndRetriesOnce() {
        Instrument btc = btc();
        client.syncTime(Market.SPOT);
        serverOffset.set(30_000); // the exchange's clock jumps: our timestamp is now 30 s old → -1021
        client.account(Market.SPOT);
        assertThat(calls("GET", "/api/v3/account")).hasSize(2); // rejected, then accepted after the resync
        assertThat(calls("GET", "/api/v3/time")).hasSize(2);
        assertThat(client.timeSync(Market.SPOT).offsetMillis()).isBetween(29_000L, 31_000L);
        assertThat(btc.symbol()).isEqualTo("BTCUSDT");
    }

    @Test
    void invalidSignatureIsNeverRetriedAndNamesTheKeyPair() {
        BinanceSigner wrong = BinanceSigner.hmac("another-fake-secret".toCharArray());
        try (BinanceRestClient c = new BinanceRestClient(BinanceEndpoints.withBase("http://127.0.0.1:" + server.getPort()),
                API_KEY, wrong, System::currentTimeMillis, Duration.ofSeconds(5), 5_000)) {
            assertThatThrownBy(() -> c.account(Market.SPOT))
                    .isInstanceOf(BinanceApiException.InvalidSignature.class)
                    .hasMessageContaining("-1022").hasMessageContaining("key / secret pair is wrong")
                    .hasMessageNotContaining("another-fake-secret").hasMessageNotContaining("signature=");
        } finally {
            wrong.close();
        }
        assertThat(calls("GET", "/api/v3/account")).hasSize(1);
    }

    @Test
    void rejectedOrderSurfacesBinancesReason() {
        Instrument btc = btc();
        override = r -> r.getRequestUrl().encodedPath().equals("/api/v3/order")
                ? error(400, -2010, "Account has insufficient balance for requested action.") : null;
        assertThatThrownBy(() -> client.newOrder(btc, new BinanceRestClient.NewOrder(Side.BUY, OrderType.LIMIT, null,
                new BigDecimal("1"), new BigDecimal("65000"), "z", null)))
                .isInstanceOfSatisfying(BinanceApiException.OrderRejected.class, e -> {
                    assertThat(e.code()).isEqualTo(-2010);
                    assertThat(e.reason()).isEqualTo("Account has insufficient balance for requested action.");
                    assertThat(e.isCancel()).isFalse();
                });
        assertThat(calls("POST", "/api/v3/order")).hasSize(1);
    }

    @Test
    void governorTakesTheServersWeightHeaderAndHoldsBackLowerPriorities() {
        client.close();
        long midMinute = (System.currentTimeMillis() / 60_000) * 60_000 + 30_000; // fixed: the window never rolls over here
        client = newClient(200, () -> midMinute);
        usedWeight.set(5_000); // another program on this IP used 5000 of 6000
        client.serverTime(Market.SPOT);
        WeightGovernor.Usage w = client.governor(Market.SPOT).usage().stream()
                .filter(u -> u.limit().type().equals("REQUEST_WEIGHT")).findFirst().orElseThrow();
        assertThat(w.used()).isGreaterThanOrEqualTo(5_000);
        int before = requests.size();
        // MARKET_DATA may fill 85 % of 90 % of 6000 = 4590 < 5000: the depth call is not sent
        assertThatThrownBy(() -> client.depth(Market.SPOT, "BTCUSDT", 100))
                .isInstanceOfSatisfying(BinanceApiException.RateLimited.class,
                        e -> assertThat(e.httpStatus()).isZero());
        assertThat(requests).hasSize(before);
    }

    @Test
    void burstAgainstA429BacksOffUntilRetryAfterAndNeverSeesA418() {
        AtomicInteger n = new AtomicInteger();
        AtomicLong bannedUntil = new AtomicLong();
        AtomicInteger got429 = new AtomicInteger();
        AtomicInteger got418 = new AtomicInteger();
        AtomicLong answered429At = new AtomicLong();
        override = r -> {
            if (!r.getRequestUrl().encodedPath().equals("/api/v3/ticker/bookTicker")) return null;
            long now = System.currentTimeMillis();
            if (now < bannedUntil.get()) { // Binance bans IPs that keep sending after a 429
                got418.incrementAndGet();
                return error(418, -1003, "Way too many requests; IP banned until " + (now + 120_000) + ".");
            }
            if (n.incrementAndGet() == 20) {
                got429.incrementAndGet();
                bannedUntil.set(now + 1_000);
                answered429At.set(now);
                return error(429, -1003, "Too many requests.").setHeader("Retry-After", "1");
            }
            return null;
        };
        int ok = 0;
        int limited = 0;
        long t0 = System.nanoTime();
        for (int i = 0; i < 60; i++) {
            try {
                client.bookTicker(Market.SPOT, "BTCUSDT");
                ok++;
            } catch (BinanceApiException.RateLimited e) {
                limited++;
                assertThat(e.httpStatus()).isEqualTo(429);
                // Retry-After: 1 counts from the answer (compared with the answer's time, not "now": a stall would pass it)
                assertThat(e.retryAtMillis()).isGreaterThanOrEqualTo(answered429At.get() + 900);
            }
        }
        assertThat(got429.get()).isEqualTo(1);
        assertThat(got418.get()).isZero();
        assertThat(limited).isEqualTo(1);
        assertThat(ok).isEqualTo(59);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
        assertThat(client.governor(Market.SPOT).throttledResponses()).isEqualTo(1);
    }

    @Test
    void listenKeyCallsCarryTheApiKeyWithoutSignature() throws Exception {
        ListenKeyManager.ListenKeyApi api = client.listenKeyApi(Market.USDM_FUTURES);
        assertThat(api.create()).isEqualTo("fake-listen-key");
        RecordedRequest r = calls("POST", "/fapi/v1/listenKey").get(0);
        assertThat(r.getHeader("X-MBX-APIKEY")).isEqualTo(API_KEY);
        assertThat(r.getRequestUrl().queryParameter("signature")).isNull();
        assertThat(client.createListenKey(Market.SPOT)).isEqualTo("fake-listen-key");
        assertThat(Map.of("calls", requests.size())).containsEntry("calls", 2);
    }
}
