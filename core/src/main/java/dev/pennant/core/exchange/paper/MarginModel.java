package dev.pennant.core.exchange.paper;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The futures margin rules the {@link PaperExchange} asks when it checks for liquidation and settles funding — the
 * seam where Binance's leverage brackets (maintenance margin rate and amount per notional tier) plug in. The venue
 * itself does the bookkeeping (wallet, positions, initial margin = notional / leverage); a model only answers these
 * questions. Implementations must be pure functions of their arguments (the venue calls them on any path point).
 *
 * <p>{@link #DEFAULT} is a flat model: maintenance margin = notional × 0.4 %, the rate of Binance's first BTCUSDT
 * bracket ({@code GET /fapi/v1/leverageBracket}: bracket 1, {@code maintMarginRatio 0.004}, {@code cum 0}).
 */
public interface MarginModel {

    /** Flat 0.4 % maintenance margin, 125× maximum leverage. */
    MarginModel DEFAULT = flat(new BigDecimal("0.004"));

    /**
     * Maintenance margin of one position, quote asset (USDT).
     *
     * @param symbol   e.g. {@code BTCUSDT}
     * @param notional |quantity| × mark price, ≥ 0
     */
    BigDecimal maintenanceMargin(String symbol, BigDecimal notional);

    /**
     * Whether an account (cross) or position (isolated) with this margin balance is liquidated. Binance liquidates
     * when the margin ratio (maintenance margin / margin balance) reaches 100 %, i.e. margin balance ≤ maintenance
     * margin; with no maintenance margin (no position) nothing is liquidated.
     *
     * @param marginBalance     wallet (cross: minus isolated margins) + unrealised P&L, or isolated margin + its
     *                          unrealised P&L
     * @param maintenanceMargin the sum of {@link #maintenanceMargin} of the positions it backs
     */
    default boolean isLiquidation(BigDecimal marginBalance, BigDecimal maintenanceMargin) {
        return maintenanceMargin.signum() > 0 && marginBalance.compareTo(maintenanceMargin) <= 0;
    }

    /**
     * The funding a position receives (positive) or pays (negative) at a settlement: Binance "Funding Amount =
     * Nominal Value of Positions × Funding Rate" with the nominal value signed by the side, so a long pays a positive
     * rate: {@code −signedQuantity × markPrice × rate}.
     *
     * @param signedQuantity base asset, &gt; 0 long, &lt; 0 short
     * @param markPrice      quote asset
     * @param rate           fraction (0.0001 = 0.01 %)
     */
    default BigDecimal fundingPayment(String symbol, BigDecimal signedQuantity, BigDecimal markPrice, BigDecimal rate) {
        return signedQuantity.multiply(markPrice).multiply(rate).negate();
    }

    /** Highest leverage {@link PaperExchange#setLeverage} accepts for {@code symbol} (Binance: 125 for BTCUSDT). */
    default int maxLeverage(String symbol) {
        return 125;
    }

    /**
     * A model with one maintenance margin rate for every symbol and notional.
     *
     * @param maintenanceMarginRate fraction, 0 &lt; rate &lt; 1 (0.004 = 0.4 %)
     * @throws IllegalArgumentException when the rate is outside (0, 1)
     */
    static MarginModel flat(BigDecimal maintenanceMarginRate) {
        Objects.requireNonNull(maintenanceMarginRate, "maintenanceMarginRate");
        if (maintenanceMarginRate.signum() <= 0 || maintenanceMarginRate.compareTo(BigDecimal.ONE) >= 0) {
            throw new IllegalArgumentException("maintenanceMarginRate must be in (0, 1), was "
                    + maintenanceMarginRate.toPlainString());
        }
        return (symbol, notional) -> notional.multiply(maintenanceMarginRate);
    }
}
