package dev.pennant.core.exchange.binance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pennant.core.model.Fill;
import dev.pennant.core.model.LiquiditySide;
import dev.pennant.core.model.Market;
import dev.pennant.core.model.Order;
import dev.pennant.core.model.OrderStatus;
import dev.pennant.core.model.OrderType;
import dev.pennant.core.model.Side;
import dev.pennant.core.model.TimeInForce;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Pure parsing of Binance user-data events and REST order answers into Pennant's model ({@link Order} snapshots,
 * {@link Fill}s) and the small records of {@link UserDataEvent}. No networking. Stateless and thread-safe.
 *
 * <p>Accepts the bare event, the combined-stream wrapper {@code {"stream":..,"data":{..}}} and the WebSocket-API
 * wrapper {@code {"subscriptionId":..,"event":{..}}}.
 *
 * <p>Mapping rules (Pennant's {@link Order} knows MARKET/LIMIT and six statuses):
 * <ul>
 *   <li>type: MARKET → MARKET; any other Binance type → LIMIT when it carries a positive price, else MARKET; the
 *       Binance type is kept in {@link UserDataEvent.OrderUpdate#venueType()}.</li>
 *   <li>status: EXPIRED_IN_MATCH → EXPIRED; PENDING_CANCEL, NEW_ADL, NEW_INSURANCE → NEW (PARTIALLY_FILLED when
 *       something filled); the Binance status is kept in {@code venueStatus}.</li>
 *   <li>timeInForce: GTC/IOC/FOK/GTX/GTD; {@code null} for MARKET-mapped orders.</li>
 *   <li>average price: spot {@code Z/z} (cumulative quote ÷ cumulative quantity), futures {@code ap}.</li>
 *   <li>a fill is emitted for x = TRADE or CALCULATED when {@code l} and {@code L} are positive; commission {@code n}
 *       in {@code N} (0 and "" when Binance sends null); maker when {@code m}.</li>
 * </ul>
 *
 * @throws IllegalArgumentException (from every method) when the JSON is malformed or lacks a required field; the
 *                                  message names the event type and field
 */
public final class UserDataParser {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Parses one user-data message of {@code market}'s stream. */
    public UserDataEvent parse(Market market, String json) {
        return parse(market, tree(json));
    }

    /** As {@link #parse(Market, String)} on a parsed tree. */
    public UserDataEvent parse(Market market, JsonNode root) {
        JsonNode e = unwrap(root);
        String type = e.path("e").asText("");
        return switch (type) {
            case "executionReport" -> spotExecutionReport(e);
            case "ORDER_TRADE_UPDATE" -> futuresOrderUpdate(e);
            case "outboundAccountPosition" -> accountPosition(e);
            case "balanceUpdate" -> new UserDataEvent.BalanceUpdate(e.path("E").asLong(), text(e, "a"), dec(e, "d"),
                    e.path("T").asLong());
            case "listStatus" -> listStatus(e);
            case "ACCOUNT_UPDATE" -> futuresAccountUpdate(e);
            case "MARGIN_CALL" -> marginCall(e);
            case "TRADE_LITE" -> tradeLite(e);
            case "ALGO_UPDATE" -> algoUpdate(e);
            case "" -> throw new IllegalArgumentException("user-data message without event type 'e'");
            default -> new UserDataEvent.Other(type, e.path("E").asLong());
        };
    }

    /** The event object inside a {@code stream/data} or {@code subscriptionId/event} wrapper (or the node itself). */
    static JsonNode unwrap(JsonNode root) {
        if (root.has("data") && root.get("data").isObject()) return root.get("data");
        if (root.has("event") && root.get("event").isObject()) return root.get("event");
        return root;
    }

    private UserDataEvent.OrderUpdate spotExecutionReport(JsonNode e) {
        String x = text(e, "x");
        String c = e.path("c").asText("");
        String orig = e.path("C").asText("");
        String clientId = !orig.isEmpty() ? orig : c;
        BigDecimal cumQty = dec(e, "z");
        BigDecimal cumQuote = decOrNull(e, "Z");
        BigDecimal avg = cumQty.signum() > 0 && cumQuote != null && cumQuote.signum() > 0
                ? cumQuote.divide(cumQty, 8, RoundingMode.HALF_EVEN).stripTrailingZeros() : null;
        long created = e.has("O") ? e.get("O").asLong() : e.path("T").asLong();
        String reject = e.path("r").asText("NONE");
        return orderUpdate(Market.SPOT, e, clientId, x, avg, created, "NONE".equals(reject) ? null : reject,
                positiveOrNull(decOrNull(e, "P")), null, null, false);
    }

    private UserDataEvent.OrderUpdate futuresOrderUpdate(JsonNode root) {
        JsonNode o = root.path("o");
        if (!o.isObject()) throw new IllegalArgumentException("ORDER_TRADE_UPDATE without 'o'");
        BigDecimal ap = positiveOrNull(decOrNull(o, "ap"));
        return orderUpdate(Market.USDM_FUTURES, o, o.path("c").asText(""), text(o, "x"), ap, o.path("T").asLong(),
                null, positiveOrNull(decOrNull(o, "sp")), decOrNull(o, "rp"), o.path("ps").asText(null),
                o.path("R").asBoolean(false), root.path("E").asLong(), root.path("T").asLong());
    }

    private UserDataEvent.OrderUpdate orderUpdate(Market market, JsonNode e, String clientId, String x, BigDecimal avg,
                                                  long created, String reject, BigDecimal stop, BigDecimal rp,
                                                  String ps, boolean reduceOnly) {
        return orderUpdate(market, e, clientId, x, avg, created, reject, stop, rp, ps, reduceOnly,
                e.path("E").asLong(), e.path("T").asLong());
    }

    private UserDataEvent.OrderUpdate orderUpdate(Market market, JsonNode o, String clientId, String x, BigDecimal avg,
                                                  long created, String reject, BigDecimal stop, BigDecimal rp,
                                                  String ps, boolean reduceOnly, long eventTime, long txTime) {
        String symbol = text(o, "s");
        Side side = Side.valueOf(text(o, "S"));
        String venueType = text(o, "o");
        String venueStatus = text(o, "X");
        BigDecimal qty = dec(o, "q");
        BigDecimal price = positiveOrNull(decOrNull(o, "p"));
        BigDecimal cumQty = dec(o, "z");
        OrderType type = pennantType(venueType, price);
        OrderStatus status = pennantStatus(venueStatus, cumQty);
        TimeInForce tif = type == OrderType.MARKET ? null : timeInForce(o.path("f").asText(null));
        String note = null;
        Order order = null;
        if (qty.signum() <= 0 && status != OrderStatus.REJECTED) {
            note = "Binance reported quantity " + qty.toPlainString() + " (" + venueStatus + ", x=" + x
                    + "): no Pennant order snapshot";
        } else {
            order = new Order(clientId, symbol, side, type, tif, qty, type == OrderType.LIMIT ? price : null, status,
                    cumQty, avg, created, txTime, null, reject);
        }
        Fill fill = null;
        if ("TRADE".equals(x) || "CALCULATED".equals(x)) {
            BigDecimal lastQty = decOrNull(o, "l");
            BigDecimal lastPx = decOrNull(o, "L");
            if (lastQty != null && lastQty.signum() > 0 && lastPx != null && lastPx.signum() > 0) {
                BigDecimal commission = decOrNull(o, "n");
                String asset = o.path("N").isNull() ? "" : o.path("N").asText("");
                fill = new Fill(o.path("t").asLong(), clientId, symbol, side, lastQty, lastPx,
                        commission == null ? BigDecimal.ZERO : commission, asset,
                        o.path("m").asBoolean(false) ? LiquiditySide.MAKER : LiquiditySide.TAKER, txTime, BigDecimal.ZERO);
            } else {
                String why = "x=" + x + " with last quantity " + plain(lastQty) + " and last price " + plain(lastPx)
                        + ": no fill emitted";
                note = note == null ? why : note + "; " + why;
            }
        }
        return new UserDataEvent.OrderUpdate(market, eventTime, txTime, o.path("i").asLong(), x, venueStatus, venueType,
                clientId, order, fill, stop, reject, rp, ps, reduceOnly, note);
    }

    private UserDataEvent.AccountPosition accountPosition(JsonNode e) {
        List<UserDataEvent.Balance> out = new ArrayList<>();
        for (JsonNode b : e.path("B")) out.add(new UserDataEvent.Balance(text(b, "a"), dec(b, "f"), dec(b, "l")));
        return new UserDataEvent.AccountPosition(e.path("E").asLong(), e.path("u").asLong(), out);
    }

    private UserDataEvent.ListStatus listStatus(JsonNode e) {
        List<UserDataEvent.ListOrder> orders = new ArrayList<>();
        for (JsonNode o : e.path("O")) {
            orders.add(new UserDataEvent.ListOrder(text(o, "s"), o.path("i").asLong(), o.path("c").asText("")));
        }
        return new UserDataEvent.ListStatus(e.path("E").asLong(), text(e, "s"), e.path("g").asLong(), text(e, "c"),
                text(e, "l"), text(e, "L"), e.path("r").asText("NONE"), e.path("C").asText(""), e.path("T").asLong(),
                orders);
    }

    private UserDataEvent.FuturesAccountUpdate futuresAccountUpdate(JsonNode e) {
        JsonNode a = e.path("a");
        List<UserDataEvent.FuturesBalance> balances = new ArrayList<>();
        for (JsonNode b : a.path("B")) {
            balances.add(new UserDataEvent.FuturesBalance(text(b, "a"), dec(b, "wb"), decOrNull(b, "cw"),
                    decOrNull(b, "bc")));
        }
        List<UserDataEvent.FuturesPosition> positions = new ArrayList<>();
        for (JsonNode p : a.path("P")) {
            positions.add(new UserDataEvent.FuturesPosition(text(p, "s"), dec(p, "pa"), decOrNull(p, "ep"),
                    decOrNull(p, "bep"), decOrNull(p, "cr"), decOrNull(p, "up"), p.path("mt").asText(null),
                    decOrNull(p, "iw"), p.path("ps").asText(null)));
        }
        return new UserDataEvent.FuturesAccountUpdate(e.path("E").asLong(), e.path("T").asLong(), a.path("m").asText(""),
                balances, positions);
    }

    private UserDataEvent.MarginCall marginCall(JsonNode e) {
        List<UserDataEvent.MarginCallPosition> ps = new ArrayList<>();
        for (JsonNode p : e.path("p")) {
            ps.add(new UserDataEvent.MarginCallPosition(text(p, "s"), p.path("ps").asText(null), dec(p, "pa"),
                    p.path("mt").asText(null), decOrNull(p, "iw"), decOrNull(p, "mp"), decOrNull(p, "up"),
                    decOrNull(p, "mm")));
        }
        return new UserDataEvent.MarginCall(e.path("E").asLong(), decOrNull(e, "cw"), ps);
    }

    private UserDataEvent.TradeLite tradeLite(JsonNode e) {
        return new UserDataEvent.TradeLite(e.path("E").asLong(), e.path("T").asLong(), text(e, "s"),
                e.path("c").asText(""), Side.valueOf(text(e, "S")), dec(e, "q"), dec(e, "p"), e.path("i").asLong(),
                dec(e, "l"), dec(e, "L"), e.path("t").asLong(), e.path("m").asBoolean(false));
    }

    private UserDataEvent.AlgoUpdate algoUpdate(JsonNode root) {
        JsonNode o = root.path("o");
        if (!o.isObject()) throw new IllegalArgumentException("ALGO_UPDATE without 'o'");
        String ai = o.path("ai").asText("");
        String rm = o.path("rm").asText("");
        BigDecimal aq = decOrNull(o, "aq");
        return new UserDataEvent.AlgoUpdate(root.path("E").asLong(), root.path("T").asLong(), text(o, "caid"),
                o.path("aid").asLong(), text(o, "o"), text(o, "s"), Side.valueOf(text(o, "S")),
                o.path("ps").asText("BOTH"), o.path("f").asText(null), dec(o, "q"), text(o, "X"),
                ai.isEmpty() || "0".equals(ai) ? null : ai, positiveOrNull(decOrNull(o, "ap")),
                aq == null ? BigDecimal.ZERO : aq, positiveOrNull(decOrNull(o, "tp")),
                positiveOrNull(decOrNull(o, "p")), o.path("cp").asBoolean(false), o.path("R").asBoolean(false),
                o.path("tt").asLong(0), rm.isEmpty() ? null : rm);
    }

    // ---------------------------------------------------------------- REST order answers

    /**
     * A REST order answer mapped to Pennant.
     *
     * @param orderId     Binance's {@code orderId}
     * @param venueStatus {@code status} verbatim
     * @param venueType   {@code type} verbatim
     * @param order       the snapshot ({@code null} only for a zero quantity, see UserDataEvent rules)
     * @param fills       spot FULL response {@code fills} (taker executions at placement); empty otherwise
     * @param time        {@code transactTime} (spot) / {@code updateTime} (futures), epoch ms
     */
    public record OrderResponse(long orderId, String venueStatus, String venueType, Order order, List<Fill> fills,
                                long time) {
        public OrderResponse {
            fills = List.copyOf(fills);
        }
    }

    /**
     * Spot {@code POST /api/v3/order} answer (ACK, RESULT or FULL), also the order objects of
     * {@code GET /api/v3/order}, {@code openOrders}, {@code allOrders} and {@code DELETE /api/v3/order}.
     */
    public OrderResponse spotOrderResponse(String json) {
        return spotOrderResponse(tree(json));
    }

    /** As {@link #spotOrderResponse(String)} on a parsed object. */
    public OrderResponse spotOrderResponse(JsonNode r) {
        String symbol = text(r, "symbol");
        long time = r.has("transactTime") ? r.get("transactTime").asLong()
                : r.has("updateTime") ? r.get("updateTime").asLong() : r.path("time").asLong();
        long created = r.has("time") ? r.get("time").asLong() : r.has("workingTime") ? r.get("workingTime").asLong() : time;
        String clientId = r.has("origClientOrderId") ? r.get("origClientOrderId").asText() : text(r, "clientOrderId");
        if (!r.has("status")) { // ACK response: only ids and time
            throw new IllegalArgumentException("spot order response without status (ACK): request newOrderRespType=FULL");
        }
        BigDecimal cumQty = dec(r, "executedQty");
        BigDecimal cumQuote = decOrNull(r, "cummulativeQuoteQty");
        BigDecimal avg = cumQty.signum() > 0 && cumQuote != null && cumQuote.signum() > 0
                ? cumQuote.divide(cumQty, 8, RoundingMode.HALF_EVEN).stripTrailingZeros() : null;
        Side side = Side.valueOf(text(r, "side"));
        String venueType = text(r, "type");
        String venueStatus = text(r, "status");
        Order order = restOrder(clientId, symbol, side, venueType, venueStatus, r, "origQty", cumQty, avg, created, time);
        List<Fill> fills = new ArrayList<>();
        for (JsonNode f : r.path("fills")) {
            fills.add(new Fill(f.path("tradeId").asLong(), clientId, symbol, side, dec(f, "qty"), dec(f, "price"),
                    dec(f, "commission"), f.path("commissionAsset").asText(""), LiquiditySide.TAKER, time,
                    BigDecimal.ZERO));
        }
        return new OrderResponse(r.path("orderId").asLong(), venueStatus, venueType, order, fills, time);
    }

    /** USDⓈ-M {@code POST /fapi/v1/order} answer (also {@code GET}/{@code DELETE /fapi/v1/order}). */
    public OrderResponse futuresOrderResponse(String json) {
        JsonNode r = tree(json);
        long time = r.path("updateTime").asLong();
        long created = r.has("time") ? r.get("time").asLong() : time;
        Side side = Side.valueOf(text(r, "side"));
        BigDecimal avg = positiveOrNull(decOrNull(r, "avgPrice"));
        String venueType = text(r, "type");
        String venueStatus = text(r, "status");
        Order order = restOrder(text(r, "clientOrderId"), text(r, "symbol"), side, venueType, venueStatus, r, "origQty",
                dec(r, "executedQty"), avg, created, time);
        return new OrderResponse(r.path("orderId").asLong(), venueStatus, venueType, order, List.of(), time);
    }

    private Order restOrder(String clientId, String symbol, Side side, String venueType, String venueStatus, JsonNode r,
                            String qtyField, BigDecimal cumQty, BigDecimal avg, long created, long time) {
        BigDecimal qty = dec(r, qtyField);
        BigDecimal price = positiveOrNull(decOrNull(r, "price"));
        OrderType type = pennantType(venueType, price);
        OrderStatus status = pennantStatus(venueStatus, cumQty);
        if (qty.signum() <= 0 && status != OrderStatus.REJECTED) return null;
        TimeInForce tif = type == OrderType.MARKET ? null : timeInForce(r.path("timeInForce").asText(null));
        return new Order(clientId, symbol, side, type, tif, qty, type == OrderType.LIMIT ? price : null, status, cumQty,
                avg, created, time, null, null);
    }

    // ---------------------------------------------------------------- helpers

    /** Binance order type → Pennant's (see class comment). */
    static OrderType pennantType(String venueType, BigDecimal price) {
        if ("MARKET".equals(venueType)) return OrderType.MARKET;
        if ("LIMIT".equals(venueType) || "LIMIT_MAKER".equals(venueType)) return OrderType.LIMIT;
        return price != null && price.signum() > 0 ? OrderType.LIMIT : OrderType.MARKET;
    }

    /** Binance order status → Pennant's (see class comment). */
    static OrderStatus pennantStatus(String venueStatus, BigDecimal cumQty) {
        return switch (venueStatus) {
            case "NEW", "PARTIALLY_FILLED", "FILLED", "CANCELED", "REJECTED", "EXPIRED" -> OrderStatus.valueOf(venueStatus);
            case "EXPIRED_IN_MATCH" -> OrderStatus.EXPIRED;
            case "PENDING_CANCEL", "NEW_ADL", "NEW_INSURANCE", "PENDING_NEW" ->
                    cumQty.signum() > 0 ? OrderStatus.PARTIALLY_FILLED : OrderStatus.NEW;
            default -> throw new IllegalArgumentException("unknown Binance order status " + venueStatus);
        };
    }

    private static TimeInForce timeInForce(String f) {
        if (f == null || f.isEmpty()) return null;
        try {
            return TimeInForce.valueOf(f);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("malformed Binance JSON: " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException(n.path("e").asText("Binance object") + " lacks field '" + field + "'");
        }
        return v.asText();
    }

    private static BigDecimal dec(JsonNode n, String field) {
        BigDecimal d = decOrNull(n, field);
        if (d == null) {
            throw new IllegalArgumentException(n.path("e").asText("Binance object") + " lacks field '" + field + "'");
        }
        return d;
    }

    private static BigDecimal decOrNull(JsonNode n, String field) {
        return ExchangeInfoParser.dec(n, field);
    }

    private static BigDecimal positiveOrNull(BigDecimal d) {
        return d != null && d.signum() > 0 ? d : null;
    }

    private static String plain(BigDecimal d) {
        return d == null ? "null" : d.toPlainString();
    }
}
