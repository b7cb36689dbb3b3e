package dev.pennant.core.model;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A symbol's exchange filters as published in Binance {@code exchangeInfo} (spot {@code /api/v3/exchangeInfo},
 * USDⓈ-M {@code /fapi/v1/exchangeInfo}), plus rounding and checking helpers that mirror how Binance applies them.
 *
 * <p>Source: Binance "Filters" documentation (spot: developers.binance.com/docs/binance-spot-api-docs/filters;
 * futures: the {@code filters} of Exchange Information). Each component is {@code null} when the symbol does not carry
 * that filter. Prices in the quote asset, quantities in the base asset. Immutable and thread-safe.
 *
 * @param price              {@code PRICE_FILTER}
 * @param lotSize            {@code LOT_SIZE} (limit orders, and market orders when MARKET_LOT_SIZE has no step)
 * @param marketLotSize      {@code MARKET_LOT_SIZE}
 * @param notional           {@code NOTIONAL} (spot since 2023) or {@code MIN_NOTIONAL} (older spot, futures)
 * @param percentPrice       {@code PERCENT_PRICE} (futures, older spot)
 * @param percentPriceBySide {@code PERCENT_PRICE_BY_SIDE} (spot since 2023)
 * @param maxNumOrders       {@code MAX_NUM_ORDERS} (open orders per symbol)
 * @param maxNumAlgoOrders   {@code MAX_NUM_ALGO_ORDERS} (open stop/take-profit orders per symbol)
 * @param icebergParts       {@code ICEBERG_PARTS.limit}
 * @param trailingDelta      {@code TRAILING_DELTA}
 */
