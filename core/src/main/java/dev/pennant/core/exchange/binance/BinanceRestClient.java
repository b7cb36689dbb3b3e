package dev.pennant.core.exchange.binance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pennant.core.marketdata.feed.AggTrade;
import dev.pennant.core.marketdata.feed.FundingRate;
import dev.pennant.core.marketdata.feed.MarkPrice;
import dev.pennant.core.marketdata.feed.OpenInterest;
import dev.pennant.core.marketdata.feed.Ticker24h;
import dev.pennant.core.marketdata.feed.Trade;
import dev.pennant.core.marketdata.parse.DepthSnapshot;
import dev.pennant.core.marketdata.parse.MarketMessageParser;
import dev.pennant.core.model.Bar;
import dev.pennant.core.model.Instrument;
import dev.pennant.core.model.Interval;
import dev.pennant.core.model.Market;
import dev.pennant.core.model.OrderType;
import dev.pennant.core.model.Side;
import dev.pennant.core.model.TimeInForce;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Binance REST for spot ({@code /api/v3}) and USDⓈ-M futures ({@code /fapi}): market data, signed trading/account
 * calls and listenKey management, against the base URLs of a {@link BinanceEndpoints} (mainnet, testnet or the local
 * simulator).
 *
 * <p>Every call: reserves its documented cost ({@link EndpointWeights}) with the market's {@link WeightGovernor}
 * (blocking at most {@code maxWait}; a shed or too-long wait throws {@link BinanceApiException.RateLimited} with HTTP
 * status 0 and nothing is sent), sends, reports status + headers ({@code X-MBX-USED-WEIGHT-*},
 * {@code X-MBX-ORDER-COUNT-*}, {@code Retry-After}) to the governor, and maps 4xx/5xx answers with
 * {@link BinanceErrorMapper}. SIGNED calls carry {@code timestamp}/{@code recvWindow} from the market's
 * {@link ServerTime} (synced on first use) and a {@link BinanceSigner} signature over the whole query; a -1021 answer
 * resyncs the clock and retries once ({@link BinanceErrorMapper#retryOnceAfterResync}); -1022 and every other error is
 * never retried. Orders are rounded to and checked against the instrument's filters before sending, so -1013/-1111
 * and the futures -4003 family do not happen (a violation throws {@link dev.pennant.core.model.FilterViolationException}
 * and nothing is sent).
 *
 * <p>Transport: the JDK {@link HttpClient}, not the connectors' request handlers, because those hide the response
 * headers and status needed by the governor (see docs/decisions/0008-binance-http-transport.md). All parameters go in
 * the query string (Binance accepts that for POST/PUT/DELETE too), so the signature covers exactly what is sent.
 * Network failures throw {@link UncheckedIOException}. Thread-safe. The API key and secret never appear in logs or
 * exception messages.
 */
public final class BinanceRestClient implements AutoCloseable {

    /** Default {@code recvWindow}, ms. */
    public static final long RECV_WINDOW_MS = ServerTime.DEFAULT_RECV_WINDOW_MS;

    /** Spot limits until exchangeInfo announces the real ones (Binance spot, 2025). */
    public static final List<RateLimit> DEFAULT_SPOT_LIMITS = List.of(
            new RateLimit("REQUEST_WEIGHT", "MINUTE", 1, 6000),
            new RateLimit("ORDERS", "SECOND", 10, 100),
            new RateLimit("ORDERS", "DAY", 1, 200_000),
            new RateLimit("RAW_REQUESTS", "MINUTE", 5, 61_000));
    /** USDⓈ-M limits until exchangeInfo announces the real ones. */
    public static final List<RateLimit> DEFAULT_FUTURES_LIMITS = List.of(
            new RateLimit("REQUEST_WEIGHT", "MINUTE", 1, 2400),
            new RateLimit("ORDERS", "MINUTE", 1, 1200),
            new RateLimit("ORDERS", "SECOND", 10, 300));

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Authentication of an endpoint. */
    private enum Auth { NONE, API_KEY, SIGNED }

    /**
     * A new order as the caller means it; {@link #newOrder} rounds it to the filters.
     *
     * @param side           BUY/SELL
     * @param type           MARKET or LIMIT
     * @param timeInForce    for LIMIT (GTC when null); ignored for MARKET
     * @param quantity       base-asset quantity (rounded down to the lot step)
     * @param price          LIMIT price (rounded to the tick), null for MARKET
     * @param clientOrderId  Pennant's id ({@code newClientOrderId}); null lets Binance choose
     * @param referencePrice last/average (spot) or mark (futures) price for the notional and percent-price checks;
     *                       null skips those checks
     */
    public record NewOrder(Side side, OrderType type, TimeInForce timeInForce, BigDecimal quantity, BigDecimal price,
                           String clientOrderId, BigDecimal referencePrice) {
        /** @throws NullPointerException naming the missing field */
        public NewOrder {
            Objects.requireNonNull(side, "side");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(quantity, "quantity");
            if (type == OrderType.LIMIT) Objects.requireNonNull(price, "price");
        }
    }

    /**
     * Best bid/ask ({@code GET /api/v3/ticker/bookTicker}, {@code /fapi/v1/ticker/bookTicker}).
     */
    public record BookTicker(String symbol, BigDecimal bidPrice, BigDecimal bidQty, BigDecimal askPrice,
                             BigDecimal askQty) {
    }

    private final class MarketState {
        final Market market;
        final String base;
        final WeightGovernor governor;
        final ServerTime time;

        MarketState(Market market, String base, List<RateLimit> limits) {
            this.market = market;
            this.base = base.replaceAll("/+$", "");
            this.governor = new WeightGovernor(limits, clock);
            this.time = new ServerTime(clock);
        }

        String p(String spotPath, String futuresPath) {
            return market == Market.SPOT ? spotPath : futuresPath;
        }
    }

    private final BinanceEndpoints endpoints;
    private final String apiKey;
    private final BinanceSigner signer;
    private final LongSupplier clock;
    private final Duration timeout;
    private final long maxWaitMillis;
    private final HttpClient http;
    private final BinanceErrorMapper errors;
    private final Map<Market, MarketState> markets = new EnumMap<>(Market.class);
    private final ExchangeInfoParser infoParser = new ExchangeInfoParser();
    private final UserDataParser orderParser = new UserDataParser();
    private volatile long lastLatencyMillis = -1;

    /**
     * @param endpoints base URLs of both markets
     * @param apiKey    API key for {@code X-MBX-APIKEY}; null for market data only
     * @param signer    signs SIGNED calls; null for market data only (SIGNED calls then throw IllegalStateException)
     */
    public BinanceRestClient(BinanceEndpoints endpoints, String apiKey, BinanceSigner signer) {
        this(endpoints, apiKey, signer, System::currentTimeMillis, Duration.ofSeconds(10), 30_000);
    }

    /**
     * @param clock         epoch ms (governor windows, timestamps, Retry-After)
     * @param timeout       connect and request timeout
     * @param maxWaitMillis longest a call waits for the governor before failing with RateLimited
     */
    public BinanceRestClient(BinanceEndpoints endpoints, String apiKey, BinanceSigner signer, LongSupplier clock,
                             Duration timeout, long maxWaitMillis) {
        this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
        this.apiKey = apiKey;
        this.signer = signer;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.maxWaitMillis = maxWaitMillis;
        this.errors = new BinanceErrorMapper(clock);
        this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
        markets.put(Market.SPOT, new MarketState(Market.SPOT, endpoints.spotRest(), DEFAULT_SPOT_LIMITS));
        markets.put(Market.USDM_FUTURES, new MarketState(Market.USDM_FUTURES, endpoints.futuresRest(),
                DEFAULT_FUTURES_LIMITS));
    }

    /** The endpoints this client talks to. */
    public BinanceEndpoints endpoints() {
        return endpoints;
    }

    /** The request-weight governor of {@code market} (for the status bar and tests). */
    public WeightGovernor governor(Market market) {
        return markets.get(market).governor;
    }

    /** The server-time estimate of {@code market}. */
    public ServerTime timeSync(Market market) {
        return markets.get(market).time;
    }

    /** Round trip of the last answered request, ms; -1 before the first. */
    public long lastLatencyMillis() {
        return lastLatencyMillis;
    }

    // ---- market data ---------------------------------------------------------------------------------------------

    /** exchangeInfo of {@code market}; also applies its {@code rateLimits} to the market's governor. */
    public ExchangeInfo exchangeInfo(Market market) {
        MarketState m = markets.get(market);
        String body = send(m, "GET", m.p("/api/v3/exchangeInfo", "/fapi/v1/exchangeInfo"), Map.of(), Auth.NONE,
                WeightGovernor.Priority.BACKGROUND, 0, false);
        ExchangeInfo info = infoParser.parse(market, body);
        if (!info.rateLimits().isEmpty()) m.governor.setLimits(info.rateLimits());
        return info;
    }

    /** {@code GET /time}: Binance's clock, epoch ms. */
    public long serverTime(Market market) {
        MarketState m = markets.get(market);
        return tree(send(m, "GET", m.p("/api/v3/time", "/fapi/v1/time"), Map.of(), Auth.NONE,
                WeightGovernor.Priority.ACCOUNT, 0, false)).path("serverTime").asLong();
    }

    /** Takes one server-time sample; returns the new offset (server − local), ms. */
    public long syncTime(Market market) {
        try {
            return markets.get(market).time.sync(() -> serverTime(market));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Klines, ascending, all marked closed (the last row of an open-ended request is the forming bar).
     *
     * @param startTime inclusive open time, epoch ms, or null
     * @param endTime   inclusive, or null
     * @param limit     1..1000 (1500 futures)
     */
    public List<Bar> klines(Market market, String symbol, Interval interval, Long startTime, Long endTime, int limit) {
        MarketState m = markets.get(market);
        Map<String, Object> q = new LinkedHashMap<>();
        q.put("symbol", symbol);
        q.put("interval", interval.code());
        if (startTime != null) q.put("startTime", startTime);
        if (endTime != null) q.put("endTime", endTime);
        q.put("limit", limit);
        JsonNode root = tree(send(m, "GET", m.p("/api/v3/klines", "/fapi/v1/klines"), q, Auth.NONE,
                WeightGovernor.Priority.MARKET_DATA, limit, true));
        List<Bar> bars = new ArrayList<>(root.size());
        for (JsonNode r : root) {
            bars.add(new Bar(symbol, interval, r.get(0).asLong(), r.get(6).asLong(), dec(r.get(1)), dec(r.get(2)),
                    dec(r.get(3)), dec(r.get(4)), dec(r.get(5)), dec(r.get(7)), r.get(8).asLong(), dec(r.get(9)),
                    dec(r.get(10)), true));
        }
        return bars;
    }

    /** A depth snapshot ({@code limit}: spot 1..5000, futures 5/10/20/50/100/500/1000). */
    public DepthSnapshot depth(Market market, String symbol, int limit) {
        MarketState m = markets.get(market);
        Map<String, Object> q = new LinkedHashMap<>();
        q.put("symbol", symbol);
        q.put("limit", limit);
        String body = send(m, "GET", m.p("/api/v3/depth", "/fapi/v1/depth"), q, Auth.NONE,
                WeightGovernor.Priority.MARKET_DATA, limit, true);
        return new MarketMessageParser().parseDepthSnapshot(symbol, body);
    }

    /** 24 h tickers of every symbol of {@code market}. */
    public List<Ticker24h> ticker24h(Market market) {
        MarketState m = markets.get(market);
        JsonNode root = tree(send(m, "GET", m.p("/api/v3/ticker/24hr", "/fapi/v1/ticker/24hr"), Map.of(), Auth.NONE,
                WeightGovernor.Priority.MARKET_DATA, 0, false));
        List<Ticker24h> out = new ArrayList<>(root.size());
        for (JsonNode t : root) {
            out.add(new Ticker24h(market, t.path("symbol").asText(), dec(t.get("lastPrice")),
                    dec(t.get("priceChangePercent")), dec(t.get("volume")), dec(t.get("quoteVolume")),
                    t.path("closeTime").asLong()));
        }
        return out;
    }

    /** Best bid/ask of one symbol. */
    public BookTicker bookTicker(Market market, String symbol) {
        MarketState m = markets.get(market);
        JsonNode t = tree(send(m, "GET", m.p("/api/v3/ticker/bookTicker", "/fapi/v1/ticker/bookTicker"),
                Map.of("symbol", symbol), Auth.NONE, WeightGovernor.Priority.MARKET_DATA, 0, true));
        return new BookTicker(t.path("symbol").asText(), dec(t.get("bidPrice")), dec(t.get("bidQty")),
                dec(t.get("askPrice")), dec(t.get("askQty")));
    }

    /** Recent public trades of one symbol ({@code GET /api/v3/trades}, {@code /fapi/v1/trades}), oldest first. */
    public List<Trade> trades(Market market, String symbol, int limit) {
        MarketState m = markets.get(market);
        Map<String, Object> q = new LinkedHashMap<>();
        q.put("symbol", symbol);
        if (limit > 0) q.put("limit", limit);
        JsonNode root = tree(send(m, "GET", m.p("/api/v3/trades", "/fapi/v1/trades"), q, Auth.NONE,
                WeightGovernor.Priority.MARKET_DATA, limit, true));
        List<Trade> out = new ArrayList<>(root.size());
        for (JsonNode t : root) {
            out.add(new Trade(market, symbol, t.path("id").asLong(), dec(t.get("price")), dec(t.get("qty")),
                    dec(t.get("quoteQty")), t.path("time").asLong(), t.path("isBuyerMaker").asBoolean()));
        }
        return out;
    }

    /**
     * Aggregate trades of one symbol ({@code GET /api/v3/aggTrades}, {@code /fapi/v1/aggTrades}), oldest first.
     *
     * @param fromId    first aggregate id to return, or null
     * @param startTime inclusive, epoch ms, or null
     * @param endTime   inclusive, epoch ms, or null (Binance allows at most 1 h between start and end)
     * @param limit     1..1000; 0 for Binance's default (500)
     */
    public List<AggTrade> aggTrades(Market market, String symbol, Long fromId, Long startTime, Long endTime,
                                    int limit) {
        MarketState m = markets.get(market);
        Map<String, Object> q = new LinkedHashMap<>();
        q.put("symbol", symbol);
        if (fromId != null) q.put("fromId", fromId);
        if (startTime != null) q.put("startTime", startTime);
        if (endTime != null) q.put("endTime", endTime);
        if (limit > 0) q.put("limit", limit);
        JsonNode root = tree(send(m, "GET", m.p("/api/v3/aggTrades", "/fapi/v1/aggTrades"), q, Auth.NONE,
                WeightGovernor.Priority.MARKET_DATA, limit, true));
        List<AggTrade> out = new ArrayList<>(root.size());
        for (JsonNode t : root) {
            out.add(new AggTrade(market, symbol, t.path("a").asLong(), dec(t.get("p")), dec(t.get("q")),
                    t.path("f").asLong(), t.path("l").asLong(), t.path("T").asLong(), t.path("m").asBoolean()));
        }
        return out;
    }

    /** Mark price, index price and funding of one USDⓈ-M symbol ({@code GET /fapi/v1/premiumIndex}). */
    public MarkPrice markPrice(String symbol) {
        MarketState m = markets.get(Market.USDM_FUTURES);
        return markPrice(tree(send(m, "GET", "/fapi/v1/premiumIndex", Map.of("symbol", symbol), Auth.NONE,
                WeightGovernor.Priority.MARKET_DATA, 0, true)));
    }

    /** Mark prices of every USDⓈ-M symbol ({@code GET /fapi/v1/premiumIndex} without symbol, weight 10). */
    public List<MarkPrice> markPrices() {
        MarketState m = markets.get(Market.USDM_FUTURES);
        JsonNode root = tree(send(m, "GET", "/fapi/v1/premiumIndex", Map.of(), Auth.NONE,
                WeightGovernor.Priority.MARKET_DATA, 0, false));
        List<MarkPrice> out = new ArrayList<>(root.size());
        for (JsonNode t : root) out.add(markPrice(t));
        return out;
    }

    private static MarkPrice markPrice(JsonNode t) {
        return new MarkPrice(t.path("symbol").asText(), dec(t.get("markPrice")), dec(t.get("indexPrice")),
                dec(t.get("lastFundingRate")), t.path("nextFundingTime").asLong(), t.path("time").asLong());
    }

    /**
     * Funding rate history of one USDⓈ-M symbol ({@code GET /fapi/v1/fundingRate}), oldest first.
     *
     * @param startTime inclusive, epoch ms, or null
     * @param endTime   inclusive, epoch ms, or null
     * @param limit     1..1000; 0 for Binance's default (100)
     */
    public List<FundingRate> fundingRates(String symbol, Long startTime, Long endTime, int limit) {
        MarketState m = markets.get(Market.USDM_FUTURES);
        Map<String, Object> q = new LinkedHashMap<>();
        q.put("symbol", symbol);
        if (startTime != null) q.put("startTime", startTime);
        if (endTime != null) q.put("endTime", endTime);
        if (limit > 0) q.put("limit", limit);
        JsonNode root = tree(send(m, "GET", "/fapi/v1/fundingRate", q, Auth.NONE,
                WeightGovernor.Priority.MARKET_DATA, limit, true));
        List<FundingRate> out = new ArrayList<>(root.size());
        for (JsonNode t : root) {
            out.add(new FundingRate(t.path("symbol").asText(), t.path("fundingTime").asLong(),
                    dec(t.get("fundingRate")), dec(t.get("markPrice"))));
        }
        return out;
    }

    /** Open interest of one USDⓈ-M symbol ({@code GET /fapi/v1/openInterest}, weight 1). */
    public OpenInterest openInterest(String symbol) {
        return openInterest(symbol, WeightGovernor.Priority.MARKET_DATA);
    }

    /**
     * As {@link #openInterest(String)} at {@code priority}; a periodic poll passes
     * {@link WeightGovernor.Priority#BACKGROUND}, which is shed (RateLimited, nothing sent) when the budget is tight.
     */
    public OpenInterest openInterest(String symbol, WeightGovernor.Priority priority) {
        MarketState m = markets.get(Market.USDM_FUTURES);
        JsonNode t = tree(send(m, "GET", "/fapi/v1/openInterest", Map.of("symbol", symbol), Auth.NONE,
                Objects.requireNonNull(priority, "priority"), 0, true));
        return new OpenInterest(t.path("symbol").asText(), dec(t.get("openInterest")), t.path("time").asLong());
    }

    // ---- trading and account (SIGNED) ---------------------------------------------------------------------------

    /**
     * Places an order: quantity rounded down to the lot step (MARKET_LOT_SIZE for market orders), price to the tick,
     * then checked against every filter of {@code instrument}; only a passing order is sent
     * ({@code newOrderRespType=FULL} on spot, {@code RESULT} on futures).
     *
     * @throws dev.pennant.core.model.FilterViolationException when the rounded order breaks a filter (nothing sent)
     * @throws BinanceApiException.OrderRejected           -2010 etc., with Binance's reason
     */
    public UserDataParser.OrderResponse newOrder(Instrument instrument, NewOrder order) {
        MarketState m = markets.get(instrument.market());
        BigDecimal qty = instrument.roundQuantity(order.quantity(), order.type());
        BigDecimal price = order.type() == OrderType.MARKET ? null : instrument.filters().roundPrice(order.price());
        if (price != null && instrument.filters().price() == null) price = instrument.roundPrice(price);
        instrument.validate(order.side(), order.type(), price, qty, order.referencePrice());
        Map<String, Object> q = new LinkedHashMap<>();
        q.put("symbol", instrument.symbol());
        q.put("side", order.side().name());
        q.put("type", order.type().name());
        if (order.type() == OrderType.LIMIT) {
            q.put("timeInForce", (order.timeInForce() == null ? TimeInForce.GTC : order.timeInForce()).name());
        }
        q.put("quantity", qty.stripTrailingZeros().toPlainString());
        if (price != null) q.put("price", price.stripTrailingZeros().toPlainString());
        if (order.clientOrderId() != null) q.put("newClientOrderId", order.clientOrderId());
        q.put("newOrderRespType", instrument.market() == Market.SPOT ? "FULL" : "RESULT");
        String body = signed(m, "POST", m.p("/api/v3/order", "/fapi/v1/order"), q, WeightGovernor.Priority.ORDER,
                0, true);
        return instrument.market() == Market.SPOT ? orderParser.spotOrderResponse(body)
                : orderParser.futuresOrderResponse(body);
    }

    /**
     * Cancels by Pennant's client order id.
     *
     * @throws BinanceApiException.OrderRejected -2011 (cancel rejected) with Binance's reason
     */
    public UserDataParser.OrderResponse cancelOrder(Market market, String symbol, String clientOrderId) {
        MarketState m = markets.get(market);
        Map<String, Object> q = new LinkedHashMap<>();
        q.put("symbol", symbol);
        q.put("origClientOrderId", clientOrderId);
        String body = signed(m, "DELETE", m.p("/api/v3/order", "/fapi/v1/order"), q, WeightGovernor.Priority.ORDER,
                0, true);
        return market == Market.SPOT ? orderParser.spotOrderResponse(body) : orderParser.futuresOrderResponse(body);
    }

    /** Open orders of {@code symbol} (null: all symbols, which costs much more weight). */
    public List<UserDataParser.OrderResponse> openOrders(Market market, String symbol) {
        MarketState m = markets.get(market);
        Map<String, Object> q = new LinkedHashMap<>();
        if (symbol != null) q.put("symbol", symbol);
        JsonNode root = tree(signed(m, "GET", m.p("/api/v3/openOrders", "/fapi/v1/openOrders"), q,
                WeightGovernor.Priority.ACCOUNT, 0, symbol != null));
        List<UserDataParser.OrderResponse> out = new ArrayList<>();
        for (JsonNode o : root) {
            out.add(market == Market.SPOT ? orderParser.spotOrderResponse(o)
                    : orderParser.futuresOrderResponse(o.toString()));
        }
        return out;
    }

    /** Account information (spot {@code /api/v3/account}, futures {@code /fapi/v2/account}) as Binance sends it. */
    public JsonNode account(Market market) {
        MarketState m = markets.get(market);
        return tree(signed(m, "GET", m.p("/api/v3/account", "/fapi/v2/account"), new LinkedHashMap<>(),
                WeightGovernor.Priority.ACCOUNT, 0, false));
    }

    /**
     * Any SIGNED call of {@code market} with {@code params} in the query string, through the governor, with the -1021
     * resync policy and typed errors like every other call; {@code GET}s at ACCOUNT priority, everything else at
     * ORDER priority. Used by {@link BinanceExecutionClient} for the order endpoints ({@link BinanceOrderMapper}).
     *
     * @param method {@code GET}, {@code POST}, {@code PUT} or {@code DELETE}
     * @param path   e.g. {@code /fapi/v1/algoOrder}; must be in {@link EndpointWeights}
     * @return the response body (JSON)
     * @throws IllegalArgumentException   for an endpoint without a known weight (nothing sent)
     * @throws BinanceApiException        the venue's error, typed
     * @throws UncheckedIOException       network failure or timeout (the call's outcome is then unknown)
     */
    public String signedRequest(Market market, String method, String path, Map<String, String> params) {
        MarketState m = markets.get(Objects.requireNonNull(market, "market"));
        Map<String, Object> q = new LinkedHashMap<>(params);
        return signed(m, method, path, q, method.equals("GET") ? WeightGovernor.Priority.ACCOUNT
                : WeightGovernor.Priority.ORDER, 0, params.containsKey("symbol"));
    }

    // ---- user-data stream keys (API key, not signed) ------------------------------------------------------------

    /** Creates (or returns the active) listenKey. */
    public String createListenKey(Market market) {
        MarketState m = markets.get(market);
        return tree(send(m, "POST", m.p("/api/v3/userDataStream", "/fapi/v1/listenKey"), Map.of(), Auth.API_KEY,
                WeightGovernor.Priority.ACCOUNT, 0, false)).path("listenKey").asText();
    }

    /** Extends {@code listenKey} by 60 minutes (-1125 when Binance no longer knows it). */
    public void keepAliveListenKey(Market market, String listenKey) {
        MarketState m = markets.get(market);
        send(m, "PUT", m.p("/api/v3/userDataStream", "/fapi/v1/listenKey"),
                market == Market.SPOT ? Map.of("listenKey", listenKey) : Map.of(), Auth.API_KEY,
                WeightGovernor.Priority.ACCOUNT, 0, false);
    }

    /** Closes {@code listenKey}. */
    public void closeListenKey(Market market, String listenKey) {
        MarketState m = markets.get(market);
        send(m, "DELETE", m.p("/api/v3/userDataStream", "/fapi/v1/listenKey"),
                market == Market.SPOT ? Map.of("listenKey", listenKey) : Map.of(), Auth.API_KEY,
                WeightGovernor.Priority.ACCOUNT, 0, false);
    }

    /** The three listenKey calls of {@code market} for a {@link ListenKeyManager}. */
    public ListenKeyManager.ListenKeyApi listenKeyApi(Market market) {
        return new ListenKeyManager.ListenKeyApi() {
            @Override
            public String create() {
                return createListenKey(market);
            }

            @Override
            public void keepAlive(String key) {
                keepAliveListenKey(market, key);
            }

            @Override
            public void close(String key) {
                closeListenKey(market, key);
            }
        };
    }

    /** Closes the HTTP client (does not close the signer, which the caller owns). */
    @Override
    public void close() {
        http.shutdownNow();
    }

    @Override
    public String toString() {
        return "BinanceRestClient[" + endpoints.name() + (signer == null ? ", market data only" : ", signed") + "]";
    }

    // ---- transport -----------------------------------------------------------------------------------------------

    private String signed(MarketState m, String method, String path, Map<String, Object> params,
                          WeightGovernor.Priority priority, int limit, boolean hasSymbol) {
        if (signer == null || apiKey == null) {
            throw new IllegalStateException("no API key/secret configured: " + method + " " + path + " is SIGNED");
        }
        if (!m.time.isSynced()) syncTime(m.market);
        try {
            return BinanceErrorMapper.retryOnceAfterResync(
                    () -> send(m, method, path, params, Auth.SIGNED, priority, limit, hasSymbol),
                    () -> {
                        m.time.reset();
                        return syncTime(m.market);
                    });
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String send(MarketState m, String method, String path, Map<String, Object> params, Auth auth,
                        WeightGovernor.Priority priority, int limit, boolean hasSymbol) {
        EndpointWeights.Cost cost = EndpointWeights.of(method, path, limit, hasSymbol);
        try {
            m.governor.acquire(cost.weight(), cost.orderCount() > 0, priority, maxWaitMillis);
        } catch (WeightGovernor.ThrottledException e) {
            throw new BinanceApiException.RateLimited(0, 0, "not sent by Pennant: " + e.decision().reason(),
                    Math.max(e.decision().retryAt(), clock.getAsLong()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new java.io.InterruptedIOException("interrupted waiting for request weight"));
        }
        String query = encode(params);
        if (auth == Auth.SIGNED) {
            query = signer.signedQuery(query + (query.isEmpty() ? "" : "&") + m.time.timestampParams(RECV_WINDOW_MS));
        }
        URI uri = URI.create(m.base + path + (query.isEmpty() ? "" : "?" + query));
        HttpRequest.Builder rb = HttpRequest.newBuilder(uri).timeout(timeout)
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (auth != Auth.NONE) {
            if (apiKey == null) throw new IllegalStateException("no API key configured: " + method + " " + path);
            rb.header("X-MBX-APIKEY", apiKey);
        }
        long sent = System.nanoTime();
        HttpResponse<String> r;
        try {
            r = http.send(rb.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + m.base + path + " failed: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new java.io.InterruptedIOException("interrupted: " + method + " " + path));
        }
        lastLatencyMillis = (System.nanoTime() - sent) / 1_000_000;
        m.governor.onResponse(r.statusCode(), name -> r.headers().firstValue(name).orElse(null));
        if (r.statusCode() >= 400) {
            throw errors.map(r.statusCode(), r.body(), r.headers().firstValue("Retry-After").orElse(null));
        }
        return r.body();
    }

    private static String encode(Map<String, Object> params) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Object> e : params.entrySet()) {
            if (!sb.isEmpty()) sb.append('&');
            Object v = e.getValue();
            String s = v instanceof BigDecimal b ? b.stripTrailingZeros().toPlainString() : String.valueOf(v);
            sb.append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(s, StandardCharsets.UTF_8));
        }
        return sb.toString();
    }

    private static JsonNode tree(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("Binance answer is not JSON: " + e.getMessage(), e);
        }
    }

    /** The decimal string (or number) as BigDecimal; null when absent, JSON null or "" (futures send "" for n/a). */
    private static BigDecimal dec(JsonNode n) {
        return n == null || n.isNull() || n.asText().isEmpty() ? null : new BigDecimal(n.asText());
    }
}
