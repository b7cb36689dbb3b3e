package dev.pennant.core.portfolio.margin;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * USDⓈ-M futures margin arithmetic (single-asset mode, USDT), after Binance's definitions. Stateless; all amounts are
 * USDT, unrounded; divisions use {@link #MATH} (34 significant digits).
 *
 * <p>Sources: "Leverage and Margin of USDⓈ-M Futures" (binance.com/en/support/faq/360033162192: initial margin is set
 * by the chosen leverage); "How to Check Futures Wallet Balance" (binance.com/en/support/faq/5d62f8be18d24544b5b6156094c16bf7:
 * Margin Balance = Wallet Balance + Unrealized PNL, positions are liquidated once Margin Balance ≤ Maintenance Margin,
 * and Available for Order = max(0, crossWalletBalance + ∑cross Unrealized PNL − (∑cross initial margin + open order
 * initial margin))); "How to Calculate Liquidation Price of USDⓈ-M Futures Contracts" (maintenance margin =
 * notional × MMR − maintenance amount); "How to Calculate Margin in Multi-Assets Mode" (margin ratio = maintenance
 * margin / margin balance, of all cross positions; liquidation at 100 %).
 */
public final class MarginCalculator {

    /** Precision of every division here. */
    public static final MathContext MATH = MathContext.DECIMAL128;

    private MarginCalculator() {
    }

    /** |positionAmt| × price, USDT. */
    public static BigDecimal notional(BigDecimal positionAmt, BigDecimal price) {
        return positionAmt.abs().multiply(price);
    }

    /**
     * Initial margin = notional / leverage, USDT.
     *
     * @throws IllegalArgumentException when the notional is negative or the leverage is below 1
     */
    public static BigDecimal initialMargin(BigDecimal notional, int leverage) {
        Objects.requireNonNull(notional, "notional");
        if (notional.signum() < 0) {
            throw new IllegalArgumentException("notional must be ≥ 0, was " + notional);
        }
        if (leverage < 1) {
            throw new IllegalArgumentException("leverage must be ≥ 1, was " + leverage);
        }
        return notional.divide(BigDecimal.valueOf(leverage), MATH);
    }

    /** The position's initial margin at its mark price, Binance's {@code positionInitialMargin}: notional / leverage. */
    public static BigDecimal initialMargin(FuturesPosition position) {
        return initialMargin(position.notional(), position.leverage());
    }

    /**
     * The margin an isolated position is opened with: |positionAmt| × entryPrice / leverage (fees, which Binance takes
     * from the wallet, excluded).
     */
    public static BigDecimal positionMarginAtOpen(BigDecimal positionAmt, BigDecimal entryPrice, int leverage) {
        return initialMargin(notional(positionAmt, entryPrice), leverage);
    }

    /**
     * Unrealised P&amp;L, USDT: positionAmt × (mark − entry) for a signed quantity, i.e. |qty| × (mark − entry) for a
     * long and |qty| × (entry − mark) for a short.
     */
    public static BigDecimal unrealizedPnl(BigDecimal positionAmt, BigDecimal entryPrice, BigDecimal markPrice) {
        return positionAmt.multiply(markPrice.subtract(entryPrice));
    }

    /**
     * The position's maintenance margin at its mark price (notional × MMR − cum of the notional's bracket).
     *
     * @throws IllegalArgumentException when the brackets belong to another symbol or the notional is above their cap
     */
    public static BigDecimal maintenanceMargin(FuturesPosition position, LeverageBrackets brackets) {
        if (!brackets.symbol().equals(position.symbol())) {
            throw new IllegalArgumentException("brackets are for " + brackets.symbol() + ", position is " + position.symbol());
        }
        return brackets.maintenanceMargin(position.notional());
    }

    /**
     * An isolated position's margin, Binance's {@code isolatedMargin}: isolatedWallet + unrealised P&amp;L. This is the
     * isolated position's margin balance.
     *
     * @throws IllegalArgumentException when the position is not isolated
     */
    public static BigDecimal isolatedPositionMargin(FuturesPosition position) {
        requireIsolated(position);
        return position.isolatedWallet().add(position.unrealizedPnl());
    }

    /**
     * Margin ratio = maintenance margin / margin balance, a fraction (1 = 100 % = liquidation).
     *
     * @return 0 when the maintenance margin is 0; empty when the margin balance is ≤ 0 while margin is required
     *         (past liquidation: the ratio is unbounded)
     */
    public static Optional<BigDecimal> marginRatio(BigDecimal maintenanceMargin, BigDecimal marginBalance) {
        if (maintenanceMargin.signum() == 0) {
            return Optional.of(BigDecimal.ZERO);
        }
        if (marginBalance.signum() <= 0) {
            return Optional.empty();
        }
        return Optional.of(maintenanceMargin.divide(marginBalance, MATH));
    }

    /**
     * An isolated position's margin ratio: its maintenance margin / (isolatedWallet + unrealised P&amp;L).
     *
     * @throws IllegalArgumentException when the position is not isolated or the brackets are for another symbol
     * @see #marginRatio(BigDecimal, BigDecimal)
     */
    public static Optional<BigDecimal> isolatedMarginRatio(FuturesPosition position, LeverageBrackets brackets) {
        return marginRatio(maintenanceMargin(position, brackets), isolatedPositionMargin(position));
    }

    /**
     * Cross margin balance = crossWalletBalance + ∑ unrealised P&amp;L of the cross positions. Isolated positions in
     * {@code positions} are skipped.
     *
     * @param crossWalletBalance Binance's {@code crossWalletBalance}: wallet balance minus the isolated wallets, USDT
     */
    public static BigDecimal crossMarginBalance(BigDecimal crossWalletBalance, List<FuturesPosition> positions) {
        BigDecimal sum = crossWalletBalance;
        for (FuturesPosition p : positions) {
            if (p.marginMode() == MarginMode.CROSSED) {
                sum = sum.add(p.unrealizedPnl());
            }
        }
        return sum;
    }

    /** ∑ maintenance margin of the cross positions (isolated ones skipped), each from its symbol's brackets. */
    public static BigDecimal crossMaintenanceMargin(List<FuturesPosition> positions, LeverageBracketTable brackets) {
        BigDecimal sum = BigDecimal.ZERO;
        for (FuturesPosition p : positions) {
            if (p.marginMode() == MarginMode.CROSSED) {
                sum = sum.add(maintenanceMargin(p, brackets.forSymbol(p.symbol())));
            }
        }
        return sum;
    }

    /**
     * Cross margin ratio = ∑ maintenance margin of all cross positions / cross margin balance (Binance's account
     * margin ratio; liquidation at 1).
     *
     * @see #marginRatio(BigDecimal, BigDecimal)
     */
    public static Optional<BigDecimal> crossMarginRatio(BigDecimal crossWalletBalance, List<FuturesPosition> positions,
                                                        LeverageBracketTable brackets) {
        return marginRatio(crossMaintenanceMargin(positions, brackets), crossMarginBalance(crossWalletBalance, positions));
    }

    /**
     * Available balance (Binance's "Available for Order"): max(0, crossWalletBalance + ∑cross unrealised P&amp;L −
     * (∑cross initial margin + open-order initial margin)). Cross initial margins are taken at the mark price.
     *
     * @param openOrderInitialMargin initial margin reserved by open orders, USDT, ≥ 0
     * @throws IllegalArgumentException when {@code openOrderInitialMargin} is negative
     */
    public static BigDecimal availableBalance(BigDecimal crossWalletBalance, List<FuturesPosition> positions,
                                              BigDecimal openOrderInitialMargin) {
        if (openOrderInitialMargin.signum() < 0) {
            throw new IllegalArgumentException("openOrderInitialMargin must be ≥ 0, was " + openOrderInitialMargin);
        }
        BigDecimal v = crossMarginBalance(crossWalletBalance, positions).subtract(openOrderInitialMargin);
        for (FuturesPosition p : positions) {
            if (p.marginMode() == MarginMode.CROSSED) {
                v = v.subtract(initialMargin(p));
            }
        }
        return v.max(BigDecimal.ZERO);
    }

    private static void requireIsolated(FuturesPosition position) {
        if (position.marginMode() != MarginMode.ISOLATED) {
            throw new IllegalArgumentException(position.symbol() + " " + position.positionSide()
                    + ": marginMode must be ISOLATED, was " + position.marginMode());
        }
    }
}
