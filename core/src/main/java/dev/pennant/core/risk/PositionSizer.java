package dev.pennant.core.risk;

import dev.pennant.core.model.Instrument;
import dev.pennant.core.model.Market;
import dev.pennant.core.model.OrderType;
import dev.pennant.core.portfolio.Portfolio;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * Entry sizing: a target notional by the {@link RiskLimits.Sizing} rule, then capped by what the symbol's budget,
 * the free cash (spot) or the available margin × leverage (futures) allow, then rounded down to the MARKET lot step.
 *
 * <ul>
 *   <li>FIXED_FRACTION: {@code allocationFraction × cash} (spot) or {@code × availableMargin × leverage} (futures).</li>
 *   <li>VOLATILITY (Van Tharp's "percent risk" with an ATR stop): {@code qty = riskFraction × equity /
 *       (atrMultiple × ATR)}; until the ATR exists (14 bars) it falls back to FIXED_FRACTION.</li>
 *   <li>KELLY (Kelly 1956, {@code f* = p − (1 − p)/b}): {@code min(f*, kellyCap) × equity}, 0 when f* ≤ 0.</li>
 * </ul>
 */
public final class PositionSizer {

    private PositionSizer() {
    }

    /** The uncapped Kelly fraction {@code p − (1 − p)/b} for win rate p and payoff ratio b (may be negative). */
    public static double kellyFraction(double winRate, double payoff) {
        return winRate - (1 - winRate) / payoff;
    }

    /**
     * Sizes an entry.
     *
     * @param limits       limits (sizing rule, allocation fraction, fee rate)
     * @param instrument   the symbol's filters (rounding)
     * @param ledger       the account or the portfolio's ledger whose cash / margin the entry uses
     * @param refPrice     expected fill price, quote asset (&gt; 0)
     * @param atr          the symbol's ATR in quote asset, NaN when unknown
     * @param budgetLeft   what the symbol's budget still allows as notional, quote asset; {@code null} = no budget
     * @return base quantity ≥ 0, rounded down to the MARKET lot step
     */
    public static BigDecimal size(RiskLimits limits, Instrument instrument, Portfolio ledger, BigDecimal refPrice,
                                  double atr, BigDecimal budgetLeft) {
        if (refPrice == null || refPrice.signum() <= 0) {
            return BigDecimal.ZERO;
        }
        boolean futures = instrument.market() == Market.USDM_FUTURES;
        BigDecimal lev = BigDecimal.valueOf(futures ? ledger.leverage(instrument.symbol()) : 1);
        BigDecimal onePlusFee = BigDecimal.ONE.add(limits.feeRate());
        BigDecimal funds = futures ? ledger.availableMargin().max(BigDecimal.ZERO).multiply(lev) : ledger.cash().max(BigDecimal.ZERO);
        BigDecimal fixed = funds.multiply(BigDecimal.valueOf(limits.allocationFraction()));
        RiskLimits.Sizing s = limits.sizing();
        BigDecimal unit = refPrice.multiply(onePlusFee); // cost of one base unit incl. fee
        BigDecimal qty = switch (s.method()) {
            case FIXED_FRACTION -> fixed.divide(unit, MathContext.DECIMAL64);
            case VOLATILITY -> !(atr > 0) ? fixed.divide(unit, MathContext.DECIMAL64)
                    : BigDecimal.valueOf(s.riskFraction() * ledger.equity().doubleValue() / (s.atrMultiple() * atr));
            case KELLY -> ledger.equity().multiply(BigDecimal.valueOf(
                    Math.max(0, Math.min(s.kellyCap(), kellyFraction(s.kellyWinRate(), s.kellyPayoff())))))
                    .divide(unit, MathContext.DECIMAL64);
        };
        qty = qty.min(funds.divide(unit, MathContext.DECIMAL64));
        if (budgetLeft != null) {
            qty = qty.min(budgetLeft.max(BigDecimal.ZERO).divide(unit, MathContext.DECIMAL64));
        }
        if (qty.signum() <= 0) {
            return BigDecimal.ZERO;
        }
        return instrument.roundQuantity(qty, OrderType.MARKET);
    }
}
