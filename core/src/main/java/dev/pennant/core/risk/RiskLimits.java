package dev.pennant.core.risk;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * Pre-trade and continuous limits. Fractions are 0..1 (not percent) of current equity unless said otherwise.
 *
 * @param allocationFraction  share of free cash (spot) or available margin (futures) a new entry may use with
 *                            {@link Sizing.Method#FIXED_FRACTION} (default 0.95, leaving room for fees and a gap
 *                            between the signal's close and the fill's open)
 * @param maxPositionFraction largest position notional as a share of equity (default 1.0: spot, no leverage)
 * @param maxDrawdownHalt     halt opening positions once equity is this far below its peak (default 0.25); the halt
 *                            lifts after {@link Guards#drawdownCooldownMs()} of market-data time (the peak is then
 *                            re-based to the equity of that moment) or by a manual resume
 * @param feeRate             fee rate assumed when sizing, as a fraction (0.001 = 0.1 %)
 * @param guards              the further limits and circuit breakers (each 0 / {@code null} = off)
 * @param sizing              how entries are sized
 */
public record RiskLimits(double allocationFraction, double maxPositionFraction, double maxDrawdownHalt, BigDecimal feeRate,
                         Guards guards, Sizing sizing) {

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
        if (feeRate == null || feeRate.signum() < 0) {
            throw new IllegalArgumentException("feeRate must be >= 0, was " + (feeRate == null ? null : feeRate.toPlainString()));
        }
        Objects.requireNonNull(guards, "guards");
        Objects.requireNonNull(sizing, "sizing");
    }

    /** The four original limits with {@link Guards#defaults()} and fixed-fraction sizing. */
    public RiskLimits(double allocationFraction, double maxPositionFraction, double maxDrawdownHalt, BigDecimal feeRate) {
        this(allocationFraction, maxPositionFraction, maxDrawdownHalt, feeRate, Guards.defaults(), Sizing.fixedFraction());
    }

    /** 95 % allocation, 100 % max position, halt at 25 % drawdown (7-day cooldown), 0.1 % fee, default guards. */
    public static RiskLimits defaults() {
        return new RiskLimits(0.95, 1.0, 0.25, new BigDecimal("0.001"));
    }

    /** A copy with other guards. */
    public RiskLimits withGuards(Guards g) {
        return new RiskLimits(allocationFraction, maxPositionFraction, maxDrawdownHalt, feeRate, g, sizing);
    }

    /** A copy with other sizing. */
    public RiskLimits withSizing(Sizing s) {
        return new RiskLimits(allocationFraction, maxPositionFraction, maxDrawdownHalt, feeRate, guards, s);
    }

    /** A copy with another drawdown halt (fraction 0..1). */
    public RiskLimits withMaxDrawdownHalt(double dd) {
        return new RiskLimits(allocationFraction, maxPositionFraction, dd, feeRate, guards, sizing);
    }

    /** A copy with another fee rate (fraction). */
    public RiskLimits withFeeRate(BigDecimal fee) {
        return new RiskLimits(allocationFraction, maxPositionFraction, maxDrawdownHalt, fee, guards, sizing);
    }

    /**
     * The limits and circuit breakers beyond the original four. A value of 0 (or {@code null}) switches a rule off.
     *
     * @param drawdownCooldownMs    market-data time after a drawdown halt until it lifts by itself and the peak is
     *                              re-based, ms; 0 = only a manual resume lifts it
     * @param maxDailyLossFraction  halt opening once today's loss (UTC day of market-data time, from the day's first
     *                              equity) reaches this fraction of that equity
     * @param maxDailyLoss          the same as an absolute amount, quote asset ({@code null} = off)
     * @param maxOpenPositions      most open positions at once (an order opening one more is vetoed)
     * @param maxPositionNotional   largest notional of one position after the order, quote asset ({@code null} = off)
     * @param maxLeverage           highest futures leverage allowed
     * @param targetDailyVolatility when the symbol's realised 1-day volatility (fraction) exceeds this, the leverage
     *                              allowed is {@code maxLeverage × target / realised} (at least 1)
     * @param maxGrossExposure      Σ|position notional| / equity after the order
     * @param maxNetExposure        |Σ signed position notional| / equity after the order
     * @param maxCorrelation        highest |Pearson correlation| of bar returns between the symbol and any other open
     *                              position (needs ≥ 30 common returns)
     * @param maxOrdersPerMinute    orders approved in any 60 s of engine time
     * @param maxExchangeErrors     consecutive venue rejections before the exchange-error breaker halts
     * @param staleDataMs           no market data for this long (engine time) halts until data flows again
     * @param maxSlippageFraction   a fill this far (adverse) from the price at submission halts
     * @param breakerCooldownMs     how long the exchange-error and slippage breakers stay engaged, ms (0 = until a
     *                              manual resume)
     * @param marginRatioReduce     futures margin ratio (maintenance / margin balance) at which the engine goes
     *                              REDUCING and cuts every futures position by half (reduce-only MARKET)
     * @throws IllegalArgumentException naming the field and its allowed range
     */
    public record Guards(long drawdownCooldownMs, double maxDailyLossFraction, BigDecimal maxDailyLoss,
                         int maxOpenPositions, BigDecimal maxPositionNotional, int maxLeverage,
                         double targetDailyVolatility, double maxGrossExposure, double maxNetExposure,
                         double maxCorrelation, int maxOrdersPerMinute, int maxExchangeErrors, long staleDataMs,
                         double maxSlippageFraction, long breakerCooldownMs, double marginRatioReduce) {

        /** One day in ms. */
        public static final long DAY_MS = 86_400_000L;

        public Guards {
            nonNegative("drawdownCooldownMs", drawdownCooldownMs);
            fraction("maxDailyLossFraction", maxDailyLossFraction);
            if (maxDailyLoss != null && maxDailyLoss.signum() < 0) {
                throw new IllegalArgumentException("maxDailyLoss must be >= 0 (quote asset), was " + maxDailyLoss.toPlainString());
            }
            nonNegative("maxOpenPositions", maxOpenPositions);
            if (maxPositionNotional != null && maxPositionNotional.signum() < 0) {
                throw new IllegalArgumentException("maxPositionNotional must be >= 0 (quote asset), was "
                        + maxPositionNotional.toPlainString());
            }
            if (maxLeverage < 0 || maxLeverage > 125) {
                throw new IllegalArgumentException("maxLeverage must be within 0..125 (Binance's highest bracket), was "
                        + maxLeverage);
            }
            fraction("targetDailyVolatility", targetDailyVolatility);
            if (!(maxGrossExposure >= 0 && maxGrossExposure <= 125)) {
                throw new IllegalArgumentException("maxGrossExposure must be within 0..125 (× equity), was " + maxGrossExposure);
            }
            if (!(maxNetExposure >= 0 && maxNetExposure <= 125)) {
                throw new IllegalArgumentException("maxNetExposure must be within 0..125 (× equity), was " + maxNetExposure);
            }
            fraction("maxCorrelation", maxCorrelation);
            nonNegative("maxOrdersPerMinute", maxOrdersPerMinute);
            nonNegative("maxExchangeErrors", maxExchangeErrors);
            nonNegative("staleDataMs", staleDataMs);
            fraction("maxSlippageFraction", maxSlippageFraction);
            nonNegative("breakerCooldownMs", breakerCooldownMs);
            fraction("marginRatioReduce", marginRatioReduce);
        }

        private static void nonNegative(String field, long v) {
            if (v < 0) {
                throw new IllegalArgumentException(field + " must be >= 0 (0 = off), was " + v);
            }
        }

        private static void fraction(String field, double v) {
            if (!(v >= 0 && v <= 1)) {
                throw new IllegalArgumentException(field + " must be a fraction within 0..1 (0 = off), was " + v);
            }
        }

        /**
         * The engine's defaults: drawdown halt lifts after 7 days, 120 orders/min, 5 consecutive venue errors,
         * 5 % slippage, breakers cool down after 15 min, reduce at margin ratio 80 %; daily loss, exposure,
         * correlation, leverage and staleness off (a risk level presets them: {@link RiskLevel}).
         */
        public static Guards defaults() {
            return new Guards(7 * DAY_MS, 0, null, 0, null, 0, 0, 0, 0, 0, 120, 5, 0, 0.05, 15 * 60_000L, 0.8);
        }

        /** A copy with another drawdown cooldown (ms; 0 = manual resume only). */
        public Guards withDrawdownCooldownMs(long v) {
            return new Guards(v, maxDailyLossFraction, maxDailyLoss, maxOpenPositions, maxPositionNotional, maxLeverage,
                    targetDailyVolatility, maxGrossExposure, maxNetExposure, maxCorrelation, maxOrdersPerMinute,
                    maxExchangeErrors, staleDataMs, maxSlippageFraction, breakerCooldownMs, marginRatioReduce);
        }

        /** A copy with other daily-loss limits (fraction of the day's first equity; absolute, quote asset). */
        public Guards withDailyLoss(double fraction, BigDecimal absolute) {
            return new Guards(drawdownCooldownMs, fraction, absolute, maxOpenPositions, maxPositionNotional, maxLeverage,
                    targetDailyVolatility, maxGrossExposure, maxNetExposure, maxCorrelation, maxOrdersPerMinute,
                    maxExchangeErrors, staleDataMs, maxSlippageFraction, breakerCooldownMs, marginRatioReduce);
        }

        /** A copy with other position limits: count, notional (quote asset), leverage, target daily volatility. */
        public Guards withPositions(int openPositions, BigDecimal positionNotional, int leverage, double targetVol) {
            return new Guards(drawdownCooldownMs, maxDailyLossFraction, maxDailyLoss, openPositions, positionNotional,
                    leverage, targetVol, maxGrossExposure, maxNetExposure, maxCorrelation, maxOrdersPerMinute,
                    maxExchangeErrors, staleDataMs, maxSlippageFraction, breakerCooldownMs, marginRatioReduce);
        }

        /** A copy with other exposure limits (× equity) and correlation limit. */
        public Guards withExposure(double gross, double net, double correlation) {
            return new Guards(drawdownCooldownMs, maxDailyLossFraction, maxDailyLoss, maxOpenPositions,
                    maxPositionNotional, maxLeverage, targetDailyVolatility, gross, net, correlation, maxOrdersPerMinute,
                    maxExchangeErrors, staleDataMs, maxSlippageFraction, breakerCooldownMs, marginRatioReduce);
        }

        /** A copy with other breakers: orders/min, consecutive venue errors, stale ms, slippage, cooldown ms, margin ratio. */
        public Guards withBreakers(int ordersPerMinute, int exchangeErrors, long staleMs, double slippage, long cooldownMs,
                                   double marginRatio) {
            return new Guards(drawdownCooldownMs, maxDailyLossFraction, maxDailyLoss, maxOpenPositions,
                    maxPositionNotional, maxLeverage, targetDailyVolatility, maxGrossExposure, maxNetExposure,
                    maxCorrelation, ordersPerMinute, exchangeErrors, staleMs, slippage, cooldownMs, marginRatio);
        }
    }

    /**
     * How an entry is sized when the order carries no quantity.
     *
     * @param method       the sizing rule
     * @param riskFraction VOLATILITY: fraction of equity lost if the stop ({@code atrMultiple × ATR} away) is hit
     * @param atrMultiple  VOLATILITY: stop distance in ATRs (ATR: Wilder, 14 bars)
     * @param kellyWinRate KELLY: estimated probability a trade wins (0..1)
     * @param kellyPayoff  KELLY: average win / average loss (> 0)
     * @param kellyCap     KELLY: the Kelly fraction is capped to this (fraction of equity; "half Kelly" and below)
     * @throws IllegalArgumentException naming the field and its allowed range
     */
    public record Sizing(Method method, double riskFraction, double atrMultiple, double kellyWinRate, double kellyPayoff,
                         double kellyCap) {

        /** Sizing rules. */
        public enum Method {
            /** {@code allocationFraction} of the free cash / available margin (× leverage). */
            FIXED_FRACTION,
            /** {@code riskFraction × equity / (atrMultiple × ATR)} base units: the stop loss risks a fixed share. */
            VOLATILITY,
            /** Kelly fraction {@code p − (1 − p) / b}, capped at {@code kellyCap}, of equity. */
            KELLY
        }

        public Sizing {
            Objects.requireNonNull(method, "method");
            if (!(riskFraction > 0 && riskFraction <= 1)) {
                throw new IllegalArgumentException("riskFraction must be in (0, 1], was " + riskFraction);
            }
            if (!(atrMultiple > 0 && atrMultiple <= 100)) {
                throw new IllegalArgumentException("atrMultiple must be in (0, 100], was " + atrMultiple);
            }
            if (!(kellyWinRate >= 0 && kellyWinRate <= 1)) {
                throw new IllegalArgumentException("kellyWinRate must be within 0..1, was " + kellyWinRate);
            }
            if (!(kellyPayoff > 0)) {
                throw new IllegalArgumentException("kellyPayoff must be > 0, was " + kellyPayoff);
            }
            if (!(kellyCap > 0 && kellyCap <= 1)) {
                throw new IllegalArgumentException("kellyCap must be in (0, 1], was " + kellyCap);
            }
        }

        /** Fixed fraction (today's rule): 1 % risk, 2 ATR stop, Kelly inputs 0.5 / 1.5 capped at 0.25 (unused). */
        public static Sizing fixedFraction() {
            return new Sizing(Method.FIXED_FRACTION, 0.01, 2, 0.5, 1.5, 0.25);
        }

        /** Volatility sizing risking {@code riskFraction} of equity to a stop {@code atrMultiple} ATRs away. */
        public static Sizing volatility(double riskFraction, double atrMultiple) {
            return new Sizing(Method.VOLATILITY, riskFraction, atrMultiple, 0.5, 1.5, 0.25);
        }

        /** Capped Kelly from a win rate and payoff ratio. */
        public static Sizing kelly(double winRate, double payoff, double cap) {
            return new Sizing(Method.KELLY, 0.01, 2, winRate, payoff, cap);
        }
    }
}
