package dev.pennant.core.portfolio.margin;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One notional tier of a USDⓈ-M symbol, one element of {@code brackets} in Binance's
 * {@code GET /fapi/v1/leverageBracket} response ("Notional and Leverage Brackets", USDⓈ-M Futures API docs).
 *
 * <p>A position of notional {@code n} (|quantity| × mark price, USDT) falls in this bracket when
 * {@code notionalFloor < n ≤ notionalCap} (Binance's tier tables read "floor &lt; Position ≤ cap"); a notional of 0
 * belongs to the first bracket. Its maintenance margin is {@code n × maintMarginRatio − cum} (Binance, "How to
 * Calculate Liquidation Price of USDⓈ-M Futures Contracts": "Maintenance Margin = Position Notional × Maintenance
 * Margin Rate on the level of position notional − Maintenance Amount on the level of position notional").
 *
 * @param bracket          bracket number, 1 for the lowest notionals
 * @param initialLeverage  the maximum leverage allowed in this bracket (≥ 1)
 * @param notionalFloor    lower edge of the bracket, USDT (exclusive, except 0 for bracket 1), ≥ 0
 * @param notionalCap      upper edge of the bracket, USDT (inclusive), &gt; notionalFloor
 * @param maintMarginRatio maintenance margin rate, a fraction (0.004 = 0.4 %), in (0, 1]
 * @param cum              maintenance amount ("cum", Binance's "auxiliary number for quick calculation"), USDT, ≥ 0
 */
public record LeverageBracket(
        int bracket,
        int initialLeverage,
        BigDecimal notionalFloor,
        BigDecimal notionalCap,
        BigDecimal maintMarginRatio,
        BigDecimal cum) {

    /** @throws IllegalArgumentException naming the field when a value breaks the rule given above */
    public LeverageBracket {
        Objects.requireNonNull(notionalFloor, "notionalFloor");
        Objects.requireNonNull(notionalCap, "notionalCap");
        Objects.requireNonNull(maintMarginRatio, "maintMarginRatio");
        Objects.requireNonNull(cum, "cum");
        if (bracket < 1) {
            throw new IllegalArgumentException("bracket must be ≥ 1, was " + bracket);
        }
        if (initialLeverage < 1) {
            throw new IllegalArgumentException("bracket " + bracket + ": initialLeverage must be ≥ 1, was " + initialLeverage);
        }
        if (notionalFloor.signum() < 0) {
            throw new IllegalArgumentException("bracket " + bracket + ": notionalFloor must be ≥ 0, was " + notionalFloor);
        }
        if (notionalCap.compareTo(notionalFloor) <= 0) {
            throw new IllegalArgumentException("bracket " + bracket + ": notionalCap " + notionalCap
                    + " must be > notionalFloor " + notionalFloor);
        }
        if (maintMarginRatio.signum() <= 0 || maintMarginRatio.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("bracket " + bracket + ": maintMarginRatio must be in (0, 1], was "
                    + maintMarginRatio);
        }
        if (cum.signum() < 0) {
            throw new IllegalArgumentException("bracket " + bracket + ": cum must be ≥ 0, was " + cum);
        }
    }

    /** True when {@code notionalFloor < notional ≤ notionalCap}, or when this is bracket 1 and the notional is 0. */
    public boolean contains(BigDecimal notional) {
        if (notional.compareTo(notionalCap) > 0) {
            return false;
        }
        int vsFloor = notional.compareTo(notionalFloor);
        return vsFloor > 0 || (vsFloor == 0 && notionalFloor.signum() == 0);
    }

    /**
     * {@code notional × maintMarginRatio − cum}, USDT, unrounded; meaningful for notionals inside this bracket.
     *
     * @param notional position notional, USDT (|quantity| × mark price)
     */
    public BigDecimal maintenanceMargin(BigDecimal notional) {
        return notional.multiply(maintMarginRatio).subtract(cum);
    }
}
