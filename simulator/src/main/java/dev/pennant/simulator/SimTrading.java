package dev.pennant.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pennant.core.model.FilterViolationException;
import dev.pennant.core.model.Instrument;
import dev.pennant.core.model.Market;
import dev.pennant.core.model.OrderType;
import dev.pennant.core.model.Side;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Accounts, orders and matching of the simulator. MARKET orders fill at once, in full, at the replayed price (taker);
 * LIMIT orders fill in full at their price when the replayed price reaches it (maker), or at once at the replayed
 * price when they cross on arrival (taker). Spot keeps free/locked balances per asset (fee 0.1 % in the asset
 * received); futures keep a USDT wallet and one-way positions (fee 0.04 % taker / 0.02 % maker, leverage 20).
 * User-data events are handed to a {@link Sink} in Binance's shapes. All state is guarded by this object's lock.
 */
final class SimTrading {

    /** Receives user-data events for the listen keys of {@code apiKey} in {@code market}. */
    interface Sink {
        void publish(String apiKey, Market market, String json);
    }

    static final ObjectMapper JSON = new ObjectMapper();
    private static final BigDecimal SPOT_FEE = new BigDecimal("0.001");
    private static final BigDecimal FUT_TAKER = new BigDecimal("0.0004");
    private static final BigDecimal FUT_MAKER = new BigDecimal("0.0002");
    private static final BigDecimal LEVERAGE = BigDecimal.valueOf(20);

    static final class Account {
        final String apiKey;
        final byte[] secret;
        final Map<String, BigDecimal[]> spot = new TreeMap<>(); // asset -> {free, locked}
        BigDecimal wallet = new BigDecimal("100000");
        final Map<String, BigDecimal[]> positions = new TreeMap<>(); // symbol -> {amount, entry}
        final List<Order> orders = new ArrayList<>();
        final List<TradeRec> trades = new ArrayList<>();
        long updateTime;

        Account(String apiKey, byte[] secret) {
            this.apiKey = apiKey;
            this.secret = secret;
            spot.put("USDT", new BigDecimal[]{new BigDecimal("100000"), BigDecimal.ZERO});
            spot.put("BTC", new BigDecimal[]{BigDecimal.ONE, BigDecimal.ZERO});
            spot.put("ETH", new BigDecimal[]{BigDecimal.TEN, BigDecimal.ZERO});
            spot.put("BNB", new BigDecimal[]{BigDecimal.TEN, BigDecimal.ZERO});
        }

        BigDecimal[] bal(String asset) {
            return spot.computeIfAbsent(asset, a -> new BigDecimal[]{BigDecimal.ZERO, BigDecimal.ZERO});
        }
    }

    static final class Order {
        Market market;
        long orderId;
        String clientOrderId;
        String symbol;
        Side side;
        String type;
        String tif;
        BigDecimal price;
        BigDecimal origQty;
        BigDecimal executed = BigDecimal.ZERO;
        BigDecimal cumQuote = BigDecimal.ZERO;
        String status = "NEW";
        boolean reduceOnly;
        long time;
        long updateTime;
        BigDecimal locked = BigDecimal.ZERO;
        long checkedUpTo = Long.MIN_VALUE; // replay time up to which the price path was matched

        boolean open() {
            return status.equals("NEW") || status.equals("PARTIALLY_FILLED");
        }

        BigDecimal avg() {
            return executed.signum() == 0 ? BigDecimal.ZERO : cumQuote.divide(executed, 8, RoundingMode.HALF_UP);
        }
    }

    record TradeRec(Market market, long id, long orderId, String symbol, Side side, BigDecimal price, BigDecimal qty,
                    BigDecimal commission, String commissionAsset, boolean maker, long time, BigDecimal realized) {
    }

    private final Map<String, Account> accounts = new ConcurrentHashMap<>();
    private final Map<Market, SimMarket> markets;
    private final ReplayClock clock;
    private final Sink sink;
    private long nextOrderId = 5_000_000L;
    private long nextTradeId = 900_000L;
    long ordersPlaced;
    long fills;

    SimTrading(Map<Market, SimMarket> markets, ReplayClock clock, Sink sink) {
        this.markets = markets;
        this.clock = clock;
        this.sink = sink;
    }

    void addAccount(String apiKey, byte[] secret) {
        accounts.put(apiKey, new Account(apiKey, secret));
    }

    Account account(String apiKey) {
        return apiKey == null ? null : accounts.get(apiKey);
    }

    // ------------------------------------------------------------------------------------------ orders

