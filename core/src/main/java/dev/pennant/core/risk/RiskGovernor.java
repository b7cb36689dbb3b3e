package dev.pennant.core.risk;

import dev.pennant.core.execution.OrderRequest;
import dev.pennant.core.model.Instrument;
import dev.pennant.core.model.Market;
import dev.pennant.core.model.Position;
import dev.pennant.core.model.Side;
import dev.pennant.core.portfolio.Portfolio;
import dev.pennant.core.portfolio.margin.LeverageBracketTable;
import dev.pennant.core.portfolio.margin.LeverageBrackets;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The continuous half of the risk engine for one scope (the account or one portfolio): the trading state
 * ({@link RiskState}) from latched breaches, the limits that need history (exposure, correlation, leverage under
 * volatility, orders per minute) and the full recomputation (VaR, correlation matrix, margin ratio).
 *
 * <p>Time is always the engine's time (market-data time in backtests and replays), so daily-loss limits reset at
 * 00:00 UTC of the data and cooldowns elapse in data time. Breaches and what lifts them:
 * <ul>
 *   <li>{@code daily_loss}: HALTED until the next UTC day starts (a manual resume does not lift it);</li>
 *   <li>{@code max_drawdown}: HALTED until equity is back within half the limit (hysteresis), or {@code drawdownCooldownMs} passed
 *       (the peak is then re-based to the equity of that moment), or a manual resume (re-bases too);</li>
 *   <li>{@code exchange_errors}, {@code slippage}: HALTED for {@code breakerCooldownMs}, or until a manual resume;</li>
 *   <li>{@code stale_data}: HALTED until market data arrives again;</li>
 *   <li>{@code margin_ratio}: REDUCING (the engine halves futures positions) until the ratio is below 80 % of the
 *       line;</li>
 *   <li>{@code reduce_only}: REDUCING set by the user until cleared.</li>
 * </ul>
 * Not thread-safe: engine thread only (the snapshot it returns is immutable).
 */
public final class RiskGovernor {

    /** Common returns needed before the correlation limit applies. */
    public static final int MIN_CORRELATION_RETURNS = 30;

    /** The breaches a governor can latch. */
    public enum Breach {
        DAILY_LOSS("daily_loss"), DRAWDOWN("max_drawdown"), EXCHANGE_ERRORS("exchange_errors"),
        STALE_DATA("stale_data"), SLIPPAGE("slippage"), MARGIN("margin_ratio"), REDUCE_ONLY("reduce_only");

        /** The limit's name in events. */
        public final String limit;

        Breach(String limit) {
            this.limit = limit;
        }
    }

    /**
     * An engaged breach.
     *
     * @param breach    which
     * @param state     HALTED or REDUCING
     * @param since     when it latched, epoch ms
     * @param value     the measured value then
     * @param threshold the limit
     * @param lifts     what lifts it
     * @param liftAt    engine time at which it lifts by itself, or {@code Long.MAX_VALUE}
     */
    public record Latch(Breach breach, RiskState state, long since, String value, String threshold, String lifts,
                        long liftAt) {

        /** "max_drawdown 25.4 % >= 25 % since 2021-05-19T13:05:00Z; lifts: …". */
        public String describe() {
            return breach.limit + " " + value + (threshold.isEmpty() ? "" : " >= " + threshold) + " since "
                    + Instant.ofEpochMilli(since) + "; lifts: " + lifts;
        }
    }

    /**
     * A pre-trade refusal.
     *
     * @param limit     the rule's name
     * @param value     the measured value
     * @param threshold the limit
     * @param reason    the full sentence
     */
    public record Veto(String limit, String value, String threshold, String reason) {
    }

    private static volatile LeverageBracketTable brackets;

