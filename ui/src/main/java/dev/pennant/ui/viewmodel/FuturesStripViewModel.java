package dev.pennant.ui.viewmodel;

import dev.pennant.core.marketdata.feed.FuturesFigures;
import dev.pennant.core.marketdata.feed.FuturesFigures.Figure;
import dev.pennant.core.marketdata.feed.MarketFeed;
import dev.pennant.core.model.Instrument;
import dev.pennant.core.model.Market;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * The futures strip of the selected USDⓈ-M symbol: mark price, index price, funding rate (percent per period, signed,
 * coloured) with a countdown to the next funding (UTC), and open interest in contracts and in the quote asset at the
 * mark price. Hidden ({@link #visibleProperty()} false) unless the selection is a futures symbol.
 *
 * <p>Figures come from {@link MarketFeed#subscribeFutures}; a figure the feed does not have shows {@value #MISSING}
 * with the feed's reason as tooltip (e.g. "not in the recording"), never an estimate.
 *
 * <p>Threading: the feed thread turns each {@link FuturesFigures} into display text (all formatting runs there) and
 * leaves only the latest in the inbox; at most one drain is pending on the FX thread. The countdown is recomputed by
 * {@link #tick()} (the view calls it once a second) from the figures' own clock plus the wall time elapsed since they
 * arrived, so a venue clock that differs from the local one (the simulator, a replay) counts down correctly.
 */
public final class FuturesStripViewModel {

    /** Shown for a figure the feed does not have. */
    public static final String MISSING = "—";
    /** Style class of a positive funding rate (longs pay shorts). */
    public static final String POSITIVE = "gain";
    /** Style class of a negative funding rate (shorts pay longs). */
    public static final String NEGATIVE = "loss";
    private static final Logger log = LoggerFactory.getLogger(FuturesStripViewModel.class);
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    /** Display text of one figure set (built on the feed thread). */
    record Display(String symbol, String mark, String markTip, String index, String indexTip, String funding,
                   String fundingStyle, String fundingTip, long nextFundingTime, long figuresTime,
                   String openInterest, String openInterestTip, long receivedAt) {
    }

    private final LongSupplier wallClock;
    private final Executor fx;
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final ReadOnlyBooleanWrapper visible = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper mark = new ReadOnlyStringWrapper(MISSING);
    private final ReadOnlyStringWrapper markTip = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper index = new ReadOnlyStringWrapper(MISSING);
    private final ReadOnlyStringWrapper indexTip = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper funding = new ReadOnlyStringWrapper(MISSING);
    private final ReadOnlyStringWrapper fundingStyle = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper fundingTip = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper countdown = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper openInterest = new ReadOnlyStringWrapper(MISSING);
    private final ReadOnlyStringWrapper openInterestTip = new ReadOnlyStringWrapper("");

    private final Object lock = new Object();
    private Display pending;
    private Display shown;
    private volatile MarketFeed feed;
    private volatile String symbol;
    private volatile String baseAsset;
    private volatile String quoteAsset;
    private volatile long generation;
    private AutoCloseable subscription;

    /** For the window: wall clock, drains through {@code Platform.runLater}. */
    public FuturesStripViewModel() {
        this(System::currentTimeMillis, Platform::runLater);
    }

    /**
     * @param wallClock epoch ms, for the countdown between two updates
     * @param fx        runs the drain on the FX thread (tests: {@code Runnable::run})
     */
    FuturesStripViewModel(LongSupplier wallClock, Executor fx) {
        this.wallClock = wallClock;
        this.fx = fx;
    }

    /** Connects to a feed (any thread, once); shows the symbol selected before, if any. */
    public void attach(MarketFeed f) {
        this.feed = f;
        fx.execute(() -> {
            if (symbol != null) {
                show(Market.USDM_FUTURES, symbol, baseAsset, quoteAsset);
            }
        });
    }

    /**
     * Shows the futures figures of the selection (FX thread): subscribes for a USDⓈ-M symbol, hides the strip for
     * anything else (spot, or null).
     */
    public void show(Market market, String sym, String base, String quote) {
        closeSubscription();
        long gen = ++generation;
        synchronized (lock) {
            pending = null;
        }
        if (market != Market.USDM_FUTURES || sym == null) {
            symbol = null;
            visible.set(false);
            return;
        }
        symbol = sym;
        baseAsset = base;
        quoteAsset = quote;
        title.set(sym + " perpetual");
        visible.set(true);
        MarketFeed f = feed;
        if (f == null) {
            apply(display(FuturesFigures.unavailable(sym, wallClock.getAsLong(), "waiting for market data"), null));
            return;
        }
        apply(display(FuturesFigures.unavailable(sym, wallClock.getAsLong(), "waiting for the feed"), null));
        try {
            subscription = f.subscribeFutures(sym, figures -> onFigures(gen, figures));
        } catch (RuntimeException e) {
            apply(display(FuturesFigures.unavailable(sym, wallClock.getAsLong(),
                    "no futures figures for " + sym + ": " + e.getMessage()), null));
        }
    }

    private void closeSubscription() {
        if (subscription != null) {
            try {
                subscription.close();
            } catch (Exception e) {
                log.debug("futures unsubscribe failed", e);
            }
            subscription = null;
        }
    }

    /** Feed thread. */
    private void onFigures(long gen, FuturesFigures figures) {
        if (gen != generation) {
            return;
        }
        Display d = display(figures, instrument(figures.symbol()));
        synchronized (lock) {
            pending = d;
        }
        if (drainScheduled.compareAndSet(false, true)) {
            fx.execute(this::drain);
        }
    }

    private Instrument instrument(String sym) {
        MarketFeed f = feed;
        if (f == null) {
            return null;
        }
        for (Instrument i : f.instruments(Market.USDM_FUTURES)) {
            if (i.symbol().equals(sym)) {
                return i;
            }
        }
        return null;
    }

    private void drain() {
        drainScheduled.set(false);
        Display d;
        synchronized (lock) {
            d = pending;
            pending = null;
        }
        if (d != null && d.symbol().equals(symbol)) {
            apply(d);
        }
    }

    private void apply(Display d) {
        shown = d;
        mark.set(d.mark());
        markTip.set(d.markTip());
        index.set(d.index());
        indexTip.set(d.indexTip());
        funding.set(d.funding());
        fundingStyle.set(d.fundingStyle());
        fundingTip.set(d.fundingTip());
        openInterest.set(d.openInterest());
        openInterestTip.set(d.openInterestTip());
        tick();
    }

    /** Recomputes the funding countdown (FX thread; the view calls it once a second). */
    public void tick() {
        Display d = shown;
        if (d == null || d.nextFundingTime() <= 0) {
            countdown.set("");
            return;
        }
        long now = d.figuresTime() + Math.max(0, wallClock.getAsLong() - d.receivedAt());
        countdown.set(countdown(d.nextFundingTime() - now));
    }

    // ---- formatting (any thread) ------------------------------------------------------------------------------

    /** The display text of {@code f}; {@code instrument} (may be null) gives the price scale and asset names. */
    Display display(FuturesFigures f, Instrument instrument) {
        int priceScale = instrument == null || instrument.tickSize() == null ? -1
                : Math.max(0, instrument.tickSize().stripTrailingZeros().scale());
        String base = instrument != null ? instrument.baseAsset() : baseAsset;
        String quote = instrument != null ? instrument.quoteAsset() : quoteAsset;
        String fundingTip = tip(f, Figure.FUNDING);
        if (f.fundingRate() != null && f.nextFundingTime() > 0) {
            fundingTip = "Next funding " + UTC.format(Instant.ofEpochMilli(f.nextFundingTime()))
                    + ". Positive: longs pay shorts.\n" + fundingTip;
        }
        String oiTip = tip(f, Figure.OPEN_INTEREST);
        if (f.openInterest() != null && f.markPrice() == null) {
            oiTip = oiTip + "\nNo value in " + (quote == null ? "the quote asset" : quote) + ": no mark price";
        }
        return new Display(f.symbol(), price(f.markPrice(), priceScale), tip(f, Figure.MARK_PRICE),
                price(f.indexPrice(), priceScale), tip(f, Figure.INDEX_PRICE), fundingPercent(f.fundingRate()),
                fundingStyle(f.fundingRate()), fundingTip, f.fundingRate() == null ? 0 : f.nextFundingTime(), f.time(),
                openInterest(f.openInterest(), f.openInterestNotional(), base, quote), oiTip, wallClock.getAsLong());
    }

    private static String tip(FuturesFigures f, Figure fig) {
        String n = f.note(fig);
        return n == null ? "" : n;
    }

    /** Price with the instrument's tick scale (or as sent when {@code scale} < 0), grouped; "—" for null. */
    static String price(BigDecimal p, int scale) {
        if (p == null) {
            return MISSING;
        }
        BigDecimal v = scale >= 0 ? p.setScale(scale, RoundingMode.HALF_UP) : p.stripTrailingZeros();
        return grouped(v);
    }

    /** Funding rate as a signed percent with 4 decimals, e.g. {@code +0.0100%}, {@code -0.0032%}; "—" for null. */
    static String fundingPercent(BigDecimal rate) {
        if (rate == null) {
            return MISSING;
        }
        BigDecimal pct = rate.movePointRight(2).setScale(4, RoundingMode.HALF_UP);
        return (pct.signum() > 0 ? "+" : "") + pct.toPlainString() + "%";
    }

    /** {@link #POSITIVE}, {@link #NEGATIVE}, or "" for zero / missing. */
    static String fundingStyle(BigDecimal rate) {
        if (rate == null) {
            return "";
        }
        int s = rate.setScale(6, RoundingMode.HALF_UP).signum(); // as shown: +0.0000% is neither
        return s > 0 ? POSITIVE : s < 0 ? NEGATIVE : "";
    }

    /** "in 03:12:45" (hours not wrapped at 24), "due now" at or after the funding time. */
    static String countdown(long remainingMs) {
        if (remainingMs <= 0) {
            return "due now";
        }
        long s = (remainingMs + 999) / 1000; // never show 00:00:00 before it is due
        return String.format(Locale.ROOT, "in %02d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }

    /** "185,838.765 BTC · 15.69B USDT" (the notional part only with a mark price); "—" without open interest. */
    static String openInterest(BigDecimal contracts, BigDecimal notional, String base, String quote) {
        if (contracts == null) {
            return MISSING;
        }
        String s = grouped(contracts.stripTrailingZeros()) + (base == null ? "" : " " + base);
        if (notional != null) {
            s += " · " + compact(notional) + (quote == null ? "" : " " + quote);
        }
        return s;
    }

    /** 2 significant decimals with K/M/B/T, e.g. {@code 15.69B}. */
    static String compact(BigDecimal v) {
        double d = v.doubleValue();
        double a = Math.abs(d);
        String[] units = {"T", "B", "M", "K"};
        double[] sizes = {1e12, 1e9, 1e6, 1e3};
        for (int i = 0; i < units.length; i++) {
            if (a >= sizes[i]) {
                return String.format(Locale.ROOT, "%.2f%s", d / sizes[i], units[i]);
            }
        }
        return String.format(Locale.ROOT, "%.2f", d);
    }

    private static String grouped(BigDecimal v) {
        DecimalFormat df = new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.ROOT));
        df.setMinimumFractionDigits(Math.max(0, v.scale()));
        df.setMaximumFractionDigits(Math.max(0, v.scale()));
        df.setRoundingMode(RoundingMode.UNNECESSARY);
        return df.format(v);
    }

    // ---- properties -------------------------------------------------------------------------------------------

    /** True while the selection is a USDⓈ-M symbol. */
    public ReadOnlyBooleanProperty visibleProperty() { return visible.getReadOnlyProperty(); }
    /** "BTCUSDT perpetual". */
    public ReadOnlyStringProperty titleProperty() { return title.getReadOnlyProperty(); }
    /** Mark price, or "—". */
    public ReadOnlyStringProperty markProperty() { return mark.getReadOnlyProperty(); }
    /** Source of the mark price, or why it is missing. */
    public ReadOnlyStringProperty markTooltipProperty() { return markTip.getReadOnlyProperty(); }
    /** Index price, or "—". */
    public ReadOnlyStringProperty indexProperty() { return index.getReadOnlyProperty(); }
    /** Source of the index price, or why it is missing. */
    public ReadOnlyStringProperty indexTooltipProperty() { return indexTip.getReadOnlyProperty(); }
    /** Funding rate per period, e.g. "+0.0100%", or "—". */
    public ReadOnlyStringProperty fundingProperty() { return funding.getReadOnlyProperty(); }
    /** {@link #POSITIVE}, {@link #NEGATIVE} or "" (style class for the funding label). */
    public ReadOnlyStringProperty fundingStyleProperty() { return fundingStyle.getReadOnlyProperty(); }
    /** Settlement time and source of the funding rate, or why it is missing. */
    public ReadOnlyStringProperty fundingTooltipProperty() { return fundingTip.getReadOnlyProperty(); }
    /** "in 03:12:45" until the next funding, "" when unknown. */
    public ReadOnlyStringProperty countdownProperty() { return countdown.getReadOnlyProperty(); }
    /** "185,838.765 BTC · 15.69B USDT", or "—". */
    public ReadOnlyStringProperty openInterestProperty() { return openInterest.getReadOnlyProperty(); }
    /** Source and time of the open interest, or why it is missing. */
    public ReadOnlyStringProperty openInterestTooltipProperty() { return openInterestTip.getReadOnlyProperty(); }
}
