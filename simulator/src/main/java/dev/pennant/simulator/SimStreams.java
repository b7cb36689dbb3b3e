package dev.pennant.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pennant.core.model.Bar;
import dev.pennant.core.model.Interval;
import dev.pennant.core.model.Market;
import io.javalin.websocket.WsContext;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import static dev.pennant.simulator.SimTrading.JSON;

/**
 * WebSocket side of the simulator: raw ({@code /ws/<stream>}) and combined ({@code /stream?streams=a/b},
 * {@code {"stream":..,"data":..}}) connections, SUBSCRIBE / UNSUBSCRIBE / LIST_SUBSCRIPTIONS, the 1024-streams and
 * 5-messages-per-second rules (a connection that sends a 6th message within a second is closed with 1008), listen keys
 * and user-data delivery, and the 100 ms {@link #tick()} that produces the market streams. Thread-safe.
 */
final class SimStreams {
    static final int MAX_STREAMS = 1024;
    static final int MAX_MESSAGES_PER_SECOND = 5;

    private final Map<Market, SimMarket> markets;
    private final ReplayClock clock;
    private final Map<WsContext, Conn> conns = new ConcurrentHashMap<>();
    private final Map<String, ListenKey> listenKeys = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    final AtomicLong connections = new AtomicLong();
    final AtomicLong messagesSent = new AtomicLong();
    final AtomicLong closedForRate = new AtomicLong();
    final AtomicLong closedForAge = new AtomicLong();
    /** Binance: "A single connection is only valid for 24 hours; expect to be disconnected at the 24 hour mark." */
    private final long maxConnectionAgeNanos;
    private long tickNo;

    /** A listen key; valid for 60 minutes of server time after creation or the last keep-alive. */
    static final class ListenKey {
        static final long VALIDITY_MILLIS = 60 * 60_000L;
        final String key;
        final String apiKey;
        final Market market;
        volatile long lastKeepAlive;

        ListenKey(String key, String apiKey, Market market, long now) {
            this.key = key;
            this.apiKey = apiKey;
            this.market = market;
            this.lastKeepAlive = now;
        }

        String key() {
            return key;
        }

        String apiKey() {
            return apiKey;
        }

        Market market() {
            return market;
        }
    }

    private static final class Sub {
        final String name;
        final String symbol;
        final String kind;
        final Interval interval;
        long closedUpTo = Long.MIN_VALUE;

        Sub(String name, String symbol, String kind, Interval interval) {
            this.name = name;
            this.symbol = symbol;
            this.kind = kind;
            this.interval = interval;
        }
    }

    private static final class Conn {
        final WsContext ctx;
        final Market market;
        final boolean combined;
        final Map<String, Sub> subs = new LinkedHashMap<>();
        final ArrayDeque<Long> recent = new ArrayDeque<>();
        volatile boolean open = true;
        final long openedAt = System.nanoTime();

        Conn(WsContext ctx, Market market, boolean combined) {
            this.ctx = ctx;
            this.market = market;
            this.combined = combined;
        }
    }

    /** @param maxConnectionAge wall time after which a connection is closed (Binance: 24 h) */
    SimStreams(Map<Market, SimMarket> markets, ReplayClock clock, java.time.Duration maxConnectionAge) {
        this.markets = markets;
        this.clock = clock;
        this.maxConnectionAgeNanos = maxConnectionAge.toNanos();
    }

    /**
     * Closes connections older than the maximum age with a close frame (1000, "24 hour connection limit"), as Binance
     * does at the 24 hour mark: a normal closure the client did not ask for, after which it must reconnect.
     */
    private void closeAged() {
        long now = System.nanoTime();
        for (Conn c : List.copyOf(conns.values())) {
            if (now - c.openedAt < maxConnectionAgeNanos) continue;
            c.open = false;
            conns.remove(c.ctx);
            closedForAge.incrementAndGet();
            try {
                c.ctx.closeSession(1000, "24 hour connection limit");
            } catch (Exception ignored) {
                // already gone
            }
        }
    }

