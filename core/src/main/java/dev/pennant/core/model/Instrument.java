package dev.pennant.core.model;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Objects;

/**
 * A tradable symbol with the exchange filters Pennant rounds and checks orders against.
 *
 * <p>Filters follow Binance's exchangeInfo: {@code PRICE_FILTER.tickSize}, {@code LOT_SIZE.stepSize/minQty/maxQty},
 * {@code NOTIONAL.minNotional} (spot) / {@code MIN_NOTIONAL.notional} (futures). Prices in the quote asset,
 * quantities in the base asset.
 *
 * @param symbol      e.g. {@code BTCUSDT}
 * @param market      SPOT or USDM_FUTURES
 * @param baseAsset   e.g. {@code BTC}
 * @param quoteAsset  e.g. {@code USDT}
 * @param tickSize    price increment
 * @param stepSize    quantity increment
 * @param minQty      smallest quantity
 * @param maxQty      largest quantity
 * @param minNotional smallest price × quantity, quote asset (0 when the symbol has no notional filter)
 * @param filters     all exchange filters ({@link SymbolFilters}); the five size components above are copies of
 *                    PRICE_FILTER.tickSize, LOT_SIZE.stepSize/minQty/maxQty and NOTIONAL/MIN_NOTIONAL's minimum
 * @param status      Binance symbol status, e.g. {@code TRADING}, {@code BREAK}, {@code HALT}, {@code SETTLING}
 * @param pricePrecision     decimals of a price: futures {@code pricePrecision}; spot: the tick size's decimals
 * @param quantityPrecision  decimals of a quantity: futures {@code quantityPrecision}; spot: the step size's decimals
 * @param baseAssetPrecision {@code baseAssetPrecision}
 * @param quoteAssetPrecision spot {@code quoteAssetPrecision} (futures {@code quotePrecision})
 * @param orderTypes  order types the symbol accepts, Binance names ({@code LIMIT}, {@code STOP_MARKET} …)
 * @param permissions spot {@code permissions} (empty in newer responses, futures: empty)
 * @param permissionSets spot {@code permissionSets}: the account needs every permission of at least one set
 */
