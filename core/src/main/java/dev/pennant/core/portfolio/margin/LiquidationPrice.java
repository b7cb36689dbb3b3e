package dev.pennant.core.portfolio.margin;

import dev.pennant.core.model.PositionSide;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Liquidation price of a USDⓈ-M position, Binance's published formula ("How to Calculate Liquidation Price of USDⓈ-M
 * Futures Contracts", binance.com/en/support/faq/b3c689c1f50a44cabb3a84e663b81d93, 2020-06-11, revised 2020-08-14):
 *
 * <pre>
 * LP = (WB − TMM1 + UPNL1 + cumB + cumL + cumS
 *       − Side1BOTH × Position1BOTH × EP1BOTH − Position1LONG × EP1LONG + Position1SHORT × EP1SHORT)
 *    / (Position1BOTH × MMR_B + Position1LONG × MMR_L + Position1SHORT × MMR_S
 *       − Side1BOTH × Position1BOTH − Position1LONG + Position1SHORT)
 * </pre>
 *
 * where, for "contract 1" (the symbol whose price is sought): WB wallet balance (cross: {@code crossWalletBalance};
 * isolated: the position's {@code isolatedWallet}); TMM1 and UPNL1 the maintenance margin and unrealised P&amp;L of all
 * other contracts (0 in isolated mode); cumB/L/S the maintenance amounts of the BOTH (one-way), LONG and SHORT (hedge
 * mode) positions; Side1BOTH +1 long / −1 short; Position1… absolute sizes; EP1… entry prices; MMR_B/L/S maintenance
 * margin rates. In cross mode the LONG and SHORT positions of a symbol share one liquidation price; in isolated mode
 * each position has its own. The formula is margin balance = maintenance margin solved for the mark price, so at LP the
 * margin ratio is exactly 100 %.
 *
 * <p><b>Bracket at the liquidation notional.</b> MMR and cum belong to the bracket of the position's notional <i>at
 * the liquidation price</i>; Binance: "If your position (calculated at the liquidation price) and the current position
 * (calculated at the opening price) are of different levels, then you must substitute … the maintenance margin rate and
 * the maintenance amount of the position level, to recalculate the liquidation price." Rather than iterating (which can
 * cycle at a boundary) {@link #solve} tries every bracket (pair of brackets in hedge mode), keeps the results whose
 * notionals {@code |qty| × LP} fall in the brackets assumed, and returns the one nearest the mark price. Because
 * Binance's cum values make the maintenance margin continuous, a consistent bracket always exists when a positive
 * liquidation price does.
 *
 * <p>Results are unrounded ({@link MarginCalculator#MATH}); Binance's UI rounds to the tick and shows "--" when the
 * price is ≤ 0, which here is an empty result. Stateless.
 */
public final class LiquidationPrice {

    private LiquidationPrice() {
    }

    /**
     * One position of contract 1 with its (assumed) maintenance figures.
     *
     * @param positionSide     BOTH (one-way) or LONG/SHORT (hedge mode)
     * @param positionAmt      signed size as Binance reports it (LONG ≥ 0, SHORT ≤ 0, BOTH either sign)
     * @param entryPrice       entry price, USDT
     * @param maintMarginRatio maintenance margin rate (fraction) of the bracket assumed
     * @param cum              maintenance amount of that bracket, USDT
     */
    public record Leg(PositionSide positionSide, BigDecimal positionAmt, BigDecimal entryPrice,
                      BigDecimal maintMarginRatio, BigDecimal cum) {
        /** @throws IllegalArgumentException when a LONG is negative or a SHORT positive */
        public Leg {
            Objects.requireNonNull(positionSide, "positionSide");
            Objects.requireNonNull(positionAmt, "positionAmt");
            Objects.requireNonNull(entryPrice, "entryPrice");
            Objects.requireNonNull(maintMarginRatio, "maintMarginRatio");
            Objects.requireNonNull(cum, "cum");
            if (positionSide == PositionSide.LONG && positionAmt.signum() < 0) {
                throw new IllegalArgumentException("positionAmt of a LONG leg must be ≥ 0, was " + positionAmt);
            }
            if (positionSide == PositionSide.SHORT && positionAmt.signum() > 0) {
                throw new IllegalArgumentException("positionAmt of a SHORT leg must be ≤ 0, was " + positionAmt);
            }
        }
    }

    /**
     * Binance's formula with the MMR and cum given in the legs (no bracket search).
     *
     * @param walletBalance          WB, USDT
     * @param otherMaintenanceMargin TMM1, USDT (0 in isolated mode)
     * @param otherUnrealizedPnl     UPNL1, USDT (0 in isolated mode)
     * @param legs                   contract 1's positions: one BOTH, or a LONG and/or a SHORT
     * @return the formula's value, which may be ≤ 0 (no liquidation above zero); empty when the denominator is 0
     */
    public static Optional<BigDecimal> formula(BigDecimal walletBalance, BigDecimal otherMaintenanceMargin,
                                               BigDecimal otherUnrealizedPnl, List<Leg> legs) {
        BigDecimal num = walletBalance.subtract(otherMaintenanceMargin).add(otherUnrealizedPnl);
        BigDecimal den = BigDecimal.ZERO;
        for (Leg leg : legs) {
            BigDecimal size = leg.positionAmt().abs();
            num = num.add(leg.cum());
            den = den.add(size.multiply(leg.maintMarginRatio()));
            // BOTH: −side × size × EP and −side × size; LONG: −size × EP and −size; SHORT: +size × EP and +size.
            // All three are −positionAmt × EP and −positionAmt for the signed positionAmt.
            num = num.subtract(leg.positionAmt().multiply(leg.entryPrice()));
            den = den.subtract(leg.positionAmt());
        }
        if (den.signum() == 0) {
            return Optional.empty();
        }
        return Optional.of(num.divide(den, MarginCalculator.MATH));
    }

    /**
     * Liquidation price of contract 1, choosing each position's bracket at the liquidation notional (see the class
     * comment).
     *
     * @param walletBalance          WB, USDT
     * @param otherMaintenanceMargin TMM1, USDT
     * @param otherUnrealizedPnl     UPNL1, USDT
     * @param positions              contract 1's positions (one symbol): one BOTH, or at most one LONG and one SHORT;
     *                               flat ones are ignored
     * @param brackets               contract 1's brackets
     * @return the positive liquidation price nearest the positions' mark price; empty when there is no position or no
     *         positive liquidation price (the account cannot be liquidated by this symbol's price alone)
     * @throws IllegalArgumentException when symbols differ, BOTH is mixed with LONG/SHORT, or a side appears twice
     */
    public static Optional<BigDecimal> solve(BigDecimal walletBalance, BigDecimal otherMaintenanceMargin,
                                             BigDecimal otherUnrealizedPnl, List<FuturesPosition> positions,
                                             LeverageBrackets brackets) {
        List<FuturesPosition> open = validateContract(positions, brackets);
        if (open.isEmpty()) {
            return Optional.empty();
        }
        BigDecimal reference = open.getFirst().markPrice();
        List<LeverageBracket> tiers = brackets.brackets();
        int n = open.size();
        int[] choice = new int[n];
        BigDecimal best = null;
        BigDecimal bestDistance = null;
        while (true) {
            List<Leg> legs = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                FuturesPosition p = open.get(i);
                LeverageBracket b = tiers.get(choice[i]);
                legs.add(new Leg(p.positionSide(), p.positionAmt(), p.entryPrice(), b.maintMarginRatio(), b.cum()));
            }
            Optional<BigDecimal> lp = formula(walletBalance, otherMaintenanceMargin, otherUnrealizedPnl, legs);
            if (lp.isPresent() && lp.get().signum() > 0 && consistent(open, choice, tiers, brackets, lp.get())) {
                BigDecimal distance = lp.get().subtract(reference).abs();
                if (best == null || distance.compareTo(bestDistance) < 0) {
                    best = lp.get();
                    bestDistance = distance;
                }
            }
            int k = 0;
            while (k < n && ++choice[k] == tiers.size()) {
                choice[k] = 0;
                k++;
            }
            if (k == n) {
                break;
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * Liquidation price of an isolated position: WB = its {@code isolatedWallet}, TMM1 = UPNL1 = 0, and only this
     * position (in hedge mode the LONG and SHORT isolated positions each have their own price).
     *
     * @throws IllegalArgumentException when the position is not ISOLATED or the brackets are for another symbol
     */
    public static Optional<BigDecimal> isolated(FuturesPosition position, LeverageBrackets brackets) {
        if (position.marginMode() != MarginMode.ISOLATED) {
            throw new IllegalArgumentException(position.symbol() + " " + position.positionSide()
                    + ": marginMode must be ISOLATED, was " + position.marginMode());
        }
        return solve(position.isolatedWallet(), BigDecimal.ZERO, BigDecimal.ZERO, List.of(position), brackets);
    }

    /**
     * Cross-mode liquidation price of {@code symbol}: WB = {@code crossWalletBalance}; TMM1 and UPNL1 are the
     * maintenance margins (at their mark prices) and unrealised P&amp;L of the cross positions in other symbols; the
     * symbol's own cross positions (BOTH, or LONG and SHORT sharing one price) are contract 1. Isolated positions in
     * {@code positions} are skipped.
     *
     * @param crossWalletBalance Binance's {@code crossWalletBalance}, USDT
     * @param positions          the account's positions
     * @param brackets           brackets of every symbol involved
     * @return as {@link #solve}; empty when the symbol has no cross position
     */
    public static Optional<BigDecimal> cross(String symbol, BigDecimal crossWalletBalance,
                                             List<FuturesPosition> positions, LeverageBracketTable brackets) {
        Objects.requireNonNull(symbol, "symbol");
        BigDecimal tmm = BigDecimal.ZERO;
        BigDecimal upnl = BigDecimal.ZERO;
        List<FuturesPosition> contract = new ArrayList<>();
        for (FuturesPosition p : positions) {
            if (p.marginMode() != MarginMode.CROSSED) {
                continue;
            }
            if (p.symbol().equals(symbol)) {
                contract.add(p);
            } else {
                tmm = tmm.add(MarginCalculator.maintenanceMargin(p, brackets.forSymbol(p.symbol())));
                upnl = upnl.add(p.unrealizedPnl());
            }
        }
        return solve(crossWalletBalance, tmm, upnl, contract, brackets.forSymbol(symbol));
    }

    private static boolean consistent(List<FuturesPosition> open, int[] choice, List<LeverageBracket> tiers,
                                      LeverageBrackets brackets, BigDecimal lp) {
        for (int i = 0; i < open.size(); i++) {
            BigDecimal notional = open.get(i).positionAmt().abs().multiply(lp);
            // At a boundary both neighbours give the same price (cum continuity), so accepting either is exact.
            LeverageBracket assumed = tiers.get(choice[i]);
            boolean inside = assumed.contains(notional)
                    || (choice[i] == tiers.size() - 1 && notional.compareTo(brackets.maxNotional()) > 0);
            if (!inside) {
                return false;
            }
        }
        return true;
    }

    private static List<FuturesPosition> validateContract(List<FuturesPosition> positions, LeverageBrackets brackets) {
        List<FuturesPosition> open = new ArrayList<>();
        boolean both = false;
        boolean hedge = false;
        boolean longSeen = false;
        boolean shortSeen = false;
        for (FuturesPosition p : positions) {
            if (!p.symbol().equals(brackets.symbol())) {
                throw new IllegalArgumentException("position " + p.symbol() + " does not match brackets of "
                        + brackets.symbol());
            }
            switch (p.positionSide()) {
                case BOTH -> {
                    if (both) {
                        throw new IllegalArgumentException(p.symbol() + ": more than one BOTH position");
                    }
                    both = true;
                }
                case LONG -> {
                    if (longSeen) {
                        throw new IllegalArgumentException(p.symbol() + ": more than one LONG position");
                    }
                    longSeen = hedge = true;
                }
                case SHORT -> {
                    if (shortSeen) {
                        throw new IllegalArgumentException(p.symbol() + ": more than one SHORT position");
                    }
                    shortSeen = hedge = true;
                }
            }
            if (p.positionAmt().signum() != 0) {
                open.add(p);
            }
        }
        if (both && hedge) {
            throw new IllegalArgumentException(brackets.symbol()
                    + ": a BOTH (one-way) position cannot be combined with LONG/SHORT (hedge mode) positions");
        }
        return open;
    }
}
