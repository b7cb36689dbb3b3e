package dev.pennant.core.risk;

import dev.pennant.core.model.FilterViolationException;
import dev.pennant.core.model.Instrument;
import dev.pennant.core.model.OrderType;
import dev.pennant.core.model.Position;
import dev.pennant.core.model.Side;
import dev.pennant.core.portfolio.Portfolio;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/**
 * Sizes signal orders and checks every order before it reaches a venue; it can deny. Spot semantics: no shorting,
 * no leverage. Not thread-safe: owned by the engine thread.
 *
 * <p>Checks, in order: kill switch; drawdown halt (entries only); the instrument's exchange filters for a MARKET
 * order, as Binance applies them ({@link dev.pennant.core.model.SymbolFilters}, Binance "Filters" docs): quantity within
 * {@code MARKET_LOT_SIZE} (or {@code LOT_SIZE} when MARKET_LOT_SIZE has no step) min/max and on its step, notional at
 * the reference price within {@code NOTIONAL}/{@code MIN_NOTIONAL} (when the filter applies to market orders); for
 * BUY, cost incl. fee ≤ free cash and resulting position ≤ maxPositionFraction × equity; for SELL, quantity ≤ the long
 * position held. Signal orders are sized and then rounded down to that step first.
 */
public final class RiskEngine {

    private final RiskLimits limits;
    private volatile boolean killSwitch;
    private BigDecimal peakEquity;

    /** A risk engine enforcing {@code limits}. */
    public RiskEngine(RiskLimits limits) {
        this.limits = limits;
    }

    /** The limits in force. */
    public RiskLimits limits() {
        return limits;
    }

    /** Engage or release the kill switch: while engaged every order is denied. Safe from any thread. */
    public void setKillSwitch(boolean engaged) {
        this.killSwitch = engaged;
    }

    /** Whether the kill switch is engaged. */
    public boolean killSwitch() {
        return killSwitch;
    }

    /** Records equity so the drawdown halt knows the running peak; call once per bar. */
    public void observeEquity(BigDecimal equity) {
        if (peakEquity == null || equity.compareTo(peakEquity) > 0) {
            peakEquity = equity;
        }
    }

    /**
     * Sizes and checks a signal order.
     *
     * @param side       BUY to enter/increase a long, SELL to close it
     * @param instrument filters to round and check against
     * @param portfolio  the account (read only)
     * @param refPrice   the price the order is expected to fill near (last close), quote asset
     * @return approved quantity or a denial naming the rule
     */
    public RiskDecision sizeAndCheck(Side side, Instrument instrument, Portfolio portfolio, BigDecimal refPrice) {
        Position pos = portfolio.position(instrument.symbol());
        BigDecimal qty;
        if (side == Side.BUY) {
            BigDecimal budget = portfolio.cash().multiply(BigDecimal.valueOf(limits.allocationFraction()));
            BigDecimal unitCost = refPrice.multiply(BigDecimal.ONE.add(limits.feeRate()));
            qty = unitCost.signum() > 0 ? budget.divide(unitCost, MathContext.DECIMAL64) : BigDecimal.ZERO;
        } else {
            qty = pos.quantity().max(BigDecimal.ZERO);
        }
        return check(side, instrument.roundQuantity(qty, OrderType.MARKET), instrument, portfolio, refPrice);
    }