public record Instrument(
        String symbol,
        Market market,
        String baseAsset,
        String quoteAsset,
        BigDecimal tickSize,
        BigDecimal stepSize,
        BigDecimal minQty,
        BigDecimal maxQty,
        BigDecimal minNotional,
        SymbolFilters filters,
        String status,
        int pricePrecision,
        int quantityPrecision,
        int baseAssetPrecision,
        int quoteAssetPrecision,
        List<String> orderTypes,
        List<String> permissions,
        List<List<String>> permissionSets) {

    /** @throws NullPointerException naming the missing field; IllegalArgumentException when a size is not positive */
    public Instrument {
        Objects.requireNonNull(filters, "filters");
        Objects.requireNonNull(status, "status");
        orderTypes = List.copyOf(orderTypes);
        permissions = List.copyOf(permissions);
        permissionSets = permissionSets.stream().map(List::copyOf).toList();
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(market, "market");
        Objects.requireNonNull(baseAsset, "baseAsset");
        Objects.requireNonNull(quoteAsset, "quoteAsset");
        if (tickSize.signum() <= 0) throw new IllegalArgumentException("tickSize must be > 0");
        if (stepSize.signum() <= 0) throw new IllegalArgumentException("stepSize must be > 0");
    }

    /**
     * The original nine-component form: PRICE_FILTER, LOT_SIZE and a min-notional filter built from the figures,
     * status {@code TRADING}, precisions from the tick and step, LIMIT and MARKET order types, no permissions.
     */
    public Instrument(String symbol, Market market, String baseAsset, String quoteAsset, BigDecimal tickSize,
                      BigDecimal stepSize, BigDecimal minQty, BigDecimal maxQty, BigDecimal minNotional) {
        this(symbol, market, baseAsset, quoteAsset, tickSize, stepSize, minQty, maxQty, minNotional,
                new SymbolFilters(new SymbolFilters.PriceFilter(BigDecimal.ZERO, BigDecimal.ZERO, tickSize),
                        new SymbolFilters.LotSize(minQty, maxQty, stepSize), null,
                        minNotional == null ? null : new SymbolFilters.Notional(
                                market == Market.SPOT ? "NOTIONAL" : "MIN_NOTIONAL", minNotional, null, true, false, 5),
                        null, null, null, null, null, null),
                "TRADING", Math.max(0, tickSize.stripTrailingZeros().scale()),
                Math.max(0, stepSize.stripTrailingZeros().scale()), 8, 8, List.of("LIMIT", "MARKET"), List.of(),
                List.of());
    }

    /**
     * A spot USDT pair with BTCUSDT's filters as of 2025-08-23 (tick 0.01, step 0.00001, min notional 5 USDT, max
     * notional 9,000,000, PERCENT_PRICE_BY_SIDE 0.2–5 × the 5-minute average), used until exchangeInfo is loaded.
     * The base asset is the symbol without its {@code USDT} suffix.
     */
    public static Instrument defaultSpotUsdt(String symbol) {
        String base = symbol.endsWith("USDT") ? symbol.substring(0, symbol.length() - 4) : symbol;
        BigDecimal tick = new BigDecimal("0.01");
        BigDecimal step = new BigDecimal("0.00001");
        SymbolFilters f = new SymbolFilters(
                new SymbolFilters.PriceFilter(tick, new BigDecimal("1000000"), tick),
                new SymbolFilters.LotSize(step, new BigDecimal("9000"), step),
                new SymbolFilters.LotSize(BigDecimal.ZERO, new BigDecimal("88.09927941"), BigDecimal.ZERO),
                new SymbolFilters.Notional("NOTIONAL", new BigDecimal("5"), new BigDecimal("9000000"), true, false, 5),
                null,
                new SymbolFilters.PercentPriceBySide(new BigDecimal("5"), new BigDecimal("0.2"), new BigDecimal("5"),
                        new BigDecimal("0.2"), 5),
                200, 5, 10, new SymbolFilters.TrailingDelta(10, 2000, 10, 2000));
        return new Instrument(symbol, Market.SPOT, base, "USDT", tick, step, step, new BigDecimal("9000"),
                new BigDecimal("5"), f, "TRADING", 2, 5, 8, 8,
                List.of("LIMIT", "LIMIT_MAKER", "MARKET", "STOP_LOSS", "STOP_LOSS_LIMIT", "TAKE_PROFIT",
                        "TAKE_PROFIT_LIMIT"), List.of(), List.of(List.of("SPOT")));
    }

    /** True when Binance accepts orders now ({@code status == TRADING}). */
    public boolean isTrading() {
        return "TRADING".equals(status);
    }

    /** {@code qty} rounded down to the step Binance applies to an order of {@code type} (MARKET_LOT_SIZE for market
     * orders when its step is non-zero, else LOT_SIZE); to {@link #stepSize} when that filter is missing or has no
     * step. */
    public BigDecimal roundQuantity(BigDecimal qty, OrderType type) {
        SymbolFilters.LotSize lot = filters.lotSizeFor(type);
        return lot == null || lot.stepSize() == null || lot.stepSize().signum() <= 0 ? roundQuantity(qty)
                : filters.roundQuantity(qty, type);
    }

    /**
     * Checks an order against every filter (see {@link SymbolFilters#validate}).
     *
     * @throws FilterViolationException naming the first filter broken and the figures
     */
    public void validate(Side side, OrderType type, BigDecimal price, BigDecimal qty, BigDecimal referencePrice) {
        filters.validate(symbol, side, type, price, qty, referencePrice);
    }

    /** {@code qty} rounded down to a multiple of the step size (Binance rejects other quantities with -1013). */
    public BigDecimal roundQuantity(BigDecimal qty) {
        return qty.divide(stepSize, 0, RoundingMode.DOWN).multiply(stepSize).stripTrailingZeros().max(BigDecimal.ZERO);
    }

    /** {@code price} rounded to the nearest multiple of the tick size. */
    public BigDecimal roundPrice(BigDecimal price) {
        return price.divide(tickSize, 0, RoundingMode.HALF_UP).multiply(tickSize).stripTrailingZeros();
    }
}
