package dev.pennant.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pennant.core.exchange.binance.BinanceSigner;
import dev.pennant.core.exchange.binance.EndpointWeights;
import dev.pennant.core.exchange.binance.RateLimit;
import dev.pennant.core.model.Bar;
import dev.pennant.core.model.Interval;
import dev.pennant.core.model.Market;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.websocket.WsConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static dev.pennant.simulator.SimTrading.JSON;

/**
 * A local Binance-compatible exchange for tests and the offline demo, bound to 127.0.0.1 only.
 *
 * <p>REST (one port, spot and USDⓈ-M told apart by path): spot {@code /api/v3} ping, time, exchangeInfo, klines,
 * uiKlines, depth, trades, aggTrades, ticker/24hr, ticker/price, ticker/bookTicker, order (POST/GET/DELETE),
 * openOrders, account, myTrades, userDataStream, and {@code /sapi/v1/account/apiRestrictions}; futures
 * {@code /fapi/v1} ping, time, exchangeInfo, klines, depth, trades, aggTrades, ticker/24hr, ticker/price,
 * ticker/bookTicker, premiumIndex, fundingRate, openInterest, order, openOrders, userTrades, listenKey and
 * {@code /fapi/v2|v3/account}. Streams: spot at {@link #wsBaseUrl()} ({@code /ws/<stream>}, {@code /stream?streams=}),
 * futures at {@link #futuresWsBaseUrl()} ({@code /fstream/ws/..}, {@code /fstream/stream?..}); see {@link SimStreams}.
 *
 * <p>Signed endpoints verify the HMAC-SHA256 signature (over the query string then the body, as Binance does) with the
 * configured test keys and the timestamp against recvWindow. Market data replays the recorded klines of the shared
 * data folder ({@link SimMarket}); orders match against the replayed price ({@link SimTrading}); request weights and
 * order counts follow {@link SimLimits}. Server time ({@code /time}, timestamps, event times) is the wall clock plus
 * {@link #setClockOffset(long)}; kline times are the recorded (historical) times.
 *
 * <p>USDⓈ-M figures that were never recorded are derived from the replay, so the live code path has something to
 * show offline (never mistake them for market data): {@code premiumIndex} and the {@code markPrice} streams as
 * described in {@link SimStreams#markPrice} (mark = replayed price, index = mark × 0.9998, funding = the recorded
 * funding history, next funding time on the server clock), and {@code openInterest} = 0.35 × the replayed 24 h base
 * volume of the symbol (3 decimals; a plausible order of magnitude for BTCUSDT, nothing more).
 *
 * <p>Stream connections are closed after {@link Builder#maxConnectionAge} (default 24 h, Binance's limit) with a close
 * frame 1000 "24 hour connection limit", counted in {@link Counters#wsClosedForAge}.
 *
 * <p>{@link #orderRequestCount()} counts every order placement, cancel or modify request that reaches the server,
 * accepted or not (see {@link #ORDER_ENDPOINTS}); a session that must send no orders (PAPER) can be held to zero.
 */
public final class ExchangeSimulator implements AutoCloseable {

    /**
     * Counters for tests and the command's status line. {@code wsClosedForRate}: connections closed (1008) for more
     * than 5 incoming messages per second; {@code wsClosedForAge}: connections closed at the maximum age.
     */
    public record Counters(long restRequests, long http429, long http418, long wsConnections, long wsOpen,
                           long wsMessagesSent, long wsClosedForRate, long wsClosedForAge, long ordersPlaced,
                           long fills) {
    }

    /**
     * The order-writing REST endpoints of Binance, as {@code "METHOD path"}: placement (also test and SOR orders),
     * cancel, cancel-all, cancel-replace, amend/modify, order lists and batches, for spot {@code /api/v3} (Binance
     * Spot API "Trading endpoints") and USDⓈ-M {@code /fapi/v1} (USDⓈ-M Futures "Trade" REST API). The simulator
     * serves only {@code POST} and {@code DELETE} of {@code /api/v3/order} and {@code /fapi/v1/order}; requests to the
     * others answer 404 and are counted all the same, so an order cannot slip past {@link #orderRequestCount()}
     * through an endpoint the simulator lacks.
     */
    public static final Set<String> ORDER_ENDPOINTS = Set.of(
            "POST /api/v3/order", "DELETE /api/v3/order", "POST /api/v3/order/test",
            "POST /api/v3/order/cancelReplace", "PUT /api/v3/order/amend/keepPriority", "DELETE /api/v3/openOrders",
            "POST /api/v3/order/oco", "POST /api/v3/orderList/oco", "POST /api/v3/orderList/oto",
            "POST /api/v3/orderList/otoco", "DELETE /api/v3/orderList", "POST /api/v3/sor/order",
            "POST /api/v3/sor/order/test",
            "POST /fapi/v1/order", "PUT /fapi/v1/order", "DELETE /fapi/v1/order", "POST /fapi/v1/order/test",
            "POST /fapi/v1/batchOrders", "PUT /fapi/v1/batchOrders", "DELETE /fapi/v1/batchOrders",
            "DELETE /fapi/v1/allOpenOrders", "POST /fapi/v1/countdownCancelAll",
            // USDⓈ-M conditional orders since 2025-12-09 (Binance's algo-order endpoints)
            "POST /fapi/v1/algoOrder", "DELETE /fapi/v1/algoOrder", "DELETE /fapi/v1/algoOpenOrders");