    synchronized ObjectNode place(Market mk, Account a, Map<String, String> p) {
        SimMarket m = markets.get(mk);
        Instrument ins = m.instrument(p.get("symbol"));
        Side side = parseSide(p.get("side"));
        String type = req(p, "type").toUpperCase();
        boolean spot = mk == Market.SPOT;
        if (!(type.equals("MARKET") || type.equals("LIMIT") || (spot && type.equals("LIMIT_MAKER")))) {
            throw SimException.badRequest(-1116, "Invalid orderType.");
        }
        BigDecimal now = m.requirePrice(ins.symbol());
        boolean limit = !type.equals("MARKET");
        BigDecimal price = limit ? dec(p, "price") : null;
        String tif = null;
        if (type.equals("LIMIT")) {
            tif = req(p, "timeInForce").toUpperCase();
            if (!List.of("GTC", "IOC", "FOK", "GTX", "GTD").contains(tif)) {
                throw SimException.badRequest(-1115, "Invalid timeInForce.");
            }
        }
        BigDecimal qty;
        if (!limit && spot && p.get("quantity") == null && p.get("quoteOrderQty") != null) {
            BigDecimal quote = dec(p, "quoteOrderQty");
            qty = ins.roundQuantity(quote.divide(now, 12, RoundingMode.DOWN), OrderType.MARKET);
        } else {
            qty = dec(p, "quantity");
        }
        if (qty.signum() <= 0) {
            throw spot ? SimException.badRequest(-1013, "Invalid quantity.")
                    : SimException.badRequest(-4003, "Quantity less than or equal to zero.");
        }
        try {
            ins.validate(side, limit ? OrderType.LIMIT : OrderType.MARKET, price, qty, now);
        } catch (FilterViolationException e) {
            throw filterError(mk, e);
        }
        long openForSymbol = a.orders.stream().filter(o -> o.market == mk && o.open()
                && o.symbol.equals(ins.symbol())).count();
        Integer maxOrders = ins.filters().maxNumOrders();
        if (maxOrders != null && openForSymbol >= maxOrders) {
            throw SimException.badRequest(-1013, "Filter failure: MAX_NUM_ORDERS");
        }
        String clientId = p.getOrDefault("newClientOrderId", "");
        if (clientId.isEmpty()) clientId = "sim" + Long.toString(nextOrderId * 7919L, 36);
        final String cid = clientId;
        if (a.orders.stream().anyMatch(o -> o.market == mk && o.open() && o.clientOrderId.equals(cid))) {
            throw SimException.badRequest(-2010, "Duplicate order sent.");
        }
        boolean crosses = !limit || (side == Side.BUY ? price.compareTo(now) >= 0 : price.compareTo(now) <= 0);
        if (crosses && type.equals("LIMIT_MAKER")) {
            throw SimException.badRequest(-2010, "Order would immediately match and take.");
        }
        BigDecimal fillPrice = !limit ? now : side == Side.BUY ? price.min(now) : price.max(now);
        boolean reduceOnly = Boolean.parseBoolean(p.getOrDefault("reduceOnly", "false"));
        // funds
        BigDecimal lockAmount = BigDecimal.ZERO;
        if (spot) {
            if (side == Side.BUY) {
                BigDecimal cost = (crosses ? fillPrice : price).multiply(qty);
                if (a.bal(ins.quoteAsset())[0].compareTo(cost) < 0) throw insufficient();
                lockAmount = cost;
            } else {
                if (a.bal(ins.baseAsset())[0].compareTo(qty) < 0) throw insufficient();
                lockAmount = qty;
            }
        } else if (!reduceOnly) {
            BigDecimal margin = (crosses ? fillPrice : price).multiply(qty).divide(LEVERAGE, 8, RoundingMode.UP);
            if (availableFutures(a).compareTo(margin) < 0) {
                throw SimException.badRequest(-2019, "Margin is insufficient.");
            }
        }
        ordersPlaced++;
        long t = clock.serverTime();
        Order o = new Order();
        o.market = mk;
        o.orderId = nextOrderId++;
        o.clientOrderId = clientId;
        o.symbol = ins.symbol();
        o.side = side;
        o.type = type;
        o.tif = tif;
        o.price = limit ? price : BigDecimal.ZERO;
        o.origQty = qty;
        o.reduceOnly = reduceOnly;
        o.time = t;
        o.updateTime = t;
        o.checkedUpTo = m.cursor(o.symbol);
        a.orders.add(o);
        if (!crosses && ("IOC".equals(tif) || "FOK".equals(tif))) {
            o.status = "EXPIRED";
            publishOrder(a, o, "EXPIRED", null, t);
            return orderResponse(o, List.of(), p.get("newOrderRespType"));
        }
        if (crosses && "GTX".equals(tif)) {
            o.status = "EXPIRED";
            publishOrder(a, o, "EXPIRED", null, t);
            return orderResponse(o, List.of(), p.get("newOrderRespType"));
        }
        if (spot && !crosses) {
            String asset = side == Side.BUY ? ins.quoteAsset() : ins.baseAsset();
            BigDecimal[] b = a.bal(asset);
            b[0] = b[0].subtract(lockAmount);
            b[1] = b[1].add(lockAmount);
            o.locked = lockAmount;
        }
        publishOrder(a, o, "NEW", null, t);
        List<TradeRec> made = new ArrayList<>();
        if (crosses) {
            made.add(fill(a, o, ins, fillPrice, false, t));
        } else if (spot) {
            publishSpotBalances(a, List.of(side == Side.BUY ? ins.quoteAsset() : ins.baseAsset()), t);
        }
        return orderResponse(o, made, p.get("newOrderRespType"));
    }