    // ------------------------------------------------------------------------------------------ listen keys

    String createListenKey(String apiKey, Market market) {
        for (ListenKey k : listenKeys.values()) {
            if (k.apiKey().equals(apiKey) && k.market() == market) {
                k.lastKeepAlive = clock.serverTime();
                return k.key();
            }
        }
        String chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder sb = new StringBuilder(64);
        for (int i = 0; i < 64; i++) sb.append(chars.charAt(random.nextInt(chars.length())));
        String key = sb.toString();
        listenKeys.put(key, new ListenKey(key, apiKey, market, clock.serverTime()));
        return key;
    }

    void keepAlive(String apiKey, Market market, String key) {
        ListenKey k = key == null ? null : listenKeys.get(key);
        if (k == null || !k.apiKey().equals(apiKey) || k.market() != market) {
            throw SimException.badRequest(-1125, "This listenKey does not exist.");
        }
        k.lastKeepAlive = clock.serverTime();
    }

    /** Removes keys not kept alive for 60 minutes and tells their connections ({@code listenKeyExpired}). */
    private void expireListenKeys(long now) {
        for (ListenKey k : List.copyOf(listenKeys.values())) {
            if (now - k.lastKeepAlive <= ListenKey.VALIDITY_MILLIS) continue;
            listenKeys.remove(k.key());
            String event = "{\"e\":\"listenKeyExpired\",\"E\":" + now + ",\"listenKey\":\"" + k.key() + "\"}";
            for (Conn c : conns.values()) {
                boolean listening;
                synchronized (c) {
                    listening = c.subs.containsKey(k.key());
                }
                if (listening) send(c, k.key(), event);
            }
        }
    }

    void deleteListenKey(String apiKey, Market market, String key) {
        keepAlive(apiKey, market, key);
        listenKeys.remove(key);
    }

    /** Sends a user-data event to every connection listening to a key of {@code apiKey} in {@code market}. */
    void publishUser(String apiKey, Market market, String json) {
        for (Conn c : conns.values()) {
            List<String> names = new ArrayList<>();
            synchronized (c) {
                for (Sub s : c.subs.values()) {
                    if (s.kind.equals("user")) {
                        ListenKey k = listenKeys.get(s.name);
                        if (k != null && k.apiKey().equals(apiKey) && k.market() == market) names.add(s.name);
                    }
                }
            }
            for (String n : names) send(c, n, json);
        }
    }

    // ------------------------------------------------------------------------------------------ connections

    void onConnect(WsContext ctx, Market market, boolean combined, List<String> streams) {
        Conn c = new Conn(ctx, market, combined);
        connections.incrementAndGet();
        if (streams.size() > MAX_STREAMS) {
            ctx.closeSession(1008, "Too many streams: at most " + MAX_STREAMS + " per connection");
            return;
        }
        conns.put(ctx, c);
        synchronized (c) {
            for (String s : streams) {
                Sub sub = parse(market, s);
                if (sub != null) c.subs.put(sub.name, sub);
            }
        }
    }

    void onClose(WsContext ctx) {
        Conn c = conns.remove(ctx);
        if (c != null) c.open = false;
    }