    private enum Security { NONE, API_KEY, SIGNED }

    @FunctionalInterface
    private interface Endpoint {
        Object handle(Req r);
    }

    private record Req(Context ctx, Market market, Map<String, String> params, SimTrading.Account account) {
        String p(String name) {
            return params.get(name);
        }
    }

    private final Javalin app;
    private final ReplayClock clock;
    private final Map<Market, SimMarket> markets = new EnumMap<>(Market.class);
    private final Map<Market, SimLimits> limits = new EnumMap<>(Market.class);
    private final SimTrading trading;
    private final SimStreams streams;
    private final Map<String, BinanceSigner> signers = new HashMap<>();
    private final ScheduledExecutorService ticker;
    private final AtomicLong rest = new AtomicLong();
    private final AtomicLong http429 = new AtomicLong();
    private final AtomicLong http418 = new AtomicLong();
    private final AtomicLong orderRequests = new AtomicLong();
    private final Map<Market, JsonNode> infoTrees = new EnumMap<>(Market.class);
    private final int port;

    private ExchangeSimulator(Builder b) throws IOException {
        clock = new ReplayClock(b.speed);
        Long start = b.replayStart == null ? null : b.replayStart.toEpochMilli();
        for (Market m : Market.values()) {
            SimMarket sm = new SimMarket(m, b.dataDir, clock, start);
            markets.put(m, sm);
            List<RateLimit> rl = sm.rateLimits();
            ObjectNode info = (ObjectNode) JSON.readTree(sm.exchangeInfoJson);
            if (b.weightLimit != null) {
                rl = withWeightLimit(rl, b.weightLimit, b.weightWindow);
                ArrayNode announced = info.putArray("rateLimits"); // clients learn the limit that is enforced
                for (RateLimit r : rl) {
                    announced.addObject().put("rateLimitType", r.type()).put("interval", r.interval())
                            .put("intervalNum", r.intervalNum()).put("limit", r.limit());
                }
            }
            limits.put(m, new SimLimits(m.name(), rl, null));
            infoTrees.put(m, info);
        }
        streams = new SimStreams(markets, clock, b.maxConnectionAge);
        trading = new SimTrading(markets, clock, streams::publishUser);
        for (Map.Entry<String, char[]> k : b.keys.entrySet()) {
            signers.put(k.getKey(), BinanceSigner.hmac(k.getValue()));
            trading.addAccount(k.getKey(), null);
        }
        app = Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            cfg.jetty.defaultHost = "127.0.0.1";
            cfg.jetty.modifyWebSocketServletFactory(f -> f.setIdleTimeout(Duration.ofHours(1)));
            // combined-stream URLs with up to 1024 names exceed Jetty's default 8 KiB request line
            cfg.jetty.modifyHttpConfiguration(h -> h.setRequestHeaderSize(64 * 1024));
        });
        // counted before routing, weight, key and signature checks: rejected and unserved order requests count too
        app.before(ctx -> {
            if (isOrderEndpoint(ctx.method().name(), ctx.path())) orderRequests.incrementAndGet();
        });
        routes();
        app.ws("/ws/{stream}", ws -> ws(ws, Market.SPOT, false));
        app.ws("/stream", ws -> ws(ws, Market.SPOT, true));
        app.ws("/fstream/ws/{stream}", ws -> ws(ws, Market.USDM_FUTURES, false));
        app.ws("/fstream/stream", ws -> ws(ws, Market.USDM_FUTURES, true));
        app.start("127.0.0.1", b.port);
        port = app.port();
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "exchange-simulator-tick");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleAtFixedRate(this::tick, b.tickMillis, b.tickMillis, TimeUnit.MILLISECONDS);
    }

    /** Whether {@code method path} is one of {@link #ORDER_ENDPOINTS} (trailing slashes ignored, as Javalin routes). */
    static boolean isOrderEndpoint(String method, String path) {
        String p = path;
        while (p.length() > 1 && p.endsWith("/")) p = p.substring(0, p.length() - 1);
        return ORDER_ENDPOINTS.contains(method + " " + p);
    }

    /** {@code limits} with its REQUEST_WEIGHT entry replaced by {@code limit} per {@code window} (null: keep its window). */
    private static List<RateLimit> withWeightLimit(List<RateLimit> limits, int limit, Duration window) {
        RateLimit w = limits.stream().filter(r -> r.type().equals("REQUEST_WEIGHT")).findFirst()
                .orElse(new RateLimit("REQUEST_WEIGHT", "MINUTE", 1, 6000));
        RateLimit repl;
        if (window == null) {
            repl = new RateLimit("REQUEST_WEIGHT", w.interval(), w.intervalNum(), limit);
        } else if (window.toMillis() % 60_000 == 0) {
            repl = new RateLimit("REQUEST_WEIGHT", "MINUTE", (int) (window.toMillis() / 60_000), limit);
        } else {
            repl = new RateLimit("REQUEST_WEIGHT", "SECOND", (int) window.toSeconds(), limit);
        }
        List<RateLimit> out = new ArrayList<>();
        boolean replaced = false;
        for (RateLimit r : limits) {
            if (r.type().equals("REQUEST_WEIGHT") && !replaced) {
                out.add(repl);
                replaced = true;
            } else if (!r.type().equals("REQUEST_WEIGHT")) {
                out.add(r);
            }
        }
        if (!replaced) out.addFirst(repl);
        return out;
    }

    private void tick() {
        try {
            for (Market m : Market.values()) trading.match(m);
            streams.tick();
        } catch (RuntimeException e) {
            // keep ticking; a broken symbol must not stop the replay
        }
    }

    private void ws(WsConfig ws, Market market, boolean combined) {
        ws.onConnect(ctx -> {
            List<String> names = new ArrayList<>();
            if (combined) {
                String s = ctx.queryParam("streams");
                if (s != null) for (String n : s.split("/")) if (!n.isBlank()) names.add(n);
            } else {
                names.add(ctx.pathParam("stream"));
            }
            streams.onConnect(ctx, market, combined, names);
        });
        ws.onMessage(ctx -> streams.onMessage(ctx, ctx.message()));
        ws.onClose(streams::onClose);
        ws.onError(streams::onClose);
    }

    // ------------------------------------------------------------------------------------------ public API

    public static Builder builder() {
        return new Builder();
    }

    /** REST base URL for both markets, e.g. {@code http://127.0.0.1:40123}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** Spot stream base URL ({@code ws://127.0.0.1:port}); the connector appends {@code /ws/..} or {@code /stream?..}. */
    public String wsBaseUrl() {
        return "ws://127.0.0.1:" + port;
    }

    /** USDⓈ-M stream base URL ({@code ws://127.0.0.1:port/fstream}). */
    public String futuresWsBaseUrl() {
        return wsBaseUrl() + "/fstream";
    }

    public int port() {
        return port;
    }

    /** Test hook: drops every WebSocket connection without a close handshake. */
    public void dropStreams() {
        streams.dropAll();
    }

    /** Test hook: shifts the server clock ({@code /time}, timestamp checks, event times) by {@code ms}. */
    public void setClockOffset(long ms) {
        clock.setServerOffset(ms);
    }

    /** Test hook: jumps the replay forward by {@code d} of market time. */
    public void advanceReplay(Duration d) {
        clock.advance(d.toMillis());
    }

    /** The replay cursor of {@code symbol} (epoch ms of recorded time), -1 when it has no recorded klines. */
    public long replayTime(Market market, String symbol) {
        return markets.get(market).cursor(symbol);
    }

    /** The current replayed price of {@code symbol}, or null. */
    public BigDecimal price(Market market, String symbol) {
        return markets.get(market).price(symbol);
    }

    /**
     * Order requests received since start: every HTTP request to one of {@link #ORDER_ENDPOINTS} (placement, cancel,
     * modify, spot and USDⓈ-M alike), counted on arrival, so also those rejected for weight, API key, signature,
     * timestamp, filters or funds, and those to endpoints the simulator does not serve (404). Not counted: order
     * queries ({@code GET /order}, {@code openOrders}), listen keys, market data. Compare
     * {@link Counters#ordersPlaced}, the orders actually accepted.
     */
    public long orderRequestCount() {
        return orderRequests.get();
    }

    public Counters counters() {
        return new Counters(rest.get(), http429.get(), http418.get(), streams.connections.get(),
                streams.openConnections(), streams.messagesSent.get(), streams.closedForRate.get(),
                streams.closedForAge.get(), trading.ordersPlaced, trading.fills);
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        streams.dropAll();
        app.stop();
        signers.values().forEach(BinanceSigner::close);
    }

    /** Builder; {@link #dataDir(Path)} and at least one {@link #apiKey} for signed endpoints. */
    public static final class Builder {
        private Path dataDir;
        private int port;
        private double speed = 1.0;
        private Instant replayStart;
        private Integer weightLimit;
        private Duration weightWindow;
        private long tickMillis = 100;
        private Duration maxConnectionAge = Duration.ofHours(24);
        private final Map<String, char[]> keys = new LinkedHashMap<>();

        /** The {@code shared/data/binance} folder (exchangeInfo, spot/futures-um klines, fundingRate). */
        public Builder dataDir(Path dir) {
            this.dataDir = Objects.requireNonNull(dir, "dir");
            return this;
        }

        /** Port on 127.0.0.1; 0 = ephemeral (default). */
        /**
         * Wall time after which the simulator closes a WebSocket connection (close 1000), like Binance's 24 hour
         * limit; shorten it to exercise reconnects. Default 24 h.
         *
         * @throws IllegalArgumentException when not positive
         */
        public Builder maxConnectionAge(Duration age) {
            if (age.isNegative() || age.isZero()) {
                throw new IllegalArgumentException("maxConnectionAge must be positive, was " + age);
            }
            this.maxConnectionAge = age;
            return this;
        }

        public Builder port(int p) {
            if (p < 0 || p > 65535) throw new IllegalArgumentException("port out of range: " + p);
            this.port = p;
            return this;
        }

        /** Replay speed: recorded milliseconds per wall millisecond (1 = real time, 60 = a 1m bar per second, 0 = paused). */
        public Builder speed(double s) {
            this.speed = s;
            return this;
        }

        /** Where the replay starts (recorded time); symbols whose data does not cover it start after a warm-up. */
        public Builder replayStart(Instant t) {
            this.replayStart = t;
            return this;
        }

        /**
         * Overrides the REQUEST_WEIGHT limit of both markets (tests), keeping the recorded window (1 minute); default
         * from exchangeInfo. The override is also what {@code exchangeInfo} announces in {@code rateLimits}.
         */
        public Builder weightLimit(int perMinute) {
            return weightLimit(perMinute, null);
        }

        /**
         * Test hook: REQUEST_WEIGHT of both markets becomes {@code limit} per {@code window} (whole seconds, e.g. 5 s,
         * so a test sees several windows; usage headers then read {@code X-MBX-USED-WEIGHT-5S}); announced in
         * {@code exchangeInfo} {@code rateLimits} like Binance's own limits. Null window: the recorded one.
         */
        public Builder weightLimit(int limit, Duration window) {
            if (limit <= 0) throw new IllegalArgumentException("limit must be > 0, was " + limit);
            if (window != null && (window.toMillis() < 1000 || window.toMillis() % 1000 != 0)) {
                throw new IllegalArgumentException("window must be whole seconds >= 1 s, was " + window);
            }
            this.weightLimit = limit;
            this.weightWindow = window;
            return this;
        }

        /** Adds a test API key; the secret is copied (wipe yours after {@link #start()}). */
        public Builder apiKey(String key, char[] secret) {
            Objects.requireNonNull(key, "key");
            keys.put(key, Arrays.copyOf(Objects.requireNonNull(secret, "secret"), secret.length));
            return this;
        }

        /** Starts the server. @throws IOException when the data folder lacks exchangeInfo */
        public ExchangeSimulator start() throws IOException {
            Objects.requireNonNull(dataDir, "dataDir");
            try {
                return new ExchangeSimulator(this);
            } finally {
                keys.values().forEach(c -> Arrays.fill(c, '\0'));
            }
        }
    }

    // ------------------------------------------------------------------------------------------ routes

    private void routes() {
        for (String pre : List.of("/api/v3", "/fapi/v1")) {
            get(pre + "/ping", Security.NONE, r -> JSON.createObjectNode());
            get(pre + "/time", Security.NONE, r -> JSON.createObjectNode().put("serverTime", clock.serverTime()));
            get(pre + "/exchangeInfo", Security.NONE, this::exchangeInfo);
            get(pre + "/klines", Security.NONE, this::klines);
            get(pre + "/depth", Security.NONE, this::depth);
            get(pre + "/trades", Security.NONE, r -> trades(r, false));
            get(pre + "/aggTrades", Security.NONE, r -> trades(r, true));
            get(pre + "/ticker/24hr", Security.NONE, this::ticker24h);
            get(pre + "/ticker/price", Security.NONE, this::tickerPrice);
            get(pre + "/ticker/bookTicker", Security.NONE, this::bookTicker);
            app.post(pre + "/order", ctx -> handle(ctx, "POST", pre + "/order", Security.SIGNED,
                    r -> trading.place(r.market(), r.account(), r.params())));
            app.delete(pre + "/order", ctx -> handle(ctx, "DELETE", pre + "/order", Security.SIGNED,
                    r -> trading.cancel(r.market(), r.account(), r.params())));
            get(pre + "/order", Security.SIGNED, r -> trading.query(r.market(), r.account(), r.params()));
            get(pre + "/openOrders", Security.SIGNED, r -> trading.openOrders(r.market(), r.account(), r.p("symbol")));
        }
        get("/api/v3/uiKlines", Security.NONE, this::klines);
        get("/api/v3/account", Security.SIGNED, r -> trading.spotAccount(r.account()));
        get("/api/v3/myTrades", Security.SIGNED, r -> trading.myTrades(Market.SPOT, r.account(), r.params()));
        get("/fapi/v1/userTrades", Security.SIGNED, r -> trading.myTrades(Market.USDM_FUTURES, r.account(), r.params()));
        get("/fapi/v2/account", Security.SIGNED, r -> trading.futuresAccount(r.account()));
        get("/fapi/v3/account", Security.SIGNED, r -> trading.futuresAccount(r.account()));
        get("/fapi/v1/premiumIndex", Security.NONE, this::premiumIndex);
        get("/fapi/v1/fundingRate", Security.NONE, this::fundingRate);
        get("/fapi/v1/openInterest", Security.NONE, this::openInterest);
        get("/sapi/v1/account/apiRestrictions", Security.SIGNED, r -> JSON.createObjectNode()
                .put("ipRestrict", true).put("createTime", 1_700_000_000_000L).put("enableReading", true)
                .put("enableSpotAndMarginTrading", true).put("enableWithdrawals", false)
                .put("enableInternalTransfer", false).put("enableMargin", false).put("enableFutures", true)
                .put("permitsUniversalTransfer", false).put("enableVanillaOptions", false)
                .put("enableFixApiTrade", false).put("enableFixReadOnly", false)
                .put("enablePortfolioMarginTrading", false));
        listenKeyRoutes("/api/v3/userDataStream", Market.SPOT);
        listenKeyRoutes("/fapi/v1/listenKey", Market.USDM_FUTURES);
    }

    private void listenKeyRoutes(String path, Market m) {
        app.post(path, ctx -> handle(ctx, "POST", path, Security.API_KEY, r -> JSON.createObjectNode()
                .put("listenKey", streams.createListenKey(r.account().apiKey, m))));
        app.put(path, ctx -> handle(ctx, "PUT", path, Security.API_KEY, r -> {
            String key = r.p("listenKey");
            if (m == Market.SPOT && key == null) throw SimException.mandatory("listenKey");
            if (key == null) key = streams.createListenKey(r.account().apiKey, m);
            streams.keepAlive(r.account().apiKey, m, key);
            return m == Market.SPOT ? JSON.createObjectNode() : JSON.createObjectNode().put("listenKey", key);
        }));
        app.delete(path, ctx -> handle(ctx, "DELETE", path, Security.API_KEY, r -> {
            String key = r.p("listenKey");
            if (m == Market.SPOT && key == null) throw SimException.mandatory("listenKey");
            if (key == null) key = streams.createListenKey(r.account().apiKey, m);
            streams.deleteListenKey(r.account().apiKey, m, key);
            return JSON.createObjectNode();
        }));
    }

    private void get(String path, Security sec, Endpoint e) {
        app.get(path, ctx -> handle(ctx, "GET", path, sec, e));
    }

    private void handle(Context ctx, String method, String path, Security sec, Endpoint e) {
        rest.incrementAndGet();
        long now = clock.serverTime();
        Market mk = path.startsWith("/fapi") ? Market.USDM_FUTURES : Market.SPOT;
        SimLimits lim = limits.get(mk);
        String ip = ctx.ip();
        ctx.contentType("application/json;charset=UTF-8");
        try {
            Map<String, String> params = params(ctx);
            int limit = 0;
            try {
                limit = params.get("limit") == null ? 0 : Integer.parseInt(params.get("limit"));
            } catch (NumberFormatException ignored) {
                // rejected by the endpoint
            }
            boolean hasSymbol = params.containsKey("symbol") || params.containsKey("symbols");
            int weight;
            try {
                weight = EndpointWeights.of(method, path, limit, hasSymbol).weight();
            } catch (IllegalArgumentException unknown) {
                weight = 1;
            }
            int used = lim.charge(ip, weight, now);
            ctx.header(lim.weightHeader(), String.valueOf(used));
            SimTrading.Account account = sec == Security.NONE ? null : authenticate(ctx, params, sec == Security.SIGNED, now);
            if (method.equals("POST") && path.endsWith("/order")) {
                lim.chargeOrder(account.apiKey, now).forEach((h, n) -> ctx.header(h, String.valueOf(n)));
            }
            Object body = e.handle(new Req(ctx, mk, params, account));
            ctx.status(200).result(body instanceof String s ? s : body.toString());
        } catch (SimException ex) {
            if (ex.httpStatus == 429) http429.incrementAndGet();
            if (ex.httpStatus == 418) http418.incrementAndGet();
            ctx.header(lim.weightHeader(), String.valueOf(lim.used(ip, now)));
            if (ex.retryAfterSeconds > 0) ctx.header("Retry-After", String.valueOf(ex.retryAfterSeconds));
            ctx.status(ex.httpStatus).result(ex.body());
        } catch (UncheckedIOException | IllegalArgumentException | IllegalStateException ex) {
            ctx.status(500).result(new SimException(500, -1000, "An unknown error occurred while processing the request. "
                    + ex.getClass().getSimpleName()).body());
        }
    }

    private static Map<String, String> params(Context ctx) {
        Map<String, String> p = new LinkedHashMap<>();
        ctx.queryParamMap().forEach((k, v) -> {
            if (!v.isEmpty()) p.put(k, v.getFirst());
        });
        String ct = ctx.contentType();
        if (ct != null && ct.startsWith("application/x-www-form-urlencoded")) {
            ctx.formParamMap().forEach((k, v) -> {
                if (!v.isEmpty()) p.putIfAbsent(k, v.getFirst());
            });
        }
        return p;
    }

    private SimTrading.Account authenticate(Context ctx, Map<String, String> params, boolean signed, long now) {
        String key = ctx.header("X-MBX-APIKEY");
        if (key == null || key.isBlank() || !key.matches("[A-Za-z0-9_\\-]{1,128}")) {
            throw new SimException(401, -2014, "API-key format invalid.");
        }
        SimTrading.Account a = trading.account(key);
        BinanceSigner signer = signers.get(key);
        if (a == null || signer == null) throw new SimException(401, -2015, "Invalid API-key, IP, or permissions for action.");
        if (!signed) return a;
        String query = ctx.queryString() == null ? "" : ctx.queryString();
        String ct = ctx.contentType();
        String body = ct != null && ct.startsWith("application/x-www-form-urlencoded") ? ctx.body() : "";
        String[] q = withoutSignature(query);
        String[] b = withoutSignature(body);
        String signature = q[1] != null ? q[1] : b[1];
        if (signature == null || signature.isEmpty()) throw SimException.mandatory("signature");
        String ts = params.get("timestamp");
        if (ts == null || ts.isBlank()) throw SimException.mandatory("timestamp");
        long timestamp;
        long recvWindow;
        try {
            timestamp = Long.parseLong(ts);
            recvWindow = params.get("recvWindow") == null ? 5000 : Long.parseLong(params.get("recvWindow"));
        } catch (NumberFormatException e) {
            throw SimException.badRequest(-1100, "Illegal characters found in parameter 'timestamp'; legal range is '^([0-9]{1,20})$'.");
        }
        if (recvWindow > 60_000 || recvWindow <= 0) {
            throw SimException.badRequest(-1131, "recvWindow must be less than 60000");
        }
        String expected = signer.sign(q[0] + b[0]);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                signature.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII))) {
            throw SimException.badRequest(-1022, "Signature for this request is not valid.");
        }
        if (timestamp >= now + 1000) {
            throw SimException.badRequest(-1021, "Timestamp for this request was 1000ms ahead of the server's time.");
        }
        if (now - timestamp > recvWindow) {
            throw SimException.badRequest(-1021, "Timestamp for this request is outside of the recvWindow.");
        }
        return a;
    }

    /** {raw text without the signature parameter, signature value or null}. */
    private static String[] withoutSignature(String raw) {
        if (raw == null || raw.isEmpty()) return new String[]{"", null};
        List<String> keep = new ArrayList<>();
        String sig = null;
        for (String part : raw.split("&")) {
            if (part.startsWith("signature=")) sig = part.substring("signature=".length());
            else keep.add(part);
        }
        return new String[]{String.join("&", keep), sig};
    }

    // ------------------------------------------------------------------------------------------ market data

    private Object exchangeInfo(Req r) {
        SimMarket m = markets.get(r.market());
        String one = r.p("symbol");
        String many = r.p("symbols");
        ObjectNode root = (ObjectNode) infoTrees.get(r.market()).deepCopy();
        root.put("serverTime", clock.serverTime());
        if (one == null && many == null) return root;
        List<String> wanted = new ArrayList<>();
        if (one != null) wanted.add(one.toUpperCase(Locale.ROOT));
        if (many != null) {
            try {
                JSON.readTree(many).forEach(n -> wanted.add(n.asText().toUpperCase(Locale.ROOT)));
            } catch (IOException e) {
                throw SimException.badRequest(-1100, "Illegal characters found in parameter 'symbols'.");
            }
        }
        for (String s : wanted) m.instrument(s);
        ArrayNode keep = JSON.createArrayNode();
        for (JsonNode s : root.path("symbols")) if (wanted.contains(s.path("symbol").asText())) keep.add(s);
        root.set("symbols", keep);
        return root;
    }

    private Object klines(Req r) {
        SimMarket m = markets.get(r.market());
        String symbol = m.instrument(r.p("symbol")).symbol();
        String iv = r.p("interval");
        if (iv == null || iv.isBlank()) throw SimException.mandatory("interval");
        Interval interval;
        try {
            interval = Interval.parse(iv);
        } catch (IllegalArgumentException e) {
            throw SimException.badRequest(-1120, "Invalid interval.");
        }
        int limit = SimTrading.intParam(r.params(), "limit", 500, r.market() == Market.SPOT ? 1000 : 1500);
        long start = r.p("startTime") == null ? Long.MIN_VALUE : Long.parseLong(r.p("startTime"));
        long end = r.p("endTime") == null ? Long.MAX_VALUE : Long.parseLong(r.p("endTime"));
        ArrayNode out = JSON.createArrayNode();
        Optional<SimMarket.Series> so = m.series(symbol, interval);
        if (so.isEmpty()) return out;
        SimMarket.Series s = so.get();
        long cursor = m.cursor(symbol);
        long upTo = Math.min(end, cursor);
        int last = s.indexAt(upTo);
        if (last < 0) return out;
        int first;
        if (start != Long.MIN_VALUE) {
            first = s.firstFrom(start);
            last = Math.min(last, first + limit - 1);
        } else {
            first = Math.max(0, last - limit + 1);
        }
        for (int i = first; i <= last; i++) {
            Bar b = s.bars().get(i);
            if (b.closeTime() >= cursor) b = SimMarket.barAt(s, cursor);
            Market mk = r.market();
            out.addArray().add(b.openTime()).add(SimStreams.fmt(mk, b.open())).add(SimStreams.fmt(mk, b.high()))
                    .add(SimStreams.fmt(mk, b.low())).add(SimStreams.fmt(mk, b.close()))
                    .add(SimStreams.fmt(mk, b.volume())).add(b.closeTime())
                    .add(SimStreams.fmt(mk, SimStreams.quoteVolume(b))).add(Math.max(0, b.trades()))
                    .add(SimStreams.fmt(mk, b.takerBuyBaseVolume() == null ? BigDecimal.ZERO : b.takerBuyBaseVolume()))
                    .add(SimStreams.fmt(mk, b.takerBuyQuoteVolume() == null ? BigDecimal.ZERO : b.takerBuyQuoteVolume()))
                    .add("0");
        }
        return out;
    }

    private Object depth(Req r) {
        SimMarket m = markets.get(r.market());
        int limit = SimTrading.intParam(r.params(), "limit", r.market() == Market.SPOT ? 100 : 500, 5000);
        SimBook.Snapshot s = m.book(r.p("symbol")).snapshot(limit);
        ObjectNode o = JSON.createObjectNode();
        o.put("lastUpdateId", s.lastUpdateId());
        if (r.market() == Market.USDM_FUTURES) o.put("E", clock.serverTime()).put("T", clock.serverTime());
        SimStreams.levels(r.market(), o.putArray("bids"), s.bids());
        SimStreams.levels(r.market(), o.putArray("asks"), s.asks());
        return o;
    }

    private Object trades(Req r, boolean agg) {
        SimMarket m = markets.get(r.market());
        SimTape tape = m.tape(r.p("symbol"));
        int limit = SimTrading.intParam(r.params(), "limit", 500, 1000);
        long fromId = r.p("fromId") == null ? -1 : Long.parseLong(r.p("fromId"));
        long start = r.p("startTime") == null ? -1 : Long.parseLong(r.p("startTime"));
        long end = r.p("endTime") == null ? -1 : Long.parseLong(r.p("endTime"));
        if (tape.recent(1, -1, -1, -1).isEmpty()) tape.step(clock.serverTime());
        ArrayNode out = JSON.createArrayNode();
        Market mk = r.market();
        for (SimTape.Trade t : tape.recent(limit, fromId, agg ? start : -1, agg ? end : -1)) {
            ObjectNode n = out.addObject();
            if (agg) {
                n.put("a", t.id()).put("p", SimStreams.fmt(mk, t.price())).put("q", SimStreams.fmt(mk, t.qty()))
                        .put("f", t.id()).put("l", t.id()).put("T", t.time()).put("m", t.buyerMaker());
                if (mk == Market.SPOT) n.put("M", true);
            } else {
                n.put("id", t.id()).put("price", SimStreams.fmt(mk, t.price())).put("qty", SimStreams.fmt(mk, t.qty()))
                        .put("quoteQty", SimStreams.fmt(mk, t.quoteQty())).put("time", t.time())
                        .put("isBuyerMaker", t.buyerMaker());
                if (mk == Market.SPOT) n.put("isBestMatch", true);
            }
        }
        return out;
    }

    private List<String> symbolsOf(Req r) {
        SimMarket m = markets.get(r.market());
        List<String> out = new ArrayList<>();
        if (r.p("symbol") != null) {
            out.add(m.instrument(r.p("symbol")).symbol());
        } else if (r.p("symbols") != null) {
            try {
                for (JsonNode n : JSON.readTree(r.p("symbols"))) out.add(m.instrument(n.asText()).symbol());
            } catch (IOException e) {
                throw SimException.badRequest(-1100, "Illegal characters found in parameter 'symbols'.");
            }
        } else {
            for (String s : m.replaySymbols()) if (m.instruments.containsKey(s) && m.price(s) != null) out.add(s);
        }
        return out;
    }

    private boolean single(Req r) {
        return r.p("symbol") != null;
    }

    private Object ticker24h(Req r) {
        SimMarket m = markets.get(r.market());
        ArrayNode arr = JSON.createArrayNode();
        for (String s : symbolsOf(r)) {
            m.requirePrice(s);
            SimMarket.Stats24h st = m.stats24h(s);
            Market mk = r.market();
            ObjectNode n = arr.addObject();
            n.put("symbol", s).put("priceChange", SimStreams.fmt(mk, st.change()))
                    .put("priceChangePercent", st.changePercent().toPlainString())
                    .put("weightedAvgPrice", SimStreams.fmt(mk, st.weightedAvg()));
            if (mk == Market.SPOT) n.put("prevClosePrice", SimStreams.fmt(mk, st.prevClose()));
            n.put("lastPrice", SimStreams.fmt(mk, st.last())).put("lastQty", SimStreams.fmt(mk, BigDecimal.ZERO));
            if (mk == Market.SPOT) {
                BigDecimal tick = m.instrument(s).tickSize();
                n.put("bidPrice", SimStreams.fmt(mk, st.last().subtract(tick))).put("bidQty", "1.00000000")
                        .put("askPrice", SimStreams.fmt(mk, st.last().add(tick))).put("askQty", "1.00000000");
            }
            n.put("openPrice", SimStreams.fmt(mk, st.open())).put("highPrice", SimStreams.fmt(mk, st.high()))
                    .put("lowPrice", SimStreams.fmt(mk, st.low())).put("volume", SimStreams.fmt(mk, st.volume()))
                    .put("quoteVolume", SimStreams.fmt(mk, st.quoteVolume())).put("openTime", st.openTime())
                    .put("closeTime", st.closeTime()).put("firstId", 0).put("lastId", Math.max(0, st.count() - 1))
                    .put("count", st.count());
        }
        return single(r) ? arr.get(0) : arr;
    }

    private Object tickerPrice(Req r) {
        SimMarket m = markets.get(r.market());
        ArrayNode arr = JSON.createArrayNode();
        for (String s : symbolsOf(r)) {
            ObjectNode n = arr.addObject().put("symbol", s).put("price", SimStreams.fmt(r.market(), m.requirePrice(s)));
            if (r.market() == Market.USDM_FUTURES) n.put("time", clock.serverTime());
        }
        return single(r) ? arr.get(0) : arr;
    }

    private Object bookTicker(Req r) {
        SimMarket m = markets.get(r.market());
        ArrayNode arr = JSON.createArrayNode();
        for (String s : symbolsOf(r)) {
            try {
                arr.add(JSON.readTree(SimStreams.bookTicker(m, s, clock.serverTime(), false)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return single(r) ? arr.get(0) : arr;
    }

    private Object premiumIndex(Req r) {
        SimMarket m = markets.get(Market.USDM_FUTURES);
        ArrayNode arr = JSON.createArrayNode();
        for (String s : symbolsOf(r)) {
            ObjectNode mp = SimStreams.markPrice(m, s, clock.serverTime());
            arr.addObject().put("symbol", s).put("markPrice", mp.get("p").asText()).put("indexPrice", mp.get("i").asText())
                    .put("estimatedSettlePrice", mp.get("P").asText()).put("lastFundingRate", mp.get("r").asText())
                    .put("interestRate", "0.00010000").put("nextFundingTime", mp.get("T").asLong())
                    .put("time", clock.serverTime());
        }
        return single(r) ? arr.get(0) : arr;
    }

    private Object fundingRate(Req r) {
        SimMarket m = markets.get(Market.USDM_FUTURES);
        int limit = SimTrading.intParam(r.params(), "limit", 100, 1000);
        long start = r.p("startTime") == null ? Long.MIN_VALUE : Long.parseLong(r.p("startTime"));
        long end = r.p("endTime") == null ? Long.MAX_VALUE : Long.parseLong(r.p("endTime"));
        List<String> syms = r.p("symbol") != null ? List.of(m.instrument(r.p("symbol")).symbol()) : m.replaySymbols();
        List<ObjectNode> rows = new ArrayList<>();
        for (String s : syms) {
            for (Object[] e : m.fundingHistory(s)) {
                long t = (long) e[0];
                if (t < start || t > end) continue;
                ObjectNode n = JSON.createObjectNode().put("symbol", s).put("fundingTime", t)
                        .put("fundingRate", ((BigDecimal) e[1]).toPlainString());
                Bar b = m.priceSeries(s).map(se -> SimMarket.barAt(se, t)).orElse(null);
                n.put("markPrice", b == null ? "" : b.close().setScale(8, java.math.RoundingMode.HALF_UP).toPlainString());
                rows.add(n);
            }
        }
        ArrayNode arr = JSON.createArrayNode();
        List<ObjectNode> sel = start == Long.MIN_VALUE ? rows.subList(Math.max(0, rows.size() - limit), rows.size())
                : rows.subList(0, Math.min(limit, rows.size()));
        sel.forEach(arr::add);
        return arr;
    }

    /** {@code GET /fapi/v1/openInterest}: 0.35 × the replayed 24 h base volume (see the class comment). */
    private Object openInterest(Req r) {
        SimMarket m = markets.get(Market.USDM_FUTURES);
        String s = m.instrument(r.p("symbol")).symbol();
        m.requirePrice(s);
        SimMarket.Stats24h st = m.stats24h(s);
        BigDecimal oi = st.volume().multiply(new BigDecimal("0.35")).setScale(3, java.math.RoundingMode.HALF_UP);
        return JSON.createObjectNode().put("openInterest", oi.toPlainString()).put("symbol", s)
                .put("time", clock.serverTime());
    }

    /**
     * For the app command: one line per market with its symbol count and, per replayed symbol, the recorded kline
     * intervals, e.g. {@code USDM_FUTURES: 642 symbols, replaying BTCUSDT 1h,4h; ETHUSDT 1h; LTCUSDT 1m}. Other
     * intervals are aggregated from a symbol's finest recorded one when they are whole multiples of it (not 1w or
     * 1M); finer ones do not exist on the simulator (its klines answer is {@code []}). A last line says so.
     */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        for (SimMarket m : markets.values()) {
            sb.append(m.market).append(": ").append(m.instruments.size()).append(" symbols, replaying ");
            List<String> parts = new ArrayList<>();
            for (String s : m.replaySymbols()) {
                parts.add(s + " " + m.recordedIntervals(s).stream().map(Interval::code)
                        .collect(java.util.stream.Collectors.joining(",")));
            }
            sb.append(parts.isEmpty() ? "nothing (no recorded klines)" : String.join("; ", parts)).append('\n');
        }
        sb.append("(recorded kline intervals; coarser ones up to 3d are aggregated from a symbol's finest, finer ones"
                + " and unrecorded 1w/1M klines are empty)\n");
        return sb.toString();
    }
}