    private static SimException insufficient() {
        return SimException.badRequest(-2010, "Account has insufficient balance for requested action.");
    }

    /** Binance's answer for a filter failure: spot -1013 "Filter failure: X"; futures the -4xxx / -1111 codes. */
    static SimException filterError(Market mk, FilterViolationException e) {
        if (mk == Market.SPOT) return SimException.badRequest(-1013, "Filter failure: " + e.filter());
        String m = e.getMessage();
        return switch (e.filter()) {
            case "PRICE_FILTER" -> m.contains("below minPrice") ? SimException.badRequest(-4013, "Price less than min price.")
                    : m.contains("above maxPrice") ? SimException.badRequest(-4016, "Limit price can't be higher than the max price.")
                    : SimException.badRequest(-4014, "Price not increased by tick size.");
            case "LOT_SIZE", "MARKET_LOT_SIZE" -> m.contains("below minQty")
                    ? SimException.badRequest(-4004, "Quantity less than min quantity.")
                    : m.contains("above maxQty") ? SimException.badRequest(-4005, "Quantity greater than max quantity.")
                    : SimException.badRequest(-1111, "Precision is over the maximum defined for this asset.");
            case "MIN_NOTIONAL", "NOTIONAL" -> SimException.badRequest(-4164,
                    "Order's notional must be no smaller than the minimum (unless you choose reduce only).");
            case "PERCENT_PRICE", "PERCENT_PRICE_BY_SIDE" -> SimException.badRequest(-4016,
                    "Limit price can't be higher than the max price.");
            default -> SimException.badRequest(-1013, "Filter failure: " + e.filter());
        };
    }

    private TradeRec fill(Account a, Order o, Instrument ins, BigDecimal px, boolean maker, long t) {
        fills++;
        BigDecimal qty = o.origQty.subtract(o.executed);
        BigDecimal quote = px.multiply(qty);
        o.executed = o.origQty;
        o.cumQuote = o.cumQuote.add(quote);
        o.status = "FILLED";
        o.updateTime = t;
        BigDecimal commission;
        String commissionAsset;
        BigDecimal realized = BigDecimal.ZERO;
        List<String> changed = List.of(ins.baseAsset(), ins.quoteAsset());
        if (o.market == Market.SPOT) {
            BigDecimal[] base = a.bal(ins.baseAsset());
            BigDecimal[] q = a.bal(ins.quoteAsset());
            if (o.side == Side.BUY) {
                commission = qty.multiply(SPOT_FEE).setScale(8, RoundingMode.UP);
                commissionAsset = ins.baseAsset();
                if (o.locked.signum() > 0) {
                    q[1] = q[1].subtract(o.locked);
                    q[0] = q[0].add(o.locked).subtract(quote);
                } else {
                    q[0] = q[0].subtract(quote);
                }
                base[0] = base[0].add(qty).subtract(commission);
            } else {
                commission = quote.multiply(SPOT_FEE).setScale(8, RoundingMode.UP);
                commissionAsset = ins.quoteAsset();
                if (o.locked.signum() > 0) base[1] = base[1].subtract(o.locked);
                else base[0] = base[0].subtract(qty);
                q[0] = q[0].add(quote).subtract(commission);
            }
            o.locked = BigDecimal.ZERO;
        } else {
            commission = quote.multiply(maker ? FUT_MAKER : FUT_TAKER).setScale(8, RoundingMode.UP);
            commissionAsset = "USDT";
            BigDecimal[] pos = a.positions.computeIfAbsent(o.symbol, s -> new BigDecimal[]{BigDecimal.ZERO, BigDecimal.ZERO});
            BigDecimal signed = o.side == Side.BUY ? qty : qty.negate();
            BigDecimal amt = pos[0];
            if (amt.signum() == 0 || amt.signum() == signed.signum()) {
                BigDecimal newAmt = amt.add(signed);
                pos[1] = pos[1].multiply(amt.abs()).add(px.multiply(qty)).divide(newAmt.abs(), 8, RoundingMode.HALF_UP);
                pos[0] = newAmt;
            } else {
                BigDecimal closing = qty.min(amt.abs());
                realized = px.subtract(pos[1]).multiply(closing).multiply(BigDecimal.valueOf(amt.signum()));
                BigDecimal newAmt = amt.add(signed);
                if (newAmt.signum() == 0) pos[1] = BigDecimal.ZERO;
                else if (newAmt.signum() != amt.signum()) pos[1] = px;
                pos[0] = newAmt;
            }
            a.wallet = a.wallet.add(realized).subtract(commission);
        }
        a.updateTime = t;
        TradeRec tr = new TradeRec(o.market, nextTradeId++, o.orderId, o.symbol, o.side, px, qty, commission,
                commissionAsset, maker, t, realized);
        a.trades.add(tr);
        publishOrder(a, o, "TRADE", tr, t);
        if (o.market == Market.SPOT) publishSpotBalances(a, changed, t);
        else publishFuturesAccount(a, o.symbol, t);
        return tr;
    }

