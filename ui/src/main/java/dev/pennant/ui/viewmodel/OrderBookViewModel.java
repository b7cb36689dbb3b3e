package dev.pennant.ui.viewmodel;

import dev.pennant.core.marketdata.book.BookDepth;
import dev.pennant.core.marketdata.book.BookLevel;
import dev.pennant.core.marketdata.feed.ConnectionStatus;
import dev.pennant.core.marketdata.feed.MarketFeed;
import dev.pennant.core.marketdata.feed.StreamHealth;
import dev.pennant.core.model.Market;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The order book of the selected symbol: top {@link #LEVELS} bids and asks from {@link MarketFeed#subscribeBook},
 * spread, mid, cumulative sizes (for the ladder's depth bars and the depth chart) and the book's sync state.
 *
 * <p>Threading: the feed thread turns each {@code BookDepth} into an immutable {@link Ladder} (the arithmetic runs
 * there) and leaves only the latest in the inbox; at most one FX drain is pending and it sets one property.
 */
public final class OrderBookViewModel {

    /** Levels per side shown. */
    public static final int LEVELS = 20;
    private static final Logger log = LoggerFactory.getLogger(OrderBookViewModel.class);

    private final FxCoalescer coalescer = new FxCoalescer(this::drain);
    private final ReadOnlyObjectWrapper<Ladder> ladder = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper("Order book");
    private final ReadOnlyStringWrapper syncState = new ReadOnlyStringWrapper("no symbol selected");

    private final Object lock = new Object();
    private Ladder pendingLadder;
    private String pendingSync;
    private volatile MarketFeed feed;
    private volatile Market market;
    private volatile String symbol;
    private volatile long generation;
    private AutoCloseable subscription;

    /** Connects to a feed (any thread, once); shows the symbol selected before, if any. */
    public void attach(MarketFeed f) {
        this.feed = f;
        f.onStatus(this::onStatus);
        javafx.application.Platform.runLater(() -> {
            if (symbol != null) {
                show(market, symbol);
            }
        });
    }

    /** Shows the book of {@code symbol} (FX thread); null clears. */
    public void show(Market m, String s) {
        closeSubscription();
        long gen = ++generation;
        this.market = m;
        this.symbol = s;
        ladder.set(null);
        synchronized (lock) {
            pendingLadder = null;
            pendingSync = null;
        }
        if (s == null) {
            title.set("Order book");
            syncState.set("no symbol selected");
            return;
        }
        title.set(s + " · " + (m == Market.SPOT ? "spot" : "USDS-M futures")); // Ⓢ has no glyph in the default Linux fonts
        MarketFeed f = feed;
        if (f == null) {
            syncState.set("waiting for market data");
            return;
        }
        syncState.set("waiting for the book");
        try {
            subscription = f.subscribeBook(m, s, LEVELS, depth -> onDepth(gen, m, depth));
        } catch (IllegalArgumentException e) {
            syncState.set("no order book for " + s + ": " + e.getMessage());
        }
    }

    private void closeSubscription() {
        if (subscription != null) {
            try {
                subscription.close();
            } catch (Exception e) {
                log.debug("book unsubscribe failed", e);
            }
            subscription = null;
        }
    }

    /** Feed thread. */
    private void onDepth(long gen, Market m, BookDepth depth) {
        if (gen != generation) {
            return;
        }
        Ladder l = toLadder(m, depth);
        synchronized (lock) {
            pendingLadder = l;
        }
        coalescer.schedule();
    }

    /** Feed thread: the health of the selected symbol's depth stream. */
    private void onStatus(ConnectionStatus st) {
        String s = symbol;
        if (s == null) {
            return;
        }
        String prefix = s.toLowerCase(Locale.ROOT) + "@depth";
        String text = null;
        for (StreamHealth h : st.streams()) {
            if (h.stream().startsWith(prefix)) {
                text = switch (h.state()) {
                    case CONNECTED -> "in sync";
                    case CONNECTING -> "connecting";
                    case LAGGING -> "lagging" + detail(h);
                    case RESYNCING -> "resyncing" + detail(h);
                    case CLOSED -> "closed" + detail(h);
                };
                break;
            }
        }
        if (text == null) {
            text = "no depth stream for " + s + " in " + st.venue();
        }
        synchronized (lock) {
            pendingSync = text;
        }
        coalescer.schedule();
    }

    private static String detail(StreamHealth h) {
        return h.detail() == null || h.detail().isBlank() ? "" : " — " + h.detail();
    }

    private void drain() {
        Ladder l;
        String sync;
        synchronized (lock) {
            l = pendingLadder;
            sync = pendingSync;
            pendingLadder = null;
            pendingSync = null;
        }
        if (l != null && l.symbol().equals(symbol)) {
            ladder.set(l);
        }
        if (sync != null) {
            syncState.set(sync);
        }
    }

    /** Builds the ladder (any thread). */
    static Ladder toLadder(Market m, BookDepth d) {
        List<Ladder.Level> bids = levels(d.bids());
        List<Ladder.Level> asks = levels(d.asks());
        BigDecimal spread = null;
        BigDecimal mid = null;
        if (!bids.isEmpty() && !asks.isEmpty()) {
            BigDecimal b = bids.getFirst().price();
            BigDecimal a = asks.getFirst().price();
            spread = a.subtract(b);
            mid = a.add(b).divide(BigDecimal.TWO, MathContext.DECIMAL64).stripTrailingZeros();
        }
        double max = Math.max(bids.isEmpty() ? 0 : bids.getLast().cumulative().doubleValue(),
                asks.isEmpty() ? 0 : asks.getLast().cumulative().doubleValue());
        return new Ladder(m, d.symbol(), d.lastUpdateId(), bids, asks, spread, mid, max);
    }

    private static List<Ladder.Level> levels(List<BookLevel> side) {
        List<Ladder.Level> out = new ArrayList<>(side.size());
        BigDecimal cum = BigDecimal.ZERO;
        for (BookLevel l : side) {
            cum = cum.add(l.quantity());
            out.add(new Ladder.Level(l.price(), l.quantity(), cum));
        }
        return out;
    }

    /** The current ladder, or null before the first book. */
    public ReadOnlyObjectProperty<Ladder> ladderProperty() { return ladder.getReadOnlyProperty(); }
    /** "BTCUSDT · spot". */
    public ReadOnlyStringProperty titleProperty() { return title.getReadOnlyProperty(); }
    /** Plain-language sync state of the shown book ("in sync", "resyncing — …", "waiting for the book"). */
    public ReadOnlyStringProperty syncStateProperty() { return syncState.getReadOnlyProperty(); }
}