    private final String scope;
    private RiskLimits limits;
    private RiskEventListener sink;
    private final Map<String, ReturnSeries> series = new HashMap<>();
    private final EnumMap<Breach, Latch> latches = new EnumMap<>(Breach.class);
    private final Set<String> isolated = new HashSet<>();
    private final Map<String, Map<String, double[]>> corrCache = new HashMap<>();
    private final Map<String, double[]> refs = new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, double[]> e) {
            return size() > 4096;
        }
    };
    private RiskState state = RiskState.ACTIVE;
    private BigDecimal peak;
    private BigDecimal dayStart;
    private long day = Long.MIN_VALUE;
    private long lastData;
    private int consecutiveErrors;
    private long[] orderTimes = new long[0];
    private int orderHead;
    private double lastMarginRatio = Double.NaN;
    private double[] scratchA = new double[ReturnSeries.CAPACITY];
    private double[] scratchB = new double[ReturnSeries.CAPACITY];
    private long[] scratchT = new long[ReturnSeries.CAPACITY];

    /**
     * @param scope  {@code account} or {@code portfolio:<id>}
     * @param limits the limits in force
     * @param sink   receives every event (may be {@code null}: events are dropped)
     */
    public RiskGovernor(String scope, RiskLimits limits, RiskEventListener sink) {
        this.scope = scope;
        this.sink = sink;
        setLimits(limits);
    }

    /** The scope name. */
    public String scope() {
        return scope;
    }

    /** Replaces the limits (e.g. edited in the risk panel); latches stay until their rule lifts them. */
    public void setLimits(RiskLimits limits) {
        this.limits = java.util.Objects.requireNonNull(limits, "limits");
        int n = limits.guards().maxOrdersPerMinute();
        if (n != orderTimes.length) {
            orderTimes = new long[n];
            java.util.Arrays.fill(orderTimes, Long.MIN_VALUE);
            orderHead = 0;
        }
    }

    /** The limits in force. */
    public RiskLimits limits() {
        return limits;
    }

    /** Where events go. */
    public void setSink(RiskEventListener sink) {
        this.sink = sink;
    }

    /** Marks {@code symbol} as an isolated-margin position (its own margin ratio is watched). */
    public void setIsolated(String symbol, boolean isolatedMargin) {
        if (isolatedMargin) {
            isolated.add(symbol);
        } else {
            isolated.remove(symbol);
        }
    }

    /** The state now. */
    public RiskState state() {
        return state;
    }

    /** The engaged breaches, most severe first. */
    public List<Latch> latches() {
        List<Latch> l = new ArrayList<>(latches.values());
        l.sort((a, b) -> b.state().compareTo(a.state()));
        return l;
    }

    /** Why the state is not ACTIVE, one latch per clause; empty when ACTIVE. */
    public String reason() {
        StringBuilder b = new StringBuilder();
        for (Latch l : latches()) {
            if (!b.isEmpty()) {
                b.append(" | ");
            }
            b.append(l.state()).append(": ").append(l.describe());
        }
        return b.toString();
    }

    /** The running equity peak (drawdown reference), or {@code null} before the first observation. */
    public BigDecimal peak() {
        return peak;
    }

    /** The symbol's return history (created on first use). */
    public ReturnSeries series(String symbol) {
        return series.computeIfAbsent(symbol, s -> new ReturnSeries());
    }

    // ---- inputs -------------------------------------------------------------------------------------------------

    /** A closed bar of {@code symbol} (prices quote asset, close time epoch ms). */
    public void onBar(String symbol, double high, double low, double close, long time) {
        series(symbol).add(high, low, close, time);
        onData(time);
    }

    /** Any market data at {@code time} (freshness); lifts a stale-data halt. */
    public void onData(long time) {
        if (time > lastData) {
            lastData = time;
        }
        if (latches.containsKey(Breach.STALE_DATA)) {
            lift(Breach.STALE_DATA, time, "market data arrived at " + Instant.ofEpochMilli(time));
        }
    }

    /** The venue rejected an order (consecutive rejections trip the exchange-error breaker). */
    public void onVenueReject(long now, String reason) {
        consecutiveErrors++;
        int max = limits.guards().maxExchangeErrors();
        if (max > 0 && consecutiveErrors >= max && !latches.containsKey(Breach.EXCHANGE_ERRORS)) {
            long cd = limits.guards().breakerCooldownMs();
            latch(Breach.EXCHANGE_ERRORS, RiskState.HALTED, now, consecutiveErrors + " in a row", String.valueOf(max),
                    cd > 0 ? "at " + Instant.ofEpochMilli(now + cd) + " (" + cd / 60_000 + " min cooldown) or a manual resume"
                            : "a manual resume", cd > 0 ? now + cd : Long.MAX_VALUE, "last venue error: " + reason);
        }
    }

    /** The venue accepted an order: the error streak ends. */
    public void onVenueAccept() {
        consecutiveErrors = 0;
    }

    /** An order was approved at {@code now} with reference price {@code ref} (slippage and orders-per-minute). */
    public void onApproved(String clientOrderId, Side side, BigDecimal ref, long now) {
        if (orderTimes.length > 0) {
            orderTimes[orderHead] = now;
            orderHead = (orderHead + 1) % orderTimes.length;
        }
        if (ref != null && clientOrderId != null) {
            refs.put(clientOrderId, new double[]{ref.doubleValue(), side == Side.BUY ? 1 : -1});
        }
    }

    /** A fill of {@code clientOrderId} at {@code price}: adverse slippage beyond the limit trips the breaker. */
    public void onFill(String clientOrderId, BigDecimal price, long time) {
        consecutiveErrors = 0;
        double[] r = refs.get(clientOrderId);
        double max = limits.guards().maxSlippageFraction();
        if (r == null || max <= 0 || r[0] <= 0) {
            return;
        }
        double adverse = (price.doubleValue() - r[0]) / r[0] * r[1];
        if (adverse > max && !latches.containsKey(Breach.SLIPPAGE)) {
            long cd = limits.guards().breakerCooldownMs();
            latch(Breach.SLIPPAGE, RiskState.HALTED, time, pct(adverse), pct(max),
                    cd > 0 ? "at " + Instant.ofEpochMilli(time + cd) + " (" + cd / 60_000 + " min cooldown) or a manual resume"
                            : "a manual resume", cd > 0 ? time + cd : Long.MAX_VALUE,
                    clientOrderId + " filled at " + price.toPlainString() + " vs " + r[0] + " at submission");
        }
    }

    /**
     * Re-evaluates the state with the ledger's equity at {@code now} (call once per closed bar): UTC day roll and
     * daily loss, peak and drawdown, cooldowns, staleness, margin ratio.
     *
     * @return true when the margin ratio is at or above the reduction line (the caller cuts futures positions)
     */
    public boolean observe(Portfolio ledger, long now) {
        BigDecimal equity = ledger.equity();
        RiskLimits.Guards g = limits.guards();
        long d = Math.floorDiv(now, RiskLimits.Guards.DAY_MS);
        if (d != day) {
            day = d;
            dayStart = equity;
            if (latches.containsKey(Breach.DAILY_LOSS)) {
                lift(Breach.DAILY_LOSS, now, "new UTC day " + Instant.ofEpochMilli(d * RiskLimits.Guards.DAY_MS));
            }
        }
        if (peak == null || equity.compareTo(peak) > 0) {
            peak = equity;
        }
        // cooldowns
        for (Latch l : List.copyOf(latches.values())) {
            if (now >= l.liftAt()) {
                if (l.breach() == Breach.DRAWDOWN) {
                    peak = equity;
                    lift(l.breach(), now, "cooldown over; peak re-based to equity " + money(equity));
                } else {
                    lift(l.breach(), now, "cooldown over");
                }
            }
        }
        // daily loss
        if (dayStart != null && dayStart.signum() > 0 && !latches.containsKey(Breach.DAILY_LOSS)) {
            BigDecimal loss = dayStart.subtract(equity);
            double frac = loss.doubleValue() / dayStart.doubleValue();
            boolean byFrac = g.maxDailyLossFraction() > 0 && frac >= g.maxDailyLossFraction();
            boolean byAbs = g.maxDailyLoss() != null && g.maxDailyLoss().signum() > 0 && loss.compareTo(g.maxDailyLoss()) >= 0;
            if (byFrac || byAbs) {
                long next = (day + 1) * RiskLimits.Guards.DAY_MS;
                latch(Breach.DAILY_LOSS, RiskState.HALTED, now, pct(frac) + " (" + money(loss) + ")",
                        byFrac ? pct(g.maxDailyLossFraction()) : money(g.maxDailyLoss()),
                        "at " + Instant.ofEpochMilli(next) + " (new UTC day, market-data time)", next,
                        "equity " + money(equity) + " vs " + money(dayStart) + " at the day's start");
            }
        }
        // drawdown
        if (peak.signum() > 0) {
            double dd = 1 - equity.doubleValue() / peak.doubleValue();
            boolean on = latches.containsKey(Breach.DRAWDOWN);
            if (!on && dd >= limits.maxDrawdownHalt()) {
                long cd = g.drawdownCooldownMs();
                latch(Breach.DRAWDOWN, RiskState.HALTED, now, pct(dd), pct(limits.maxDrawdownHalt()),
                        "equity back within " + pct(limits.maxDrawdownHalt() / 2) + " of the peak " + money(peak)
                                + (cd > 0 ? ", or at " + Instant.ofEpochMilli(now + cd) + " (" + cd / RiskLimits.Guards.DAY_MS
                                + "-day cooldown, peak re-based)" : "") + ", or a manual resume (re-bases the peak)",
                        cd > 0 ? now + cd : Long.MAX_VALUE,
                        "equity " + money(equity) + " vs peak " + money(peak));
            } else if (on && dd < limits.maxDrawdownHalt() / 2) {
                // half the limit: hysteresis, so a path hovering at the line does not flap
                lift(Breach.DRAWDOWN, now, "equity " + money(equity) + " back within half the limit of peak " + money(peak));
            }
        }
        checkStale(now);
        // margin ratio
        double mr = marginRatio(ledger);
        lastMarginRatio = mr;
        double line = g.marginRatioReduce();
        if (line > 0 && !Double.isNaN(mr)) {
            if (mr >= line) {
                if (!latches.containsKey(Breach.MARGIN)) {
                    latch(Breach.MARGIN, RiskState.REDUCING, now, pct(mr), pct(line),
                            "margin ratio below " + pct(line * 0.8), Long.MAX_VALUE, "futures positions are being halved");
                }
                return true;
            } else if (mr < line * 0.8 && latches.containsKey(Breach.MARGIN)) {
                lift(Breach.MARGIN, now, "margin ratio " + pct(mr));
            }
        } else if (latches.containsKey(Breach.MARGIN)) {
            lift(Breach.MARGIN, now, "no futures position at risk");
        }
        return false;
    }

    /** The user's "reduce only" switch: REDUCING until switched off. */
    public void setReduceOnly(boolean on, long now) {
        if (on && !latches.containsKey(Breach.REDUCE_ONLY)) {
            latch(Breach.REDUCE_ONLY, RiskState.REDUCING, now, "on", "", "switching reduce-only off", Long.MAX_VALUE,
                    "set by the user");
        } else if (!on && latches.containsKey(Breach.REDUCE_ONLY)) {
            lift(Breach.REDUCE_ONLY, now, "switched off by the user");
        }
    }

    /**
     * A manual resume: lifts the drawdown (re-basing the peak to {@code equity}), exchange-error and slippage
     * breakers. The daily-loss halt stays until the next UTC day; stale data and margin ratio stay while their
     * condition lasts.
     */
    public void resume(long now, BigDecimal equity) {
        if (latches.containsKey(Breach.DRAWDOWN)) {
            peak = equity;
            lift(Breach.DRAWDOWN, now, "manual resume; peak re-based to " + money(equity));
        }
        for (Breach b : new Breach[]{Breach.EXCHANGE_ERRORS, Breach.SLIPPAGE}) {
            if (latches.containsKey(b)) {
                lift(b, now, "manual resume");
            }
        }
        consecutiveErrors = 0;
    }

    // ---- pre-trade ------------------------------------------------------------------------------------------------

    /**
     * The state and history-based rules for one order. Reducing orders pass every rule but orders per minute.
     *
     * @param req       the request (side, symbol, options)
     * @param qty       base quantity after rounding
     * @param px        the price the order is valued at, quote asset ({@code null}: notional rules skipped)
     * @param ledger    the ledger the order trades for
     * @param reducing  the order only reduces or closes a position
     * @param now       engine time, epoch ms
     * @return {@code null} when allowed, else the veto
     */
    public Veto preTrade(OrderRequest req, BigDecimal qty, BigDecimal px, Instrument instrument, Portfolio ledger,
                         boolean reducing, long now) {
        RiskLimits.Guards g = limits.guards();
        checkStale(now);
        if (orderTimes.length > 0) {
            long oldest = orderTimes[orderHead];
            if (oldest != Long.MIN_VALUE && now - oldest < 60_000) {
                return new Veto("max_orders_per_minute", orderTimes.length + " in "
                        + (now - oldest) / 1000 + " s", String.valueOf(orderTimes.length),
                        "max orders per minute: " + orderTimes.length + " orders already sent since "
                                + Instant.ofEpochMilli(oldest) + " (limit " + orderTimes.length + " / 60 s)");
            }
        }
        if (reducing) {
            return null;
        }
        if (state != RiskState.ACTIVE) {
            Latch l = latches().getFirst();
            return new Veto(l.breach().limit, l.value(), l.threshold(), state + " by " + l.describe()
                    + ": orders that open or increase a position are vetoed");
        }
        if (px == null) {
            return null;
        }
        String sym = req.symbol();
        BigDecimal notional = req.options().quoteOrderQty() != null ? req.options().quoteOrderQty() : qty.multiply(px);
        Position pos = ledger.position(sym, req.options().positionSide());
        List<Position> open = ledger.openPositions();
        if (g.maxOpenPositions() > 0 && pos.isFlat() && open.size() >= g.maxOpenPositions()) {
            return new Veto("max_open_positions", String.valueOf(open.size()), String.valueOf(g.maxOpenPositions()),
                    "max open positions: " + open.size() + " open, limit " + g.maxOpenPositions()
                            + "; a new position in " + sym + " is vetoed");
        }
        BigDecimal after = pos.quantity().abs().multiply(px).add(notional);
        if (g.maxPositionNotional() != null && g.maxPositionNotional().signum() > 0
                && after.compareTo(g.maxPositionNotional()) > 0) {
            return new Veto("max_position_size", money(after), money(g.maxPositionNotional()),
                    "max position size: " + sym + " notional would be " + money(after) + " > " + money(g.maxPositionNotional()));
        }
        if (instrument.market() == Market.USDM_FUTURES && g.maxLeverage() > 0) {
            int lev = ledger.leverage(sym);
            int allowed = allowedLeverage(sym);
            if (lev > allowed) {
                double vol = series(sym).dailyVolatility();
                return new Veto("max_leverage", lev + "x", allowed + "x", "max leverage: " + sym + " at " + lev
                        + "x, allowed " + allowed + "x" + (allowed < g.maxLeverage()
                        ? String.format(Locale.ROOT, " (reduced from %dx: realised volatility %.1f %%/day > target %.1f %%/day)",
                        g.maxLeverage(), vol * 100, g.targetDailyVolatility() * 100) : ""));
            }
        }
        double equity = ledger.equity().doubleValue();
        if ((g.maxGrossExposure() > 0 || g.maxNetExposure() > 0) && equity > 0) {
            double gross = 0;
            double net = 0;
            for (Position p : open) {
                double n = p.quantity().doubleValue() * p.lastPrice().doubleValue();
                gross += Math.abs(n);
                net += n;
            }
            double signed = req.side() == Side.BUY ? notional.doubleValue() : -notional.doubleValue();
            double grossAfter = (gross + Math.abs(signed)) / equity;
            double netAfter = Math.abs(net + signed) / equity;
            if (g.maxGrossExposure() > 0 && grossAfter > g.maxGrossExposure() + 1e-12) {
                return new Veto("max_gross_exposure", times(grossAfter), times(g.maxGrossExposure()),
                        "max gross exposure: " + times(grossAfter) + " equity after the order > " + times(g.maxGrossExposure()));
            }
            if (g.maxNetExposure() > 0 && netAfter > g.maxNetExposure() + 1e-12) {
                return new Veto("max_net_exposure", times(netAfter), times(g.maxNetExposure()),
                        "max net exposure: " + times(netAfter) + " equity after the order > " + times(g.maxNetExposure()));
            }
        }
        if (g.maxCorrelation() > 0) {
            for (Position p : open) {
                if (p.symbol().equals(sym)) {
                    continue;
                }
                double rho = correlation(sym, p.symbol());
                if (!Double.isNaN(rho) && Math.abs(rho) > g.maxCorrelation()) {
                    return new Veto("max_correlation", String.format(Locale.ROOT, "%.2f", rho),
                            String.format(Locale.ROOT, "%.2f", g.maxCorrelation()),
                            String.format(Locale.ROOT, "max correlation: %s returns correlate %.2f with the open %s "
                                    + "position (limit %.2f, last %d bars)", sym, rho, p.symbol(), g.maxCorrelation(),
                                    Math.min(series(sym).size(), series(p.symbol()).size())));
                }
            }
        }
        return null;
    }

    /**
     * The leverage allowed on {@code symbol} now: {@code maxLeverage}, scaled by {@code target / realised} daily
     * volatility when the realised one is higher (at least 1); {@code Integer.MAX_VALUE} when no limit.
     */
    public int allowedLeverage(String symbol) {
        RiskLimits.Guards g = limits.guards();
        if (g.maxLeverage() <= 0) {
            return Integer.MAX_VALUE;
        }
        double vol = series(symbol).dailyVolatility();
        if (g.targetDailyVolatility() > 0 && vol > g.targetDailyVolatility()) {
            return Math.max(1, (int) Math.floor(g.maxLeverage() * g.targetDailyVolatility() / vol));
        }
        return g.maxLeverage();
    }

    /**
     * Pearson correlation of the two symbols' bar returns at common close times; NaN below 30 common returns. Cached
     * until either series gets a new bar (pre-trade checks between bars cost a lookup).
     */
    public double correlation(String a, String b) {
        ReturnSeries sa = series.get(a);
        ReturnSeries sb = series.get(b);
        if (sa == null || sb == null) {
            return Double.NaN;
        }
        Map<String, double[]> row = corrCache.computeIfAbsent(a, k -> new HashMap<>());
        double[] c = row.get(b);
        long ta = sa.size() == 0 ? 0 : sa.timeAt(sa.size() - 1);
        long tb = sb.size() == 0 ? 0 : sb.timeAt(sb.size() - 1);
        if (c != null && c[1] == ta && c[2] == tb) {
            return c[0];
        }
        double rho = computeCorrelation(sa, sb);
        row.put(b, new double[]{rho, ta, tb});
        return rho;
    }

    private double computeCorrelation(ReturnSeries sa, ReturnSeries sb) {
        int n = 0;
        int j = 0;
        for (int i = 0; i < sa.size(); i++) {
            long t = sa.timeAt(i);
            while (j < sb.size() && sb.timeAt(j) < t) {
                j++;
            }
            if (j < sb.size() && sb.timeAt(j) == t) {
                scratchA[n] = sa.returnAt(i);
                scratchB[n] = sb.returnAt(j);
                n++;
            }
        }
        return n < MIN_CORRELATION_RETURNS ? Double.NaN : RiskMetrics.pearson(scratchA, scratchB, n);
    }

    // ---- recomputation ---------------------------------------------------------------------------------------------

    /**
     * Full recomputation: exposure, 1-day VaR 95/99 % (historical simulation over the last ≤ 256 bar returns of the
     * open positions at their current notionals, scaled by √(bars per day)), the correlation matrix of the open
     * positions, margin ratio.
     */
    public RiskSnapshot recompute(Portfolio ledger, long now) {
        List<Position> open = ledger.openPositions();
        int m = open.size();
        double gross = 0;
        double net = 0;
        double[] notional = new double[m];
        List<String> symbols = new ArrayList<>(m);
        ReturnSeries ref = null;
        for (int i = 0; i < m; i++) {
            Position p = open.get(i);
            notional[i] = p.quantity().doubleValue() * p.lastPrice().doubleValue();
            gross += Math.abs(notional[i]);
            net += notional[i];
            symbols.add(p.symbol());
            ReturnSeries s = series.get(p.symbol());
            if (s != null && (ref == null || s.size() > ref.size())) {
                ref = s;
            }
        }
        double var95 = Double.NaN;
        double var99 = Double.NaN;
        double[][] corr = new double[m][m];
        if (ref != null && ref.size() >= 2) {
            int n = ref.size();
            for (int k = 0; k < n; k++) {
                scratchT[k] = ref.timeAt(k);
            }
            double[][] x = new double[m][n];
            double[] pnl = new double[n];
            for (int i = 0; i < m; i++) {
                ReturnSeries s = series.get(symbols.get(i));
                if (s != null) {
                    s.alignTo(scratchT, n, x[i]);
                }
                double[] r = x[i];
                double ni = notional[i];
                for (int k = 0; k < n; k++) {
                    pnl[k] += ni * r[k];
                }
            }
            double scale = RiskMetrics.barsPerDay(ref.spacingMs());
            double[] copy = pnl.clone();
            var95 = RiskMetrics.historicalVar(pnl, n, 0.95, scale);
            var99 = RiskMetrics.historicalVar(copy, n, 0.99, scale);
            corr = RiskMetrics.correlationMatrix(x, m, n);
        } else {
            for (int i = 0; i < m; i++) {
                java.util.Arrays.fill(corr[i], Double.NaN);
                corr[i][i] = 1;
            }
        }
        double equity = ledger.equity().doubleValue();
        double mr = marginRatio(ledger);
        return new RiskSnapshot(now, scope, state, reason(), equity,
                dayStart == null ? 0 : equity - dayStart.doubleValue(),
                peak == null || peak.signum() <= 0 ? 0 : Math.max(0, 1 - equity / peak.doubleValue()),
                gross, net, var95, var99, List.copyOf(symbols), corr, mr, m);
    }

    /** The last margin ratio computed by {@link #observe} (NaN without futures positions). */
    public double lastMarginRatio() {
        return lastMarginRatio;
    }

    /**
     * Futures margin ratio, Binance's definition (maintenance margin / margin balance): cross positions against
     * wallet + cross unrealised P&L, each isolated position against its own margin (entry notional / leverage +
     * its unrealised P&L); the worst. Maintenance from the bundled leverage brackets. NaN without futures positions.
     */
    public double marginRatio(Portfolio ledger) {
        double crossMaint = 0;
        double crossUnreal = 0;
        double worst = Double.NaN;
        boolean any = false;
        for (Position p : ledger.openPositions()) {
            if (p.market() != Market.USDM_FUTURES) {
                continue;
            }
            any = true;
            BigDecimal n = p.quantity().abs().multiply(p.lastPrice());
            double maint = brackets(p.symbol()).maintenanceMargin(n).doubleValue();
            double unreal = p.unrealizedPnl().doubleValue();
            if (isolated.contains(p.symbol())) {
                double margin = p.quantity().abs().doubleValue() * p.averageEntryPrice().doubleValue()
                        / ledger.leverage(p.symbol()) + unreal;
                double r = margin <= 0 ? Double.POSITIVE_INFINITY : maint / margin;
                worst = Double.isNaN(worst) ? r : Math.max(worst, r);
            } else {
                crossMaint += maint;
                crossUnreal += unreal;
            }
        }
        if (!any) {
            return Double.NaN;
        }
        if (crossMaint > 0) {
            double bal = ledger.cash().doubleValue() + crossUnreal;
            double r = bal <= 0 ? Double.POSITIVE_INFINITY : crossMaint / bal;
            worst = Double.isNaN(worst) ? r : Math.max(worst, r);
        }
        return worst;
    }

    private static LeverageBrackets brackets(String symbol) {
        LeverageBracketTable t = brackets;
        if (t == null) {
            t = dev.pennant.core.portfolio.margin.LeverageBrackets.bundled();
            brackets = t;
        }
        return t.forSymbol(symbol);
    }

    // ---- state machine ---------------------------------------------------------------------------------------------

    private void checkStale(long now) {
        long stale = limits.guards().staleDataMs();
        if (stale > 0 && lastData > 0 && now - lastData > stale && !latches.containsKey(Breach.STALE_DATA)) {
            latch(Breach.STALE_DATA, RiskState.HALTED, now, (now - lastData) / 1000 + " s", stale / 1000 + " s",
                    "market data arriving again", Long.MAX_VALUE,
                    "last market data at " + Instant.ofEpochMilli(lastData));
        }
    }

    private void latch(Breach b, RiskState s, long now, String value, String threshold, String lifts, long liftAt,
                       String detail) {
        latches.put(b, new Latch(b, s, now, value, threshold, lifts, liftAt));
        updateState();
        emit(new RiskEvent(now, scope, RiskEvent.Kind.HALT, state, b.limit, value, threshold, lifts, detail));
    }

    private void lift(Breach b, long now, String why) {
        Latch l = latches.remove(b);
        if (l == null) {
            return;
        }
        updateState();
        emit(new RiskEvent(now, scope, RiskEvent.Kind.RESUME, state, b.limit, "", "", why,
                "engaged since " + Instant.ofEpochMilli(l.since())));
    }

    private void updateState() {
        RiskState s = RiskState.ACTIVE;
        for (Latch l : latches.values()) {
            if (l.state().compareTo(s) > 0) {
                s = l.state();
            }
        }
        state = s;
    }

    /** Sends an event to the sink (vetoes too: {@link RiskEngine} emits them through here). */
    void emit(RiskEvent e) {
        RiskEventListener l = sink;
        if (l != null) {
            l.onRiskEvent(e);
        }
    }

    static String pct(double fraction) {
        return String.format(Locale.ROOT, "%.2f %%", fraction * 100);
    }

    static String money(BigDecimal v) {
        return v == null ? "-" : v.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString();
    }

    private static String times(double x) {
        return String.format(Locale.ROOT, "%.2fx", x);
    }
}