    private BigDecimal availableFutures(Account a) {
        BigDecimal used = BigDecimal.ZERO;
        for (Map.Entry<String, BigDecimal[]> e : a.positions.entrySet()) {
            used = used.add(e.getValue()[0].abs().multiply(e.getValue()[1]).divide(LEVERAGE, 8, RoundingMode.UP));
        }
        for (Order o : a.orders) {
            if (o.market == Market.USDM_FUTURES && o.open() && !o.reduceOnly) {
                used = used.add(o.price.multiply(o.origQty).divide(LEVERAGE, 8, RoundingMode.UP));
            }
        }
        return a.wallet.add(unrealized(a)).subtract(used);
    }

    private BigDecimal unrealized(Account a) {
        BigDecimal u = BigDecimal.ZERO;
        for (Map.Entry<String, BigDecimal[]> e : a.positions.entrySet()) {
            BigDecimal px = markets.get(Market.USDM_FUTURES).price(e.getKey());
            if (px != null) u = u.add(px.subtract(e.getValue()[1]).multiply(e.getValue()[0]));
        }
        return u;
    }

    /**
     * Fills the resting LIMIT orders of {@code mk} whose price the replay reached since the last call (the lowest /
     * highest price along the replayed path, so fast replays do not skip crossings).
     */
    synchronized void match(Market mk) {
        SimMarket m = markets.get(mk);
        for (Account a : accounts.values()) {
            for (Order o : List.copyOf(a.orders)) {
                if (o.market != mk || !o.open()) continue;
                long now = m.cursor(o.symbol);
                BigDecimal[] range = m.range(o.symbol, o.checkedUpTo, now);
                o.checkedUpTo = now;
                if (range == null) continue;
                boolean reached = o.side == Side.BUY ? range[0].compareTo(o.price) <= 0 : range[1].compareTo(o.price) >= 0;
                if (reached) fill(a, o, m.instrument(o.symbol), o.price, true, clock.serverTime());
            }
        }
    }

    synchronized ObjectNode cancel(Market mk, Account a, Map<String, String> p) {
        Order o = find(mk, a, p, true);
        if (o == null || !o.open()) throw SimException.badRequest(-2011, "Unknown order sent.");
        long t = clock.serverTime();
        o.status = "CANCELED";
        o.updateTime = t;
        if (mk == Market.SPOT && o.locked.signum() > 0) {
            Instrument ins = markets.get(mk).instrument(o.symbol);
            String asset = o.side == Side.BUY ? ins.quoteAsset() : ins.baseAsset();
            BigDecimal[] b = a.bal(asset);
            b[1] = b[1].subtract(o.locked);
            b[0] = b[0].add(o.locked);
            o.locked = BigDecimal.ZERO;
            publishOrder(a, o, "CANCELED", null, t);
            publishSpotBalances(a, List.of(asset), t);
        } else {
            publishOrder(a, o, "CANCELED", null, t);
        }
        if (mk == Market.SPOT) {
            ObjectNode r = JSON.createObjectNode();
            r.put("symbol", o.symbol);
            r.put("origClientOrderId", o.clientOrderId);
            r.put("orderId", o.orderId);
            r.put("orderListId", -1);
            r.put("clientOrderId", p.getOrDefault("newClientOrderId", "cancel" + o.orderId));
            r.put("transactTime", t);
            addCommon(r, o);
            return r;
        }
        return orderResponse(o, List.of(), "RESULT");
    }