public record SymbolFilters(
        PriceFilter price,
        LotSize lotSize,
        LotSize marketLotSize,
        Notional notional,
        PercentPrice percentPrice,
        PercentPriceBySide percentPriceBySide,
        Integer maxNumOrders,
        Integer maxNumAlgoOrders,
        Integer icebergParts,
        TrailingDelta trailingDelta) {

    /** No filters at all. */
    public static final SymbolFilters NONE = new SymbolFilters(null, null, null, null, null, null, null, null, null, null);

    /**
     * {@code PRICE_FILTER}. A zero {@code minPrice}, {@code maxPrice} or {@code tickSize} disables that rule (Binance).
     *
     * @param minPrice smallest price, quote asset
     * @param maxPrice largest price, quote asset
     * @param tickSize price increment
     */
    public record PriceFilter(BigDecimal minPrice, BigDecimal maxPrice, BigDecimal tickSize) {
    }

    /**
     * {@code LOT_SIZE} / {@code MARKET_LOT_SIZE}: base-asset quantity bounds and step. A zero step disables the step rule.
     */
    public record LotSize(BigDecimal minQty, BigDecimal maxQty, BigDecimal stepSize) {
    }

    /**
     * {@code NOTIONAL} or {@code MIN_NOTIONAL}: price × quantity bounds in the quote asset.
     *
     * @param filterType       which of the two the exchange sent ({@code NOTIONAL} or {@code MIN_NOTIONAL})
     * @param minNotional      smallest notional ({@code minNotional}, futures {@code notional})
     * @param maxNotional      largest notional, {@code null} when the filter has none
     * @param applyMinToMarket whether MARKET orders are checked against the minimum (with the average price)
     * @param applyMaxToMarket whether MARKET orders are checked against the maximum
     * @param avgPriceMins     minutes of the average price used for market orders (0 = last price)
     */
    public record Notional(String filterType, BigDecimal minNotional, BigDecimal maxNotional, boolean applyMinToMarket,
                           boolean applyMaxToMarket, int avgPriceMins) {
    }

    /** {@code PERCENT_PRICE}: price must lie within [reference × multiplierDown, reference × multiplierUp]. */
    public record PercentPrice(BigDecimal multiplierUp, BigDecimal multiplierDown, int avgPriceMins) {
    }

    /** {@code PERCENT_PRICE_BY_SIDE}: like PERCENT_PRICE with separate bounds for BUY (bid) and SELL (ask). */
    public record PercentPriceBySide(BigDecimal bidMultiplierUp, BigDecimal bidMultiplierDown, BigDecimal askMultiplierUp,
                                     BigDecimal askMultiplierDown, int avgPriceMins) {
    }

    /** {@code TRAILING_DELTA}, in basis points (BIPS). */
    public record TrailingDelta(int minTrailingAboveDelta, int maxTrailingAboveDelta, int minTrailingBelowDelta,
                                int maxTrailingBelowDelta) {
    }

    /** The lot-size filter Binance applies to an order of {@code type}: MARKET_LOT_SIZE for market orders when its
     * step is non-zero, LOT_SIZE otherwise; {@code null} when neither exists. */
    public LotSize lotSizeFor(OrderType type) {
        if (type == OrderType.MARKET && marketLotSize != null && marketLotSize.stepSize() != null
                && marketLotSize.stepSize().signum() > 0) {
            return marketLotSize;
        }
        return lotSize;
    }

    /** {@code price} rounded to the nearest tick (half up); unchanged when there is no tick. */
    public BigDecimal roundPrice(BigDecimal price) {
        if (price == null || this.price == null || !positive(this.price.tickSize())) return price;
        BigDecimal tick = this.price.tickSize();
        return price.divide(tick, 0, RoundingMode.HALF_UP).multiply(tick).stripTrailingZeros();
    }

    /**
     * {@code qty} rounded down to the step of the lot-size filter for {@code type} (see {@link #lotSizeFor}). As Binance
     * checks {@code (qty - minQty) % stepSize == 0}, steps are counted from {@code minQty} when {@code qty ≥ minQty}.
     */
    public BigDecimal roundQuantity(BigDecimal qty, OrderType type) {
        LotSize lot = lotSizeFor(type);
        if (qty == null || lot == null || !positive(lot.stepSize())) return qty;
        BigDecimal base = lot.minQty() != null && lot.minQty().signum() > 0 && qty.compareTo(lot.minQty()) >= 0
                ? lot.minQty() : BigDecimal.ZERO;
        return qty.subtract(base).divide(lot.stepSize(), 0, RoundingMode.DOWN).multiply(lot.stepSize()).add(base)
                .stripTrailingZeros().max(BigDecimal.ZERO);
    }

    /**
     * Checks {@code price} against PRICE_FILTER (min, max, tick multiple).
     *
     * @throws FilterViolationException naming PRICE_FILTER and the figures
     */
    public void checkPrice(String symbol, BigDecimal price) {
        PriceFilter f = this.price;
        if (f == null || price == null) return;
        if (positive(f.minPrice()) && price.compareTo(f.minPrice()) < 0) {
            throw violation("PRICE_FILTER", symbol, "price " + plain(price) + " is below minPrice " + plain(f.minPrice()));
        }
        if (positive(f.maxPrice()) && price.compareTo(f.maxPrice()) > 0) {
            throw violation("PRICE_FILTER", symbol, "price " + plain(price) + " is above maxPrice " + plain(f.maxPrice()));
        }
        if (positive(f.tickSize()) && price.remainder(f.tickSize()).signum() != 0) {
            throw violation("PRICE_FILTER", symbol, "price " + plain(price) + " is not a multiple of tickSize "
                    + plain(f.tickSize()));
        }
    }

    /**
     * Checks {@code qty} against the lot-size filter for {@code type} (min, max, step multiple).
     *
     * @throws FilterViolationException naming LOT_SIZE or MARKET_LOT_SIZE and the figures
     */
    public void checkQuantity(String symbol, BigDecimal qty, OrderType type) {
        LotSize lot = lotSizeFor(type);
        if (lot == null || qty == null) return;
        String name = lot == marketLotSize ? "MARKET_LOT_SIZE" : "LOT_SIZE";
        if (lot.minQty() != null && qty.compareTo(lot.minQty()) < 0) {
            throw violation(name, symbol, "quantity " + plain(qty) + " is below minQty " + plain(lot.minQty()));
        }
        if (positive(lot.maxQty()) && qty.compareTo(lot.maxQty()) > 0) {
            throw violation(name, symbol, "quantity " + plain(qty) + " is above maxQty " + plain(lot.maxQty()));
        }
        if (positive(lot.stepSize()) && qty.subtract(lot.minQty() == null ? BigDecimal.ZERO : lot.minQty())
                .remainder(lot.stepSize()).signum() != 0) {
            throw violation(name, symbol, "quantity " + plain(qty) + " is not a multiple of stepSize "
                    + plain(lot.stepSize()));
        }
    }

    /**
     * Checks price × quantity against NOTIONAL / MIN_NOTIONAL. For MARKET orders {@code price} should be the reference
     * (average or last) price; the min/max checks then apply only when {@code applyMinToMarket}/{@code applyMaxToMarket}
     * say so (MIN_NOTIONAL's {@code applyToMarket}).
     *
     * @throws FilterViolationException naming the filter and the figures
     */
    public void checkNotional(String symbol, BigDecimal price, BigDecimal qty, OrderType type) {
        Notional n = notional;
        if (n == null || price == null || qty == null) return;
        boolean market = type == OrderType.MARKET;
        BigDecimal value = price.multiply(qty);
        if ((!market || n.applyMinToMarket()) && positive(n.minNotional()) && value.compareTo(n.minNotional()) < 0) {
            throw violation(n.filterType(), symbol, plain(qty) + " × " + plain(price) + " = " + plain(value)
                    + " is below minNotional " + plain(n.minNotional()));
        }
        if ((!market || n.applyMaxToMarket()) && positive(n.maxNotional()) && value.compareTo(n.maxNotional()) > 0) {
            throw violation(n.filterType(), symbol, plain(qty) + " × " + plain(price) + " = " + plain(value)
                    + " is above maxNotional " + plain(n.maxNotional()));
        }
    }

    /**
     * Checks a limit {@code price} against PERCENT_PRICE_BY_SIDE (for {@code side}) or PERCENT_PRICE, relative to
     * {@code referencePrice} (Binance uses the {@code avgPriceMins}-minute average price; futures the mark price).
     *
     * @throws FilterViolationException naming the filter, the allowed band and the figures
     */
    public void checkPercentPrice(String symbol, Side side, BigDecimal price, BigDecimal referencePrice) {
        if (price == null || referencePrice == null || referencePrice.signum() <= 0) return;
        String name;
        BigDecimal up;
        BigDecimal down;
        if (percentPriceBySide != null) {
            name = "PERCENT_PRICE_BY_SIDE";
            up = side == Side.BUY ? percentPriceBySide.bidMultiplierUp() : percentPriceBySide.askMultiplierUp();
            down = side == Side.BUY ? percentPriceBySide.bidMultiplierDown() : percentPriceBySide.askMultiplierDown();
        } else if (percentPrice != null) {
            name = "PERCENT_PRICE";
            up = percentPrice.multiplierUp();
            down = percentPrice.multiplierDown();
        } else {
            return;
        }
        if (positive(up) && price.compareTo(referencePrice.multiply(up)) > 0) {
            throw violation(name, symbol, side + " price " + plain(price) + " is above " + plain(up) + " × reference "
                    + plain(referencePrice) + " = " + plain(referencePrice.multiply(up)));
        }
        if (positive(down) && price.compareTo(referencePrice.multiply(down)) < 0) {
            throw violation(name, symbol, side + " price " + plain(price) + " is below " + plain(down) + " × reference "
                    + plain(referencePrice) + " = " + plain(referencePrice.multiply(down)));
        }
    }

    /**
     * All checks for one order, in Binance's order: price, quantity, notional, percent price.
     *
     * @param price          limit price; {@code null} for MARKET orders
     * @param referencePrice average/last (spot) or mark (futures) price; used for market notional and percent price;
     *                       may be {@code null} to skip those checks
     * @throws FilterViolationException for the first filter the order breaks
     */
    public void validate(String symbol, Side side, OrderType type, BigDecimal price, BigDecimal qty,
                         BigDecimal referencePrice) {
        boolean priced = price != null && type != OrderType.MARKET;
        if (priced) {
            checkPrice(symbol, price);
        }
        checkQuantity(symbol, qty, type);
        checkNotional(symbol, priced ? price : referencePrice, qty, type);
        if (priced) {
            checkPercentPrice(symbol, side, price, referencePrice);
        }
    }

    /**
     * {@code MAX_NUM_ORDERS} / {@code MAX_NUM_ALGO_ORDERS}: whether one more order of {@code type} fits.
     *
     * @param openOrders     open orders of the symbol now (all types)
     * @param openAlgoOrders open conditional (stop / take-profit / trailing) orders of the symbol now
     * @throws FilterViolationException naming the filter and the limit
     */
    public void checkOpenOrders(String symbol, OrderType type, int openOrders, int openAlgoOrders) {
        if (maxNumOrders != null && maxNumOrders > 0 && openOrders + 1 > maxNumOrders) {
            throw violation("MAX_NUM_ORDERS", symbol, openOrders + " open orders; at most " + maxNumOrders + " allowed");
        }
        if (type.isAlgo() && maxNumAlgoOrders != null && maxNumAlgoOrders > 0 && openAlgoOrders + 1 > maxNumAlgoOrders) {
            throw violation("MAX_NUM_ALGO_ORDERS", symbol, openAlgoOrders + " open stop/take-profit orders; at most "
                    + maxNumAlgoOrders + " allowed");
        }
    }

    private static boolean positive(BigDecimal v) {
        return v != null && v.signum() > 0;
    }

    private static String plain(BigDecimal v) {
        return v.stripTrailingZeros().toPlainString();
    }

    private static FilterViolationException violation(String filter, String symbol, String what) {
        return new FilterViolationException(filter, (symbol == null ? "" : symbol + " ") + filter + ": " + what);
    }
}
