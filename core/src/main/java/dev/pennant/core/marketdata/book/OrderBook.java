package dev.pennant.core.marketdata.book;

import dev.pennant.core.marketdata.parse.Decimals;
import dev.pennant.core.marketdata.parse.DepthSnapshot;
import dev.pennant.core.marketdata.parse.DepthUpdate;
import dev.pennant.core.marketdata.parse.Levels;
import dev.pennant.core.model.Side;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The local price-level (L2) order book of one symbol: bids and asks with the resting quantity per price, as
 * Binance's depth snapshot and diff-depth events describe it.
 *
 * <p><b>Representation and exactness.</b> Prices and quantities are stored as {@code long} mantissas at one scale per
 * book for prices and one for quantities (value = mantissa × 10<sup>-scale</sup>), never as {@code double}. Binance
 * sends them as decimal strings; each is parsed exactly ({@link Decimals}) and re-expressed at the book's scale, which
 * starts at 0 and grows to the largest number of significant fractional digits seen for the symbol (in practice the
 * tick and step size, e.g. 4 for 7.6110). Growing the scale multiplies every stored mantissa by a power of ten, so no
 * value is ever rounded: two prices are equal in the book exactly when they are equal decimals, and a level removal
 * ({@code qty 0}) always finds its level. A value that would overflow a {@code long} at the book's scale
 * (|value| ≥ 9.22·10<sup>18-scale</sup>) throws {@link ArithmeticException} instead of wrapping.
 *
 * <p><b>Structure.</b> Each side is a pair of sorted primitive arrays (keys, quantities), best level last: bids keyed
 * by price ascending, asks by negated price ascending. An update is a binary search plus, for an insert or a removal,
 * an {@code arraycopy} of the levels better than it — short, since most activity is near the top. No boxing, no
 * per-update allocation.
 *
 * <p><b>Threads.</b> Not thread-safe: confine a book to the thread that applies the stream (the connection's reader
 * thread) and give other threads {@link #depth(int)} copies.
 */
public final class OrderBook {

    private final String symbol;
    private final SideBook bids = new SideBook(false);
    private final SideBook asks = new SideBook(true);
    private int priceScale;
    private int qtyScale;
    private long lastUpdateId = -1;

    /** An empty book. @throws NullPointerException when symbol is null */
    public OrderBook(String symbol) {
        this.symbol = Objects.requireNonNull(symbol, "symbol");
    }

    /** The symbol, e.g. {@code BTCUSDT}. */
    public String symbol() {
        return symbol;
    }

    /** Update id of the last snapshot or event applied; -1 for a book never loaded. */
    public long lastUpdateId() {
        return lastUpdateId;
    }

    /** Sets the update id (the synchronizer does this; it is not checked here). */
    public void setLastUpdateId(long lastUpdateId) {
        this.lastUpdateId = lastUpdateId;
    }

    /** Removes every level and resets the update id to -1 (scales are kept). */
    public void clear() {
        bids.n = 0;
        asks.n = 0;
        lastUpdateId = -1;
    }

    /** Replaces the content with a REST snapshot; the update id becomes its {@code lastUpdateId}. */
    public void load(DepthSnapshot snapshot) {
        if (!snapshot.symbol().equals(symbol)) {
            throw new IllegalArgumentException("snapshot of " + snapshot.symbol() + " loaded into the book of " + symbol);
        }
        clear();
        applyLevels(snapshot.bids(), snapshot.asks());
        lastUpdateId = snapshot.lastUpdateId();
    }

    /**
     * Applies the levels of a diff event and sets the update id to its {@code u}. Sequencing (U/u/pu) is the
     * caller's job ({@link DepthSynchronizer}).
     *
     * @return number of level updates applied
     * @throws IllegalArgumentException when the event is for another symbol
     */
    public int apply(DepthUpdate update) {
        if (!symbol.equals(update.symbol())) {
            throw new IllegalArgumentException("depth update of " + update.symbol() + " applied to the book of " + symbol);
        }
        int n = applyLevels(update.bids(), update.asks());
        lastUpdateId = update.finalUpdateId();
        return n;
    }

    /**
     * Sets each listed level to its absolute quantity; quantity 0 removes the level (absent levels are ignored, as
     * Binance documents can happen).
     *
     * @return number of level updates applied
     */
    public int applyLevels(Levels bidLevels, Levels askLevels) {
        int nb = bidLevels.size();
        for (int i = 0; i < nb; i++) {
            set(bids, bidLevels.priceMantissa(i), bidLevels.priceScale(i), bidLevels.qtyMantissa(i), bidLevels.qtyScale(i));
        }
        int na = askLevels.size();
        for (int i = 0; i < na; i++) {
            set(asks, askLevels.priceMantissa(i), askLevels.priceScale(i), askLevels.qtyMantissa(i), askLevels.qtyScale(i));
        }
        return nb + na;
    }

    /**
     * Sets one level ({@code BUY} = bid, {@code SELL} = ask) to an absolute quantity; 0 removes it.
     *
     * @throws IllegalArgumentException for a non-positive price, a negative quantity or more than 18 fractional digits
     */
    public void set(Side side, BigDecimal price, BigDecimal quantity) {
        BigDecimal p = price.stripTrailingZeros();
        BigDecimal q = quantity.stripTrailingZeros();
        if (p.signum() <= 0 || q.signum() < 0) {
            throw new IllegalArgumentException("level " + price.toPlainString() + " x " + quantity.toPlainString()
                    + " needs price > 0 and quantity >= 0");
        }
        if (p.scale() < 0) {
            p = p.setScale(0);
        }
        if (q.scale() < 0) {
            q = q.setScale(0);
        }
        if (p.scale() > Decimals.MAX_SCALE || q.scale() > Decimals.MAX_SCALE) {
            throw new IllegalArgumentException("more than " + Decimals.MAX_SCALE + " fractional digits: " + price + " x " + quantity);
        }
        set(side == Side.BUY ? bids : asks, p.unscaledValue().longValueExact(), p.scale(),
                q.unscaledValue().longValueExact(), q.scale());
    }

    private void set(SideBook side, long priceMantissa, int pScale, long qtyMantissa, int qScale) {
        if (pScale > priceScale) {
            growPriceScale(pScale);
        }
        if (qScale > qtyScale) {
            growQtyScale(qScale);
        }
        long price = pScale == priceScale ? priceMantissa
                : Math.multiplyExact(priceMantissa, Decimals.pow10(priceScale - pScale));
        long qty = qScale == qtyScale ? qtyMantissa
                : Math.multiplyExact(qtyMantissa, Decimals.pow10(qtyScale - qScale));
        side.set(side.negate ? -price : price, qty);
    }

    private void growPriceScale(int scale) {
        long f = Decimals.pow10(scale - priceScale);
        bids.multiplyKeys(f);
        asks.multiplyKeys(f);
        priceScale = scale;
    }

    private void growQtyScale(int scale) {
        long f = Decimals.pow10(scale - qtyScale);
        bids.multiplyQtys(f);
        asks.multiplyQtys(f);
        qtyScale = scale;
    }

    /** Number of bid levels. */
    public int bidLevels() {
        return bids.n;
    }

    /** Number of ask levels. */
    public int askLevels() {
        return asks.n;
    }

    /** Current scale (fractional digits) of stored prices. */
    public int priceScale() {
        return priceScale;
    }

    /** Current scale (fractional digits) of stored quantities. */
    public int quantityScale() {
        return qtyScale;
    }

    /** Highest bid, or empty. */
    public Optional<BookLevel> bestBid() {
        return bids.n == 0 ? Optional.empty() : Optional.of(level(bids, bids.n - 1));
    }

    /** Lowest ask, or empty. */
    public Optional<BookLevel> bestAsk() {
        return asks.n == 0 ? Optional.empty() : Optional.of(level(asks, asks.n - 1));
    }

    /** Best ask − best bid in the quote asset (negative if the book is crossed), or empty when a side is empty. */
    public Optional<BigDecimal> spread() {
        if (bids.n == 0 || asks.n == 0) {
            return Optional.empty();
        }
        long s = -asks.keys[asks.n - 1] - bids.keys[bids.n - 1];
        return Optional.of(Decimals.toBigDecimal(s, priceScale));
    }

    /**
     * The best {@code n} levels per side as an immutable copy for the UI.
     *
     * @param n levels per side, ≥ 0 ({@link Integer#MAX_VALUE} for the whole book)
     */
    public BookDepth depth(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("depth must be >= 0, was " + n);
        }
        return new BookDepth(symbol, lastUpdateId, levels(bids, n), levels(asks, n));
    }

    /** The best {@code n} levels per side as a snapshot (e.g. to seed a simulator or another book). */
    public DepthSnapshot toSnapshot(int n) {
        return new DepthSnapshot(symbol, lastUpdateId, toLevels(bids, n), toLevels(asks, n));
    }

    private List<BookLevel> levels(SideBook side, int n) {
        int count = Math.min(n, side.n);
        List<BookLevel> out = new ArrayList<>(count);
        for (int i = side.n - 1; i >= side.n - count; i--) {
            out.add(level(side, i));
        }
        return out;
    }

    private Levels toLevels(SideBook side, int n) {
        int count = Math.min(n, side.n);
        Levels out = new Levels(count);
        for (int i = side.n - 1; i >= side.n - count; i--) {
            long key = side.keys[i];
            out.add(side.negate ? -key : key, priceScale, side.qtys[i], qtyScale);
        }
        return out;
    }

    private BookLevel level(SideBook side, int i) {
        long key = side.keys[i];
        return new BookLevel(Decimals.toBigDecimal(side.negate ? -key : key, priceScale),
                Decimals.toBigDecimal(side.qtys[i], qtyScale));
    }

    @Override
    public String toString() {
        return "OrderBook[" + symbol + " id=" + lastUpdateId + " bids=" + bids.n + " asks=" + asks.n
                + " best=" + bestBid().map(BookLevel::toString).orElse("-") + " / "
                + bestAsk().map(BookLevel::toString).orElse("-") + "]";
    }

    /** One side: keys ascending, best last; bids key = price, asks key = -price. */
    private static final class SideBook {
        final boolean negate;
        long[] keys = new long[256];
        long[] qtys = new long[256];
        int n;

        SideBook(boolean negate) {
            this.negate = negate;
        }

        void set(long key, long qty) {
            int i = search(key);
            if (i >= 0) {
                if (qty == 0) {
                    int tail = n - i - 1;
                    if (tail > 0) {
                        System.arraycopy(keys, i + 1, keys, i, tail);
                        System.arraycopy(qtys, i + 1, qtys, i, tail);
                    }
                    n--;
                } else {
                    qtys[i] = qty;
                }
            } else if (qty != 0) {
                int at = -i - 1;
                if (n == keys.length) {
                    keys = Arrays.copyOf(keys, n * 2);
                    qtys = Arrays.copyOf(qtys, n * 2);
                }
                int tail = n - at;
                if (tail > 0) {
                    System.arraycopy(keys, at, keys, at + 1, tail);
                    System.arraycopy(qtys, at, qtys, at + 1, tail);
                }
                keys[at] = key;
                qtys[at] = qty;
                n++;
            }
        }

        /** Binary search; most updates hit near the best (the end), so probe there first. */
        private int search(long key) {
            int hi = n - 1;
            if (hi >= 0) {
                long top = keys[hi];
                if (key > top) {
                    return -(n + 1);
                }
                if (key == top) {
                    return hi;
                }
            }
            int lo = 0;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                long k = keys[mid];
                if (k < key) {
                    lo = mid + 1;
                } else if (k > key) {
                    hi = mid - 1;
                } else {
                    return mid;
                }
            }
            return -(lo + 1);
        }

        void multiplyKeys(long f) {
            for (int i = 0; i < n; i++) {
                keys[i] = Math.multiplyExact(keys[i], f);
            }
        }

        void multiplyQtys(long f) {
            for (int i = 0; i < n; i++) {
                qtys[i] = Math.multiplyExact(qtys[i], f);
            }
        }
    }
}