    synchronized ObjectNode query(Market mk, Account a, Map<String, String> p) {
        Order o = find(mk, a, p, false);
        if (o == null) throw SimException.badRequest(-2013, "Order does not exist.");
        return orderObject(o);
    }

    private Order find(Market mk, Account a, Map<String, String> p, boolean cancel) {
        String sym = markets.get(mk).instrument(p.get("symbol")).symbol();
        String id = p.get("orderId");
        String cid = p.get("origClientOrderId");
        if ((id == null || id.isBlank()) && (cid == null || cid.isBlank())) {
            throw SimException.badRequest(-1102, "Param 'origClientOrderId' or 'orderId' must be sent, but both were empty/null!");
        }
        for (int i = a.orders.size() - 1; i >= 0; i--) {
            Order o = a.orders.get(i);
            if (o.market != mk || !o.symbol.equals(sym)) continue;
            if (id != null && !id.isBlank() ? String.valueOf(o.orderId).equals(id) : o.clientOrderId.equals(cid)) return o;
        }
        return null;
    }

    synchronized ArrayNode openOrders(Market mk, Account a, String symbol) {
        String sym = symbol == null || symbol.isBlank() ? null : markets.get(mk).instrument(symbol).symbol();
        ArrayNode arr = JSON.createArrayNode();
        for (Order o : a.orders) {
            if (o.market == mk && o.open() && (sym == null || o.symbol.equals(sym))) arr.add(orderObject(o));
        }
        return arr;
    }

    synchronized ArrayNode myTrades(Market mk, Account a, Map<String, String> p) {
        String sym = markets.get(mk).instrument(p.get("symbol")).symbol();
        int limit = intParam(p, "limit", 500, 1000);
        long fromId = p.get("fromId") == null ? -1 : Long.parseLong(p.get("fromId"));
        ArrayNode arr = JSON.createArrayNode();
        for (TradeRec t : a.trades) {
            if (t.market() != mk || !t.symbol().equals(sym) || t.id() < fromId) continue;
            if (arr.size() >= limit) break;
            ObjectNode n = arr.addObject();
            n.put("symbol", t.symbol());
            n.put("id", t.id());
            n.put("orderId", t.orderId());
            if (mk == Market.SPOT) {
                n.put("orderListId", -1);
                n.put("price", s8(t.price()));
                n.put("qty", s8(t.qty()));
                n.put("quoteQty", s8(t.price().multiply(t.qty())));
                n.put("commission", s8(t.commission()));
                n.put("commissionAsset", t.commissionAsset());
                n.put("time", t.time());
                n.put("isBuyer", t.side() == Side.BUY);
                n.put("isMaker", t.maker());
                n.put("isBestMatch", true);
            } else {
                n.put("side", t.side().name());
                n.put("price", plain(t.price()));
                n.put("qty", plain(t.qty()));
                n.put("realizedPnl", plain(t.realized()));
                n.put("quoteQty", plain(t.price().multiply(t.qty())));
                n.put("commission", plain(t.commission()));
                n.put("commissionAsset", t.commissionAsset());
                n.put("time", t.time());
                n.put("positionSide", "BOTH");
                n.put("buyer", t.side() == Side.BUY);
                n.put("maker", t.maker());
            }
        }
        return arr;
    }

    synchronized ObjectNode spotAccount(Account a) {
        ObjectNode r = JSON.createObjectNode();
        r.put("makerCommission", 10).put("takerCommission", 10).put("buyerCommission", 0).put("sellerCommission", 0);
        ObjectNode rates = r.putObject("commissionRates");
        rates.put("maker", "0.00100000").put("taker", "0.00100000").put("buyer", "0.00000000").put("seller", "0.00000000");
        r.put("canTrade", true).put("canWithdraw", false).put("canDeposit", true).put("brokered", false)
                .put("requireSelfTradePrevention", false).put("preventSor", false);
        r.put("updateTime", a.updateTime);
        r.put("accountType", "SPOT");
        ArrayNode bs = r.putArray("balances");
        for (Map.Entry<String, BigDecimal[]> e : a.spot.entrySet()) {
            bs.addObject().put("asset", e.getKey()).put("free", s8(e.getValue()[0])).put("locked", s8(e.getValue()[1]));
        }
        r.putArray("permissions").add("SPOT");
        r.put("uid", Math.abs(a.apiKey.hashCode()));
        return r;
    }

