package dev.pennant.core.ai.context;

import dev.pennant.core.marketdata.book.OrderBook;
import dev.pennant.core.model.Bar;
import dev.pennant.core.model.Position;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.Indicator;
import org.ta4j.core.indicators.ATRIndicator;
import org.ta4j.core.indicators.MACDIndicator;
import org.ta4j.core.indicators.RSIIndicator;
import org.ta4j.core.indicators.adx.ADXIndicator;
import org.ta4j.core.indicators.averages.EMAIndicator;
import org.ta4j.core.indicators.bollinger.PercentBIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.num.DoubleNumFactory;
import org.ta4j.core.num.Num;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds a {@link MarketContext} from closed bars (oldest first), and optionally an order book, the position and the
 * risk state. Indicators are computed here with ta4j on {@code double} (the context is advisory; money stays
 * BigDecimal elsewhere), independently of any strategy:
 * <ul>
 *   <li>{@code EMA(12)}, {@code EMA(26)}, {@code EMA(50)} of closes;</li>
 *   <li>{@code RSI(14)} (Wilder);</li>
 *   <li>{@code MACD_HIST(12,26,9)}: MACD line − its EMA(9) signal line;</li>
 *   <li>{@code ATR_PCT(14)}: ATR(14) / close, percent;</li>
 *   <li>{@code ADX(14)};</li>
 *   <li>{@code BB_PCTB(20,2)}: Bollinger %B (0 = lower band, 1 = upper band).</li>
 * </ul>
 * Values still in ta4j's unstable warm-up are left out. Multi-timeframe consensus: the bars' own interval and
 * aggregates of 4 and 16 bars (e.g. 1h → 4h, 16h), each +1/−1 by EMA(12) vs EMA(26) of its closes.
 */
public final class MarketContextBuilder {

    /** Bars used at most (older ones are ignored): enough for EMA(50) and the ×16 timeframe's EMA(26). */
    public static final int MAX_BARS = 600;
    /** Book levels per side used for the imbalance. */
    public static final int BOOK_LEVELS = 10;

    private final List<Bar> bars;
    private OrderBook book;
    private Position position;
    private MarketContext.RiskSummary risk = new MarketContext.RiskSummary(false, 0, 0.25, 1);
    private MarketContext.SentimentSummary sentiment;

    private MarketContextBuilder(List<Bar> bars) {
        if (bars.isEmpty()) {
            throw new IllegalArgumentException("bars: need at least one closed bar, got none");
        }
        // the trailing run of one symbol and interval with rising open times (a caller's buffer may span sessions)
        Bar last = bars.getLast();
        int from = bars.size() - 1;
        while (from > 0 && bars.size() - from < MAX_BARS) {
            Bar b = bars.get(from - 1);
            if (!b.symbol().equals(last.symbol()) || b.interval() != last.interval()
                    || b.openTime() >= bars.get(from).openTime()) break;
            from--;
        }
        this.bars = List.copyOf(bars.subList(from, bars.size()));
    }

    /**
     * Starts a context over {@code bars} (oldest first, closed bars of one symbol and interval). Only the trailing run
     * of bars with the last bar's symbol and interval and rising open times is used, at most {@link #MAX_BARS}.
     *
     * @throws IllegalArgumentException when {@code bars} is empty
     */
    public static MarketContextBuilder of(List<Bar> bars) {
        return new MarketContextBuilder(bars);
    }

    /** Adds the order book (may be {@code null}). */
    public MarketContextBuilder book(OrderBook b) {
        this.book = b;
        return this;
    }

    /** Adds the position before the decision (may be {@code null} or flat). */
    public MarketContextBuilder position(Position p) {
        this.position = p;
        return this;
    }

    /** Sets the risk state (default: no kill switch, no drawdown, 25 % halt, leverage 1). */
    public MarketContextBuilder risk(MarketContext.RiskSummary r) {
        this.risk = java.util.Objects.requireNonNull(r, "risk");
        return this;
    }

    /** Adds aggregated sentiment (may be {@code null}). */
    public MarketContextBuilder sentiment(MarketContext.SentimentSummary s) {
        this.sentiment = s;
        return this;
    }

