package dev.pennant.core.risk;

import java.math.BigDecimal;

/**
 * Pre-trade limits. Fractions are 0..1 of current equity (not percent).
 *
 * @param allocationFraction  share of free cash a new long may use (default 0.95, leaving room for fees and a gap
 *                            between the signal's close and the fill's open)
 * @param maxPositionFraction largest position notional as a share of equity (default 1.0: spot, no leverage)
 * @param maxDrawdownHalt     stop opening positions once equity is this far below its peak (default 0.25)
 * @param feeRate             fee rate assumed when sizing, as a fraction (0.001 = 0.1 %)
 */
public record RiskLimits(double allocationFraction, double maxPositionFraction, double maxDrawdownHalt, BigDecimal feeRate) {

    /** @throws IllegalArgumentException naming the limit and its allowed range */
    public RiskLimits {
        if (!(allocationFraction > 0 && allocationFraction <= 1)) {
            throw new IllegalArgumentException("allocationFraction must be in (0, 1], was " + allocationFraction);
        }
        if (!(maxPositionFraction > 0 && maxPositionFraction <= 1)) {
            throw new IllegalArgumentException("maxPositionFraction must be in (0, 1] for spot, was " + maxPositionFraction);
        }
        if (!(maxDrawdownHalt > 0 && maxDrawdownHalt <= 1)) {
            throw new IllegalArgumentException("maxDrawdownHalt must be in (0, 1], was " + maxDrawdownHalt);
        }
        if (feeRate.signum() < 0) {
            throw new IllegalArgumentException("feeRate must be >= 0, was " + feeRate.toPlainString());
        }
    }

    /** 95 % allocation, 100 % max position, halt at 25 % drawdown, 0.1 % fee. */
    public static RiskLimits defaults() {
        return new RiskLimits(0.95, 1.0, 0.25, new BigDecimal("0.001"));
    }
}
