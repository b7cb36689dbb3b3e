package dev.pennant.core.risk;

import java.math.BigDecimal;

/**
 * A portfolio's risk level: presets of {@link RiskLimits} a user can then edit. Figures are fractions of equity.
 *
 * <table>
 *   <caption>presets</caption>
 *   <tr><th></th><th>LOW</th><th>MEDIUM</th><th>HIGH</th></tr>
 *   <tr><td>daily loss</td><td>2 %</td><td>5 %</td><td>10 %</td></tr>
 *   <tr><td>max drawdown</td><td>10 %</td><td>20 %</td><td>35 %</td></tr>
 *   <tr><td>open positions</td><td>3</td><td>6</td><td>12</td></tr>
 *   <tr><td>max position</td><td>25 %</td><td>50 %</td><td>100 %</td></tr>
 *   <tr><td>leverage</td><td>2x</td><td>5x</td><td>20x</td></tr>
 *   <tr><td>gross / net exposure</td><td>1 / 1</td><td>2 / 1.5</td><td>5 / 3</td></tr>
 *   <tr><td>correlation</td><td>0.7</td><td>0.85</td><td>0.95</td></tr>
 *   <tr><td>orders / min</td><td>10</td><td>30</td><td>120</td></tr>
 * </table>
 * All levels: 2 min stale-data breaker, 3 % slippage breaker (5 % HIGH), 3 consecutive venue errors, drawdown
 * cooldown 7 days, margin-ratio reduction at 70 / 80 / 85 %, target daily volatility 3 / 5 / 8 %.
 */
public enum RiskLevel {
    LOW, MEDIUM, HIGH;

    /** The preset limits of this level with fee rate {@code feeRate} (fraction). */
    public RiskLimits limits(BigDecimal feeRate) {
        long week = 7 * RiskLimits.Guards.DAY_MS;
        return switch (this) {
            case LOW -> new RiskLimits(0.25, 0.25, 0.10, feeRate,
                    new RiskLimits.Guards(week, 0.02, null, 3, null, 2, 0.03, 1, 1, 0.7, 10, 3, 120_000, 0.03,
                            15 * 60_000L, 0.7), RiskLimits.Sizing.fixedFraction());
            case MEDIUM -> new RiskLimits(0.5, 0.5, 0.20, feeRate,
                    new RiskLimits.Guards(week, 0.05, null, 6, null, 5, 0.05, 2, 1.5, 0.85, 30, 3, 120_000, 0.03,
                            15 * 60_000L, 0.8), RiskLimits.Sizing.fixedFraction());
            case HIGH -> new RiskLimits(0.95, 1.0, 0.35, feeRate,
                    new RiskLimits.Guards(week, 0.10, null, 12, null, 20, 0.08, 5, 3, 0.95, 120, 3, 120_000, 0.05,
                            15 * 60_000L, 0.85), RiskLimits.Sizing.fixedFraction());
        };
    }
}