    /**
     * Checks an order of a given quantity.
     *
     * @param quantity base-asset quantity, already rounded to the MARKET order's step size
     * @return approval or a denial naming the rule and figures
     */
    public RiskDecision check(Side side, BigDecimal quantity, Instrument instrument, Portfolio portfolio, BigDecimal refPrice) {
        if (killSwitch) {
            return RiskDecision.deny("kill switch engaged: no orders are sent");
        }
        Position pos = portfolio.position(instrument.symbol());
        BigDecimal equity = portfolio.equity();
        if (side == Side.BUY && peakEquity != null && peakEquity.signum() > 0) {
            double dd = 1 - equity.doubleValue() / peakEquity.doubleValue();
            if (dd >= limits.maxDrawdownHalt()) {
                return RiskDecision.deny(String.format(Locale.ROOT,
                        "drawdown halt: equity %.2f is %.1f %% below its peak %.2f (limit %.1f %%)",
                        equity.doubleValue(), dd * 100, peakEquity.doubleValue(), limits.maxDrawdownHalt() * 100));
            }
        }
        if (quantity.signum() <= 0) {
            return RiskDecision.deny("quantity " + quantity.toPlainString() + " is not above zero (LOT_SIZE minQty "
                    + instrument.minQty().toPlainString() + ", step " + instrument.stepSize().toPlainString() + ")");
        }
        try {
            instrument.filters().checkQuantity(instrument.symbol(), quantity, OrderType.MARKET);
            instrument.filters().checkNotional(instrument.symbol(), refPrice, quantity, OrderType.MARKET);
        } catch (FilterViolationException e) {
            return RiskDecision.deny(e.getMessage());
        }
        BigDecimal notional = quantity.multiply(refPrice);
        if (side == Side.BUY) {
            BigDecimal cost = notional.multiply(BigDecimal.ONE.add(limits.feeRate()));
            if (cost.compareTo(portfolio.cash()) > 0) {
                return RiskDecision.deny("cost " + cost.toPlainString() + " exceeds free cash "
                        + portfolio.cash().toPlainString() + " " + instrument.quoteAsset());
            }
            BigDecimal after = pos.quantity().add(quantity).multiply(refPrice);
            BigDecimal cap = equity.multiply(BigDecimal.valueOf(limits.maxPositionFraction()));
            if (after.compareTo(cap) > 0) {
                return RiskDecision.deny("position notional " + after.toPlainString() + " would exceed "
                        + (limits.maxPositionFraction() * 100) + " % of equity " + equity.toPlainString());
            }
        } else if (quantity.compareTo(pos.quantity()) > 0) {
            return RiskDecision.deny("sell quantity " + quantity.toPlainString() + " exceeds the long position "
                    + pos.quantity().toPlainString() + " (spot: no shorting)");
        }
        return RiskDecision.approve(quantity);
    }

    /**
     * Checks any order request before it goes to the venue (strategy, AI or click alike).
     *
     * <p>Rules, in order: kill switch; type allowed on the instrument's market; spot is long-only (a SELL may not exceed
     * the long position; no shorting, no borrowing); futures {@code reduceOnly}/{@code closePosition} need a position to
     * reduce; drawdown halt for orders that open or increase exposure; the exchange filters for the working type
     * (PRICE_FILTER tick and range for price and stopPrice, LOT_SIZE / MARKET_LOT_SIZE, NOTIONAL / MIN_NOTIONAL at the
     * limit price or the reference price, PERCENT_PRICE(_BY_SIDE) band around the reference price,
     * MAX_NUM_ORDERS / MAX_NUM_ALGO_ORDERS); spot BUY cost incl. fee within free cash and position cap; futures initial
     * margin (notional / leverage) within the available margin for exposure-increasing orders.
     *
     * @param quantity       base quantity after rounding (zero allowed only for quoteOrderQty / closePosition)
     * @param refPrice       last price (spot) or mark price (futures), quote asset; {@code null} skips price-band checks
     * @param openOrders     open orders of the symbol now
     * @param openAlgoOrders open conditional orders of the symbol now
     * @return approval with the quantity, or a denial naming the rule and the figures
     */
    public RiskDecision checkOrder(dev.pennant.core.execution.OrderRequest req, BigDecimal quantity, Instrument instrument,
                                   Portfolio portfolio, BigDecimal refPrice, int openOrders, int openAlgoOrders) {
        return checkOrder(req, quantity, instrument, portfolio, refPrice, openOrders, openAlgoOrders, false);
    }