    void onMessage(WsContext ctx, String text) {
        Conn c = conns.get(ctx);
        if (c == null) return;
        long now = System.currentTimeMillis();
        synchronized (c) {
            c.recent.addLast(now);
            while (!c.recent.isEmpty() && c.recent.peekFirst() <= now - 1000) c.recent.removeFirst();
            if (c.recent.size() > MAX_MESSAGES_PER_SECOND) {
                closedForRate.incrementAndGet();
                c.open = false;
                conns.remove(ctx);
                ctx.closeSession(1008, "Too many requests");
                return;
            }
        }
        JsonNode req;
        try {
            req = JSON.readTree(text);
        } catch (Exception e) {
            sendRaw(c, "{\"error\":{\"code\":3,\"msg\":\"Invalid JSON: " + e.getClass().getSimpleName() + "\"}}");
            return;
        }
        JsonNode id = req.get("id");
        String idText = id == null ? "null" : id.toString();
        String method = req.path("method").asText("");
        switch (method) {
            case "SUBSCRIBE", "UNSUBSCRIBE" -> {
                JsonNode params = req.get("params");
                if (params == null || !params.isArray()) {
                    sendRaw(c, "{\"error\":{\"code\":2,\"msg\":\"Invalid request: missing field 'params'\"},\"id\":" + idText + "}");
                    return;
                }
                synchronized (c) {
                    if (method.equals("SUBSCRIBE")) {
                        List<Sub> add = new ArrayList<>();
                        for (JsonNode p : params) {
                            Sub s = parse(c.market, p.asText());
                            if (s == null) {
                                sendRaw(c, "{\"error\":{\"code\":2,\"msg\":\"Invalid request: unknown stream "
                                        + p.asText().replace("\"", "") + "\"},\"id\":" + idText + "}");
                                return;
                            }
                            if (!c.subs.containsKey(s.name)) add.add(s);
                        }
                        if (c.subs.size() + add.size() > MAX_STREAMS) {
                            sendRaw(c, "{\"error\":{\"code\":2,\"msg\":\"Invalid request: too many streams (max "
                                    + MAX_STREAMS + " per connection)\"},\"id\":" + idText + "}");
                            return;
                        }
                        for (Sub s : add) c.subs.put(s.name, s);
                    } else {
                        for (JsonNode p : params) c.subs.remove(p.asText().toLowerCase(Locale.ROOT));
                    }
                }
                sendRaw(c, "{\"result\":null,\"id\":" + idText + "}");
            }
            case "LIST_SUBSCRIPTIONS" -> {
                ArrayNode arr = JSON.createArrayNode();
                synchronized (c) {
                    c.subs.keySet().forEach(arr::add);
                }
                sendRaw(c, "{\"result\":" + arr + ",\"id\":" + idText + "}");
            }
            case "SET_PROPERTY", "GET_PROPERTY" -> sendRaw(c, "{\"result\":" + (method.equals("GET_PROPERTY") ? "false" : "null")
                    + ",\"id\":" + idText + "}");
            default -> sendRaw(c, "{\"error\":{\"code\":2,\"msg\":\"Invalid request: unknown method\"},\"id\":" + idText + "}");
        }
    }

    /** Drops every connection without a close handshake (test hook). */
    void dropAll() {
        for (Conn c : List.copyOf(conns.values())) {
            c.open = false;
            conns.remove(c.ctx);
            try {
                c.ctx.session.disconnect();
            } catch (Exception ignored) {
                // already gone
            }
        }
    }

    int openConnections() {
        return conns.size();
    }

