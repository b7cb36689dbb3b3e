package dev.pennant.core.exchange.binance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pennant.core.execution.FillReport;
import dev.pennant.core.execution.OrderStatusReport;
import dev.pennant.core.execution.PositionReport;
import dev.pennant.core.model.LiquiditySide;
import dev.pennant.core.model.Market;
import dev.pennant.core.model.Order;
import dev.pennant.core.model.OrderOptions;
import dev.pennant.core.model.OrderStatus;
import dev.pennant.core.model.OrderType;
import dev.pennant.core.model.PositionSide;
import dev.pennant.core.model.Side;
import dev.pennant.core.model.TimeInForce;
import dev.pennant.core.model.WorkingType;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Pennant orders → Binance REST requests, and Binance order/trade/account answers → venue-neutral reports. Pure and
 * stateless (no networking); {@link BinanceExecutionClient} sends what it builds.
 *
 * <p>Sources: Binance spot "New order (TRADE)", "Cancel order", "Cancel an Existing Order and Send a New Order"
 * ({@code /api/v3/order/cancelReplace}), "Account trade list"; USDⓈ-M "New Order", "Modify Order"
 * ({@code PUT /fapi/v1/order}, LIMIT only, both quantity and price mandatory), "Account Trade List", and the Algo
 * Service that since 2025-12-09 takes every USDⓈ-M conditional order ({@code POST/DELETE/GET /fapi/v1/algoOrder},
 * {@code algoType=CONDITIONAL}, {@code triggerPrice}, {@code activatePrice}, {@code clientAlgoId}; the old
 * {@code /fapi/v1/order} answers -4120 for those types).
 *
 * <p>Parameters per type (everything else is refused with an {@link IllegalArgumentException} naming the field):
 * <table>
 *   <caption>What {@link #newOrder} sends</caption>
 *   <tr><th>market / types</th><th>path</th><th>parameters</th></tr>
 *   <tr><td>spot LIMIT, LIMIT_MAKER, MARKET, STOP_LOSS(_LIMIT), TAKE_PROFIT(_LIMIT)</td><td>POST /api/v3/order</td>
 *       <td>symbol, side, type, timeInForce (priced types but LIMIT_MAKER), quantity or quoteOrderQty (MARKET),
 *       price, stopPrice, trailingDelta (= callbackRate % × 100 bips), newClientOrderId, newOrderRespType=FULL</td></tr>
 *   <tr><td>USDⓈ-M MARKET, LIMIT</td><td>POST /fapi/v1/order</td><td>symbol, side, positionSide, type,
 *       timeInForce, quantity, price, reduceOnly, goodTillDate (GTD), newClientOrderId, newOrderRespType=RESULT</td></tr>
 *   <tr><td>USDⓈ-M STOP, STOP_MARKET, TAKE_PROFIT, TAKE_PROFIT_MARKET, TRAILING_STOP_MARKET</td>
 *       <td>POST /fapi/v1/algoOrder</td><td>algoType=CONDITIONAL, symbol, side, positionSide, type, timeInForce
 *       (STOP, TAKE_PROFIT), quantity (unless closePosition), price, triggerPrice (= stopPrice), workingType,
 *       reduceOnly, closePosition, activatePrice, callbackRate (percent), goodTillDate, clientAlgoId</td></tr>
 * </table>
 * Every path also sends {@code selfTradePreventionMode} (NONE, EXPIRE_TAKER, EXPIRE_MAKER, EXPIRE_BOTH) when
 * {@link OrderOptions#selfTradePreventionMode()} is set, and leaves it out otherwise (the venue default applies). The
 * Algo Service takes it too (Portfolio Margin "New UM Algo Order" lists it, default NONE).
 * Binance's {@code reduceOnly} cannot be sent in hedge mode (positionSide LONG/SHORT) nor with closePosition.
 */
public final class BinanceOrderMapper {

    private BinanceOrderMapper() {
    }

    /**
     * One REST request: method, path and query parameters (timestamp/signature are added by the REST client).
     *
     * @param params parameters in sending order, values as Binance expects them (decimals plain, no exponent)
     */
    public record Request(Market market, String method, String path, Map<String, String> params) {
        /** @throws NullPointerException naming the missing field */
        public Request {
            Objects.requireNonNull(market, "market");
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(path, "path");
            params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
        }
    }

    /** True for orders that live in the USDⓈ-M Algo Service (every futures conditional type). */
    public static boolean isAlgo(Order o) {
        return o.market() == Market.USDM_FUTURES && o.type().isConditional();
    }

    /**
     * The placement request of {@code o} (see the class table).
     *
     * @throws IllegalArgumentException naming the field Binance would refuse on this market/type
     */
    public static Request newOrder(Order o) {
        Objects.requireNonNull(o, "order");
        OrderOptions x = o.options();
        Map<String, String> p = new LinkedHashMap<>();
        if (o.market() == Market.SPOT) {
            refuseOnSpot(o);
            p.put("symbol", o.symbol());
            p.put("side", o.side().name());
            p.put("type", o.type().name());
            if (o.type().hasLimitPrice(Market.SPOT) && o.type() != OrderType.LIMIT_MAKER) {
                p.put("timeInForce", tif(o).name());
            }
            if (o.type() == OrderType.MARKET && x.quoteOrderQty() != null && o.quantity().signum() == 0) {
                p.put("quoteOrderQty", plain(x.quoteOrderQty()));
            } else {
                p.put("quantity", positive(o.quantity(), "quantity"));
            }
            if (o.type().hasLimitPrice(Market.SPOT)) p.put("price", positive(o.price(), "price"));
            if (o.type().isConditional()) {
                if (x.stopPrice() != null) p.put("stopPrice", plain(x.stopPrice()));
                if (x.callbackRate() != null) {
                    p.put("trailingDelta", x.callbackRate().movePointRight(2).setScale(0, RoundingMode.HALF_UP)
                            .toPlainString());
                }
                if (x.stopPrice() == null && x.callbackRate() == null) {
                    throw new IllegalArgumentException("stopPrice: a spot " + o.type() + " needs stopPrice or a "
                            + "trailing delta (callbackRate)");
                }
            }
            stp(x, p);
            p.put("newClientOrderId", o.clientOrderId());
            p.put("newOrderRespType", "FULL");
            return new Request(Market.SPOT, "POST", "/api/v3/order", p);
        }
        if (x.quoteOrderQty() != null) {
            throw new IllegalArgumentException("quoteOrderQty: USDⓈ-M orders have no quoteOrderQty");
        }
        if (x.reduceOnly() && x.positionSide() != PositionSide.BOTH) {
            throw new IllegalArgumentException("reduceOnly: cannot be sent in hedge mode (positionSide "
                    + x.positionSide() + "); the positionSide already says which position it reduces");
        }
        boolean algo = isAlgo(o);
        p.put("symbol", o.symbol());
        p.put("side", o.side().name());
        p.put("positionSide", x.positionSide().name());
        if (algo) p.put("algoType", "CONDITIONAL");
        p.put("type", o.type().name());
        if (o.type().hasLimitPrice(Market.USDM_FUTURES)) {
            TimeInForce tif = tif(o);
            p.put("timeInForce", tif.name());
            if (tif == TimeInForce.GTD) {
                if (x.goodTillDate() <= 0) throw new IllegalArgumentException("goodTillDate: required for GTD");
                p.put("goodTillDate", Long.toString(x.goodTillDate()));
            }
        }
        if (x.closePosition()) {
            if (o.type() != OrderType.STOP_MARKET && o.type() != OrderType.TAKE_PROFIT_MARKET) {
                throw new IllegalArgumentException("closePosition: only STOP_MARKET and TAKE_PROFIT_MARKET may close "
                        + "the position, not " + o.type());
            }
            if (x.reduceOnly()) throw new IllegalArgumentException("reduceOnly: cannot be sent with closePosition");
            p.put("closePosition", "true");
        } else {
            p.put("quantity", positive(o.quantity(), "quantity"));
        }
        if (o.type().hasLimitPrice(Market.USDM_FUTURES)) p.put("price", positive(o.price(), "price"));
        if (algo) {
            if (o.type() == OrderType.TRAILING_STOP_MARKET) {
                p.put("callbackRate", positive(x.callbackRate(), "callbackRate"));
                if (x.activationPrice() != null) p.put("activatePrice", plain(x.activationPrice()));
            } else {
                p.put("triggerPrice", positive(x.stopPrice(), "stopPrice"));
            }
            p.put("workingType", x.workingType().name());
        }
        if (x.reduceOnly()) p.put("reduceOnly", "true");
        stp(x, p);
        if (algo) {
            p.put("clientAlgoId", o.clientOrderId());
            return new Request(Market.USDM_FUTURES, "POST", "/fapi/v1/algoOrder", p);
        }
        p.put("newClientOrderId", o.clientOrderId());
        p.put("newOrderRespType", "RESULT");
        return new Request(Market.USDM_FUTURES, "POST", "/fapi/v1/order", p);
    }

    /** {@code selfTradePreventionMode} only when the order sets one, so the venue's default applies otherwise. */
    private static void stp(OrderOptions x, Map<String, String> p) {
        if (x.selfTradePreventionMode() != null) {
            p.put("selfTradePreventionMode", x.selfTradePreventionMode().name());
        }
    }

    private static void refuseOnSpot(Order o) {
        OrderOptions x = o.options();
        if (x.positionSide() != PositionSide.BOTH) {
            throw new IllegalArgumentException("positionSide: spot orders have none (was " + x.positionSide() + ")");
        }
        if (x.reduceOnly()) throw new IllegalArgumentException("reduceOnly: a USDⓈ-M parameter, not spot");
        if (x.closePosition()) throw new IllegalArgumentException("closePosition: a USDⓈ-M parameter, not spot");
        if (x.workingType() != WorkingType.CONTRACT_PRICE) {
            throw new IllegalArgumentException("workingType: spot stops watch the last price; " + x.workingType()
                    + " is USDⓈ-M only");
        }
        if (x.activationPrice() != null) {
            throw new IllegalArgumentException("activationPrice: USDⓈ-M trailing stops only");
        }
        TimeInForce t = o.timeInForce();
        if (t == TimeInForce.GTX || t == TimeInForce.GTD) {
            throw new IllegalArgumentException("timeInForce: " + t + " is USDⓈ-M only");
        }
    }

    private static TimeInForce tif(Order o) {
        return o.timeInForce() == null ? TimeInForce.GTC : o.timeInForce();
    }

    /** Cancel by Pennant's id: {@code DELETE /api/v3/order}, {@code /fapi/v1/order} or {@code /fapi/v1/algoOrder}. */
    public static Request cancel(Order o) {
        Map<String, String> p = new LinkedHashMap<>();
        if (isAlgo(o)) {
            p.put("clientAlgoId", o.clientOrderId());
            return new Request(Market.USDM_FUTURES, "DELETE", "/fapi/v1/algoOrder", p);
        }
        p.put("symbol", o.symbol());
        p.put("origClientOrderId", o.clientOrderId());
        return new Request(o.market(), "DELETE", o.market() == Market.SPOT ? "/api/v3/order" : "/fapi/v1/order", p);
    }

    /**
     * Order query ({@code GET /api/v3/order}, {@code /fapi/v1/order} or {@code /fapi/v1/algoOrder}) by client id, or
     * by venue id when {@code clientOrderId} is null.
     *
     * @throws IllegalArgumentException when both ids are null
     */
    public static Request query(Market market, String symbol, String clientOrderId, String venueOrderId, boolean algo) {
        if (clientOrderId == null && venueOrderId == null) {
            throw new IllegalArgumentException("clientOrderId or venueOrderId is required");
        }
        Map<String, String> p = new LinkedHashMap<>();
        if (algo && market == Market.USDM_FUTURES) {
            if (clientOrderId != null) p.put("clientAlgoId", clientOrderId);
            else p.put("algoId", venueOrderId);
            return new Request(market, "GET", "/fapi/v1/algoOrder", p);
        }
        p.put("symbol", symbol);
        if (clientOrderId != null) p.put("origClientOrderId", clientOrderId);
        else p.put("orderId", venueOrderId);
        return new Request(market, "GET", market == Market.SPOT ? "/api/v3/order" : "/fapi/v1/order", p);
    }

    /**
     * Changes an open LIMIT order: USDⓈ-M {@code PUT /fapi/v1/order} (the new total quantity and price, both
     * mandatory); spot {@code POST /api/v3/order/cancelReplace} with {@code cancelReplaceMode=STOP_ON_FAILURE}, a new
     * LIMIT for the quantity still to fill under the <b>same</b> clientOrderId (Binance checks clientOrderId
     * uniqueness among open orders only, and the old one is canceled first).
     *
     * @param quantity new total quantity (base asset), &gt; the filled quantity
     * @param price    new limit price (quote asset)
     * @throws IllegalArgumentException when the order is not a LIMIT or the quantity is not above the filled one
     */
    public static Request modify(Order o, BigDecimal quantity, BigDecimal price) {
        if (o.workingType() != OrderType.LIMIT) {
            throw new IllegalArgumentException("type: only LIMIT orders can be modified, not " + o.workingType());
        }
        BigDecimal q = quantity == null ? o.quantity() : quantity;
        BigDecimal px = price == null ? o.price() : price;
        if (q.compareTo(o.filledQuantity()) <= 0) {
            throw new IllegalArgumentException("quantity: " + plain(q) + " is not above the filled "
                    + plain(o.filledQuantity()));
        }
        Map<String, String> p = new LinkedHashMap<>();
        p.put("symbol", o.symbol());
        p.put("side", o.side().name());
        if (o.market() == Market.USDM_FUTURES) {
            p.put("origClientOrderId", o.clientOrderId());
            p.put("quantity", plain(q));
            p.put("price", positive(px, "price"));
            return new Request(Market.USDM_FUTURES, "PUT", "/fapi/v1/order", p);
        }
        p.put("type", "LIMIT");
        p.put("cancelReplaceMode", "STOP_ON_FAILURE");
        p.put("timeInForce", tif(o).name());
        p.put("quantity", plain(q.subtract(o.filledQuantity())));
        p.put("price", positive(px, "price"));
        p.put("cancelOrigClientOrderId", o.clientOrderId());
        p.put("newClientOrderId", o.clientOrderId());
        p.put("newOrderRespType", "FULL");
        return new Request(Market.SPOT, "POST", "/api/v3/order/cancelReplace", p);
    }

    // ------------------------------------------------------------------------------------------ answers

    /**
     * An order object of spot ({@code POST/GET/DELETE /api/v3/order}, {@code openOrders}) or USDⓈ-M
     * ({@code /fapi/v1/order}, {@code openOrders}). Spot cancels carry Pennant's id in {@code origClientOrderId}.
     *
     * @throws IllegalArgumentException naming a missing field
     */
    public static OrderStatusReport orderReport(Market market, JsonNode r) {
        if (r.has("algoId")) return algoReport(r);
        String symbol = text(r, "symbol");
        String cid = r.hasNonNull("origClientOrderId") ? r.get("origClientOrderId").asText() : text(r, "clientOrderId");
        BigDecimal qty = dec(r, "origQty");
        BigDecimal filled = dec(r, "executedQty");
        BigDecimal avg;
        if (market == Market.SPOT) {
            BigDecimal quote = decOrNull(r, "cummulativeQuoteQty");
            avg = filled.signum() > 0 && quote != null && quote.signum() > 0
                    ? quote.divide(filled, 8, RoundingMode.HALF_EVEN).stripTrailingZeros() : null;
        } else {
            avg = positiveOrNull(decOrNull(r, "avgPrice"));
        }
        String venueType = text(r, "type");
        String origType = r.path("origType").asText(venueType);
        String venueStatus = text(r, "status");
        long updated = r.has("updateTime") ? r.get("updateTime").asLong()
                : r.has("transactTime") ? r.get("transactTime").asLong() : r.path("time").asLong();
        long created = r.has("time") ? r.get("time").asLong()
                : r.has("workingTime") ? r.get("workingTime").asLong() : updated;
        boolean conditional = isConditionalName(origType);
        // spot: a stop is "working" once triggered; USDⓈ-M (legacy): type turns MARKET/LIMIT while origType stays
        boolean triggered = conditional && (market == Market.SPOT ? r.path("isWorking").asBoolean(false)
                : !origType.equals(venueType));
        return new OrderStatusReport(market, symbol, cid, r.path("orderId").asText(), Side.valueOf(text(r, "side")),
                origType, UserDataParser.pennantStatus(venueStatus, filled), venueStatus, qty,
                positiveOrNull(decOrNull(r, "price")), positiveOrNull(decOrNull(r, "stopPrice")), filled, avg,
                positionSide(r.path("positionSide").asText("BOTH")), tifOrNull(r.path("timeInForce").asText(null)),
                triggered, created, updated);
    }

    /**
     * A USDⓈ-M Algo Service order ({@code POST/GET/DELETE /fapi/v1/algoOrder}, {@code openAlgoOrders}). Status:
     * NEW → NEW; TRIGGERING/TRIGGERED → NEW (PARTIALLY_FILLED once something filled), triggered; FINISHED → FILLED when
     * the executed quantity reached the order's, else CANCELED; CANCELED, EXPIRED, REJECTED as they are.
     */
    public static OrderStatusReport algoReport(JsonNode r) {
        String status = r.path("algoStatus").asText("NEW");
        BigDecimal qty = decOrNull(r, "quantity");
        if (qty == null) qty = BigDecimal.ZERO;
        BigDecimal filled = decOrNull(r, "executedQty");
        if (filled == null) filled = BigDecimal.ZERO;
        OrderStatus st = algoStatus(status, qty, filled);
        String type = r.hasNonNull("orderType") ? r.get("orderType").asText() : text(r, "type");
        long updated = r.path("updateTime").asLong(r.path("createTime").asLong());
        return new OrderStatusReport(Market.USDM_FUTURES, text(r, "symbol"), text(r, "clientAlgoId"),
                r.path("algoId").asText(), Side.valueOf(text(r, "side")), type, st, status, qty,
                positiveOrNull(decOrNull(r, "price")), positiveOrNull(decOrNull(r, "triggerPrice")), filled,
                positiveOrNull(decOrNull(r, "avgPrice")), positionSide(r.path("positionSide").asText("BOTH")),
                tifOrNull(r.path("timeInForce").asText(null)),
                status.equals("TRIGGERING") || status.equals("TRIGGERED") || status.equals("FINISHED"),
                r.path("createTime").asLong(updated), updated);
    }

    /** Algo Service status → Pennant's (see {@link #algoReport}). */
    public static OrderStatus algoStatus(String algoStatus, BigDecimal quantity, BigDecimal filled) {
        return switch (algoStatus) {
            case "NEW" -> OrderStatus.NEW;
            case "TRIGGERING", "TRIGGERED" -> filled.signum() > 0 ? OrderStatus.PARTIALLY_FILLED : OrderStatus.NEW;
            case "FINISHED" -> filled.signum() > 0 && filled.compareTo(quantity) >= 0 ? OrderStatus.FILLED
                    : OrderStatus.CANCELED;
            case "CANCELED" -> OrderStatus.CANCELED;
            case "EXPIRED" -> OrderStatus.EXPIRED;
            case "REJECTED" -> OrderStatus.REJECTED;
            default -> throw new IllegalArgumentException("unknown Binance algoStatus " + algoStatus);
        };
    }

    /**
     * The {@code fills} of a spot FULL answer as trades of {@code report}'s order: taker (they happened on arrival),
     * at the answer's {@code transactTime}.
     */
    public static List<FillReport> responseFills(OrderStatusReport report, JsonNode r) {
        List<FillReport> out = new ArrayList<>();
        long time = r.path("transactTime").asLong(report.updatedTime());
        for (JsonNode f : r.path("fills")) {
            out.add(new FillReport(report.market(), report.symbol(), report.clientOrderId(), report.venueOrderId(),
                    f.path("tradeId").asLong(), report.side(), dec(f, "qty"), dec(f, "price"), dec(f, "commission"),
                    f.path("commissionAsset").asText(""), LiquiditySide.TAKER, PositionSide.BOTH, null, time));
        }
        return out;
    }

    /** Spot {@code GET /api/v3/myTrades} or USDⓈ-M {@code GET /fapi/v1/userTrades} rows (no clientOrderId in them). */
    public static List<FillReport> trades(Market market, JsonNode rows) {
        List<FillReport> out = new ArrayList<>();
        for (JsonNode t : rows) {
            Side side = market == Market.SPOT ? (t.path("isBuyer").asBoolean() ? Side.BUY : Side.SELL)
                    : Side.valueOf(text(t, "side"));
            boolean maker = market == Market.SPOT ? t.path("isMaker").asBoolean() : t.path("maker").asBoolean();
            out.add(new FillReport(market, text(t, "symbol"), null, t.path("orderId").asText(), t.path("id").asLong(),
                    side, dec(t, "qty"), dec(t, "price"), dec(t, "commission"), t.path("commissionAsset").asText(""),
                    maker ? LiquiditySide.MAKER : LiquiditySide.TAKER,
                    positionSide(t.path("positionSide").asText("BOTH")),
                    market == Market.SPOT ? null : decOrNull(t, "realizedPnl"), t.path("time").asLong()));
        }
        return out;
    }

    /** The {@code positions} of USDⓈ-M {@code GET /fapi/v2/account} (or a {@code positionRisk} array). */
    public static List<PositionReport> positions(JsonNode account) {
        JsonNode rows = account.isArray() ? account : account.path("positions");
        List<PositionReport> out = new ArrayList<>();
        for (JsonNode p : rows) {
            BigDecimal entry = decOrNull(p, "entryPrice");
            out.add(new PositionReport(Market.USDM_FUTURES, text(p, "symbol"),
                    positionSide(p.path("positionSide").asText("BOTH")), dec(p, "positionAmt"),
                    entry == null ? BigDecimal.ZERO : entry));
        }
        return out;
    }

    /** Spot {@code GET /api/v3/account} balances: free + locked per asset, assets with zero left out. */
    public static Map<String, BigDecimal> spotBalances(JsonNode account) {
        Map<String, BigDecimal> out = new TreeMap<>();
        for (JsonNode b : account.path("balances")) {
            BigDecimal total = dec(b, "free").add(dec(b, "locked"));
            if (total.signum() != 0) out.put(text(b, "asset"), total);
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------ helpers

    static boolean isConditionalName(String venueType) {
        try {
            return OrderType.valueOf(venueType).isConditional();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static PositionSide positionSide(String s) {
        try {
            return s == null || s.isEmpty() ? PositionSide.BOTH : PositionSide.valueOf(s);
        } catch (IllegalArgumentException e) {
            return PositionSide.BOTH;
        }
    }

    private static TimeInForce tifOrNull(String s) {
        if (s == null || s.isEmpty()) return null;
        try {
            return TimeInForce.valueOf(s);
        } catch (IllegalArgumentException e) {
            return null; // GTE_GTC and future values
        }
    }

    /** {@code v} without exponent or trailing zeros (Binance rejects "1E+1"). */
    static String plain(BigDecimal v) {
        return v.stripTrailingZeros().toPlainString();
    }

    private static String positive(BigDecimal v, String field) {
        if (v == null || v.signum() <= 0) {
            throw new IllegalArgumentException(field + ": must be > 0, was " + (v == null ? "null" : plain(v)));
        }
        return plain(v);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) throw new IllegalArgumentException("Binance answer lacks field '" + field + "'");
        return v.asText();
    }

    private static BigDecimal dec(JsonNode n, String field) {
        BigDecimal d = decOrNull(n, field);
        if (d == null) throw new IllegalArgumentException("Binance answer lacks field '" + field + "'");
        return d;
    }

    private static BigDecimal decOrNull(JsonNode n, String field) {
        return ExchangeInfoParser.dec(n, field);
    }

    private static BigDecimal positiveOrNull(BigDecimal d) {
        return d != null && d.signum() > 0 ? d : null;
    }
}