    synchronized ObjectNode futuresAccount(Account a) {
        BigDecimal unreal = unrealized(a);
        BigDecimal avail = availableFutures(a);
        BigDecimal posMargin = BigDecimal.ZERO;
        for (BigDecimal[] p : a.positions.values()) {
            posMargin = posMargin.add(p[0].abs().multiply(p[1]).divide(LEVERAGE, 8, RoundingMode.UP));
        }
        BigDecimal margin = a.wallet.add(unreal);
        ObjectNode r = JSON.createObjectNode();
        r.put("feeTier", 0).put("canTrade", true).put("canDeposit", true).put("canWithdraw", false)
                .put("updateTime", 0).put("multiAssetsMargin", false).put("tradeGroupId", -1);
        r.put("totalInitialMargin", plain(posMargin)).put("totalMaintMargin", plain(posMargin.divide(BigDecimal.TEN, 8, RoundingMode.UP)))
                .put("totalWalletBalance", plain(a.wallet)).put("totalUnrealizedProfit", plain(unreal))
                .put("totalMarginBalance", plain(margin)).put("totalPositionInitialMargin", plain(posMargin))
                .put("totalOpenOrderInitialMargin", "0").put("totalCrossWalletBalance", plain(a.wallet))
                .put("totalCrossUnPnl", plain(unreal)).put("availableBalance", plain(avail))
                .put("maxWithdrawAmount", plain(avail));
        ObjectNode asset = r.putArray("assets").addObject();
        asset.put("asset", "USDT").put("walletBalance", plain(a.wallet)).put("unrealizedProfit", plain(unreal))
                .put("marginBalance", plain(margin)).put("maintMargin", "0").put("initialMargin", plain(posMargin))
                .put("positionInitialMargin", plain(posMargin)).put("openOrderInitialMargin", "0")
                .put("crossWalletBalance", plain(a.wallet)).put("crossUnPnl", plain(unreal))
                .put("availableBalance", plain(avail)).put("maxWithdrawAmount", plain(avail))
                .put("marginAvailable", true).put("updateTime", a.updateTime);
        ArrayNode ps = r.putArray("positions");
        for (Map.Entry<String, BigDecimal[]> e : a.positions.entrySet()) {
            BigDecimal px = markets.get(Market.USDM_FUTURES).price(e.getKey());
            BigDecimal[] p = e.getValue();
            BigDecimal up = px == null ? BigDecimal.ZERO : px.subtract(p[1]).multiply(p[0]);
            ps.addObject().put("symbol", e.getKey()).put("positionSide", "BOTH").put("positionAmt", plain(p[0]))
                    .put("entryPrice", plain(p[1])).put("unrealizedProfit", plain(up)).put("isolatedMargin", "0")
                    .put("notional", plain(px == null ? BigDecimal.ZERO : px.multiply(p[0])))
                    .put("isolatedWallet", "0").put("initialMargin", plain(p[0].abs().multiply(p[1]).divide(LEVERAGE, 8, RoundingMode.UP)))
                    .put("maintMargin", "0").put("leverage", "20").put("isolated", false).put("updateTime", a.updateTime);
        }
        return r;
    }

    // ------------------------------------------------------------------------------------------ JSON shapes

    private ObjectNode orderResponse(Order o, List<TradeRec> made, String respType) {
        if (o.market == Market.USDM_FUTURES) return orderObject(o);
        String rt = respType == null ? "FULL" : respType.toUpperCase();
        ObjectNode r = JSON.createObjectNode();
        r.put("symbol", o.symbol);
        r.put("orderId", o.orderId);
        r.put("orderListId", -1);
        r.put("clientOrderId", o.clientOrderId);
        r.put("transactTime", o.updateTime);
        if (rt.equals("ACK")) return r;
        addCommon(r, o);
        r.put("workingTime", o.time);
        if (rt.equals("FULL")) {
            ArrayNode fs = r.putArray("fills");
            for (TradeRec t : made) {
                fs.addObject().put("price", s8(t.price())).put("qty", s8(t.qty())).put("commission", s8(t.commission()))
                        .put("commissionAsset", t.commissionAsset()).put("tradeId", t.id());
            }
        }
        return r;
    }

