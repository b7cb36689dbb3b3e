package dev.pennant.core.analysis;

import dev.pennant.core.marketdata.book.BookDepth;
import dev.pennant.core.marketdata.book.BookLevel;
import dev.pennant.core.model.Side;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Order-book analytics ("whale detection") over {@link BookDepth} copies of the synchronised book.
 *
 * <p><b>One snapshot</b> ({@link #analyze(BookDepth)}): mid = (best bid + best ask)/2; depth per side = Σ price ×
 * quantity (quote notional) of the levels within {@code depthFraction} of mid; imbalance = (bid depth - ask depth)/(bid
 * depth + ask depth) in [-1, 1] (+1: only bids). Typical depth = the median level notional over every level of the
 * copy (both sides); a level is a <em>large order</em> when its notional is at least {@code largeMultiple} × typical.
 *
 * <p><b>Across snapshots</b> ({@link #onBook}, stateful): large orders within {@code nearTouchFraction} of the touch
 * are tracked from the snapshot they appear in. One that vanishes (its level gone, or cut below half its size) within
 * {@code spoofMaxLifetimeMs} while the touch stayed better than its price — so it was not traded into (a bid below
 * the best bid, an ask above the best ask) — counts as a <em>spoof-like event</em>. Price trading through the level
 * is treated as a fill, not a spoof. A vanish is only judged while the level's price is still inside the copied depth.
 *
 * <p><b>Risk</b>: HIGH with ≥ 2 spoof-like events in the last {@code spoofWindowMs}, or 1 event with |imbalance| ≥
 * {@code imbalanceAlert}; MEDIUM with 1 event, |imbalance| ≥ {@code imbalanceAlert}, or a large order near the touch at
 * ≥ 2 × {@code largeMultiple} typical; else LOW. Own code (no maintained Java library offers book analytics);
 * doubles, since these are statistics, not money.
 *
 * <p>Not thread-safe: feed one instance from one thread (the book's).
 */
public final class OrderBookAnalyzer {

    /**
     * Settings.
     *
     * @param depthFraction      depth band around mid as a fraction (default 0.01 = 1 %)
     * @param largeMultiple      large order = this many times the median level notional (default 5)
     * @param nearTouchFraction  "near the touch" = within this fraction of the best price (default 0.005)
     * @param spoofMaxLifetimeMs a large order vanishing within this many ms is spoof-like (default 10,000)
     * @param spoofWindowMs      spoof-like events counted over this many ms (default 60,000)
     * @param imbalanceAlert     |imbalance| from which the book counts as one-sided (default 0.6)
     */
    public record Parameters(double depthFraction, double largeMultiple, double nearTouchFraction, long spoofMaxLifetimeMs,
                             long spoofWindowMs, double imbalanceAlert) {
        /** @throws IllegalArgumentException naming the parameter and the rule */
        public Parameters {
            if (!(depthFraction > 0 && depthFraction < 1)) throw new IllegalArgumentException("depthFraction must be in (0, 1), was " + depthFraction);
            if (!(largeMultiple > 1)) throw new IllegalArgumentException("largeMultiple must be > 1, was " + largeMultiple);
            if (!(nearTouchFraction >= 0 && nearTouchFraction < 1)) throw new IllegalArgumentException("nearTouchFraction must be in [0, 1), was " + nearTouchFraction);
            if (spoofMaxLifetimeMs <= 0) throw new IllegalArgumentException("spoofMaxLifetimeMs must be > 0, was " + spoofMaxLifetimeMs);
            if (spoofWindowMs <= 0) throw new IllegalArgumentException("spoofWindowMs must be > 0, was " + spoofWindowMs);
            if (!(imbalanceAlert > 0 && imbalanceAlert <= 1)) throw new IllegalArgumentException("imbalanceAlert must be in (0, 1], was " + imbalanceAlert);
        }

        /** 1 % depth band, 5× median, 0.5 % near the touch, 10 s lifetime, 60 s window, imbalance 0.6. */
        public static Parameters defaults() {
            return new Parameters(0.01, 5, 0.005, 10_000, 60_000, 0.6);
        }
    }

    /**
     * A large resting order.
     *
     * @param side         BUY = bid, SELL = ask
     * @param price        level price, quote asset
     * @param quantity     level quantity, base asset
     * @param notional     price × quantity, quote asset
     * @param multiple     notional / typical level notional
     * @param distance     |price - mid| / mid, a fraction
     * @param nearTouch    within {@code nearTouchFraction} of the best price of its side
     */
    public record LargeOrder(Side side, double price, double quantity, double notional, double multiple, double distance,
                             boolean nearTouch) {
    }

    /**
     * A large order that appeared near the touch and vanished untraded.
     *
     * @param side        BUY = bid, SELL = ask
     * @param price       its price
     * @param notional    its largest notional while seen, quote asset
     * @param appearedAt  time of the first snapshot it was in, epoch ms
     * @param vanishedAt  time of the first snapshot it was gone from
     */
    public record SpoofEvent(Side side, double price, double notional, long appearedAt, long vanishedAt) {
        /** How long it rested, ms. */
        public long lifetimeMs() {
            return vanishedAt - appearedAt;
        }
    }

    /**
     * The analysis of one snapshot.
     *
     * @param symbol        symbol
     * @param time          snapshot time, epoch ms (0 for a one-off {@link #analyze(BookDepth)})
     * @param mid           mid price ({@code NaN} when a side is empty)
     * @param spread        best ask - best bid
     * @param bidDepth      bid notional within the band, quote asset
     * @param askDepth      ask notional within the band
     * @param imbalance     in [-1, 1]; 0 when both depths are 0
     * @param typicalLevel  median level notional, quote asset
     * @param largeOrders   large orders, biggest first
     * @param spoofEvents   spoof-like events within the window (empty for a one-off analysis)
     * @param risk          LOW / MEDIUM / HIGH
     * @param inputs        parameters, counts and the reasons for the risk level
     */
    public record BookAnalysis(String symbol, long time, double mid, double spread, double bidDepth, double askDepth,
                               double imbalance, double typicalLevel, List<LargeOrder> largeOrders,
                               List<SpoofEvent> spoofEvents, RiskLevel risk, Map<String, Object> inputs) {
        /** Copies. */
        public BookAnalysis {
            largeOrders = List.copyOf(largeOrders);
            spoofEvents = List.copyOf(spoofEvents);
            inputs = Inputs.copy(inputs);
        }
    }

    private record Key(Side side, double price) {
    }

    private static final class Tracked {
        final long appearedAt;
        double notional;
        double quantity;

        Tracked(long appearedAt, double notional, double quantity) {
            this.appearedAt = appearedAt;
            this.notional = notional;
            this.quantity = quantity;
        }
    }

    private final Parameters p;
    private final Map<Key, Tracked> tracked = new HashMap<>();
    private final Deque<SpoofEvent> events = new ArrayDeque<>();
    private long appearances;
    private long lastTime = Long.MIN_VALUE;

    /** An analyzer with its own spoof tracking state. */
    public OrderBookAnalyzer(Parameters parameters) {
        this.p = Objects.requireNonNull(parameters, "parameters");
    }

    /** With {@link Parameters#defaults()}. */
    public OrderBookAnalyzer() {
        this(Parameters.defaults());
    }

    /** Large orders that appeared near the touch so far (for diagnostics). */
    public long appearances() {
        return appearances;
    }

    /** One-off analysis of a snapshot with default parameters (no spoof tracking). */
    public static BookAnalysis analyze(BookDepth book) {
        return new OrderBookAnalyzer().snapshot(book, 0, List.of());
    }

    /**
     * Analyses the next snapshot of the stream and updates the spoof tracking.
     *
     * @param time snapshot time, epoch ms (e.g. the depth event's time); must not go backwards
     * @throws IllegalArgumentException when time goes backwards
     */
    public BookAnalysis onBook(BookDepth book, long time) {
        if (time < lastTime) {
            throw new IllegalArgumentException("book time " + time + " is before the previous " + lastTime);
        }
        lastTime = time;
        BookAnalysis a = snapshot(book, time, List.of());
        track(book, a, time);
        while (!events.isEmpty() && events.peekFirst().vanishedAt() < time - p.spoofWindowMs()) {
            events.pollFirst();
        }
        return snapshot(book, time, List.copyOf(events));
    }

    private void track(BookDepth book, BookAnalysis a, long time) {
        if (Double.isNaN(a.mid())) {
            return;
        }
        Map<Key, LargeOrder> nowLarge = new HashMap<>();
        for (LargeOrder o : a.largeOrders()) {
            if (o.nearTouch()) nowLarge.put(new Key(o.side(), o.price()), o);
        }
        double bestBid = book.bids().get(0).price().doubleValue();
        double bestAsk = book.asks().get(0).price().doubleValue();
        double worstBid = book.bids().get(book.bids().size() - 1).price().doubleValue();
        double worstAsk = book.asks().get(book.asks().size() - 1).price().doubleValue();
        Map<Key, Double> qtyNow = new HashMap<>();
        for (BookLevel l : book.bids()) qtyNow.put(new Key(Side.BUY, l.price().doubleValue()), l.quantity().doubleValue());
        for (BookLevel l : book.asks()) qtyNow.put(new Key(Side.SELL, l.price().doubleValue()), l.quantity().doubleValue());
        for (Iterator<Map.Entry<Key, Tracked>> it = tracked.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            Key k = e.getKey();
            Tracked t = e.getValue();
            boolean bid = k.side() == Side.BUY;
            boolean inView = bid ? k.price() >= worstBid : k.price() <= worstAsk;
            double q = qtyNow.getOrDefault(k, 0.0);
            if (q >= t.quantity / 2) {
                if (q * k.price() > t.notional) {
                    t.notional = q * k.price();
                    t.quantity = q;
                }
                continue;
            }
            it.remove();
            boolean tradedInto = bid ? bestBid <= k.price() : bestAsk >= k.price();
            if (inView && !tradedInto && time - t.appearedAt <= p.spoofMaxLifetimeMs()) {
                events.addLast(new SpoofEvent(k.side(), k.price(), t.notional, t.appearedAt, time));
            }
        }
        for (var e : nowLarge.entrySet()) {
            if (!tracked.containsKey(e.getKey())) {
                tracked.put(e.getKey(), new Tracked(time, e.getValue().notional(), e.getValue().quantity()));
                appearances++;
            }
        }
    }

    private BookAnalysis snapshot(BookDepth book, long time, List<SpoofEvent> spoofs) {
        List<BookLevel> bids = book.bids();
        List<BookLevel> asks = book.asks();
        if (bids.isEmpty() || asks.isEmpty()) {
            return new BookAnalysis(book.symbol(), time, Double.NaN, Double.NaN, 0, 0, 0, 0, List.of(), spoofs,
                    spoofs.size() >= 2 ? RiskLevel.HIGH : spoofs.size() == 1 ? RiskLevel.MEDIUM : RiskLevel.LOW,
                    Inputs.of("emptySide", true, "spoofEvents", spoofs.size()));
        }
        double bestBid = bids.get(0).price().doubleValue();
        double bestAsk = asks.get(0).price().doubleValue();
        double mid = (bestBid + bestAsk) / 2;
        double lo = mid * (1 - p.depthFraction());
        double hi = mid * (1 + p.depthFraction());
        double bidDepth = 0;
        double askDepth = 0;
        double[] notionals = new double[bids.size() + asks.size()];
        int k = 0;
        for (BookLevel l : bids) {
            double px = l.price().doubleValue();
            double n = px * l.quantity().doubleValue();
            notionals[k++] = n;
            if (px >= lo) bidDepth += n;
        }
        for (BookLevel l : asks) {
            double px = l.price().doubleValue();
            double n = px * l.quantity().doubleValue();
            notionals[k++] = n;
            if (px <= hi) askDepth += n;
        }
        Arrays.sort(notionals);
        int m = notionals.length;
        double typical = m % 2 == 1 ? notionals[m / 2] : (notionals[m / 2 - 1] + notionals[m / 2]) / 2;
        double imbalance = bidDepth + askDepth == 0 ? 0 : (bidDepth - askDepth) / (bidDepth + askDepth);
        List<LargeOrder> large = new ArrayList<>();
        collectLarge(bids, Side.BUY, bestBid, mid, typical, large);
        collectLarge(asks, Side.SELL, bestAsk, mid, typical, large);
        large.sort((x, y) -> Double.compare(y.notional(), x.notional()));
        boolean hugeNearTouch = large.stream().anyMatch(o -> o.nearTouch() && o.multiple() >= 2 * p.largeMultiple());
        boolean oneSided = Math.abs(imbalance) >= p.imbalanceAlert();
        RiskLevel risk;
        List<String> reasons = new ArrayList<>();
        if (spoofs.size() >= 2) reasons.add(spoofs.size() + " spoof-like events in " + p.spoofWindowMs() / 1000 + " s");
        else if (spoofs.size() == 1) reasons.add("1 spoof-like event in " + p.spoofWindowMs() / 1000 + " s");
        if (oneSided) reasons.add(String.format(java.util.Locale.ROOT, "one-sided book (imbalance %.2f)", imbalance));
        if (hugeNearTouch) reasons.add("a resting order of >= " + IndicatorParameter.format(2 * p.largeMultiple()) + "x typical near the touch");
        if (spoofs.size() >= 2 || (spoofs.size() == 1 && oneSided)) risk = RiskLevel.HIGH;
        else if (spoofs.size() == 1 || oneSided || hugeNearTouch) risk = RiskLevel.MEDIUM;
        else risk = RiskLevel.LOW;
        return new BookAnalysis(book.symbol(), time, mid, bestAsk - bestBid, bidDepth, askDepth, imbalance, typical,
                large, spoofs, risk, Inputs.of(
                "lastUpdateId", book.lastUpdateId(),
                "levels", m,
                "depthFraction", p.depthFraction(),
                "largeMultiple", p.largeMultiple(),
                "nearTouchFraction", p.nearTouchFraction(),
                "spoofMaxLifetimeMs", p.spoofMaxLifetimeMs(),
                "spoofWindowMs", p.spoofWindowMs(),
                "imbalanceAlert", p.imbalanceAlert(),
                "largeOrders", large.size(),
                "spoofEvents", spoofs.size(),
                "riskReasons", reasons.isEmpty() ? "none" : String.join("; ", reasons)));
    }

    private void collectLarge(List<BookLevel> side, Side s, double best, double mid, double typical, List<LargeOrder> out) {
        if (typical <= 0) return;
        for (BookLevel l : side) {
            double px = l.price().doubleValue();
            double q = l.quantity().doubleValue();
            double n = px * q;
            if (n >= p.largeMultiple() * typical) {
                out.add(new LargeOrder(s, px, q, n, n / typical, Math.abs(px - mid) / mid,
                        Math.abs(px - best) / best <= p.nearTouchFraction()));
            }
        }
    }
}
