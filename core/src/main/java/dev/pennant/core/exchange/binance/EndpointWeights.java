package dev.pennant.core.exchange.binance;

import java.util.Map;

/**
 * Request weights of the Binance REST endpoints Pennant calls, as documented per endpoint (spot "Market data / Trading /
 * Account endpoints", USDⓈ-M "Market data / Trade / Account"; figures as of 2025). Used by {@link WeightGovernor} to
 * reserve weight before sending. Stateless.
 */
public final class EndpointWeights {

    private EndpointWeights() {
    }

    /**
     * The cost of one call.
     *
     * @param weight     request weight (counts against REQUEST_WEIGHT)
     * @param orderCount 1 for order placement, futures modify and spot cancel-replace (counts against ORDERS), else 0
     */
    public record Cost(int weight, int orderCount) {
    }

    private static final Map<String, Integer> FIXED = Map.ofEntries(
            Map.entry("GET /api/v3/ping", 1),
            Map.entry("GET /api/v3/time", 1),
            Map.entry("GET /api/v3/exchangeInfo", 20),
            Map.entry("GET /api/v3/klines", 2),
            Map.entry("GET /api/v3/uiKlines", 2),
            Map.entry("GET /api/v3/avgPrice", 2),
            Map.entry("GET /api/v3/trades", 25),
            Map.entry("GET /api/v3/aggTrades", 4),
            Map.entry("POST /api/v3/order", 1),
            Map.entry("POST /api/v3/order/test", 1),
            Map.entry("DELETE /api/v3/order", 1),
            Map.entry("GET /api/v3/order", 4),
            Map.entry("DELETE /api/v3/openOrders", 1),
            Map.entry("GET /api/v3/account", 20),
            Map.entry("GET /api/v3/myTrades", 20),
            Map.entry("POST /api/v3/userDataStream", 2),
            Map.entry("PUT /api/v3/userDataStream", 2),
            Map.entry("DELETE /api/v3/userDataStream", 2),
            Map.entry("GET /sapi/v1/account/apiRestrictions", 1),
            Map.entry("GET /fapi/v1/ping", 1),
            Map.entry("GET /fapi/v1/time", 1),
            Map.entry("GET /fapi/v1/exchangeInfo", 1),
            Map.entry("GET /fapi/v1/trades", 5),
            Map.entry("GET /fapi/v1/aggTrades", 20),
            Map.entry("GET /fapi/v1/fundingRate", 1),
            Map.entry("GET /fapi/v1/openInterest", 1),
            Map.entry("POST /fapi/v1/order", 1),
            Map.entry("DELETE /fapi/v1/order", 1),
            Map.entry("GET /fapi/v1/order", 1),
            // USDⓈ-M modify (LIMIT only): 0 IP weight, 1 on the order-count limits ("Modify Order (TRADE)")
            Map.entry("PUT /fapi/v1/order", 0),
            // USDⓈ-M conditional orders since 2025-12-09 (Algo Service); weights as for /fapi/v1/order
            Map.entry("POST /fapi/v1/algoOrder", 1),
            Map.entry("DELETE /fapi/v1/algoOrder", 1),
            Map.entry("GET /fapi/v1/algoOrder", 1),
            Map.entry("POST /api/v3/order/cancelReplace", 1),
            Map.entry("DELETE /fapi/v1/allOpenOrders", 1),
            Map.entry("GET /fapi/v2/account", 5),
            Map.entry("GET /fapi/v3/account", 5),
            Map.entry("GET /fapi/v2/balance", 5),
            Map.entry("GET /fapi/v2/positionRisk", 5),
            Map.entry("GET /fapi/v1/userTrades", 5),
            Map.entry("POST /fapi/v1/listenKey", 1),
            Map.entry("PUT /fapi/v1/listenKey", 1),
            Map.entry("DELETE /fapi/v1/listenKey", 1));

    /**
     * The documented cost of {@code method path} with its parameters.
     *
     * @param limit     the {@code limit} parameter for depth/klines (0 = default)
     * @param hasSymbol whether {@code symbol}/{@code symbols} is given (tickers and openOrders cost more without)
     * @throws IllegalArgumentException for an endpoint not in the table (so a new call cannot slip past the governor)
     */
    public static Cost of(String method, String path, int limit, boolean hasSymbol) {
        String key = method + " " + path;
        int order = (method.equals("POST") && (path.equals("/api/v3/order") || path.equals("/fapi/v1/order")
                || path.equals("/fapi/v1/algoOrder") || path.equals("/api/v3/order/cancelReplace")))
                || (method.equals("PUT") && path.equals("/fapi/v1/order")) ? 1 : 0;
        Integer fixed = FIXED.get(key);
        if (fixed != null) return new Cost(fixed, order);
        int w = switch (key) {
            case "GET /api/v3/depth" -> limit <= 0 || limit <= 100 ? 5 : limit <= 500 ? 25 : limit <= 1000 ? 50 : 250;
            case "GET /fapi/v1/depth" -> limit <= 0 ? 5 : limit <= 50 ? 2 : limit <= 100 ? 5 : limit <= 500 ? 10 : 20;
            case "GET /fapi/v1/klines", "GET /fapi/v1/markPriceKlines", "GET /fapi/v1/continuousKlines" ->
                    limit <= 0 ? 2 : limit < 100 ? 1 : limit < 500 ? 2 : limit <= 1000 ? 5 : 10;
            case "GET /api/v3/ticker/24hr" -> hasSymbol ? 2 : 80;
            case "GET /api/v3/ticker/price", "GET /api/v3/ticker/bookTicker" -> hasSymbol ? 2 : 4;
            case "GET /api/v3/openOrders" -> hasSymbol ? 6 : 80;
            case "GET /fapi/v1/ticker/24hr" -> hasSymbol ? 1 : 40;
            case "GET /fapi/v1/ticker/price", "GET /fapi/v2/ticker/price", "GET /fapi/v1/ticker/bookTicker" ->
                    hasSymbol ? 1 : 2;
            case "GET /fapi/v1/premiumIndex" -> hasSymbol ? 1 : 10;
            case "GET /fapi/v1/openOrders", "GET /fapi/v1/openAlgoOrders" -> hasSymbol ? 1 : 40;
            default -> throw new IllegalArgumentException("no request weight known for " + key);
        };
        return new Cost(w, order);
    }
}