    private static void addCommon(ObjectNode r, Order o) {
        r.put("price", s8(o.price));
        r.put("origQty", s8(o.origQty));
        r.put("executedQty", s8(o.executed));
        r.put("cummulativeQuoteQty", s8(o.cumQuote));
        r.put("status", o.status);
        r.put("timeInForce", o.tif == null ? "GTC" : o.tif);
        r.put("type", o.type);
        r.put("side", o.side.name());
        r.put("selfTradePreventionMode", "EXPIRE_MAKER");
    }

    private ObjectNode orderObject(Order o) {
        ObjectNode r = JSON.createObjectNode();
        if (o.market == Market.SPOT) {
            r.put("symbol", o.symbol);
            r.put("orderId", o.orderId);
            r.put("orderListId", -1);
            r.put("clientOrderId", o.clientOrderId);
            addCommon(r, o);
            r.put("stopPrice", "0.00000000");
            r.put("icebergQty", "0.00000000");
            r.put("time", o.time);
            r.put("updateTime", o.updateTime);
            r.put("isWorking", true);
            r.put("workingTime", o.time);
            r.put("origQuoteOrderQty", "0.00000000");
            return r;
        }
        r.put("clientOrderId", o.clientOrderId);
        r.put("cumQty", plain(o.executed));
        r.put("cumQuote", plain(o.cumQuote));
        r.put("executedQty", plain(o.executed));
        r.put("orderId", o.orderId);
        r.put("avgPrice", plain(o.avg()));
        r.put("origQty", plain(o.origQty));
        r.put("price", plain(o.price));
        r.put("reduceOnly", o.reduceOnly);
        r.put("side", o.side.name());
        r.put("positionSide", "BOTH");
        r.put("status", o.status);
        r.put("stopPrice", "0");
        r.put("closePosition", false);
        r.put("symbol", o.symbol);
        r.put("time", o.time);
        r.put("timeInForce", o.tif == null ? "GTC" : o.tif);
        r.put("type", o.type);
        r.put("origType", o.type);
        r.put("updateTime", o.updateTime);
        r.put("workingType", "CONTRACT_PRICE");
        r.put("priceProtect", false);
        r.put("priceMatch", "NONE");
        r.put("selfTradePreventionMode", "NONE");
        r.put("goodTillDate", 0);
        return r;
    }

    private void publishOrder(Account a, Order o, String x, TradeRec t, long time) {
        if (o.market == Market.SPOT) {
            ObjectNode e = JSON.createObjectNode();
            e.put("e", "executionReport").put("E", time).put("s", o.symbol)
                    .put("c", x.equals("CANCELED") ? "cancel" + o.orderId : o.clientOrderId)
                    .put("S", o.side.name()).put("o", o.type).put("f", o.tif == null ? "GTC" : o.tif)
                    .put("q", s8(o.origQty)).put("p", s8(o.price)).put("P", "0.00000000").put("F", "0.00000000")
                    .put("g", -1).put("C", x.equals("CANCELED") ? o.clientOrderId : "").put("x", x).put("X", o.status)
                    .put("r", "NONE").put("i", o.orderId).put("l", t == null ? "0.00000000" : s8(t.qty()))
                    .put("z", s8(o.executed)).put("L", t == null ? "0.00000000" : s8(t.price()))
                    .put("n", t == null ? "0" : s8(t.commission()));
            if (t == null) e.putNull("N");
            else e.put("N", t.commissionAsset());
            e.put("T", time).put("t", t == null ? -1 : t.id()).put("I", o.orderId * 2).put("w", o.open())
                    .put("m", t != null && t.maker()).put("M", false).put("O", o.time).put("Z", s8(o.cumQuote))
                    .put("Y", t == null ? "0.00000000" : s8(t.price().multiply(t.qty()))).put("Q", "0.00000000")
                    .put("W", o.time).put("V", "EXPIRE_MAKER");
            sink.publish(a.apiKey, Market.SPOT, e.toString());
        } else {
            ObjectNode e = JSON.createObjectNode();
            e.put("e", "ORDER_TRADE_UPDATE").put("E", time).put("T", time);
            ObjectNode n = e.putObject("o");
            n.put("s", o.symbol).put("c", o.clientOrderId).put("S", o.side.name()).put("o", o.type)
                    .put("f", o.tif == null ? "GTC" : o.tif).put("q", plain(o.origQty)).put("p", plain(o.price))
                    .put("ap", plain(o.avg())).put("sp", "0").put("x", x).put("X", o.status).put("i", o.orderId)
                    .put("l", t == null ? "0" : plain(t.qty())).put("z", plain(o.executed))
                    .put("L", t == null ? "0" : plain(t.price())).put("N", "USDT")
                    .put("n", t == null ? "0" : plain(t.commission())).put("T", time).put("t", t == null ? 0 : t.id())
                    .put("b", "0").put("a", "0").put("m", t != null && t.maker()).put("R", o.reduceOnly)
                    .put("wt", "CONTRACT_PRICE").put("ot", o.type).put("ps", "BOTH").put("cp", false)
                    .put("rp", t == null ? "0" : plain(t.realized())).put("pP", false).put("si", 0).put("ss", 0)
                    .put("V", "NONE").put("pm", "NONE").put("gtd", 0);
            sink.publish(a.apiKey, Market.USDM_FUTURES, e.toString());
        }
    }

