package dev.pennant.core.portfolio.manager;

import dev.pennant.core.analysis.IndicatorSnapshot;
import dev.pennant.core.engine.EngineListener;
import dev.pennant.core.execution.OrderRequest;
import dev.pennant.core.model.Bar;
import dev.pennant.core.model.Fill;
import dev.pennant.core.model.Position;
import dev.pennant.core.model.PositionSide;
import dev.pennant.core.portfolio.Portfolio;
import dev.pennant.core.risk.PortfolioScope;
import dev.pennant.core.risk.RiskEventListener;
import dev.pennant.core.risk.RiskGovernor;
import dev.pennant.core.risk.RiskLimits;
import dev.pennant.core.risk.RiskSnapshot;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * The per-portfolio ledger of portfolios sharing one account: every approved order is assigned to the portfolio that
 * placed it (a {@code P<id>.…} clientOrderId, else an attached strategy's name in {@code OrderOptions.strategyId},
 * else the active portfolio), and its fills are booked to that portfolio's own {@link Portfolio} ledger only — so
 * positions, cash, realised/unrealised P&L and fees are the portfolio's, and the risk engine checks a portfolio's
 * orders against its own cash, positions, per-symbol budget and limits (two portfolios never consume each other's
 * assets). Orders of the emergency stop are not assigned (they close account positions as a whole).
 *
 * <p>Implements {@link PortfolioScope} for the risk engine and {@link EngineListener} (bars mark every ledger; fills
 * are booked). Methods are synchronized: the engine thread books, the UI reads.
 */
public final class PortfolioBook implements PortfolioScope, EngineListener {

    private static final int MAX_ASSIGNED = 200_000;

    /** One portfolio's live state. */
    private static final class Entry {
        PortfolioDefinition def;
        Portfolio ledger;
        final RiskGovernor governor;

