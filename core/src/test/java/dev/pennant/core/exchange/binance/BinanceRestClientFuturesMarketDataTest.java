package dev.pennant.core.exchange.binance;

import dev.pennant.core.marketdata.feed.AggTrade;
import dev.pennant.core.marketdata.feed.FundingRate;
import dev.pennant.core.marketdata.feed.MarkPrice;
import dev.pennant.core.marketdata.feed.OpenInterest;
import dev.pennant.core.marketdata.feed.Trade;
import dev.pennant.core.model.Market;
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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Mark price, funding rate, open interest, trades and aggregate trades of {@link BinanceRestClient}: mapping of the
 * real response fixtures in {@code shared/data/binance/fixtures/nautilus_trader/python-tests/http_responses} (values
 * asserted as they are in the files), the request shapes, the documented weights charged to the governor, and
 * Binance errors mapped — against a loopback {@link MockWebServer}.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class BinanceRestClientFuturesMarketDataTest {

    /** 2024-06-01T12:00:30Z: mid-minute, so no weight window boundary falls inside a test. */
    private static final long FIXED_NOW = 1_717_243_230_000L;

    private static final String HTTP = "fixtures/nautilus_trader/python-tests/http_responses/";

    private MockWebServer server;
    private BinanceRestClient client;
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private volatile MockResponse override;

    @BeforeEach
    void start() throws IOException {
        server = LoopbackServer.start(r -> {
            requests.add(r);
            MockResponse o = override;
            if (o != null) return o;
            String file = switch (r.getRequestUrl().encodedPath()) {
                case "/fapi/v1/premiumIndex" -> "http_futures_market_premium_index.json";
                case "/fapi/v1/fundingRate" -> "http_futures_market_funding_rate.json";
                case "/fapi/v1/openInterest" -> "http_futures_market_open_interest.json";
                case "/fapi/v1/aggTrades" -> "http_futures_market_agg_trades.json";
                case "/fapi/v1/trades" -> "http_futures_market_trades.json";
                case "/api/v3/aggTrades" -> "http_spot_market_agg_trades.json";
                case "/api/v3/trades" -> "http_spot_market_trades.json";
                default -> null;
            };
            if (file == null) {
                return new MockResponse().setResponseCode(404).setBody("{\"code\":-1,\"msg\":\"no such path\"}");
            }
            return new MockResponse().setHeader("Content-Type", "application/json").setBody(fixture(file));
        });
        // a fixed instant mid-minute: the governor's weight windows never roll over during a test (public calls only)
        client = new BinanceRestClient(BinanceEndpoints.withBase("http://127.0.0.1:" + server.getPort()), null, null,
                () -> FIXED_NOW, Duration.ofSeconds(5), 5_000);
    }

    @AfterEach
    void stop() throws IOException {
        client.close();
        server.shutdown();
    }

    private static String fixture(String name) {
        try {
            return Files.readString(SharedData.file(HTTP + name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpUrl last() {
        return requests.getLast().getRequestUrl();
    }

    // ---- mapping on the real fixtures, request shapes --------------------------------------------------------------

    @Test
    void markPriceFromPremiumIndex() {
        MarkPrice mp = client.markPrice("BTCUSDT");

        assertThat(mp).isEqualTo(new MarkPrice("BTCUSDT", new BigDecimal("11793.63104562"),
                new BigDecimal("11781.80495970"), new BigDecimal("0.00038246"), 1597392000000L, 1597370495002L));
        assertThat(last().encodedPath()).isEqualTo("/fapi/v1/premiumIndex");
        assertThat(last().query()).isEqualTo("symbol=BTCUSDT");
        assertThat(requests.getLast().getMethod()).isEqualTo("GET");
        assertThat(requests.getLast().getHeader("X-MBX-APIKEY")).isNull();
    }

    @Test
    void fundingRateHistory() {
        List<FundingRate> rates = client.fundingRates("BTCUSDT", 1570608000000L, 1570636800000L, 2);

        assertThat(rates).containsExactly(
                new FundingRate("BTCUSDT", 1570608000000L, new BigDecimal("-0.03750000"), null),
                new FundingRate("BTCUSDT", 1570636800000L, new BigDecimal("0.00010000"), null));
        assertThat(last().encodedPath()).isEqualTo("/fapi/v1/fundingRate");
        assertThat(last().query()).isEqualTo("symbol=BTCUSDT&startTime=1570608000000&endTime=1570636800000&limit=2");

        client.fundingRates("ETHUSDT", null, null, 0);
        assertThat(last().query()).isEqualTo("symbol=ETHUSDT");
    }

    @Test
    void fundingRateWithMarkPriceAndEmptyMarkPrice() {
        override = new MockResponse().setBody("[{\"symbol\":\"BTCUSDT\",\"fundingRate\":\"0.00010000\","
                + "\"fundingTime\":1700000000000,\"markPrice\":\"37000.12000000\"},{\"symbol\":\"BTCUSDT\","
                + "\"fundingRate\":\"-0.00002000\",\"fundingTime\":1700028800000,\"markPrice\":\"\"}]");
        assertThat(client.fundingRates("BTCUSDT", null, null, 0)).containsExactly(
                new FundingRate("BTCUSDT", 1700000000000L, new BigDecimal("0.00010000"), new BigDecimal("37000.12000000")),
                new FundingRate("BTCUSDT", 1700028800000L, new BigDecimal("-0.00002000"), null));
    }

    @Test
    void openInterest() {
        assertThat(client.openInterest("BTCUSDT"))
                .isEqualTo(new OpenInterest("BTCUSDT", new BigDecimal("10659.509"), 1589437530011L));
        assertThat(last().encodedPath()).isEqualTo("/fapi/v1/openInterest");
        assertThat(last().query()).isEqualTo("symbol=BTCUSDT");
    }

    @Test
    void futuresAggTradesAndTrades() {
        List<AggTrade> agg = client.aggTrades(Market.USDM_FUTURES, "BTCUSDT", 26129L, null, null, 10);
        assertThat(agg).containsExactly(new AggTrade(Market.USDM_FUTURES, "BTCUSDT", 26129, new BigDecimal("0.01633102"),
                new BigDecimal("4.70443515"), 27781, 27781, 1498793709153L, true));
        assertThat(last().encodedPath()).isEqualTo("/fapi/v1/aggTrades");
        assertThat(last().query()).isEqualTo("symbol=BTCUSDT&fromId=26129&limit=10");

        List<Trade> trades = client.trades(Market.USDM_FUTURES, "BTCUSDT", 5);
        assertThat(trades).containsExactly(new Trade(Market.USDM_FUTURES, "BTCUSDT", 28457, new BigDecimal("4.00000100"),
                new BigDecimal("12.00000000"), new BigDecimal("48.00"), 1499865549590L, true));
        assertThat(last().encodedPath()).isEqualTo("/fapi/v1/trades");
        assertThat(last().query()).isEqualTo("symbol=BTCUSDT&limit=5");
    }

    @Test
    void spotAggTradesAndTrades() {
        List<AggTrade> agg = client.aggTrades(Market.SPOT, "BTCUSDT", null, 1634944096000L, 1634944097000L, 0);
        assertThat(agg.getFirst()).isEqualTo(new AggTrade(Market.SPOT, "BTCUSDT", 966492862,
                new BigDecimal("60759.60000000"), new BigDecimal("0.00841000"), 1111480471, 1111480471,
                1634944096633L, false));
        assertThat(agg.get(2).buyerMaker()).isTrue();
        assertThat(agg.get(2).price()).isEqualByComparingTo("60759.59");
        assertThat(agg).extracting(AggTrade::id).isSorted();
        assertThat(last().encodedPath()).isEqualTo("/api/v3/aggTrades");
        assertThat(last().query()).isEqualTo("symbol=BTCUSDT&startTime=1634944096000&endTime=1634944097000");

        List<Trade> trades = client.trades(Market.SPOT, "BTCUSDT", 0);
        assertThat(trades.getFirst()).isEqualTo(new Trade(Market.SPOT, "BTCUSDT", 1111468873L,
                new BigDecimal("60650.00000000"), new BigDecimal("0.02924000"), new BigDecimal("1773.40600000"),
                1634942949263L, true));
        assertThat(trades.get(1).buyerMaker()).isFalse();
        assertThat(last().encodedPath()).isEqualTo("/api/v3/trades");
        assertThat(last().query()).isEqualTo("symbol=BTCUSDT");
    }

    // ---- governor and errors ---------------------------------------------------------------------------------------

    @Test
    void eachCallReservesItsDocumentedWeight() {
        assertThat(EndpointWeights.of("GET", "/fapi/v1/premiumIndex", 0, true).weight()).isEqualTo(1);
        assertThat(EndpointWeights.of("GET", "/fapi/v1/premiumIndex", 0, false).weight()).isEqualTo(10);
        assertThat(EndpointWeights.of("GET", "/fapi/v1/fundingRate", 0, true).weight()).isEqualTo(1);
        assertThat(EndpointWeights.of("GET", "/fapi/v1/openInterest", 0, true).weight()).isEqualTo(1);
        assertThat(EndpointWeights.of("GET", "/fapi/v1/aggTrades", 0, true).weight()).isEqualTo(20);
        assertThat(EndpointWeights.of("GET", "/fapi/v1/trades", 0, true).weight()).isEqualTo(5);
        assertThat(EndpointWeights.of("GET", "/api/v3/aggTrades", 0, true).weight()).isEqualTo(4);
        assertThat(EndpointWeights.of("GET", "/api/v3/trades", 0, true).weight()).isEqualTo(25);

        client.markPrice("BTCUSDT");
        client.fundingRates("BTCUSDT", null, null, 0);
        client.openInterest("BTCUSDT");
        client.aggTrades(Market.USDM_FUTURES, "BTCUSDT", null, null, null, 0);
        client.trades(Market.USDM_FUTURES, "BTCUSDT", 0);
        client.aggTrades(Market.SPOT, "BTCUSDT", null, null, null, 0);
        client.trades(Market.SPOT, "BTCUSDT", 0);

        assertThat(minuteWeight(Market.USDM_FUTURES)).isEqualTo(1 + 1 + 1 + 20 + 5);
        assertThat(minuteWeight(Market.SPOT)).isEqualTo(4 + 25);
    }

    private int minuteWeight(Market m) {
        return client.governor(m).usage().stream()
                .filter(u -> u.limit().type().equals("REQUEST_WEIGHT") && u.limit().windowMillis() == 60_000)
                .mapToInt(WeightGovernor.Usage::used).findFirst().orElseThrow();
    }

    @Test
    void binanceErrorsAreMappedWithTheirCode() {
        override = new MockResponse().setResponseCode(400).setHeader("Content-Type", "application/json")
                .setBody("{\"code\":-1121,\"msg\":\"Invalid symbol.\"}");
        assertThatThrownBy(() -> client.openInterest("NOSUCH"))
                .isInstanceOfSatisfying(BinanceApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(-1121);
                    assertThat(e.httpStatus()).isEqualTo(400);
                    assertThat(e.getMessage()).contains("Invalid symbol.");
                });
        override = new MockResponse().setResponseCode(429).setHeader("Retry-After", "1")
                .setBody("{\"code\":-1003,\"msg\":\"Too many requests.\"}");
        assertThatThrownBy(() -> client.markPrice("BTCUSDT")).isInstanceOf(BinanceApiException.RateLimited.class);
    }
}