    /**
     * As {@link #checkOrder(dev.pennant.core.execution.OrderRequest, BigDecimal, Instrument, Portfolio, BigDecimal, int, int)};
     * with {@code emergencyFlatten} an order that only closes an existing position passes the kill switch and the
     * drawdown halt (the emergency stop's flatten), still subject to the exchange filters. An emergency order that
     * would open or increase exposure is denied.
     */
    public RiskDecision checkOrder(dev.pennant.core.execution.OrderRequest req, BigDecimal quantity, Instrument instrument,
                                   Portfolio portfolio, BigDecimal refPrice, int openOrders, int openAlgoOrders,
                                   boolean emergencyFlatten) {
        if (killSwitch && !emergencyFlatten) {
            return RiskDecision.deny("kill switch engaged: no orders are sent");
        }
        dev.pennant.core.model.Market market = instrument.market();
        if (req.market() != market) {
            return RiskDecision.deny("order is for " + req.market() + " but " + instrument.symbol() + " trades on " + market);
        }
        if (!req.type().validFor(market)) {
            return RiskDecision.deny("type " + req.type() + " does not exist on " + market);
        }
        dev.pennant.core.model.OrderOptions o = req.options();
        Position pos = portfolio.position(instrument.symbol(), o.positionSide());
        BigDecimal signed = req.side() == Side.BUY ? quantity : quantity.negate();
        boolean reducing;
        if (market == dev.pennant.core.model.Market.SPOT) {
            if (o.reduceOnly() || o.closePosition() || o.positionSide() != dev.pennant.core.model.PositionSide.BOTH) {
                return RiskDecision.deny("reduceOnly, closePosition and positionSide are futures-only fields");
            }
            if (req.side() == Side.SELL && quantity.compareTo(pos.quantity().max(BigDecimal.ZERO)) > 0) {
                return RiskDecision.deny("sell quantity " + quantity.toPlainString() + " exceeds the long position "
                        + pos.quantity().toPlainString() + " (spot: no shorting)");
            }
            reducing = req.side() == Side.SELL;
        } else {
            boolean hedge = o.positionSide() != dev.pennant.core.model.PositionSide.BOTH;
            if (hedge) {
                // hedge mode: LONG is opened by BUY and reduced by SELL; SHORT the other way round
                reducing = (o.positionSide() == dev.pennant.core.model.PositionSide.LONG) == (req.side() == Side.SELL);
            } else {
                reducing = pos.quantity().signum() != 0 && pos.quantity().signum() != signed.signum()
                        && quantity.compareTo(pos.quantity().abs()) <= 0;
            }
            if ((o.reduceOnly() || o.closePosition() || (hedge && reducing)) && pos.quantity().signum() == 0
                    && !req.type().isConditional()) {
                return RiskDecision.deny("reduce-only " + req.side() + " but there is no " + o.positionSide()
                        + " position in " + instrument.symbol() + " to reduce");
            }
            if (o.reduceOnly() && !reducing && !req.type().isConditional()) {
                return RiskDecision.deny("reduceOnly " + req.side() + " " + quantity.toPlainString()
                        + " would increase or flip the position " + pos.quantity().toPlainString());
            }
        }
        if (emergencyFlatten && !reducing) {
            return RiskDecision.deny("emergency flatten may only close positions; " + req.side() + " "
                    + quantity.toPlainString() + " would open or increase one");
        }
        if (!reducing && peakEquity != null && peakEquity.signum() > 0) {
            BigDecimal equity = portfolio.equity();
            double dd = 1 - equity.doubleValue() / peakEquity.doubleValue();
            if (dd >= limits.maxDrawdownHalt()) {
                return RiskDecision.deny(String.format(Locale.ROOT,
                        "drawdown halt: equity %.2f is %.1f %% below its peak %.2f (limit %.1f %%)",
                        equity.doubleValue(), dd * 100, peakEquity.doubleValue(), limits.maxDrawdownHalt() * 100));
            }
        }
        dev.pennant.core.model.OrderType working = req.type().onTrigger(market);
        try {
            if (o.stopPrice() != null) {
                instrument.filters().checkPrice(instrument.symbol(), o.stopPrice());
            }
            if (quantity.signum() > 0) {
                BigDecimal px = req.price() != null ? req.price() : o.stopPrice() != null ? o.stopPrice() : refPrice;
                instrument.filters().validate(instrument.symbol(), req.side(), working,
                        working == dev.pennant.core.model.OrderType.MARKET ? null : req.price(), quantity,
                        working == dev.pennant.core.model.OrderType.MARKET ? px : refPrice);
            } else if (o.quoteOrderQty() == null && !o.closePosition()) {
                return RiskDecision.deny("quantity " + quantity.toPlainString() + " is not above zero (LOT_SIZE minQty "
                        + instrument.minQty().toPlainString() + ", step " + instrument.stepSize().toPlainString() + ")");
            }
            instrument.filters().checkOpenOrders(instrument.symbol(), req.type(), openOrders, openAlgoOrders);
        } catch (FilterViolationException e) {
            return RiskDecision.deny(e.getMessage());
        }
        BigDecimal px = req.price() != null ? req.price() : o.stopPrice() != null ? o.stopPrice() : refPrice;
        if (!reducing && px != null) {
            BigDecimal notional = o.quoteOrderQty() != null ? o.quoteOrderQty() : quantity.multiply(px);
            BigDecimal equity = portfolio.equity();
            if (market == dev.pennant.core.model.Market.SPOT) {
                BigDecimal cost = notional.multiply(BigDecimal.ONE.add(limits.feeRate()));
                if (cost.compareTo(portfolio.cash()) > 0) {
                    return RiskDecision.deny("cost " + cost.toPlainString() + " exceeds free cash "
                            + portfolio.cash().toPlainString() + " " + instrument.quoteAsset());
                }
                BigDecimal after = pos.quantity().multiply(px).add(notional);
                BigDecimal cap = equity.multiply(BigDecimal.valueOf(limits.maxPositionFraction()));
                if (after.compareTo(cap) > 0) {
                    return RiskDecision.deny("position notional " + after.toPlainString() + " would exceed "
                            + (limits.maxPositionFraction() * 100) + " % of equity " + equity.toPlainString());
                }
            } else {
                int lev = portfolio.leverage(instrument.symbol());
                BigDecimal margin = notional.divide(BigDecimal.valueOf(lev), MathContext.DECIMAL64);
                if (margin.compareTo(portfolio.availableMargin()) > 0) {
                    return RiskDecision.deny("initial margin " + margin.setScale(2, java.math.RoundingMode.UP)
                            .toPlainString() + " (notional " + notional.setScale(2, java.math.RoundingMode.HALF_UP)
                            .toPlainString() + " / " + lev + "x) exceeds available margin "
                            + portfolio.availableMargin().setScale(2, java.math.RoundingMode.DOWN).toPlainString()
                            + " " + instrument.quoteAsset());
                }
            }
        }
        return RiskDecision.approve(quantity);
    }

    /**
     * Sizes a futures entry: {@code allocationFraction × availableMargin × leverage / refPrice}, rounded down to the
     * MARKET lot step. @return base quantity, ≥ 0
     */
    public BigDecimal sizeFuturesEntry(Instrument instrument, Portfolio portfolio, BigDecimal refPrice) {
        BigDecimal budget = portfolio.availableMargin().max(BigDecimal.ZERO)
                .multiply(BigDecimal.valueOf(limits.allocationFraction()))
                .multiply(BigDecimal.valueOf(portfolio.leverage(instrument.symbol())));
        BigDecimal unit = refPrice.multiply(BigDecimal.ONE.add(limits.feeRate()));
        BigDecimal qty = unit.signum() > 0 ? budget.divide(unit, MathContext.DECIMAL64) : BigDecimal.ZERO;
        return instrument.roundQuantity(qty, OrderType.MARKET);
    }
}