        Entry(PortfolioDefinition def, Portfolio ledger, RiskGovernor governor) {
            this.def = def;
            this.ledger = ledger;
            this.governor = governor;
        }
    }

    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final Map<String, String> byStrategy = new LinkedHashMap<>();
    private final Map<String, String> assigned = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> e) {
            return size() > MAX_ASSIGNED;
        }
    };
    private final RiskEventListener sink;
    private BiConsumer<String, Fill> fillSink = (p, f) -> { };
    private String active;

    /** @param sink receives every portfolio governor's events (may be {@code null}) */
    public PortfolioBook(RiskEventListener sink) {
        this.sink = sink;
    }

    /** Where booked fills go (the store), called on the engine thread after the ledger changed. */
    public synchronized void onBooked(BiConsumer<String, Fill> sink) {
        this.fillSink = Objects.requireNonNull(sink, "sink");
    }

    /**
     * Adds or replaces a portfolio. A new one gets a fresh ledger with {@code cash}; an existing one keeps its ledger
     * and governor (settings change, history stays).
     *
     * @param limits its limits, {@code null} for the risk level's preset
     */
    public synchronized void put(PortfolioDefinition def, BigDecimal cash, RiskLimits limits) {
        String id = String.valueOf(def.id());
        RiskLimits l = limits != null ? limits : def.riskLevel().limits(new BigDecimal("0.001"));
        Entry e = entries.get(id);
        if (e == null) {
            entries.put(id, new Entry(def, new Portfolio(def.quoteAsset(), cash), new RiskGovernor("portfolio:" + id, l, sink)));
        } else {
            e.def = def;
            e.governor.setLimits(l);
        }
        byStrategy.values().removeIf(id::equals);
        if (!def.archived()) {
            for (String s : def.strategies()) {
                byStrategy.put(s, id);
            }
        }
    }

    /** Books stored fills into the portfolio's ledger (a restart), without telling the fill sink. */
    public synchronized void replay(long id, List<Fill> fills) {
        Entry e = entry(id);
        for (Fill f : fills) {
            e.ledger.apply(f);
            e.ledger.mark(f.symbol(), f.price(), f.time());
        }
    }

    /** Removes a portfolio from trading (its orders are no longer assigned; its ledger is dropped from the book). */
    public synchronized void remove(long id) {
        String k = String.valueOf(id);
        entries.remove(k);
        byStrategy.values().removeIf(k::equals);
        if (k.equals(active)) {
            active = null;
        }
    }

    /** Orders without a tag or attached strategy go to {@code id} ({@code 0}: to no portfolio). */
    public synchronized void setActive(long id) {
        active = id == 0 ? null : String.valueOf(id);
    }

    /** The active portfolio id, or 0. */
    public synchronized long active() {
        return active == null ? 0 : Long.parseLong(active);
    }

    /**
     * Resets a PAPER portfolio's ledger to {@code cash}.
     *
     * @throws InvalidSettingException when it is LIVE or holds open positions (close them first: the venue still
     *                                 holds them)
     */
    public synchronized void resetPaper(long id, BigDecimal cash) {
        Entry e = entry(id);
        if (e.def.mode() != PortfolioMode.PAPER) {
            throw new InvalidSettingException("Reset", "only a PAPER portfolio's balance can be reset ('" + e.def.name()
                    + "' is LIVE)");
        }
        List<Position> open = e.ledger.openPositions();
        if (!open.isEmpty()) {
            throw new InvalidSettingException("Reset", "'" + e.def.name() + "' holds open positions ("
                    + String.join(", ", open.stream().map(Position::symbol).toList()) + "); close them first");
        }
        e.ledger = new Portfolio(e.def.quoteAsset(), cash);
    }

    /** The portfolio's definition. @throws InvalidSettingException when unknown */
    public synchronized PortfolioDefinition definition(long id) {
        return entry(id).def;
    }

    /** A full risk recomputation of the portfolio at {@code now}. */
    public synchronized RiskSnapshot snapshot(long id, long now) {
        Entry e = entry(id);
        return e.governor.recompute(e.ledger, now);
    }

    private Entry entry(long id) {
        Entry e = entries.get(String.valueOf(id));
        if (e == null) {
            throw new InvalidSettingException("Portfolio", "no portfolio with id " + id);
        }
        return e;
    }

    // ---- PortfolioScope ---------------------------------------------------------------------------------------------

    @Override
    public synchronized String portfolioOf(OrderRequest req) {
        String tagged = PortfolioScope.portfolioOfTag(req.clientOrderId());
        if (tagged != null) {
            return entries.containsKey(tagged) ? tagged : null;
        }
        String sid = req.options().strategyId();
        if ("emergency-stop".equals(sid)) {
            return null;
        }
        String p = sid == null ? null : byStrategy.get(sid);
        if (p != null) {
            return p;
        }
        Entry a = active == null ? null : entries.get(active);
        return a == null || a.def.archived() ? null : active;
    }

    @Override
    public synchronized Portfolio ledger(String portfolioId) {
        Entry e = entries.get(portfolioId);
        return e == null ? null : e.ledger;
    }

    @Override
    public synchronized RiskGovernor governor(String portfolioId) {
        Entry e = entries.get(portfolioId);
        return e == null ? null : e.governor;
    }

    @Override
    public synchronized BigDecimal budgetLeft(String portfolioId, String symbol, BigDecimal price) {
        Entry e = entries.get(portfolioId);
        if (e == null) {
            return null;
        }
        BigDecimal budget = e.def.symbolBudget(symbol);
        BigDecimal held = BigDecimal.ZERO;
        for (PositionSide s : PositionSide.values()) {
            held = held.add(e.ledger.position(symbol, s).quantity().abs());
        }
        // the whole portfolio stays within its total budget too
        BigDecimal gross = BigDecimal.ZERO;
        for (Position p : e.ledger.openPositions()) {
            gross = gross.add(p.quantity().abs().multiply(p.lastPrice()));
        }
        BigDecimal left = budget.subtract(held.multiply(price));
        return left.min(e.def.totalBudget().subtract(gross)).max(BigDecimal.ZERO);
    }

    @Override
    public synchronized void assign(String clientOrderId, String portfolioId) {
        if (clientOrderId != null) {
            assigned.put(clientOrderId, portfolioId);
        }
    }

    @Override
    public synchronized String assigned(String clientOrderId) {
        if (clientOrderId == null) {
            return null;
        }
        String p = assigned.get(clientOrderId);
        if (p == null) {
            String t = PortfolioScope.portfolioOfTag(clientOrderId);
            p = t != null && entries.containsKey(t) ? t : null;
        }
        return p;
    }

    @Override
    public synchronized Collection<String> portfolioIds() {
        return List.copyOf(entries.keySet());
    }

    // ---- EngineListener ---------------------------------------------------------------------------------------------

    @Override
    public synchronized void onBar(Bar bar, IndicatorSnapshot indicators) {
        for (Entry e : entries.values()) {
            e.ledger.mark(bar.symbol(), bar.close(), bar.closeTime());
        }
    }

    @Override
    public void onFill(Fill fill, Position position) {
        String pid;
        synchronized (this) {
            pid = assigned(fill.clientOrderId());
            Entry e = pid == null ? null : entries.get(pid);
            if (e == null) {
                return;
            }
            e.ledger.apply(fill);
        }
        fillSink.accept(pid, fill);
    }

    @Override
    public synchronized void onFunding(String symbol, PositionSide side, BigDecimal amount, BigDecimal rate, long time) {
        // the account's payment is shared by the portfolios in proportion to the quantity each holds
        BigDecimal total = BigDecimal.ZERO;
        for (Entry e : entries.values()) {
            total = total.add(e.ledger.position(symbol, side).quantity().abs());
        }
        if (total.signum() == 0) {
            return;
        }
        for (Entry e : entries.values()) {
            BigDecimal q = e.ledger.position(symbol, side).quantity().abs();
            if (q.signum() > 0) {
                e.ledger.applyFunding(symbol, side, amount.multiply(q).divide(total, MathContext.DECIMAL64), time);
            }
        }
    }

    // ---- overview and reconciliation ---------------------------------------------------------------------------------

    /**
     * One portfolio's figures for the overview.
     *
     * @param id          portfolio id
     * @param name        its name
     * @param mode        PAPER / LIVE
     * @param cash        free cash, quote asset
     * @param equity      cash + spot positions at mark + futures unrealised P&L, quote asset
     * @param realizedPnl realised P&L net of fees, quote asset
     * @param unrealizedPnl unrealised P&L, quote asset
     * @param fees        fees paid, quote asset
     * @param openPositions open positions
     */
    public record Summary(long id, String name, PortfolioMode mode, BigDecimal cash, BigDecimal equity,
                          BigDecimal realizedPnl, BigDecimal unrealizedPnl, BigDecimal fees, List<Position> openPositions) {
    }

    /** Every portfolio's figures, in creation order. */
    public synchronized List<Summary> summaries() {
        List<Summary> out = new ArrayList<>();
        for (Entry e : entries.values()) {
            Portfolio l = e.ledger;
            out.add(new Summary(e.def.id(), e.def.name(), e.def.mode(), l.cash(), l.equity(), l.realizedPnl(),
                    l.unrealizedPnl(), l.feesPaid(), l.openPositions()));
        }
        return out;
    }

    /**
     * A reconciliation line: what the account (venue) holds against the sum the portfolios are credited with.
     *
     * @param item         an asset (cash, e.g. {@code USDT}) or a symbol (position quantity, e.g. {@code BTCUSDT})
     * @param account      the account's figure
     * @param attributed   the sum over the portfolios
     * @param unattributed account − attributed (shown, never hidden)
     */
    public record Reconciliation(String item, BigDecimal account, BigDecimal attributed, BigDecimal unattributed) {
    }

    /**
     * Compares the account ledger (which books every venue report) with the portfolios: cash per quote asset and
     * position quantity per symbol. The part of the account no portfolio holds is the unattributed difference
     * (manual trades before portfolios existed, the emergency stop's closes, deposits).
     *
     * @param accountCash      the account's quote balance per asset
     * @param accountPositions the account's signed position quantity per symbol
     * @return one line per asset and symbol, sorted
     */
    public synchronized List<Reconciliation> reconcile(Map<String, BigDecimal> accountCash,
                                                       Map<String, BigDecimal> accountPositions) {
        Map<String, BigDecimal[]> lines = new TreeMap<>();
        accountCash.forEach((k, v) -> lines.computeIfAbsent(k, x -> zeros())[0] = v);
        accountPositions.forEach((k, v) -> lines.computeIfAbsent(k, x -> zeros())[0] = v);
        for (Entry e : entries.values()) {
            BigDecimal[] c = lines.computeIfAbsent(e.def.quoteAsset(), x -> zeros());
            c[1] = c[1].add(e.ledger.cash());
            for (Position p : e.ledger.openPositions()) {
                BigDecimal[] q = lines.computeIfAbsent(p.symbol(), x -> zeros());
                q[1] = q[1].add(p.quantity());
            }
        }
        List<Reconciliation> out = new ArrayList<>();
        lines.forEach((k, v) -> out.add(new Reconciliation(k, v[0], v[1], v[0].subtract(v[1]))));
        return out;
    }

    /** {@link #reconcile(Map, Map)} against the engine's account ledger. */
    public List<Reconciliation> reconcile(Portfolio account) {
        Map<String, BigDecimal> pos = new LinkedHashMap<>();
        for (Position p : account.openPositions()) {
            pos.merge(p.symbol(), p.quantity(), BigDecimal::add);
        }
        return reconcile(Map.of(account.quoteAsset(), account.cash()), pos);
    }

    private static BigDecimal[] zeros() {
        return new BigDecimal[]{BigDecimal.ZERO, BigDecimal.ZERO};
    }
}