    /** A stream name → subscription, null when not a stream this simulator serves. */
    private Sub parse(Market market, String raw) {
        if (raw == null || raw.isBlank()) return null;
        if (listenKeys.containsKey(raw)) return new Sub(raw, null, "user", null);
        String name = raw.toLowerCase(Locale.ROOT);
        if (name.equals("!ticker@arr")) return new Sub(name, null, "tickerArr", null);
        if (name.startsWith("!markprice@arr")) return market == Market.USDM_FUTURES ? new Sub(name, null, "markArr", null) : null;
        int at = name.indexOf('@');
        if (at <= 0) return null;
        String symbol = name.substring(0, at).toUpperCase(Locale.ROOT);
        if (!markets.get(market).instruments.containsKey(symbol)) return null;
        String kind = name.substring(at + 1);
        if (kind.startsWith("kline_")) {
            try {
                return new Sub(raw.substring(0, at).toLowerCase(Locale.ROOT) + "@kline_" + raw.substring(at + 7), symbol,
                        "kline", Interval.parse(raw.substring(at + 7)));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return switch (kind) {
            case "depth", "depth@1000ms" -> new Sub(name, symbol, "depth1s", null);
            case "depth@100ms" -> new Sub(name, symbol, "depth", null);
            case "depth5", "depth10", "depth20", "depth5@100ms", "depth10@100ms", "depth20@100ms",
                 "depth5@500ms", "depth10@500ms", "depth20@500ms" -> new Sub(name, symbol, "partial", null);
            case "aggtrade" -> new Sub(name, symbol, "aggTrade", null);
            case "trade" -> new Sub(name, symbol, "trade", null);
            case "bookticker" -> new Sub(name, symbol, "bookTicker", null);
            case "ticker" -> new Sub(name, symbol, "ticker", null);
            case "markprice", "markprice@1s" -> market == Market.USDM_FUTURES ? new Sub(name, symbol, "mark", null) : null;
            default -> null;
        };
    }

    // ------------------------------------------------------------------------------------------ tick

    /** One 100 ms step: books, tapes and every subscription. Called from the simulator's ticker thread. */
    void tick() {
        tickNo++;
        closeAged();
        long now = clock.serverTime();
        if (tickNo % 10 == 0) expireListenKeys(now);
        Map<Market, Map<String, SimBook.Diff>> diffs = new HashMap<>();
        Map<Market, Map<String, SimBook.Diff>> seconds = new HashMap<>();
        Map<Market, Map<String, SimTape.Trade>> trades = new HashMap<>();
        // activate what the subscriptions need
        for (Conn c : conns.values()) {
            synchronized (c) {
                for (Sub s : c.subs.values()) {
                    try {
                        switch (s.kind) {
                            case "depth", "depth1s", "partial", "bookTicker" -> markets.get(c.market).book(s.symbol);
                            case "aggTrade", "trade" -> markets.get(c.market).tape(s.symbol);
                            default -> { }
                        }
                    } catch (SimException e) {
                        // symbol without klines: no data
                    }
                }
            }
        }
        for (SimMarket m : markets.values()) {
            Map<String, SimBook.Diff> d = new HashMap<>();
            Map<String, SimBook.Diff> sec = new HashMap<>();
            for (SimBook b : m.books()) {
                d.put(b.symbol, b.step());
                if (tickNo % 10 == 0) {
                    SimBook.Diff s = b.drainSecond();
                    if (s != null) sec.put(b.symbol, s);
                }
            }
            diffs.put(m.market, d);
            seconds.put(m.market, sec);
            Map<String, SimTape.Trade> t = new HashMap<>();
            for (SimTape tape : m.tapes()) {
                SimTape.Trade tr = tape.step(now);
                if (tr != null) t.put(tape.symbol, tr);
            }
            trades.put(m.market, t);
        }
        Map<Market, String> tickerArr = new HashMap<>();
        for (Conn c : conns.values()) {
            SimMarket m = markets.get(c.market);
            List<String[]> out = new ArrayList<>();
            synchronized (c) {
                for (Sub s : c.subs.values()) {
                    String json = switch (s.kind) {
                        case "kline" -> {
                            if (tickNo % 10 != 0 && s.closedUpTo != Long.MIN_VALUE) yield null;
                            for (String k : klineEvents(m, s, now)) out.add(new String[]{s.name, k});
                            yield null;
                        }
                        case "depth" -> depthEvent(m, s.symbol, diffs.get(c.market).get(s.symbol), now);
                        case "depth1s" -> depthEvent(m, s.symbol, seconds.get(c.market).get(s.symbol), now);
                        case "partial" -> tickNo % (s.name.endsWith("100ms") ? 1 : s.name.endsWith("500ms") ? 5 : 10) == 0
                                ? partialDepth(m, s) : null;
                        case "aggTrade", "trade" -> tradeEvent(m, s, trades.get(c.market).get(s.symbol), now);
                        case "bookTicker" -> diffs.get(c.market).containsKey(s.symbol)
                                && !diffs.get(c.market).get(s.symbol).isEmpty() ? bookTicker(m, s.symbol, now, true) : null;
                        case "ticker" -> tickNo % 10 == 0 ? ticker(m, s.symbol, now).toString() : null;
                        case "tickerArr" -> tickNo % 10 == 0 ? tickerArr.computeIfAbsent(c.market, k -> tickerArray(m, now)) : null;
                        case "mark" -> tickNo % (s.name.endsWith("@1s") ? 10 : 30) == 0 ? markPrice(m, s.symbol, now).toString() : null;
                        case "markArr" -> tickNo % (s.name.endsWith("@1s") ? 10 : 30) == 0 ? markArray(m, now) : null;
                        default -> null;
                    };
                    if (json != null) out.add(new String[]{s.name, json});
                }
            }
            for (String[] e : out) send(c, e[0], e[1]);
        }
    }

    private List<String> klineEvents(SimMarket m, Sub s, long now) {
        List<String> out = new ArrayList<>();
        Optional<SimMarket.Series> so = m.series(s.symbol, s.interval);
        if (so.isEmpty()) return out;
        SimMarket.Series se = so.get();
        long cursor = m.cursor(s.symbol);
        int cur = se.indexAt(cursor);
        if (cur < 0) return out;
        if (s.closedUpTo == Long.MIN_VALUE) {
            Bar b = se.bars().get(cur);
            s.closedUpTo = cursor > b.closeTime() ? b.openTime() : cur > 0 ? se.bars().get(cur - 1).openTime() : b.openTime() - 1;
        }
        int from = se.firstFrom(s.closedUpTo + 1);
        for (int i = from; i <= cur && out.size() < 1000; i++) {
            Bar b = se.bars().get(i);
            if (b.closeTime() < cursor) {
                out.add(klineEvent(m.market, b.withClosed(true), now));
                s.closedUpTo = b.openTime();
            } else {
                out.add(klineEvent(m.market, SimMarket.barAt(se, cursor), now));
            }
        }
        return out;
    }

    static String klineEvent(Market market, Bar b, long now) {
        ObjectNode e = JSON.createObjectNode();
        e.put("e", "kline").put("E", now).put("s", b.symbol());
        ObjectNode k = e.putObject("k");
        k.put("t", b.openTime()).put("T", b.closeTime()).put("s", b.symbol()).put("i", b.interval().code())
                .put("f", b.openTime()).put("L", b.openTime() + Math.max(0, b.trades()) - 1)
                .put("o", fmt(market, b.open())).put("c", fmt(market, b.close())).put("h", fmt(market, b.high()))
                .put("l", fmt(market, b.low())).put("v", fmt(market, b.volume())).put("n", Math.max(0, b.trades()))
                .put("x", b.closed()).put("q", fmt(market, quoteVolume(b)))
                .put("V", fmt(market, b.takerBuyBaseVolume() == null ? BigDecimal.ZERO : b.takerBuyBaseVolume()))
                .put("Q", fmt(market, b.takerBuyQuoteVolume() == null ? BigDecimal.ZERO : b.takerBuyQuoteVolume()))
                .put("B", "0");
        return e.toString();
    }

    /** Quote volume, estimated as volume × (O+H+L+C)/4 for OHLCV-only recordings. */
    static BigDecimal quoteVolume(Bar b) {
        if (b.quoteVolume() != null) return b.quoteVolume();
        return b.volume().multiply(b.open().add(b.high()).add(b.low()).add(b.close()))
                .divide(BigDecimal.valueOf(4), 8, RoundingMode.HALF_UP);
    }

    /** Binance number text: spot with 8 decimals, futures as plain decimals. */
    static String fmt(Market market, BigDecimal v) {
        return market == Market.SPOT ? SimTrading.s8(v) : SimTrading.plain(v);
    }

    private static String depthEvent(SimMarket m, String symbol, SimBook.Diff d, long now) {
        if (d == null) return null;
        ObjectNode e = JSON.createObjectNode();
        e.put("e", "depthUpdate").put("E", now);
        if (m.market == Market.USDM_FUTURES) e.put("T", now);
        e.put("s", symbol).put("U", d.firstId()).put("u", d.lastId());
        if (m.market == Market.USDM_FUTURES) e.put("pu", d.prevLastId());
        levels(m.market, e.putArray("b"), d.bids());
        levels(m.market, e.putArray("a"), d.asks());
        return e.toString();
    }

    private static String partialDepth(SimMarket m, Sub s) {
        int n = Integer.parseInt(s.name.substring(s.name.indexOf("@depth") + 6).split("@")[0]);
        SimBook.Snapshot snap = m.book(s.symbol).snapshot(n);
        ObjectNode e = JSON.createObjectNode();
        e.put("lastUpdateId", snap.lastUpdateId());
        levels(m.market, e.putArray("bids"), snap.bids());
        levels(m.market, e.putArray("asks"), snap.asks());
        return e.toString();
    }

    static void levels(Market market, ArrayNode arr, List<BigDecimal[]> ls) {
        for (BigDecimal[] l : ls) arr.addArray().add(fmt(market, l[0])).add(fmt(market, l[1]));
    }

    private static String tradeEvent(SimMarket m, Sub s, SimTape.Trade t, long now) {
        if (t == null) return null;
        ObjectNode e = JSON.createObjectNode();
        if (s.kind.equals("aggTrade")) {
            e.put("e", "aggTrade").put("E", now).put("s", s.symbol).put("a", t.id()).put("p", fmt(m.market, t.price()))
                    .put("q", fmt(m.market, t.qty())).put("f", t.id()).put("l", t.id()).put("T", t.time())
                    .put("m", t.buyerMaker()).put("M", true);
        } else {
            e.put("e", "trade").put("E", now).put("s", s.symbol).put("t", t.id()).put("p", fmt(m.market, t.price()))
                    .put("q", fmt(m.market, t.qty())).put("T", t.time()).put("m", t.buyerMaker()).put("M", true);
        }
        return e.toString();
    }

    static String bookTicker(SimMarket m, String symbol, long now, boolean stream) {
        Object[] top = m.book(symbol).top();
        ObjectNode e = JSON.createObjectNode();
        if (stream && m.market == Market.USDM_FUTURES) e.put("e", "bookTicker");
        if (stream) e.put("u", (long) top[4]);
        if (stream && m.market == Market.USDM_FUTURES) e.put("E", now).put("T", now);
        e.put("s", symbol);
        if (stream) {
            e.put("b", fmt(m.market, (BigDecimal) top[0])).put("B", fmt(m.market, (BigDecimal) top[1]))
                    .put("a", fmt(m.market, (BigDecimal) top[2])).put("A", fmt(m.market, (BigDecimal) top[3]));
        } else {
            e.put("bidPrice", fmt(m.market, (BigDecimal) top[0])).put("bidQty", fmt(m.market, (BigDecimal) top[1]))
                    .put("askPrice", fmt(m.market, (BigDecimal) top[2])).put("askQty", fmt(m.market, (BigDecimal) top[3]));
            if (m.market == Market.USDM_FUTURES) e.put("time", now).put("lastUpdateId", (long) top[4]);
        }
        return e.toString();
    }

    /** The {@code 24hrTicker} stream event of {@code symbol}, null when it does not replay. */
    static ObjectNode ticker(SimMarket m, String symbol, long now) {
        SimMarket.Stats24h st = m.stats24h(symbol);
        if (st == null) return null;
        ObjectNode e = JSON.createObjectNode();
        e.put("e", "24hrTicker").put("E", now).put("s", symbol).put("p", fmt(m.market, st.change()))
                .put("P", st.changePercent().toPlainString()).put("w", fmt(m.market, st.weightedAvg()));
        if (m.market == Market.SPOT) e.put("x", fmt(m.market, st.prevClose()));
        e.put("c", fmt(m.market, st.last())).put("Q", fmt(m.market, BigDecimal.ZERO));
        if (m.market == Market.SPOT) {
            BigDecimal tick = m.instrument(symbol).tickSize();
            e.put("b", fmt(m.market, st.last().subtract(tick))).put("B", "1.00000000")
                    .put("a", fmt(m.market, st.last().add(tick))).put("A", "1.00000000");
        }
        e.put("o", fmt(m.market, st.open())).put("h", fmt(m.market, st.high())).put("l", fmt(m.market, st.low()))
                .put("v", fmt(m.market, st.volume())).put("q", fmt(m.market, st.quoteVolume()))
                .put("O", st.openTime()).put("C", st.closeTime()).put("F", 0).put("L", Math.max(0, st.count() - 1))
                .put("n", st.count());
        return e;
    }

    private static String tickerArray(SimMarket m, long now) {
        ArrayNode arr = JSON.createArrayNode();
        for (String s : m.replaySymbols()) {
            if (!m.instruments.containsKey(s)) continue;
            ObjectNode t = ticker(m, s, now);
            if (t != null) arr.add(t);
        }
        return arr.toString();
    }

    /**
     * A {@code markPriceUpdate} derived from the replay (Binance's shape; the REST {@code premiumIndex} reuses it):
     * <ul>
     *   <li>{@code p} mark price and {@code P} estimated settle price = the replayed price (close of the recorded
     *       candle at the replay cursor);</li>
     *   <li>{@code i} index price = mark × 0.9998 (a fixed −2 bp basis; no index was recorded);</li>
     *   <li>{@code r} funding rate = the recorded rate that settled at the end of the funding period in progress at
     *       the cursor ({@link SimMarket#fundingPeriod}), 0.0001 where no funding history covers it;</li>
     *   <li>{@code T} next funding time = {@code E} + (that period's recorded end − cursor): on the server clock, like
     *       {@code E}, so {@code T − E} is the replayed countdown (it runs at the replay speed).</li>
     * </ul>
     */
    static ObjectNode markPrice(SimMarket m, String symbol, long now) {
        BigDecimal px = m.requirePrice(symbol);
        long cursor = m.cursor(symbol);
        Object[] period = m.fundingPeriod(symbol, cursor);
        long next = now + Math.max(0, (long) period[0] - cursor);
        ObjectNode e = JSON.createObjectNode();
        e.put("e", "markPriceUpdate").put("E", now).put("s", symbol).put("p", plainScale(px))
                .put("i", plainScale(indexPrice(px))).put("P", plainScale(px))
                .put("r", ((BigDecimal) period[1]).setScale(8, RoundingMode.HALF_UP).toPlainString()).put("T", next);
        return e;
    }

    /** The simulator's index price: {@code mark × 0.9998}, 8 decimals. */
    static BigDecimal indexPrice(BigDecimal mark) {
        return mark.multiply(new BigDecimal("0.9998")).setScale(8, RoundingMode.HALF_UP);
    }

    private static String plainScale(BigDecimal v) {
        return v.setScale(8, RoundingMode.HALF_UP).toPlainString();
    }

    private static String markArray(SimMarket m, long now) {
        ArrayNode arr = JSON.createArrayNode();
        for (String s : m.replaySymbols()) {
            if (m.instruments.containsKey(s) && m.price(s) != null) arr.add(markPrice(m, s, now));
        }
        return arr.toString();
    }

    // ------------------------------------------------------------------------------------------ sending

    private void send(Conn c, String stream, String json) {
        sendRaw(c, c.combined ? "{\"stream\":\"" + stream + "\",\"data\":" + json + "}" : json);
    }

    private void sendRaw(Conn c, String text) {
        if (!c.open) return;
        synchronized (c.ctx) {
            try {
                c.ctx.send(text);
                messagesSent.incrementAndGet();
            } catch (Exception e) {
                c.open = false;
                conns.remove(c.ctx);
            }
        }
    }
}