    private void publishSpotBalances(Account a, List<String> assets, long time) {
        ObjectNode e = JSON.createObjectNode();
        e.put("e", "outboundAccountPosition").put("E", time).put("u", time);
        ArrayNode bs = e.putArray("B");
        for (String asset : new LinkedHashMap<String, Boolean>() {{
            for (String s : assets) put(s, true);
        }}.keySet()) {
            BigDecimal[] b = a.bal(asset);
            bs.addObject().put("a", asset).put("f", s8(b[0])).put("l", s8(b[1]));
        }
        sink.publish(a.apiKey, Market.SPOT, e.toString());
    }

    private void publishFuturesAccount(Account a, String symbol, long time) {
        ObjectNode e = JSON.createObjectNode();
        e.put("e", "ACCOUNT_UPDATE").put("E", time).put("T", time);
        ObjectNode d = e.putObject("a");
        d.put("m", "ORDER");
        d.putArray("B").addObject().put("a", "USDT").put("wb", plain(a.wallet)).put("cw", plain(a.wallet)).put("bc", "0");
        BigDecimal[] p = a.positions.get(symbol);
        BigDecimal px = markets.get(Market.USDM_FUTURES).price(symbol);
        BigDecimal up = px == null || p == null ? BigDecimal.ZERO : px.subtract(p[1]).multiply(p[0]);
        d.putArray("P").addObject().put("s", symbol).put("pa", plain(p == null ? BigDecimal.ZERO : p[0]))
                .put("ep", plain(p == null ? BigDecimal.ZERO : p[1])).put("bep", plain(p == null ? BigDecimal.ZERO : p[1]))
                .put("cr", "0").put("up", plain(up)).put("mt", "cross").put("iw", "0").put("ps", "BOTH");
        sink.publish(a.apiKey, Market.USDM_FUTURES, e.toString());
    }

    // ------------------------------------------------------------------------------------------ params

    static String req(Map<String, String> p, String name) {
        String v = p.get(name);
        if (v == null || v.isBlank()) throw SimException.mandatory(name);
        return v;
    }

    static BigDecimal dec(Map<String, String> p, String name) {
        try {
            return new BigDecimal(req(p, name));
        } catch (NumberFormatException e) {
            throw SimException.badRequest(-1100, "Illegal characters found in parameter '" + name + "'; legal range is '^([0-9]{1,20})(\\.[0-9]{1,20})?$'.");
        }
    }

    static int intParam(Map<String, String> p, String name, int dflt, int max) {
        String v = p.get(name);
        if (v == null || v.isBlank()) return dflt;
        try {
            int i = Integer.parseInt(v);
            if (i <= 0) throw new NumberFormatException();
            return Math.min(i, max);
        } catch (NumberFormatException e) {
            throw SimException.badRequest(-1100, "Illegal characters found in parameter '" + name + "'; legal range is '^([0-9]{1,20})$'.");
        }
    }

    private static Side parseSide(String s) {
        if (s == null || s.isBlank()) throw SimException.mandatory("side");
        try {
            return Side.valueOf(s.toUpperCase());
        } catch (IllegalArgumentException e) {
            throw SimException.badRequest(-1117, "Invalid side.");
        }
    }

    static String s8(BigDecimal v) {
        return v.setScale(Math.max(8, v.stripTrailingZeros().scale()), RoundingMode.HALF_UP).toPlainString();
    }

    static String plain(BigDecimal v) {
        return v.stripTrailingZeros().toPlainString();
    }
}
