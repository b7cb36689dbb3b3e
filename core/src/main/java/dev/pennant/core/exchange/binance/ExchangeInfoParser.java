package dev.pennant.core.exchange.binance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pennant.core.model.Instrument;
import dev.pennant.core.model.Market;
import dev.pennant.core.model.SymbolFilters;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Parses Binance exchangeInfo bodies: spot {@code GET /api/v3/exchangeInfo} and USDⓈ-M {@code GET /fapi/v1/exchangeInfo}
 * into {@link ExchangeInfo} (instruments with every filter, plus {@code rateLimits}).
 *
 * <p>Tolerates every shape seen in real responses 2021–2025: old spot (MIN_NOTIONAL/PERCENT_PRICE, no
 * {@code intervalNum}), new spot (NOTIONAL/PERCENT_PRICE_BY_SIDE/TRAILING_DELTA, {@code permissionSets}), futures
 * ({@code notional}, {@code limit}, {@code pricePrecision}), and bodies in which every filter carries every field with
 * {@code ""}/0 for "not applicable". Unknown filter types are ignored. Stateless and thread-safe.
 */
public final class ExchangeInfoParser {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Parses one body.
     *
     * @throws IllegalArgumentException when the body is not an exchangeInfo object (no {@code symbols} array) or a
     *                                  symbol lacks a required field; the message names the symbol
     */
    public ExchangeInfo parse(Market market, String body) {
        try {
            return parse(market, JSON.readTree(body));
        } catch (IOException e) {
            throw new IllegalArgumentException("exchangeInfo is not JSON: " + e.getMessage(), e);
        }
    }

