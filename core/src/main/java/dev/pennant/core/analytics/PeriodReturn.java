package dev.pennant.core.analytics;

/**
 * Return of one calendar period (UTC day or month) of an equity curve.
 *
 * @param period         {@code yyyy-MM-dd} for a day, {@code yyyy-MM} for a month (UTC)
 * @param endEquity      last equity of the period, quote asset
 * @param returnFraction {@code endEquity / previous period's endEquity − 1} (the first period against the starting
 *                       equity); 0.01 = +1 %
 */
public record PeriodReturn(String period, double endEquity, double returnFraction) {
}