    /** The context at the last bar. */
    public MarketContext build() {
        Bar last = bars.getLast();
        BarSeries series = series(bars, 1);
        Map<String, Double> ind = new LinkedHashMap<>();
        ClosePriceIndicator close = new ClosePriceIndicator(series);
        int end = series.getEndIndex();
        put(ind, "EMA(12)", new EMAIndicator(close, 12), end, 2);
        put(ind, "EMA(26)", new EMAIndicator(close, 26), end, 2);
        put(ind, "EMA(50)", new EMAIndicator(close, 50), end, 2);
        put(ind, "RSI(14)", new RSIIndicator(close, 14), end, 2);
        MACDIndicator macd = new MACDIndicator(close, 12, 26);
        if (end >= 26 + 9) {
            ind.put("MACD_HIST(12,26,9)", round(macd.getHistogram(9).getValue(end).doubleValue(), 4));
        }
        ATRIndicator atr = new ATRIndicator(series, 14);
        if (end >= atr.getCountOfUnstableBars()) {
            ind.put("ATR_PCT(14)", round(atr.getValue(end).doubleValue() / last.close().doubleValue() * 100, 3));
        }
        put(ind, "ADX(14)", new ADXIndicator(series, 14), end, 2);
        put(ind, "BB_PCTB(20,2)", new PercentBIndicator(close, 20, 2.0), end, 3);

        Map<String, Integer> trends = new LinkedHashMap<>();
        for (int factor : new int[] {1, 4, 16}) {
            trends.put(timeframeName(last, factor), trend(series(bars, factor)));
        }
        double consensus = round(trends.values().stream().mapToInt(Integer::intValue).average().orElse(0), 3);
        return new MarketContext(last.symbol(), last.interval().code(), last.closeTime(), last.close().doubleValue(),
                barsSummary(), ind, new MarketContext.TimeframeConsensus(trends, consensus), bookSummary(), sentiment,
                positionSummary(), risk);
    }

    private static String timeframeName(Bar last, int factor) {
        if (factor == 1) return last.interval().code();
        long minutes = last.interval().millis() * factor / 60_000;
        return minutes % 1440 == 0 ? minutes / 1440 + "d" : minutes % 60 == 0 ? minutes / 60 + "h" : minutes + "m";
    }

    private static int trend(BarSeries s) {
        int end = s.getEndIndex();
        if (end < 26) return 0;
        ClosePriceIndicator c = new ClosePriceIndicator(s);
        double fast = new EMAIndicator(c, 12).getValue(end).doubleValue();
        double slow = new EMAIndicator(c, 26).getValue(end).doubleValue();
        return Double.compare(fast, slow) > 0 ? 1 : fast < slow ? -1 : 0;
    }

    private MarketContext.BarsSummary barsSummary() {
        int n = bars.size();
        double c = close(n - 1);
        double r1 = n > 1 ? pct(c, close(n - 2)) : 0;
        double r5 = n > 5 ? pct(c, close(n - 6)) : 0;
        double r20 = n > 20 ? pct(c, close(n - 21)) : 0;
        int from = Math.max(0, n - 20);
        double hi = Double.NEGATIVE_INFINITY;
        double lo = Double.POSITIVE_INFINITY;
        double vol = 0;
        double takerBuy = 0;
        boolean takerKnown = true;
        for (int i = from; i < n; i++) {
            Bar b = bars.get(i);
            hi = Math.max(hi, b.high().doubleValue());
            lo = Math.min(lo, b.low().doubleValue());
            vol += b.volume().doubleValue();
            if (b.takerBuyBaseVolume() == null) takerKnown = false;
            else takerBuy += b.takerBuyBaseVolume().doubleValue();
        }
        double meanPrev = 0;
        int prevCount = 0;
        for (int i = Math.max(0, n - 21); i < n - 1; i++) {
            meanPrev += bars.get(i).volume().doubleValue();
            prevCount++;
        }
        meanPrev = prevCount > 0 ? meanPrev / prevCount : 0;
        double volRatio = meanPrev > 0 ? bars.getLast().volume().doubleValue() / meanPrev : 1;
        double taker = takerKnown && vol > 0 ? takerBuy / vol : 0.5;
        double[] rets = new double[Math.max(0, n - 1 - Math.max(0, n - 21))];
        int k = 0;
        for (int i = Math.max(1, n - 20); i < n; i++) {
            rets[k++] = pct(close(i), close(i - 1));
        }
        rets = Arrays.copyOf(rets, k);
        double mean = Arrays.stream(rets).average().orElse(0);
        double var = Arrays.stream(rets).map(x -> (x - mean) * (x - mean)).sum() / Math.max(1, k - 1);
        return new MarketContext.BarsSummary(n, round(r1, 3), round(r5, 3), round(r20, 3), hi, lo, round(volRatio, 3),
                round(taker, 3), round(Math.sqrt(var), 3));
    }

