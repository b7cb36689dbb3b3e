package dev.pennant.core.analytics;

import dev.pennant.core.model.Bar;
import dev.pennant.core.model.Fill;
import dev.pennant.core.model.Side;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongFunction;

/**
 * Performance analytics of one run (backtest, paper session, portfolio or strategy): the equity and drawdown curves,
 * daily and monthly returns (the monthly heat map), P&amp;L by symbol, the round trips, and the figures of
 * {@link PerformanceMetrics} (each formula and its source documented there; annualisation on 365 days).
 *
 * <p>The curve arrays start with the starting equity at {@code times[0]} (one bar before the first equity sample),
 * so {@code equity.length} = samples + 1. Arrays are owned by the report: do not modify them.
 *
 * @param barMillis bar interval in ms (annualisation)
 * @param times     curve times, epoch ms UTC, ascending
 * @param equity    equity at each time, quote asset
 * @param drawdown  {@code (peak − equity) / peak} at each time, fraction ≥ 0
 * @param daily     returns per UTC day, in date order
 * @param monthly   returns per UTC month, in month order
 * @param bySymbol  P&amp;L per symbol, sorted by symbol
 * @param trades    round trips ({@link Trade#fromFills}): closed ones, then any still open
 * @param metrics   the scalar figures
 */
