package dev.pennant.simulator;

import com.binance.connector.client.exceptions.BinanceClientException;
import com.binance.connector.client.impl.SpotClientImpl;
import com.binance.connector.client.impl.WebSocketStreamClientImpl;
import com.binance.connector.futures.client.impl.UMFuturesClientImpl;
import com.binance.connector.futures.client.impl.UMWebsocketClientImpl;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pennant.core.exchange.binance.BinanceApiException;
import dev.pennant.core.exchange.binance.BinanceErrorMapper;
import dev.pennant.core.exchange.binance.BinanceSigner;
import dev.pennant.core.exchange.binance.ExchangeInfo;
import dev.pennant.core.exchange.binance.ExchangeInfoParser;
import dev.pennant.core.exchange.binance.UserDataEvent;
import dev.pennant.core.exchange.binance.UserDataParser;
import dev.pennant.core.marketdata.KlineCsvImporter;
import dev.pennant.core.marketdata.book.DepthSynchronizer;
import dev.pennant.core.marketdata.book.SyncState;
import dev.pennant.core.marketdata.parse.DepthUpdate;
import dev.pennant.core.marketdata.parse.MarketMessageHandler;
import dev.pennant.core.marketdata.parse.MarketMessageParser;
import dev.pennant.core.model.Bar;
import dev.pennant.core.model.LiquiditySide;
import dev.pennant.core.model.Market;
import dev.pennant.core.model.Side;
import dev.pennant.core.testkit.Await;
import dev.pennant.core.testkit.SharedData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The simulator through the real Binance connectors, over loopback only. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class SimulatorConnectorTest {

    static final String KEY = "sim-test-key";
    static final String SECRET = "sim-test-secret-not-real";
    /** Inside the 12-column BTCUSDT 1m recording (2021-05-15 → 05-22). */
    static final Instant REPLAY = Instant.parse("2021-05-18T00:00:00Z");
    static final ObjectMapper JSON = new ObjectMapper();

    ExchangeSimulator sim;
    WebSocketStreamClientImpl ws;
    UMWebsocketClientImpl fws;
    final List<Integer> wsIds = new ArrayList<>();
    final List<Integer> fwsIds = new ArrayList<>();

    ExchangeSimulator start(double speed, Integer weightLimit) throws Exception {
        ExchangeSimulator.Builder b = ExchangeSimulator.builder().dataDir(SharedData.binance()).port(0).speed(speed)
                .replayStart(REPLAY).apiKey(KEY, SECRET.toCharArray());
        if (weightLimit != null) b.weightLimit(weightLimit);
        sim = b.start();
        return sim;
    }

    SpotClientImpl spot() {
        return new SpotClientImpl(KEY, SECRET, sim.baseUrl());
    }

    @AfterEach
    void tearDown() {
        // never closeAllConnections(): it shuts the connector's JVM-wide dispatcher down
        wsIds.forEach(id -> ws.closeConnection(id));
        fwsIds.forEach(id -> fws.closeConnection(id));
        if (sim != null) {
            long end = System.currentTimeMillis() + 1000; // let the close handshakes finish before the server stops
            while (sim.counters().wsOpen() > 0 && System.currentTimeMillis() < end) {
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            sim.close();
        }
    }

    static Map<String, Object> params(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }

    static String await(BlockingQueue<String> q, Predicate<String> want, long millis) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        for (long left; (left = end - System.currentTimeMillis()) > 0; ) {
            String m = q.poll(left, TimeUnit.MILLISECONDS);
            if (m != null && want.test(m)) return m;
        }
        throw new AssertionError("no matching message within " + millis + " ms");
    }

    void awaitOpen(int n) throws InterruptedException {
        long end = System.currentTimeMillis() + 15_000; // a deadline: generous for loaded CI machines
        while (sim.counters().wsOpen() < n && System.currentTimeMillis() < end) Thread.sleep(20);
        assertThat(sim.counters().wsOpen()).isGreaterThanOrEqualTo(n);
    }

    @Test
    void exchangeInfoRoundTripsThroughTheParser() throws Exception {
        start(0, null);
        String body = spot().createMarket().exchangeInfo(params());
        ExchangeInfo info = new ExchangeInfoParser().parse(Market.SPOT, body);
        ExchangeInfo recorded = new ExchangeInfoParser().parse(Market.SPOT,
                SimMarket.readText(SharedData.file("exchangeInfo/spot/exchangeInfo-spot-full-20230908.json.gz")));
        assertThat(info.instruments()).hasSize(recorded.instruments().size()).hasSizeGreaterThan(1000);
        assertThat(info.instrument("BTCUSDT").orElseThrow()).isEqualTo(recorded.instrument("BTCUSDT").orElseThrow());
        assertThat(info.rateLimits()).isEqualTo(recorded.rateLimits());

        String one = spot().createMarket().exchangeInfo(params("symbol", "ETHUSDT"));
        assertThat(new ExchangeInfoParser().parse(Market.SPOT, one).instruments()).extracting(i -> i.symbol())
                .containsExactly("ETHUSDT");

        ExchangeInfo fut = new ExchangeInfoParser().parse(Market.USDM_FUTURES,
                new UMFuturesClientImpl(sim.baseUrl()).market().exchangeInfo());
        assertThat(fut.instrument("BTCUSDT")).isPresent();
        assertThat(fut.rateLimits()).anyMatch(r -> r.type().equals("REQUEST_WEIGHT") && r.limit() == 2400);
    }

    @Test
    void describeListsTheRecordedIntervalsOfEveryReplayedSymbolAndFinerOnesAreEmpty() throws Exception {
        start(0, null);
        String text = sim.describe();
        assertThat(text.lines().filter(l -> l.startsWith("SPOT: ")).findFirst().orElseThrow())
                .contains(" symbols, replaying BNBUSDT 1h,4h,1d; BTCUSDT 1m,1h,4h,1d; ETHUSDT 1m,1h,4h,1d; ");
        assertThat(text.lines().filter(l -> l.startsWith("USDM_FUTURES: ")).findFirst().orElseThrow())
                .endsWith(" symbols, replaying BTCUSDT 1h,4h; ETHUSDT 1h; LTCUSDT 1m");
        // what that means for a client: 1m futures BTCUSDT klines do not exist, 1h are recorded, 2h aggregated
        UMFuturesClientImpl fut = new UMFuturesClientImpl(sim.baseUrl());
        assertThat(JSON.readTree(fut.market().klines(new LinkedHashMap<>(params("symbol", "BTCUSDT", "interval", "1m")))))
                .isEmpty();
        assertThat(JSON.readTree(fut.market().klines(new LinkedHashMap<>(params("symbol", "BTCUSDT", "interval", "1h")))))
                .hasSize(500);
        assertThat(JSON.readTree(fut.market().klines(new LinkedHashMap<>(params("symbol", "BTCUSDT", "interval", "2h")))))
                .hasSize(500);
    }

    @Test
    void klinesThroughTheConnectorEqualTheRecordedRows() throws Exception {
        start(0, null);
        long from = Instant.parse("2021-05-16T00:00:00Z").toEpochMilli();
        String body = spot().createMarket().klines(params("symbol", "BTCUSDT", "interval", "1m", "startTime", from,
                "limit", 300));
        JsonNode rows = JSON.readTree(body);
        List<Bar> recorded = new KlineCsvImporter().read(SharedData.btc1m()).bars().stream()
                .filter(b -> b.openTime() >= from).limit(300).toList();
        assertThat(rows).hasSize(300);
        for (int i = 0; i < 300; i++) {
            JsonNode r = rows.get(i);
            Bar b = recorded.get(i);
            assertThat(r.get(0).asLong()).isEqualTo(b.openTime());
            assertThat(new BigDecimal(r.get(1).asText())).isEqualByComparingTo(b.open());
            assertThat(new BigDecimal(r.get(2).asText())).isEqualByComparingTo(b.high());
            assertThat(new BigDecimal(r.get(3).asText())).isEqualByComparingTo(b.low());
            assertThat(new BigDecimal(r.get(4).asText())).isEqualByComparingTo(b.close());
            assertThat(new BigDecimal(r.get(5).asText())).isEqualByComparingTo(b.volume());
            assertThat(r.get(6).asLong()).isEqualTo(b.closeTime());
            assertThat(new BigDecimal(r.get(7).asText())).isEqualByComparingTo(b.quoteVolume());
            assertThat(r.get(8).asLong()).isEqualTo(b.trades());
        }
        // nothing after the replay cursor is revealed
        String future = spot().createMarket().klines(params("symbol", "BTCUSDT", "interval", "1m",
                "startTime", REPLAY.plusSeconds(3600).toEpochMilli()));
        assertThat(JSON.readTree(future)).isEmpty();
        // the last bar without a range is the one forming at the cursor
        JsonNode last = JSON.readTree(spot().createMarket().klines(params("symbol", "BTCUSDT", "interval", "1h",
                "limit", 2)));
        assertThat(last).hasSize(2);
        assertThat(last.get(1).get(0).asLong()).isEqualTo(REPLAY.toEpochMilli());
    }

    @Test
    void signedOrderIsAcceptedAndFilled() throws Exception {
        start(0, null);
        SpotClientImpl c = spot();
        String body = c.createTrade().newOrder(params("symbol", "BTCUSDT", "side", "BUY", "type", "MARKET",
                "quantity", "0.01000", "newClientOrderId", "sim-1"));
        UserDataParser.OrderResponse r = new UserDataParser().spotOrderResponse(body);
        assertThat(r.venueStatus()).isEqualTo("FILLED");
        assertThat(r.fills()).hasSize(1);
        assertThat(r.fills().getFirst().price()).isEqualByComparingTo(sim.price(Market.SPOT, "BTCUSDT"));
        JsonNode account = JSON.readTree(c.createTrade().account(params()));
        BigDecimal btc = null;
        for (JsonNode b : account.get("balances")) if (b.get("asset").asText().equals("BTC")) btc = new BigDecimal(b.get("free").asText());
        assertThat(btc).isEqualByComparingTo("1.00999000"); // 1 + 0.01 - 0.1 % fee
        assertThat(JSON.readTree(c.createTrade().myTrades(params("symbol", "BTCUSDT")))).hasSize(1);
        // a resting limit order shows in openOrders and can be cancelled
        c.createTrade().newOrder(params("symbol", "BTCUSDT", "side", "BUY", "type", "LIMIT", "timeInForce", "GTC",
                "quantity", "0.001", "price", "20000", "newClientOrderId", "sim-2"));
        assertThat(JSON.readTree(c.createTrade().getOpenOrders(params("symbol", "BTCUSDT")))).hasSize(1);
        JsonNode cancelled = JSON.readTree(c.createTrade().cancelOrder(params("symbol", "BTCUSDT",
                "origClientOrderId", "sim-2")));
        assertThat(cancelled.get("status").asText()).isEqualTo("CANCELED");
        assertThatThrownBy(() -> c.createTrade().cancelOrder(params("symbol", "BTCUSDT", "origClientOrderId", "sim-2")))
                .isInstanceOfSatisfying(BinanceClientException.class, e -> assertThat(e.getErrorCode()).isEqualTo(-2011));
    }

    @Test
    void responsesCarryWeightAndOrderCountHeaders() throws Exception {
        start(0, null);
        Await.clearOfMinuteBoundary(Duration.ofSeconds(15)); // the weights below add up within one calendar minute
        HttpClient http = HttpClient.newHttpClient();
        String query;
        try (BinanceSigner signer = BinanceSigner.hmac(SECRET.toCharArray())) {
            query = signer.signedQuery("symbol=BTCUSDT&side=BUY&type=MARKET&quantity=0.001&timestamp="
                    + System.currentTimeMillis());
        }
        HttpResponse<String> order = http.send(HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/api/v3/order?" + query))
                .header("X-MBX-APIKEY", KEY).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(order.statusCode()).isEqualTo(200);
        assertThat(order.headers().firstValue("X-MBX-USED-WEIGHT-1M")).hasValue("1");
        assertThat(order.headers().firstValue("X-MBX-ORDER-COUNT-10S")).hasValue("1");
        assertThat(order.headers().firstValue("X-MBX-ORDER-COUNT-1D")).hasValue("1");
        HttpResponse<String> k = http.send(HttpRequest.newBuilder(URI.create(sim.baseUrl()
                + "/api/v3/klines?symbol=BTCUSDT&interval=1m")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(k.headers().firstValue("X-MBX-USED-WEIGHT-1M")).hasValue("3");
        assertThat(k.headers().firstValue("X-MBX-ORDER-COUNT-10S")).isEmpty();
    }

    @Test
    void restingLimitOrderFillsWhenTheReplayReachesItsPrice() throws Exception {
        start(0, null);
        SpotClientImpl c = spot();
        // the lowest low of the next 30 recorded minutes, strictly below the current price
        List<Bar> next = new KlineCsvImporter().read(SharedData.btc1m()).bars().stream()
                .filter(b -> b.openTime() > REPLAY.toEpochMilli() && b.openTime() <= REPLAY.toEpochMilli() + 30 * 60_000L)
                .toList();
        BigDecimal low = next.stream().map(Bar::low).min(BigDecimal::compareTo).orElseThrow();
        BigDecimal now = sim.price(Market.SPOT, "BTCUSDT");
        assertThat(low).isLessThan(now);
        String listenKey = JSON.readTree(c.createUserData().createListenKey()).get("listenKey").asText();
        BlockingQueue<String> q = new LinkedBlockingQueue<>();
        ws = new WebSocketStreamClientImpl(sim.wsBaseUrl());
        wsIds.add(ws.listenUserStream(listenKey, q::add));
        awaitOpen(1);
        c.createTrade().newOrder(params("symbol", "BTCUSDT", "side", "BUY", "type", "LIMIT", "timeInForce", "GTC",
                "quantity", "0.001", "price", low.toPlainString(), "newClientOrderId", "lim-1"));
        assertThat(JSON.readTree(c.createTrade().getOrder(params("symbol", "BTCUSDT", "origClientOrderId", "lim-1")))
                .get("status").asText()).isEqualTo("NEW");
        sim.advanceReplay(java.time.Duration.ofMinutes(31));
        String trade = await(q, m -> m.contains("\"x\":\"TRADE\""), 20_000);
        UserDataEvent.OrderUpdate u = (UserDataEvent.OrderUpdate) new UserDataParser().parse(Market.SPOT, trade);
        assertThat(u.fill().price()).isEqualByComparingTo(low);
        assertThat(u.fill().liquiditySide()).isEqualTo(LiquiditySide.MAKER);
        assertThat(JSON.readTree(c.createTrade().getOrder(params("symbol", "BTCUSDT", "origClientOrderId", "lim-1")))
                .get("status").asText()).isEqualTo("FILLED");
        // listen key keep-alive and close, then the key is gone (-1125)
        c.createUserData().extendListenKey(params("listenKey", listenKey));
        c.createUserData().closeListenKey(params("listenKey", listenKey));
        assertThatThrownBy(() -> c.createUserData().extendListenKey(params("listenKey", listenKey)))
                .isInstanceOfSatisfying(BinanceClientException.class, e -> assertThat(e.getErrorCode()).isEqualTo(-1125));
        // a key not kept alive for 60 minutes expires and its stream is told so
        String second = JSON.readTree(c.createUserData().createListenKey()).get("listenKey").asText();
        BlockingQueue<String> q2 = new LinkedBlockingQueue<>();
        wsIds.add(ws.listenUserStream(second, q2::add));
        awaitOpen(2);
        sim.setClockOffset(61 * 60_000L);
        assertThat(await(q2, m -> m.contains("listenKeyExpired"), 20_000)).contains(second);
    }

    @Test
    void wrongSecretIsRejectedWithMinus1022() throws Exception {
        start(0, null);
        SpotClientImpl wrong = new SpotClientImpl(KEY, "not-the-secret", sim.baseUrl());
        assertThatThrownBy(() -> wrong.createTrade().account(params()))
                .isInstanceOfSatisfying(BinanceClientException.class, e -> {
                    assertThat(e.getErrorCode()).isEqualTo(-1022);
                    assertThat(new BinanceErrorMapper(System::currentTimeMillis).map(e.getHttpStatusCode(),
                            e.getErrorCode(), e.getErrMsg(), null)).isInstanceOf(BinanceApiException.InvalidSignature.class);
                });
        SpotClientImpl unknown = new SpotClientImpl("someone-else", SECRET, sim.baseUrl());
        assertThatThrownBy(() -> unknown.createTrade().account(params()))
                .isInstanceOfSatisfying(BinanceClientException.class, e -> {
                    assertThat(e.getErrorCode()).isEqualTo(-2015);
                    assertThat(e.getHttpStatusCode()).isEqualTo(401);
                });
    }

    @Test
    void staleTimestampIsRejectedWithMinus1021() throws Exception {
        start(0, null);
        sim.setClockOffset(120_000); // the server is two minutes ahead: the client's timestamp is outside recvWindow
        assertThatThrownBy(() -> spot().createTrade().account(params()))
                .isInstanceOfSatisfying(BinanceClientException.class, e -> {
                    assertThat(e.getErrorCode()).isEqualTo(-1021);
                    assertThat(e.getErrMsg()).contains("recvWindow");
                });
        sim.setClockOffset(-5_000); // the client is ahead of the server by more than 1 s
        assertThatThrownBy(() -> spot().createTrade().account(params()))
                .isInstanceOfSatisfying(BinanceClientException.class, e -> assertThat(e.getErrorCode()).isEqualTo(-1021));
        sim.setClockOffset(0);
        assertThat(JSON.readTree(spot().createTrade().account(params())).get("accountType").asText()).isEqualTo("SPOT");
    }

    @Test
    void filterViolationsNameTheFilter() throws Exception {
        start(0, null);
        assertThatThrownBy(() -> spot().createTrade().newOrder(params("symbol", "BTCUSDT", "side", "BUY",
                "type", "LIMIT", "timeInForce", "GTC", "quantity", "0.000001", "price", "20000")))
                .isInstanceOfSatisfying(BinanceClientException.class, e -> {
                    assertThat(e.getErrorCode()).isEqualTo(-1013);
                    assertThat(e.getErrMsg()).isEqualTo("Filter failure: LOT_SIZE");
                    BinanceApiException mapped = new BinanceErrorMapper(System::currentTimeMillis)
                            .map(e.getHttpStatusCode(), e.getErrorCode(), e.getErrMsg(), null);
                    assertThat(((BinanceApiException.FilterFailure) mapped).filter()).isEqualTo("LOT_SIZE");
                });
        assertThatThrownBy(() -> spot().createTrade().newOrder(params("symbol", "BTCUSDT", "side", "BUY",
                "type", "LIMIT", "timeInForce", "GTC", "quantity", "0.001", "price", "20000.001")))
                .isInstanceOfSatisfying(BinanceClientException.class,
                        e -> assertThat(e.getErrMsg()).isEqualTo("Filter failure: PRICE_FILTER"));
        assertThatThrownBy(() -> spot().createTrade().newOrder(params("symbol", "BTCUSDT", "side", "BUY",
                "type", "LIMIT", "timeInForce", "GTC", "quantity", "0.0001", "price", "20000")))
                .isInstanceOfSatisfying(BinanceClientException.class,
                        e -> assertThat(e.getErrMsg()).isEqualTo("Filter failure: NOTIONAL"));
    }

    @Test
    void marketOrderFillReachesTheUserDataStreamAsAFill() throws Exception {
        start(0, null);
        SpotClientImpl c = spot();
        String listenKey = JSON.readTree(c.createUserData().createListenKey()).get("listenKey").asText();
        BlockingQueue<String> q = new LinkedBlockingQueue<>();
        ws = new WebSocketStreamClientImpl(sim.wsBaseUrl());
        wsIds.add(ws.listenUserStream(listenKey, q::add));
        awaitOpen(1);
        c.createTrade().newOrder(params("symbol", "BTCUSDT", "side", "SELL", "type", "MARKET", "quantity", "0.02",
                "newClientOrderId", "ud-1"));
        UserDataParser parser = new UserDataParser();
        String trade = await(q, m -> m.contains("\"executionReport\"") && m.contains("\"x\":\"TRADE\""), 20_000);
        UserDataEvent.OrderUpdate u = (UserDataEvent.OrderUpdate) parser.parse(Market.SPOT, trade);
        assertThat(u.fill()).isNotNull();
        assertThat(u.fill().clientOrderId()).isEqualTo("ud-1");
        assertThat(u.fill().side()).isEqualTo(Side.SELL);
        assertThat(u.fill().quantity()).isEqualByComparingTo("0.02");
        assertThat(u.fill().price()).isEqualByComparingTo(sim.price(Market.SPOT, "BTCUSDT"));
        assertThat(u.fill().liquiditySide()).isEqualTo(LiquiditySide.TAKER);
        assertThat(u.fill().commissionAsset()).isEqualTo("USDT");
        String pos = await(q, m -> m.contains("outboundAccountPosition"), 20_000);
        UserDataEvent.AccountPosition ap = (UserDataEvent.AccountPosition) parser.parse(Market.SPOT, pos);
        assertThat(ap.balances()).anySatisfy(b -> {
            assertThat(b.asset()).isEqualTo("BTC");
            assertThat(b.free()).isEqualByComparingTo("0.98");
        });
    }

    @Test
    void futuresMarketOrderPushesOrderTradeUpdateAndAccountUpdate() throws Exception {
        start(0, null);
        UMFuturesClientImpl f = new UMFuturesClientImpl(KEY, SECRET, sim.baseUrl());
        String listenKey = JSON.readTree(f.userData().createListenKey()).get("listenKey").asText();
        BlockingQueue<String> q = new LinkedBlockingQueue<>();
        fws = new UMWebsocketClientImpl(sim.futuresWsBaseUrl());
        fwsIds.add(fws.listenUserStream(listenKey, q::add));
        awaitOpen(1);
        LinkedHashMap<String, Object> p = new LinkedHashMap<>(params("symbol", "BTCUSDT", "side", "BUY",
                "type", "MARKET", "quantity", "0.010", "newClientOrderId", "fut-1"));
        String body = f.account().newOrder(p);
        assertThat(new UserDataParser().futuresOrderResponse(body).venueStatus()).isEqualTo("FILLED");
        UserDataParser parser = new UserDataParser();
        String trade = await(q, m -> m.contains("ORDER_TRADE_UPDATE") && m.contains("\"x\":\"TRADE\""), 20_000);
        UserDataEvent.OrderUpdate u = (UserDataEvent.OrderUpdate) parser.parse(Market.USDM_FUTURES, trade);
        assertThat(u.fill().quantity()).isEqualByComparingTo("0.010");
        assertThat(u.fill().price()).isEqualByComparingTo(sim.price(Market.USDM_FUTURES, "BTCUSDT"));
        String acc = await(q, m -> m.contains("ACCOUNT_UPDATE"), 20_000);
        UserDataEvent.FuturesAccountUpdate au = (UserDataEvent.FuturesAccountUpdate) parser.parse(Market.USDM_FUTURES, acc);
        assertThatThrownBy(() -> f.account().newOrder(new LinkedHashMap<>(params("symbol", "BTCUSDT", "side", "BUY",
                "type", "MARKET", "quantity", "0.0001"))))
                .isInstanceOfSatisfying(com.binance.connector.futures.client.exceptions.BinanceClientException.class,
                        e -> assertThat(e.getErrorCode()).isEqualTo(-4004));
        assertThat(au.positions()).singleElement().satisfies(pp -> assertThat(pp.positionAmount()).isEqualByComparingTo("0.01"));
        JsonNode account = JSON.readTree(f.account().accountInformation(new LinkedHashMap<>()));
        assertThat(account.get("positions")).hasSize(1);
    }

    @Test
    void combinedStreamDeliversRecordedKlinesAndBookDiffsThatSync() throws Exception {
        start(120, null); // two 1m bars per second
        BlockingQueue<String> q = new LinkedBlockingQueue<>();
        ws = new WebSocketStreamClientImpl(sim.wsBaseUrl());
        wsIds.add(ws.combineStreams(new ArrayList<>(List.of("btcusdt@kline_1m", "btcusdt@depth@100ms")), q::add));
        List<Bar> recorded = new KlineCsvImporter().read(SharedData.btc1m()).bars();
        MarketMessageParser mp = new MarketMessageParser();
        DepthSynchronizer sync = new DepthSynchronizer("BTCUSDT", Market.SPOT,
                s -> mp.parseDepthSnapshot(s, spot().createMarket().depth(params("symbol", s, "limit", 1000))));
        int closed = 0;
        long end = System.currentTimeMillis() + 30_000; // a deadline: 1.5 s of replay when all goes well
        while ((closed < 3 || sync.state() != SyncState.LIVE || sync.eventsApplied() < 5) && System.currentTimeMillis() < end) {
            String m = q.poll(500, TimeUnit.MILLISECONDS);
            if (m == null) continue;
            JsonNode n = JSON.readTree(m);
            assertThat(n.has("stream")).isTrue();
            if (n.get("stream").asText().equals("btcusdt@kline_1m")) {
                JsonNode k = n.get("data").get("k");
                if (k.get("x").asBoolean()) {
                    long t = k.get("t").asLong();
                    Bar b = recorded.stream().filter(r -> r.openTime() == t).findFirst().orElseThrow();
                    assertThat(new BigDecimal(k.get("c").asText())).isEqualByComparingTo(b.close());
                    assertThat(new BigDecimal(k.get("v").asText())).isEqualByComparingTo(b.volume());
                    closed++;
                }
            } else {
                mp.parse(m, new MarketMessageHandler() {
                    @Override
                    public void onDepth(DepthUpdate update) {
                        sync.onEvent(update);
                    }
                });
            }
        }
        assertThat(closed).isGreaterThanOrEqualTo(3);
        assertThat(sync.state()).isEqualTo(SyncState.LIVE);
        assertThat(sync.resyncs()).isZero();
        assertThat(sync.eventsApplied()).isGreaterThanOrEqualTo(5);
    }

    @Test
    void exceedingTheWeightGives429WithRetryAfterThen418WhenHammering() throws Exception {
        start(0, 50);
        Await.clearOfMinuteBoundary(Duration.ofSeconds(15)); // 429, Retry-After and the ban all happen within one weight window
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest info = HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/api/v3/exchangeInfo?symbol=BTCUSDT")).build();
        HttpResponse<String> r1 = http.send(info, HttpResponse.BodyHandlers.ofString());
        assertThat(r1.statusCode()).isEqualTo(200);
        assertThat(r1.headers().firstValue("X-MBX-USED-WEIGHT-1M")).hasValue("20");
        http.send(info, HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> r3 = http.send(info, HttpResponse.BodyHandlers.ofString());
        assertThat(r3.statusCode()).isEqualTo(429);
        assertThat(JSON.readTree(r3.body()).get("code").asInt()).isEqualTo(-1003);
        long retry = Long.parseLong(r3.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retry).isBetween(1L, 60L);
        // the connector sees the same answer
        assertThatThrownBy(() -> spot().createMarket().ping())
                .isInstanceOfSatisfying(BinanceClientException.class, e -> assertThat(e.getHttpStatusCode()).isIn(429, 418));
        HttpResponse<String> last = null;
        for (int i = 0; i < SimLimits.HAMMER_LIMIT; i++) last = http.send(info, HttpResponse.BodyHandlers.ofString());
        assertThat(last.statusCode()).isEqualTo(418);
        assertThat(JSON.readTree(last.body()).get("msg").asText()).contains("banned until");
        assertThat(sim.counters().http429()).isGreaterThanOrEqualTo(1);
        assertThat(sim.counters().http418()).isGreaterThanOrEqualTo(1);
    }
}
