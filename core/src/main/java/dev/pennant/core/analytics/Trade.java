package dev.pennant.core.analytics;

import dev.pennant.core.model.Fill;
import dev.pennant.core.model.PositionSide;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One round trip of a symbol: from flat, through a position, back to flat.
 *
 * @param symbol     e.g. {@code BTCUSDT}
 * @param direction  {@code LONG} (opened by a BUY) or {@code SHORT} (opened by a SELL)
 * @param entryTime  first fill, epoch ms UTC
 * @param exitTime   fill that made the position flat, epoch ms UTC; {@code -1} while still open
 * @param quantity   largest absolute position size reached, base asset
 * @param entryPrice quantity-weighted average price of the fills that grew the position, quote asset
 * @param exitPrice  quantity-weighted average price of the fills that shrank it; NaN while nothing was closed
 * @param pnl        sum of the fills' realised P&amp;L, quote asset, net of every fee of the trip (the fills'
 *                   {@code realizedPnl} already carry their commission)
 * @param fees       sum of the fills' commissions (quote asset for the paper venue)
 * @param fills      number of fills
 */
public record Trade(String symbol, String direction, long entryTime, long exitTime, double quantity,
                    double entryPrice, double exitPrice, double pnl, double fees, int fills) {

    /** True while the position is still open (no flat fill seen). */
    public boolean open() {
        return exitTime < 0;
    }

    /** P&amp;L as a fraction of the entry notional ({@code pnl / (quantity × entryPrice)}); NaN for no notional. */
    public double returnFraction() {
        double notional = quantity * entryPrice;
        return notional > 0 ? pnl / notional : Double.NaN;
    }

    /**
     * Groups fills into round trips, per symbol and futures position side, in fill order. A fill that crosses zero
     * (reverses the position) closes the trip and opens the next with the remainder; its realised P&amp;L and fee go
     * to the trip it closes.
     *
     * @param fills fills in time order
     * @return closed trips first-closed first, then the trips still open (in entry order)
     */
    public static List<Trade> fromFills(List<Fill> fills) {
        Map<String, Builder> open = new HashMap<>();
        List<Trade> closed = new ArrayList<>();
        List<Builder> order = new ArrayList<>();
        for (Fill f : fills) {
            String key = f.symbol() + "|" + (f.positionSide() == null ? PositionSide.BOTH : f.positionSide());
            double q = f.quantity().doubleValue() * f.side().sign();
            Builder b = open.get(key);
            if (b == null) {
                b = new Builder(f.symbol(), q > 0 ? "LONG" : "SHORT", f.time());
                open.put(key, b);
                order.add(b);
            }
            double before = b.position;
            double after = before + q;
            b.fills++;
            b.pnl += f.realizedPnl().doubleValue();
            b.fees += f.commission().doubleValue();
            boolean grows = Math.abs(after) > Math.abs(before) && Math.signum(after) == Math.signum(before == 0 ? q : before);
            if (grows) {
                b.entryQty += Math.abs(q);
                b.entryNotional += Math.abs(q) * f.price().doubleValue();
            } else {
                double closedQty = Math.min(Math.abs(q), Math.abs(before));
                b.exitQty += closedQty;
                b.exitNotional += closedQty * f.price().doubleValue();
            }
            b.position = after;
            b.maxQty = Math.max(b.maxQty, Math.abs(after));
            if (Math.abs(after) < 1e-12 || Math.signum(after) != Math.signum(before) && before != 0) {
                closed.add(b.build(f.time()));
                open.remove(key);
                order.remove(b);
                if (Math.abs(after) >= 1e-12) { // reversal: the remainder opens the next trip
                    Builder next = new Builder(f.symbol(), after > 0 ? "LONG" : "SHORT", f.time());
                    next.position = after;
                    next.maxQty = Math.abs(after);
                    next.entryQty = Math.abs(after);
                    next.entryNotional = Math.abs(after) * f.price().doubleValue();
                    open.put(key, next);
                    order.add(next);
                }
            }
        }
        for (Builder b : order) {
            closed.add(b.build(-1));
        }
        return List.copyOf(closed);
    }

    private static final class Builder {
        final String symbol;
        final String direction;
        final long entryTime;
        double position;
        double maxQty;
        double entryQty;
        double entryNotional;
        double exitQty;
        double exitNotional;
        double pnl;
        double fees;
        int fills;

        Builder(String symbol, String direction, long entryTime) {
            this.symbol = symbol;
            this.direction = direction;
            this.entryTime = entryTime;
        }

        Trade build(long exitTime) {
            return new Trade(symbol, direction, entryTime, exitTime, maxQty,
                    entryQty > 0 ? entryNotional / entryQty : Double.NaN,
                    exitQty > 0 ? exitNotional / exitQty : Double.NaN, pnl, fees, fills);
        }
    }
}