public record PerformanceReport(long barMillis, long[] times, double[] equity, double[] drawdown,
                                List<PeriodReturn> daily, List<PeriodReturn> monthly, List<SymbolPnl> bySymbol,
                                List<Trade> trades, PerformanceMetrics metrics) {

    private static final double YEAR_MS = 365.0 * 86_400_000.0;

    /**
     * Computes the report.
     *
     * @param startingEquity equity before the first sample, quote asset (&gt; 0)
     * @param times          time of each equity sample (after each bar), epoch ms UTC, ascending; same length as
     *                       {@code equity}
     * @param equity         equity samples, quote asset
     * @param fills          every fill of the run, in time order
     * @param barMillis      bar interval in ms (&gt; 0)
     * @param bars           the bars the run traded (slippage reference: the open of the bar each fill falls in);
     *                       {@code null} or empty to report no slippage
     * @throws IllegalArgumentException naming the argument and the rule (lengths differ, no sample, start ≤ 0,
     *                                  barMillis ≤ 0, times not ascending)
     */
    public static PerformanceReport compute(double startingEquity, long[] times, double[] equity, List<Fill> fills,
                                            long barMillis, List<Bar> bars) {
        if (times.length != equity.length) {
            throw new IllegalArgumentException("times and equity must have the same length, were " + times.length
                    + " and " + equity.length);
        }
        if (equity.length == 0) {
            throw new IllegalArgumentException("equity must have at least one sample");
        }
        if (!(startingEquity > 0)) {
            throw new IllegalArgumentException("startingEquity must be > 0, was " + startingEquity);
        }
        if (barMillis <= 0) {
            throw new IllegalArgumentException("barMillis must be > 0, was " + barMillis);
        }
        int n = equity.length;
        long[] t = new long[n + 1];
        double[] e = new double[n + 1];
        t[0] = times[0] - barMillis;
        e[0] = startingEquity;
        for (int i = 0; i < n; i++) {
            if (i > 0 && times[i] < times[i - 1]) {
                throw new IllegalArgumentException("times must be ascending: index " + i + " (" + times[i]
                        + ") is before index " + (i - 1) + " (" + times[i - 1] + ")");
            }
            t[i + 1] = times[i];
            e[i + 1] = equity[i];
        }
        double barsPerYear = YEAR_MS / barMillis;

        // drawdown curve, max drawdown (fraction and quote), its duration and the longest drawdown
        double[] dd = new double[n + 1];
        double peak = e[0];
        int peakIdx = 0;
        double maxDd = 0;
        double maxDdQuote = 0;
        int maxDdPeakIdx = 0;
        int maxDdTroughIdx = 0;
        long longest = 0;
        boolean underwater = false;
        for (int i = 0; i <= n; i++) {
            if (e[i] >= peak) {
                if (underwater) {
                    longest = Math.max(longest, t[i] - t[peakIdx]);
                }
                underwater = false;
                peak = e[i];
                peakIdx = i;
            } else {
                underwater = true;
            }
            dd[i] = peak > 0 ? (peak - e[i]) / peak : 0;
            if (dd[i] > maxDd) {
                maxDd = dd[i];
                maxDdPeakIdx = peakIdx;
                maxDdTroughIdx = i;
            }
            maxDdQuote = Math.max(maxDdQuote, peak - e[i]);
        }
        if (underwater) {
            longest = Math.max(longest, t[n] - t[peakIdx]); // still under water at the end
        }
        long maxDdDuration = 0;
        boolean recovered = true;
        if (maxDd > 0) {
            int r = -1;
            for (int i = maxDdTroughIdx + 1; i <= n; i++) {
                if (e[i] >= e[maxDdPeakIdx]) {
                    r = i;
                    break;
                }
            }
            recovered = r >= 0;
            maxDdDuration = (recovered ? t[r] : t[n]) - t[maxDdPeakIdx];
        }

        // per-bar returns: Sharpe, Sortino
        double sum = 0;
        double downSq = 0;
        int k = 0;
        for (int i = 1; i <= n; i++) {
            if (e[i - 1] > 0) {
                double r = e[i] / e[i - 1] - 1;
                sum += r;
                downSq += Math.min(r, 0) * Math.min(r, 0);
                k++;
            }
        }
        double mean = k > 0 ? sum / k : Double.NaN;
        double var = 0;
        for (int i = 1; i <= n; i++) {
            if (e[i - 1] > 0) {
                double r = e[i] / e[i - 1] - 1;
                var += (r - mean) * (r - mean);
            }
        }
        double sharpe = Double.NaN;
        if (k > 1) {
            double sd = Math.sqrt(var / (k - 1));
            if (sd > 1e-15) {
                sharpe = mean / sd * Math.sqrt(barsPerYear);
            }
        }
        double downside = k > 0 ? Math.sqrt(downSq / k) : 0;
        double sortino = downside > 1e-15 ? mean / downside * Math.sqrt(barsPerYear) : Double.NaN;
        double years = n * (double) barMillis / YEAR_MS;
        double growth = e[n] / e[0];
        double cagr = growth <= 0 ? -1 : Math.pow(growth, 1 / years) - 1;
        double calmar = maxDd > 0 ? cagr / maxDd : Double.NaN;

        // trades
        List<Trade> trades = Trade.fromFills(fills);
        int closed = 0;
        int wins = 0;
        int losses = 0;
        double grossWin = 0;
        double grossLoss = 0;
        double closedPnl = 0;
        for (Trade tr : trades) {
            if (tr.open()) {
                continue;
            }
            closed++;
            closedPnl += tr.pnl();
            if (tr.pnl() > 0) {
                wins++;
                grossWin += tr.pnl();
            } else if (tr.pnl() < 0) {
                losses++;
                grossLoss -= tr.pnl();
            }
        }
        double winRate = closed == 0 ? Double.NaN : (double) wins / closed;
        double avgWin = wins == 0 ? Double.NaN : grossWin / wins;
        double avgLoss = losses == 0 ? Double.NaN : grossLoss / losses;
        double winLoss = avgWin / avgLoss;
        double profitFactor = grossLoss > 0 ? grossWin / grossLoss : grossWin > 0 ? Double.POSITIVE_INFINITY : Double.NaN;
        double expectancy = closed == 0 ? Double.NaN : closedPnl / closed;
        boolean openTrade = trades.stream().anyMatch(Trade::open);
        double exposure = exposure(trades, t[0], t[n]);

        // fees, slippage, per symbol
        double fees = 0;
        double slippage = 0;
        Map<String, double[]> sym = new TreeMap<>();
        List<Bar> ref = bars == null ? List.of() : bars;
        for (Fill f : fills) {
            double fee = f.commission().doubleValue();
            fees += fee;
            double[] s = sym.computeIfAbsent(f.symbol(), x -> new double[3]);
            s[1] += f.realizedPnl().doubleValue();
            s[2] += fee;
            double open = referenceOpen(ref, f.time());
            if (!Double.isNaN(open)) {
                double diff = f.price().doubleValue() - open;
                slippage += (f.side() == Side.BUY ? diff : -diff) * f.quantity().doubleValue();
            }
        }
        for (Trade tr : trades) {
            if (!tr.open()) {
                sym.get(tr.symbol())[0]++;
            }
        }
        List<SymbolPnl> bySymbol = new ArrayList<>();
        sym.forEach((s, v) -> bySymbol.add(new SymbolPnl(s, (int) v[0], v[1], v[2])));

        PerformanceMetrics m = new PerformanceMetrics(e[0], e[n], e[n] - e[0], growth - 1, cagr, sharpe, sortino, calmar,
                maxDd, maxDdQuote, maxDdDuration, recovered, longest, closed, wins, losses, winRate, avgWin, avgLoss,
                winLoss, profitFactor, expectancy, exposure, fees, slippage, barsPerYear, openTrade);
        return new PerformanceReport(barMillis, t, e, dd,
                periodReturns(t, e, ms -> day(ms)), periodReturns(t, e, ms -> day(ms).substring(0, 7)),
                List.copyOf(bySymbol), trades, m);
    }

    /**
     * The monthly returns as a year × month grid (the heat map).
     *
     * @return years ascending, and {@code values[y][m]} the return fraction of month {@code m} (0 = January) of
     *         {@code years.get(y)}, NaN for months outside the run
     */
    public MonthlyGrid monthlyGrid() {
        TreeMap<Integer, double[]> rows = new TreeMap<>();
        for (PeriodReturn p : monthly) {
            int year = Integer.parseInt(p.period().substring(0, 4));
            int month = Integer.parseInt(p.period().substring(5, 7));
            rows.computeIfAbsent(year, y -> {
                double[] a = new double[12];
                Arrays.fill(a, Double.NaN);
                return a;
            })[month - 1] = p.returnFraction();
        }
        return new MonthlyGrid(List.copyOf(rows.keySet()), rows.values().toArray(new double[0][]));
    }

    /**
     * Monthly returns laid out for a heat map.
     *
     * @param years  calendar years (UTC), ascending
     * @param values {@code values[yearIndex][monthIndex]}, return fraction, NaN where the run has no data
     */
    public record MonthlyGrid(List<Integer> years, double[][] values) {
    }

    private static String day(long ms) {
        return ZonedDateTime.ofInstant(Instant.ofEpochMilli(ms), ZoneOffset.UTC).toLocalDate().toString();
    }

    /** Last equity of each period against the previous period's last equity (the first against e[0]). */
    private static List<PeriodReturn> periodReturns(long[] t, double[] e, LongFunction<String> key) {
        List<PeriodReturn> out = new ArrayList<>();
        double prevClose = e[0];
        String current = null;
        double last = e[0];
        for (int i = 1; i < t.length; i++) {
            String k = key.apply(t[i]);
            if (current != null && !k.equals(current)) {
                out.add(new PeriodReturn(current, last, prevClose > 0 ? last / prevClose - 1 : Double.NaN));
                prevClose = last;
            }
            current = k;
            last = e[i];
        }
        if (current != null) {
            out.add(new PeriodReturn(current, last, prevClose > 0 ? last / prevClose - 1 : Double.NaN));
        }
        return Collections.unmodifiableList(out);
    }

    /** Union of the trades' [entry, exit] spans (open trades: to the end) over [start, end]. */
    private static double exposure(List<Trade> trades, long start, long end) {
        if (end <= start || trades.isEmpty()) {
            return 0;
        }
        long[][] spans = trades.stream().map(tr -> new long[] {Math.max(start, tr.entryTime()),
                Math.min(end, tr.open() ? end : tr.exitTime())}).sorted((a, b) -> Long.compare(a[0], b[0]))
                .toArray(long[][]::new);
        long covered = 0;
        long curFrom = spans[0][0];
        long curTo = spans[0][1];
        for (int i = 1; i < spans.length; i++) {
            if (spans[i][0] > curTo) {
                covered += curTo - curFrom;
                curFrom = spans[i][0];
                curTo = spans[i][1];
            } else {
                curTo = Math.max(curTo, spans[i][1]);
            }
        }
        covered += curTo - curFrom;
        return (double) covered / (end - start);
    }

    /** Open of the bar whose [openTime, closeTime] holds {@code time} (binary search); NaN when none does. */
    private static double referenceOpen(List<Bar> bars, long time) {
        int lo = 0;
        int hi = bars.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            Bar b = bars.get(mid);
            if (time < b.openTime()) {
                hi = mid - 1;
            } else if (time > b.closeTime()) {
                lo = mid + 1;
            } else {
                return b.open().doubleValue();
            }
        }
        return Double.NaN;
    }
}
