package dev.pennant.core.portfolio;

import dev.pennant.core.model.EquitySnapshot;
import dev.pennant.core.model.Fill;
import dev.pennant.core.model.Market;
import dev.pennant.core.model.Position;
import dev.pennant.core.model.PositionSide;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The engine's ledger of one account in one quote asset (USDT): spot cash and positions and USDⓈ-M futures positions,
 * marked to market. It mirrors the venue from fills (and funding); reconciliation compares it with the venue.
 *
 * <p>Accounting (all in the quote asset, commissions charged in the quote asset):
 * <ul>
 *   <li>Spot: a BUY of q at p costs {@code q·p + fee}; a SELL returns {@code q·p − fee}; a position is worth
 *       {@code q · mark}.</li>
 *   <li>USDⓈ-M futures (Binance's wallet model): a fill moves the wallet ({@code cash}) only by the P&L it realises and
 *       by its fee — never by notional; an open position is worth its unrealised P&L {@code q · (mark − entry)}
 *       (signed q: short positions gain when the mark falls). Funding payments move the wallet and count as realised.
 *       </li>
 *   <li>Realised P&L is net of every commission (an opening fill realises {@code −fee}); the part of a fill that
 *       reduces a position realises {@code closedQty·(p − avgEntry)·sign(position)}.</li>
 * </ul>
 * Hence {@code equity = startingCash + realised + unrealised} in both markets. Positions are keyed by symbol and
 * positionSide (BOTH for spot and one-way futures; LONG and SHORT side by side in hedge mode).
 * Not thread-safe: owned by the engine thread.
 */
public final class Portfolio {

    private static final MathContext MC = MathContext.DECIMAL64;

    private final String quoteAsset;
    private final BigDecimal startingCash;
    private BigDecimal cash;
    private BigDecimal realized = BigDecimal.ZERO;
    private BigDecimal fees = BigDecimal.ZERO;
    private BigDecimal funding = BigDecimal.ZERO;
    private final Map<String, Pos> positions = new LinkedHashMap<>();
    private final Map<String, Integer> leverage = new HashMap<>();

    private static final class Pos {
        final String symbol;
        final Market market;
        final PositionSide side;
        BigDecimal qty = BigDecimal.ZERO;
        BigDecimal avg = BigDecimal.ZERO;
        BigDecimal last = BigDecimal.ZERO;
        BigDecimal realized = BigDecimal.ZERO;
        long updated;

        Pos(String symbol, Market market, PositionSide side) {
            this.symbol = symbol;
            this.market = market;
            this.side = side;
        }
    }

    private static String key(String symbol, PositionSide side) {
        return side == PositionSide.BOTH ? symbol : symbol + "/" + side;
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
        Pos p = pos(fill.symbol(), fill.market(), fill.positionSide());
        boolean spot = fill.market() == Market.SPOT;
        BigDecimal signedQty = fill.side().sign() > 0 ? fill.quantity() : fill.quantity().negate();
        BigDecimal pnl = fill.commission().negate();
        BigDecimal notional = fill.quantity().multiply(fill.price());
        BigDecimal tradePnl = BigDecimal.ZERO;
        if (p.qty.signum() == 0 || p.qty.signum() == signedQty.signum()) {
            BigDecimal newQty = p.qty.add(signedQty);
            p.avg = p.avg.multiply(p.qty.abs()).add(notional).divide(newQty.abs(), MC);
            p.qty = newQty;
        } else {
            BigDecimal closing = signedQty.abs().min(p.qty.abs());
            tradePnl = closing.multiply(fill.price().subtract(p.avg)).multiply(BigDecimal.valueOf(p.qty.signum()));
            pnl = pnl.add(tradePnl);
            BigDecimal newQty = p.qty.add(signedQty);
            if (newQty.signum() == 0) {
                p.avg = BigDecimal.ZERO;
            } else if (newQty.signum() != p.qty.signum()) {
                p.avg = fill.price(); // flipped: the remainder opened at this price
            }
            p.qty = newQty;
        }
        if (spot) {
            cash = fill.side().sign() > 0 ? cash.subtract(notional).subtract(fill.commission())
                    : cash.add(notional).subtract(fill.commission());
        } else {
            cash = cash.add(tradePnl).subtract(fill.commission());
        }
        fees = fees.add(fill.commission());
        p.last = fill.price();
        p.realized = p.realized.add(pnl);
        p.updated = fill.time();
        realized = realized.add(pnl);
        return fill.withRealizedPnl(pnl);
    }

    /**
     * Books a futures funding payment (Binance {@code FUNDING_FEE}).
     *
     * @param amount signed, quote asset: positive received, negative paid
     */
    public void applyFunding(String symbol, PositionSide side, BigDecimal amount, long time) {
        Pos p = pos(symbol, Market.USDM_FUTURES, side);
        cash = cash.add(amount);
        realized = realized.add(amount);
        funding = funding.add(amount);
        p.realized = p.realized.add(amount);
        p.updated = Math.max(p.updated, time);
    }

    /** Sets the leverage used for {@code symbol}'s futures margin (1..125). @throws IllegalArgumentException outside */
    public void setLeverage(String symbol, int lev) {
        if (lev < 1 || lev > 125) {
            throw new IllegalArgumentException("leverage must be within 1..125, was " + lev);
        }
        leverage.put(symbol, lev);
    }

    /** Leverage of {@code symbol} (default 1 until set). */
    public int leverage(String symbol) {
        return leverage.getOrDefault(symbol, 1);
    }

    /** Initial margin of open futures positions: Σ |q|·entry / leverage, quote asset. */
    public BigDecimal marginUsed() {
        BigDecimal m = BigDecimal.ZERO;
        for (Pos p : positions.values()) {
            if (p.market == Market.USDM_FUTURES && p.qty.signum() != 0) {
                m = m.add(p.qty.abs().multiply(p.avg).divide(BigDecimal.valueOf(leverage(p.symbol)), MC));
            }
        }
        return m;
    }

    /** Futures margin available for new positions: wallet + unrealised − initial margin used, quote asset. */
    public BigDecimal availableMargin() {
        return cash.add(futuresUnrealized()).subtract(marginUsed());
    }

    /** Commissions paid since start, quote asset. */
    public BigDecimal feesPaid() {
        return fees;
    }

    /** Net funding received (positive) or paid (negative) since start, quote asset. */
    public BigDecimal fundingPnl() {
        return funding;
    }

    private Pos pos(String symbol, Market market, PositionSide side) {
        String k = key(symbol, side);
        Pos p = positions.get(k);
        if (p != null && p.market != market && p.qty.signum() == 0) {
            // a symbol only marked so far (market unknown then) becomes the market its first fill says
            Pos q = new Pos(symbol, market, side);
            q.last = p.last;
            q.realized = p.realized;
            q.updated = p.updated;
            positions.put(k, q);
            return q;
        }
        if (p == null) {
            p = new Pos(symbol, market, side);
            positions.put(k, p);
        }
        return p;
    }

    /** Marks every position of {@code symbol} (both hedge sides) to {@code price} (quote asset) at {@code time} (epoch ms). */
    public void mark(String symbol, BigDecimal price, long time) {
        boolean any = false;
        for (Pos p : positions.values()) {
            if (p.symbol.equals(symbol)) {
                p.last = price;
                p.updated = Math.max(p.updated, time);
                any = true;
            }
        }
        if (!any) {
            Pos p = pos(symbol, Market.SPOT, PositionSide.BOTH);
            p.last = price;
            p.updated = time;
        }
    }

    /** The one-way (BOTH) position in {@code symbol}; flat with zero prices when never traded. */
    public Position position(String symbol) {
        return position(symbol, PositionSide.BOTH);
    }

    /** The position in {@code symbol} on {@code side}; flat with zero prices when never traded. */
    public Position position(String symbol, PositionSide side) {
        Pos p = positions.get(key(symbol, side));
        if (p == null) {
            return Position.flat(symbol, Market.SPOT, side);
        }
        return new Position(p.symbol, p.qty, p.avg, p.last, p.realized, unrealized(p), p.updated, p.market, p.side);
    }

    /**
     * Sign of the position quantity in {@code symbol} on {@code side}: +1 long, -1 short, 0 flat — without building a
     * {@link Position} (the engine asks once per bar per strategy).
     */
    public int positionSign(String symbol, PositionSide side) {
        Pos p = positions.get(key(symbol, side));
        return p == null ? 0 : p.qty.signum();
    }

    /** All positions ever traded or marked, in first-seen order. */
    public List<Position> positions() {
        return positions.values().stream().map(p -> position(p.symbol, p.side)).toList();
    }

    /** Open (non-flat) positions. */
    public List<Position> openPositions() {
        return positions().stream().filter(p -> !p.isFlat()).toList();
    }

    /** Realised P&L since start, net of commissions. */
    public BigDecimal realizedPnl() {
        return realized;
    }

    /** Sum of unrealised P&L of open positions. */
    public BigDecimal unrealizedPnl() {
        BigDecimal u = BigDecimal.ZERO;
        for (Pos p : positions.values()) {
            if (p.qty.signum() != 0) {
                u = u.add(unrealized(p));
            }
        }
        return u;
    }

    /** cash + Σ spot quantity × mark + Σ futures unrealised P&L, quote asset. */
    public BigDecimal equity() {
        BigDecimal v = cash;
        for (Pos p : positions.values()) {
            if (p.qty.signum() == 0) {
                continue; // flat: adds nothing (skipping keeps a backtest's per-bar snapshot cheap)
            }
            v = v.add(p.market == Market.SPOT ? p.qty.multiply(p.last) : unrealized(p));
        }
        return v;
    }

    private BigDecimal futuresUnrealized() {
        BigDecimal u = BigDecimal.ZERO;
        for (Pos p : positions.values()) {
            if (p.market == Market.USDM_FUTURES) {
                u = u.add(unrealized(p));
            }
        }
        return u;
    }

    /** The account's value now. */
    public EquitySnapshot snapshot(long time) {
        BigDecimal eq = equity();
        return new EquitySnapshot(time, cash, eq.subtract(cash), eq, realized, unrealizedPnl());
    }

    /**
     * The ledger's complete state, for resuming a paper session after a restart.
     *
     * @param positions every position ever traded or marked, in first-seen order
     * @param leverage  symbol → leverage set
     */
    public record State(BigDecimal cash, BigDecimal realized, BigDecimal fees, BigDecimal funding,
                        List<PositionState> positions, Map<String, Integer> leverage) {
        /** Copies the collections. */
        public State {
            positions = List.copyOf(positions);
            leverage = Map.copyOf(leverage);
        }
    }

    /** One position of {@link State}; amounts in the quote asset, times epoch ms UTC. */
    public record PositionState(String symbol, Market market, PositionSide side, BigDecimal quantity,
                                BigDecimal averageEntryPrice, BigDecimal lastPrice, BigDecimal realizedPnl,
                                long updatedTime) {
    }

    /** The state now (engine thread). */
    public State snapshot() {
        List<PositionState> ps = positions.values().stream().map(p -> new PositionState(p.symbol, p.market, p.side,
                p.qty, p.avg, p.last, p.realized, p.updated)).toList();
        return new State(cash, realized, fees, funding, ps, leverage);
    }

    /**
     * Replaces this ledger's state with {@code state} (a resumed session). The starting cash stays this ledger's.
     *
     * @throws NullPointerException naming a missing field
     */
    public void restore(State state) {
        Objects.requireNonNull(state.cash(), "cash");
        positions.clear();
        leverage.clear();
        cash = state.cash();
        realized = Objects.requireNonNull(state.realized(), "realized");
        fees = Objects.requireNonNull(state.fees(), "fees");
        funding = Objects.requireNonNull(state.funding(), "funding");
        for (PositionState ps : state.positions()) {
            Pos p = new Pos(ps.symbol(), ps.market(), ps.side());
            p.qty = ps.quantity();
            p.avg = ps.averageEntryPrice();
            p.last = ps.lastPrice();
            p.realized = ps.realizedPnl();
            p.updated = ps.updatedTime();
            positions.put(key(ps.symbol(), ps.side()), p);
        }
        leverage.putAll(state.leverage());
    }

    private static BigDecimal unrealized(Pos p) {
        if (p.qty.signum() == 0) {
            return BigDecimal.ZERO;
        }
        return p.qty.multiply(p.last.subtract(p.avg)).setScale(8, RoundingMode.HALF_EVEN);
    }
}
