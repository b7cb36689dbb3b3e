package dev.pennant.core.exchange.paper;

import dev.pennant.core.marketdata.book.BookDepth;
import dev.pennant.core.marketdata.book.BookLevel;
import dev.pennant.core.model.Side;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The venue's working copy of the latest book of one symbol. Paper fills take liquidity out of it, so two orders
 * between two book updates cannot both take the same level; the next {@code onBook} replaces it.
 */
final class LocalBook {

    /** One mutable level. */
    static final class Level {
        final BigDecimal price;
        BigDecimal qty;

        Level(BigDecimal price, BigDecimal qty) {
            this.price = price;
            this.qty = qty;
        }
    }

    private final List<Level> bids = new ArrayList<>();
    private final List<Level> asks = new ArrayList<>();

    LocalBook(BookDepth depth) {
        for (BookLevel l : depth.bids()) {
            if (l.quantity().signum() > 0) {
                bids.add(new Level(l.price(), l.quantity()));
            }
        }
        for (BookLevel l : depth.asks()) {
            if (l.quantity().signum() > 0) {
                asks.add(new Level(l.price(), l.quantity()));
            }
        }
    }

    /** The levels a taker on {@code takerSide} trades against, best first (asks for a BUY). */
    List<Level> opposite(Side takerSide) {
        return takerSide == Side.BUY ? asks : bids;
    }

    /** The levels an order on {@code side} joins, best first (bids for a BUY). */
    List<Level> same(Side side) {
        return side == Side.BUY ? bids : asks;
    }

    /** Quantity shown at {@code price} on {@code side}'s own side of the book; zero when there is no such level. */
    BigDecimal qtyAt(Side side, BigDecimal price) {
        for (Level l : same(side)) {
            if (l.price.compareTo(price) == 0) {
                return l.qty;
            }
        }
        return BigDecimal.ZERO;
    }

    /** Best price a taker on {@code takerSide} would pay/receive, or null when that side is empty. */
    BigDecimal best(Side takerSide) {
        List<Level> side = opposite(takerSide);
        return side.isEmpty() ? null : side.getFirst().price;
    }

    /** (best bid + best ask) / 2, the best of one side when the other is empty, null when both are. */
    BigDecimal mid() {
        if (bids.isEmpty() && asks.isEmpty()) {
            return null;
        }
        if (bids.isEmpty()) {
            return asks.getFirst().price;
        }
        if (asks.isEmpty()) {
            return bids.getFirst().price;
        }
        return bids.getFirst().price.add(asks.getFirst().price).divide(BigDecimal.TWO);
    }

    /** Takes {@code qty} out of the level at {@code price} on the taker's opposite side (removing an emptied level). */
    void consume(Side takerSide, BigDecimal price, BigDecimal qty) {
        List<Level> side = opposite(takerSide);
        for (int i = 0; i < side.size(); i++) {
            Level l = side.get(i);
            if (l.price.compareTo(price) == 0) {
                l.qty = l.qty.subtract(qty);
                if (l.qty.signum() <= 0) {
                    side.remove(i);
                }
                return;
            }
        }
    }
}
