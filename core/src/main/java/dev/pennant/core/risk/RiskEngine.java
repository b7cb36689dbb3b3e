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
}
