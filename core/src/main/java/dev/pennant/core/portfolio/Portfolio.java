package dev.pennant.core.portfolio;

import dev.pennant.core.model.EquitySnapshot;
import dev.pennant.core.model.Fill;
import dev.pennant.core.model.Position;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Cash and positions of one account in one quote asset (USDT), marked to market.
 *
 * <p>Accounting (all in the quote asset, commissions charged in the quote asset):
 * a BUY of q at p costs {@code q·p + fee}; a SELL returns {@code q·p − fee}. Realised P&L is net of every
 * commission (an opening fill realises {@code −fee}); the part of a fill that reduces a position realises
 * {@code closedQty·(p − avgEntry)·sign(position)}. Hence {@code equity = startingCash + realised + unrealised}.
 * Not thread-safe: owned by the engine thread.
 */
public final class Portfolio {

    private static final MathContext MC = MathContext.DECIMAL64;

    private final String quoteAsset;
    private final BigDecimal startingCash;
    private BigDecimal cash;
    private BigDecimal realized = BigDecimal.ZERO;
    private final Map<String, Pos> positions = new LinkedHashMap<>();

    private static final class Pos {
        BigDecimal qty = BigDecimal.ZERO;
        BigDecimal avg = BigDecimal.ZERO;
        BigDecimal last = BigDecimal.ZERO;
        BigDecimal realized = BigDecimal.ZERO;
        long updated;
    }

    /**
     * @param quoteAsset   e.g. {@code USDT}
     * @param startingCash initial free balance in the quote asset, ≥ 0
     * @throws IllegalArgumentException when startingCash is negative
     */
    public Portfolio(String quoteAsset, BigDecimal startingCash) {
        this.quoteAsset = Objects.requireNonNull(quoteAsset, "quoteAsset");
        if (startingCash.signum() < 0) {
            throw new IllegalArgumentException("startingCash must be >= 0, was " + startingCash.toPlainString());
        }
        this.startingCash = startingCash;
        this.cash = startingCash;
    }

    /** The quote asset all amounts are in. */
    public String quoteAsset() {
        return quoteAsset;
    }

    /** Initial balance. */
    public BigDecimal startingCash() {
        return startingCash;
    }

    /** Free quote-asset balance. */
    public BigDecimal cash() {
        return cash;
    }

    /**
     * Books a fill and returns it with its realised P&L set.
     *
     * @param fill a fill whose commission is in the quote asset
     * @return the fill with {@link Fill#realizedPnl()} filled in
     * @throws IllegalArgumentException when the commission is in another asset
     */
    public Fill apply(Fill fill) {
        if (!fill.commissionAsset().equals(quoteAsset)) {
            throw new IllegalArgumentException("commissionAsset " + fill.commissionAsset() + " is not the quote asset " + quoteAsset);
        }
        Pos p = positions.computeIfAbsent(fill.symbol(), s -> new Pos());
        BigDecimal signedQty = fill.side().sign() > 0 ? fill.quantity() : fill.quantity().negate();
        BigDecimal pnl = fill.commission().negate();
        BigDecimal notional = fill.quantity().multiply(fill.price());
        cash = fill.side().sign() > 0 ? cash.subtract(notional).subtract(fill.commission())
                : cash.add(notional).subtract(fill.commission());
        if (p.qty.signum() == 0 || p.qty.signum() == signedQty.signum()) {
            BigDecimal newQty = p.qty.add(signedQty);
            p.avg = p.avg.multiply(p.qty.abs()).add(notional).divide(newQty.abs(), MC);
            p.qty = newQty;
        } else {
            BigDecimal closing = signedQty.abs().min(p.qty.abs());
            pnl = pnl.add(closing.multiply(fill.price().subtract(p.avg)).multiply(BigDecimal.valueOf(p.qty.signum())));
            BigDecimal newQty = p.qty.add(signedQty);
            if (newQty.signum() == 0) {
                p.avg = BigDecimal.ZERO;
            } else if (newQty.signum() != p.qty.signum()) {
                p.avg = fill.price(); // flipped: the remainder opened at this price
            }
            p.qty = newQty;
        }
        p.last = fill.price();
        p.realized = p.realized.add(pnl);
        p.updated = fill.time();
        realized = realized.add(pnl);
        return fill.withRealizedPnl(pnl);
    }

    /** Marks {@code symbol} to {@code price} (quote asset) at {@code time} (epoch ms). */
    public void mark(String symbol, BigDecimal price, long time) {
        Pos p = positions.computeIfAbsent(symbol, s -> new Pos());
        p.last = price;
        p.updated = Math.max(p.updated, time);
    }

    /** The position in {@code symbol}; flat with zero prices when never traded. */
    public Position position(String symbol) {
        Pos p = positions.get(symbol);
        if (p == null) {
            return new Position(symbol, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, 0);
        }
        return new Position(symbol, p.qty, p.avg, p.last, p.realized, unrealized(p), p.updated);
    }

    /** All symbols ever traded or marked, in first-seen order. */
    public List<Position> positions() {
        return positions.keySet().stream().map(this::position).toList();
    }

    /** Realised P&L since start, net of commissions. */
    public BigDecimal realizedPnl() {
        return realized;
    }

    /** Sum of unrealised P&L of open positions. */
    public BigDecimal unrealizedPnl() {
        BigDecimal u = BigDecimal.ZERO;
        for (Pos p : positions.values()) {
            u = u.add(unrealized(p));
        }
        return u;
    }

    /** cash + Σ quantity × mark price. */
    public BigDecimal equity() {
        BigDecimal v = cash;
        for (Pos p : positions.values()) {
            v = v.add(p.qty.multiply(p.last));
        }
        return v;
    }

    /** The account's value now. */
    public EquitySnapshot snapshot(long time) {
        BigDecimal posValue = equity().subtract(cash);
        return new EquitySnapshot(time, cash, posValue, cash.add(posValue), realized, unrealizedPnl());
    }

    private static BigDecimal unrealized(Pos p) {
        if (p.qty.signum() == 0) {
            return BigDecimal.ZERO;
        }
        return p.qty.multiply(p.last.subtract(p.avg)).setScale(8, RoundingMode.HALF_EVEN);
    }
}