    /** As {@link #parse(Market, String)}, reading (not closing) {@code in}. */
    public ExchangeInfo parse(Market market, InputStream in) {
        try {
            return parse(market, JSON.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read exchangeInfo", e);
        }
    }

    /**
     * As {@link #parse(Market, String)}, reading a saved response from a file: plain JSON, or gzip when the name ends
     * in {@code .gz} (the layout of {@code shared/data/binance/exchangeInfo}).
     *
     * @throws UncheckedIOException when the file cannot be read
     */
    public ExchangeInfo parse(Market market, Path file) {
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw) {
            return parse(market, in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read exchangeInfo " + file, e);
        }
    }

    /** As {@link #parse(Market, String)} on an already parsed tree. */
    public ExchangeInfo parse(Market market, JsonNode root) {
        JsonNode symbols = root.get("symbols");
        if (symbols == null || !symbols.isArray()) {
            throw new IllegalArgumentException("exchangeInfo has no symbols array");
        }
        List<RateLimit> limits = new ArrayList<>();
        for (JsonNode rl : root.path("rateLimits")) {
            limits.add(new RateLimit(rl.path("rateLimitType").asText(), rl.path("interval").asText(),
                    rl.path("intervalNum").asInt(1), rl.path("limit").asInt()));
        }
        List<Instrument> instruments = new ArrayList<>(symbols.size());
        for (JsonNode s : symbols) {
            instruments.add(instrument(market, s));
        }
        return new ExchangeInfo(market, root.path("serverTime").asLong(0), limits, instruments);
    }

    /** One element of {@code symbols}. @throws IllegalArgumentException naming the symbol when a field is missing */
    public Instrument instrument(Market market, JsonNode s) {
        String symbol = s.path("symbol").asText(null);
        if (symbol == null) throw new IllegalArgumentException("exchangeInfo symbol without a name");
        SymbolFilters f = filters(s.path("filters"));
        BigDecimal tick = f.price() == null ? null : f.price().tickSize();
        BigDecimal step = f.lotSize() == null ? null : f.lotSize().stepSize();
        Integer pricePrecision = intOrNull(s, "pricePrecision");
        Integer qtyPrecision = intOrNull(s, "quantityPrecision");
        if (tick == null || tick.signum() <= 0) {
            tick = BigDecimal.ONE.movePointLeft(pricePrecision != null ? pricePrecision : 8);
        }
        if (step == null || step.signum() <= 0) {
            step = BigDecimal.ONE.movePointLeft(qtyPrecision != null ? qtyPrecision : 8);
        }
        int baseP = s.path("baseAssetPrecision").asInt(8);
        int quoteP = s.has("quoteAssetPrecision") ? s.get("quoteAssetPrecision").asInt()
                : s.path("quotePrecision").asInt(8);
        BigDecimal minQty = f.lotSize() != null && f.lotSize().minQty() != null ? f.lotSize().minQty() : BigDecimal.ZERO;
        BigDecimal maxQty = f.lotSize() != null && f.lotSize().maxQty() != null ? f.lotSize().maxQty() : BigDecimal.ZERO;
        BigDecimal minNotional = f.notional() != null && f.notional().minNotional() != null
                ? f.notional().minNotional() : BigDecimal.ZERO;
        try {
            return new Instrument(symbol, market, s.path("baseAsset").asText(), s.path("quoteAsset").asText(),
                    tick, step, minQty, maxQty, minNotional, f, s.path("status").asText("UNKNOWN"),
                    pricePrecision != null ? pricePrecision : Math.max(0, tick.stripTrailingZeros().scale()),
                    qtyPrecision != null ? qtyPrecision : Math.max(0, step.stripTrailingZeros().scale()),
                    baseP, quoteP, strings(s.path("orderTypes")), strings(s.path("permissions")),
                    permissionSets(s.path("permissionSets")));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("exchangeInfo symbol " + symbol + ": " + e.getMessage(), e);
        }
    }

    /** The {@code filters} array of one symbol. */
    public SymbolFilters filters(JsonNode filters) {
        SymbolFilters.PriceFilter price = null;
        SymbolFilters.LotSize lot = null;
        SymbolFilters.LotSize marketLot = null;
        SymbolFilters.Notional notional = null;
        SymbolFilters.PercentPrice percent = null;
        SymbolFilters.PercentPriceBySide bySide = null;
        Integer maxOrders = null;
        Integer maxAlgo = null;
        Integer iceberg = null;
        SymbolFilters.TrailingDelta trailing = null;
        for (JsonNode f : filters) {
            switch (f.path("filterType").asText()) {
                case "PRICE_FILTER" -> price = new SymbolFilters.PriceFilter(dec(f, "minPrice"), dec(f, "maxPrice"),
                        dec(f, "tickSize"));
                case "LOT_SIZE" -> lot = new SymbolFilters.LotSize(dec(f, "minQty"), dec(f, "maxQty"), dec(f, "stepSize"));
                case "MARKET_LOT_SIZE" -> marketLot = new SymbolFilters.LotSize(dec(f, "minQty"), dec(f, "maxQty"),
                        dec(f, "stepSize"));
                case "MIN_NOTIONAL" -> {
                    // spot (before 2023): minNotional + applyToMarket; futures: notional (applies to all orders)
                    BigDecimal min = dec(f, "minNotional") != null ? dec(f, "minNotional") : dec(f, "notional");
                    boolean toMarket = !f.has("applyToMarket") || f.get("applyToMarket").asBoolean();
                    notional = new SymbolFilters.Notional("MIN_NOTIONAL", min, null, toMarket, false,
                            f.path("avgPriceMins").asInt(0));
                }
                case "NOTIONAL" -> notional = new SymbolFilters.Notional("NOTIONAL", dec(f, "minNotional"),
                        dec(f, "maxNotional"), f.path("applyMinToMarket").asBoolean(false),
                        f.path("applyMaxToMarket").asBoolean(false), f.path("avgPriceMins").asInt(0));
                case "PERCENT_PRICE" -> percent = new SymbolFilters.PercentPrice(dec(f, "multiplierUp"),
                        dec(f, "multiplierDown"), f.path("avgPriceMins").asInt(0));
                case "PERCENT_PRICE_BY_SIDE" -> bySide = new SymbolFilters.PercentPriceBySide(dec(f, "bidMultiplierUp"),
                        dec(f, "bidMultiplierDown"), dec(f, "askMultiplierUp"), dec(f, "askMultiplierDown"),
                        f.path("avgPriceMins").asInt(0));
                case "MAX_NUM_ORDERS" -> maxOrders = firstPositive(f, "maxNumOrders", "limit");
                case "MAX_NUM_ALGO_ORDERS" -> maxAlgo = firstPositive(f, "maxNumAlgoOrders", "limit");
                case "ICEBERG_PARTS" -> iceberg = firstPositive(f, "limit");
                case "TRAILING_DELTA" -> trailing = new SymbolFilters.TrailingDelta(f.path("minTrailingAboveDelta").asInt(),
                        f.path("maxTrailingAboveDelta").asInt(), f.path("minTrailingBelowDelta").asInt(),
                        f.path("maxTrailingBelowDelta").asInt());
                default -> {
                    // MAX_POSITION, MAX_NUM_ORDER_LISTS, MAX_NUM_ORDER_AMENDS, MAX_NUM_ICEBERG_ORDERS …: not used
                }
            }
        }
        return new SymbolFilters(price, lot, marketLot, notional, percent, bySide, maxOrders, maxAlgo, iceberg, trailing);
    }

    private static Integer firstPositive(JsonNode f, String... fields) {
        for (String name : fields) {
            int v = f.path(name).asInt(0);
            if (v > 0) return v;
        }
        return null;
    }

    private static Integer intOrNull(JsonNode s, String field) {
        JsonNode n = s.get(field);
        return n == null || n.isNull() ? null : n.asInt();
    }

    /** A decimal field given as a string or number; {@code null} when absent, null or {@code ""}. */
    static BigDecimal dec(JsonNode node, String field) {
        JsonNode n = node.get(field);
        if (n == null || n.isNull()) return null;
        if (n.isNumber()) return n.decimalValue();
        String t = n.asText().trim();
        return t.isEmpty() ? null : new BigDecimal(t);
    }

    private static List<String> strings(JsonNode arr) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : arr) out.add(n.asText());
        return out;
    }

    private static List<List<String>> permissionSets(JsonNode arr) {
        List<List<String>> out = new ArrayList<>();
        for (JsonNode set : arr) out.add(strings(set));
        return out;
    }
}