    private MarketContext.BookSummary bookSummary() {
        if (book == null || book.bestBid().isEmpty() || book.bestAsk().isEmpty()) return null;
        var depth = book.depth(BOOK_LEVELS);
        double bidQty = 0;
        double askQty = 0;
        List<double[]> levels = new ArrayList<>();
        for (var l : depth.bids()) {
            bidQty += l.quantity().doubleValue();
            levels.add(new double[] {0, l.price().doubleValue(), l.quantity().doubleValue()});
        }
        for (var l : depth.asks()) {
            askQty += l.quantity().doubleValue();
            levels.add(new double[] {1, l.price().doubleValue(), l.quantity().doubleValue()});
        }
        double bid = book.bestBid().get().price().doubleValue();
        double ask = book.bestAsk().get().price().doubleValue();
        double mid = (bid + ask) / 2;
        double[] sizes = levels.stream().mapToDouble(l -> l[2]).sorted().toArray();
        double median = sizes.length == 0 ? 0 : sizes[sizes.length / 2];
        List<String> whales = new ArrayList<>();
        for (double[] l : levels) {
            if (median > 0 && l[2] >= 5 * median) {
                whales.add(String.format(Locale.ROOT, "%s %s @ %,.2f", l[0] == 0 ? "bid" : "ask",
                        BigDecimal.valueOf(l[2]).stripTrailingZeros().toPlainString(), l[1]));
            }
        }
        double total = bidQty + askQty;
        return new MarketContext.BookSummary(round((ask - bid) / mid * 10_000, 2),
                total > 0 ? round((bidQty - askQty) / total, 3) : 0, BOOK_LEVELS, whales);
    }

    private MarketContext.PositionSummary positionSummary() {
        if (position == null || position.isFlat()) return null;
        double q = position.quantity().doubleValue();
        String side = switch (position.positionSide()) {
            case LONG -> "LONG";
            case SHORT -> "SHORT";
            default -> q >= 0 ? "LONG" : "SHORT";
        };
        return new MarketContext.PositionSummary(side, Math.abs(q), position.averageEntryPrice().doubleValue(),
                round(position.unrealizedPnl().doubleValue(), 2));
    }

    private double close(int i) {
        return bars.get(i).close().doubleValue();
    }

    private static double pct(double now, double before) {
        return before == 0 ? 0 : (now - before) / before * 100;
    }

    private static void put(Map<String, Double> m, String name, Indicator<Num> ind, int end, int digits) {
        if (end < ind.getCountOfUnstableBars()) return;
        double v = ind.getValue(end).doubleValue();
        if (Double.isFinite(v)) m.put(name, round(v, digits));
    }

    /** Rounds half-up to {@code digits} decimals (deterministic prompt text). */
    static double round(double v, int digits) {
        if (!Double.isFinite(v)) return v;
        return BigDecimal.valueOf(v).setScale(digits, java.math.RoundingMode.HALF_UP).doubleValue();
    }

    /** A ta4j series of {@code bars}, every {@code factor} bars merged into one (OHLCV aggregate). */
    private static BarSeries series(List<Bar> bars, int factor) {
        BarSeries s = new BaseBarSeriesBuilder().withName("ai-context").withNumFactory(DoubleNumFactory.getInstance()).build();
        long step = bars.getFirst().interval().millis();
        for (int i = 0; i + factor <= bars.size(); i += factor) {
            double o = bars.get(i).open().doubleValue();
            double h = Double.NEGATIVE_INFINITY;
            double l = Double.POSITIVE_INFINITY;
            double v = 0;
            for (int j = i; j < i + factor; j++) {
                Bar b = bars.get(j);
                h = Math.max(h, b.high().doubleValue());
                l = Math.min(l, b.low().doubleValue());
                v += b.volume().doubleValue();
            }
            Bar lastOf = bars.get(i + factor - 1);
            s.barBuilder().timePeriod(Duration.ofMillis(step * factor))
                    .endTime(Instant.ofEpochMilli(lastOf.openTime() + step))
                    .openPrice(o).highPrice(h).lowPrice(l).closePrice(lastOf.close().doubleValue()).volume(v).add();
        }
        return s;
    }
}
