package dev.pennant.core.portfolio.margin;

import dev.pennant.core.model.PositionSide;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A USDⓈ-M futures position as the margin mathematics needs it; the fields are those of Binance's
 * {@code GET /fapi/v2/positionRisk}.
 *
 * @param symbol         e.g. {@code BTCUSDT}
 * @param positionSide   {@link PositionSide#BOTH} in one-way mode; {@code LONG}/{@code SHORT} in hedge mode
 * @param positionAmt    signed base-asset quantity, Binance's {@code positionAmt}: &gt; 0 long, &lt; 0 short; a
 *                       {@code LONG} position is ≥ 0 and a {@code SHORT} one ≤ 0, as Binance reports them
 * @param entryPrice     average entry price, USDT, &gt; 0
 * @param markPrice      current mark price, USDT, &gt; 0
 * @param leverage       the position's leverage setting, 1 … 125
 * @param marginMode     {@link MarginMode#CROSSED} or {@link MarginMode#ISOLATED}
 * @param isolatedWallet Binance's {@code isolatedWallet}: the margin assigned to an isolated position (initial margin
 *                       plus any added margin), USDT, ≥ 0; must be 0 for a cross position
 */
public record FuturesPosition(
        String symbol,
        PositionSide positionSide,
        BigDecimal positionAmt,
        BigDecimal entryPrice,
        BigDecimal markPrice,
        int leverage,
        MarginMode marginMode,
        BigDecimal isolatedWallet) {

    /** @throws IllegalArgumentException naming the field when a value breaks the rule given above */
    public FuturesPosition {
        if (symbol == null || symbol.isBlank()) {
            throw new IllegalArgumentException("symbol must not be blank");
        }
        Objects.requireNonNull(positionSide, "positionSide");
        Objects.requireNonNull(positionAmt, "positionAmt");
        Objects.requireNonNull(entryPrice, "entryPrice");
        Objects.requireNonNull(markPrice, "markPrice");
        Objects.requireNonNull(marginMode, "marginMode");
        Objects.requireNonNull(isolatedWallet, "isolatedWallet");
        String at = symbol + " " + positionSide + ": ";
        if (positionSide == PositionSide.LONG && positionAmt.signum() < 0) {
            throw new IllegalArgumentException(at + "positionAmt of a LONG position must be ≥ 0, was " + positionAmt);
        }
        if (positionSide == PositionSide.SHORT && positionAmt.signum() > 0) {
            throw new IllegalArgumentException(at + "positionAmt of a SHORT position must be ≤ 0, was " + positionAmt);
        }
        if (entryPrice.signum() <= 0) {
            throw new IllegalArgumentException(at + "entryPrice must be > 0, was " + entryPrice);
        }
        if (markPrice.signum() <= 0) {
            throw new IllegalArgumentException(at + "markPrice must be > 0, was " + markPrice);
        }
        if (leverage < 1 || leverage > 125) {
            throw new IllegalArgumentException(at + "leverage must be 1 … 125, was " + leverage);
        }
        if (isolatedWallet.signum() < 0) {
            throw new IllegalArgumentException(at + "isolatedWallet must be ≥ 0, was " + isolatedWallet);
        }
        if (marginMode == MarginMode.CROSSED && isolatedWallet.signum() != 0) {
            throw new IllegalArgumentException(at + "isolatedWallet must be 0 for a CROSSED position, was " + isolatedWallet);
        }
    }

    /** A cross position ({@code isolatedWallet} 0). */
    public static FuturesPosition crossed(String symbol, PositionSide positionSide, BigDecimal positionAmt,
                                          BigDecimal entryPrice, BigDecimal markPrice, int leverage) {
        return new FuturesPosition(symbol, positionSide, positionAmt, entryPrice, markPrice, leverage,
                MarginMode.CROSSED, BigDecimal.ZERO);
    }

    /** An isolated position backed by {@code isolatedWallet} USDT. */
    public static FuturesPosition isolated(String symbol, PositionSide positionSide, BigDecimal positionAmt,
                                           BigDecimal entryPrice, BigDecimal markPrice, int leverage,
                                           BigDecimal isolatedWallet) {
        return new FuturesPosition(symbol, positionSide, positionAmt, entryPrice, markPrice, leverage,
                MarginMode.ISOLATED, isolatedWallet);
    }

    /** The same position marked at {@code newMarkPrice}. */
    public FuturesPosition withMarkPrice(BigDecimal newMarkPrice) {
        return new FuturesPosition(symbol, positionSide, positionAmt, entryPrice, newMarkPrice, leverage, marginMode,
                isolatedWallet);
    }

    /** +1 long, −1 short, 0 flat (the sign of {@code positionAmt}). */
    public int direction() {
        return positionAmt.signum();
    }

    /** |positionAmt| × markPrice, USDT. */
    public BigDecimal notional() {
        return positionAmt.abs().multiply(markPrice);
    }

    /** positionAmt × (markPrice − entryPrice), USDT: see {@link MarginCalculator#unrealizedPnl}. */
    public BigDecimal unrealizedPnl() {
        return MarginCalculator.unrealizedPnl(positionAmt, entryPrice, markPrice);
    }
}
