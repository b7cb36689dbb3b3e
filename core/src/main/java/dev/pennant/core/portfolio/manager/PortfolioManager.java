package dev.pennant.core.portfolio.manager;

import dev.pennant.core.portfolio.margin.LeverageBrackets;
import dev.pennant.core.risk.RiskEvent;
import dev.pennant.core.risk.RiskLimits;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Portfolio CRUD on the store, kept in step with the engine's {@link PortfolioBook}: create, rename, edit (budgets,
 * allocations, risk level, strategies), archive, delete (confirmed by typing the name; history kept), switch the
 * active portfolio, reset a paper balance, edit limits (validated, leverage within the exchange's bracket).
 * Thread-safe; call it off the FX thread (it writes the database).
 */
public final class PortfolioManager {

    private final PortfolioStore store;
    private final PortfolioBook book;
    private final LongSupplier clock;

    /**
     * Loads every stored portfolio into {@code book} (their paper balances as fresh ledgers) and makes the stored
     * active one active.
     *
     * @param clock wall time for the rows' timestamps, epoch ms
     */
    public PortfolioManager(PortfolioStore store, PortfolioBook book, LongSupplier clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.book = Objects.requireNonNull(book, "book");
        this.clock = Objects.requireNonNull(clock, "clock");
        for (PortfolioStore.Stored s : store.list()) {
            PortfolioDefinition d = s.definition();
            // the ledger as it was: the paper balance (or budget, LIVE) plus the fills booked since the last reset
            book.put(d, d.mode() == PortfolioMode.PAPER ? s.paperCash() : d.totalBudget(), s.limits());
            book.replay(d.id(), store.ledgerFills(d.id(), d.mode()));
            if (s.active()) {
                book.setActive(s.definition().id());
            }
        }
        book.onBooked((pid, fill) -> {
            long id = Long.parseLong(pid);
            store.fill(id, book.definition(id).mode(), fill);
        });
    }

    /** The book the engine's risk engine uses. */
    public PortfolioBook book() {
        return book;
    }

    /** The store. */
    public PortfolioStore store() {
        return store;
    }

    /** Portfolios not deleted (archived ones included), by id. */
    public List<PortfolioStore.Stored> list() {
        return store.list();
    }

    /**
     * Creates a portfolio; a PAPER one is funded with its total budget.
     *
     * @return it, with its id
     * @throws InvalidSettingException when the name is taken by another portfolio
     */
    public synchronized PortfolioDefinition create(PortfolioDefinition def) {
        uniqueName(def.name(), 0);
        long id = store.create(def, def.totalBudget(), clock.getAsLong());
        PortfolioDefinition stored = def.withId(id);
        book.put(stored, def.totalBudget(), null);
        return stored;
    }

    /** Saves edited settings (by id). @throws InvalidSettingException when the name is taken */
    public synchronized void update(PortfolioDefinition def) {
        uniqueName(def.name(), def.id());
        store.update(def, clock.getAsLong());
        book.put(def, def.totalBudget(), limitsOf(def.id()));
    }

    /** Renames {@code id}. */
    public void rename(long id, String name) {
        update(get(id).withName(name));
    }

    /** Archives (or restores) {@code id}: archived portfolios take no new orders but stay listed. */
    public void archive(long id, boolean archived) {
        update(get(id).withArchived(archived));
        if (archived && book.active() == id) {
            book.setActive(0);
        }
    }

    /**
     * Deletes {@code id} after confirmation; its fills and risk events stay in the database.
     *
     * @param confirmation the portfolio's name, typed by the user
     * @throws InvalidSettingException when the confirmation does not match
     */
    public synchronized void delete(long id, String confirmation) {
        PortfolioDefinition d = get(id);
        if (!d.name().equals(confirmation == null ? null : confirmation.strip())) {
            throw new InvalidSettingException("Confirmation", "type the portfolio's name '" + d.name() + "' to delete it");
        }
        store.delete(id, clock.getAsLong());
        book.remove(id);
    }

    /** Makes {@code id} the active portfolio (orders without tag or strategy are booked to it). */
    public synchronized void switchTo(long id) {
        PortfolioDefinition d = get(id);
        if (d.archived()) {
            throw new InvalidSettingException("Portfolio", "'" + d.name() + "' is archived; restore it first");
        }
        store.setActive(id);
        book.setActive(id);
    }

    /** Resets a PAPER portfolio's balance to its total budget. @throws InvalidSettingException as the book's reset */
    public synchronized void resetPaper(long id) {
        PortfolioDefinition d = get(id);
        book.resetPaper(id, d.totalBudget());
        store.setPaperCash(id, d.totalBudget(), clock.getAsLong());
    }

    /** The portfolio's limits: edited ones, or the risk level's preset. */
    public RiskLimits limitsOf(long id) {
        return store.find(id).map(s -> s.limits() != null ? s.limits()
                : s.definition().riskLevel().limits(new BigDecimal("0.001"))).orElseThrow(() ->
                new InvalidSettingException("Portfolio", "no portfolio with id " + id));
    }

    /**
     * Stores edited limits after checking them against the portfolio: max leverage within the exchange's bracket for
     * every allocated symbol (bundled USDⓈ-M leverage brackets), max daily loss within the total budget.
     *
     * @throws InvalidSettingException naming the field
     */
    public synchronized void setLimits(long id, RiskLimits limits) {
        PortfolioDefinition d = get(id);
        validate(d, limits);
        store.saveLimits(id, limits);
        book.put(d, d.totalBudget(), limits);
    }

    /** Checks {@code limits} against {@code d}. @throws InvalidSettingException naming the field */
    public static void validate(PortfolioDefinition d, RiskLimits limits) {
        RiskLimits.Guards g = limits.guards();
        for (String s : d.allocations().keySet()) {
            int max = maxLeverage(s);
            if (g.maxLeverage() > max) {
                throw new InvalidSettingException("Max leverage", String.format(Locale.ROOT,
                        "%dx is above the exchange bracket for %s (at most %dx)", g.maxLeverage(), s, max));
            }
        }
        if (g.maxDailyLoss() != null && g.maxDailyLoss().compareTo(d.totalBudget()) > 0) {
            throw new InvalidSettingException("Max daily loss", "must not exceed the total budget "
                    + d.totalBudget().stripTrailingZeros().toPlainString() + " (was "
                    + g.maxDailyLoss().stripTrailingZeros().toPlainString() + ")");
        }
        if (g.maxPositionNotional() != null && g.maxPositionNotional().compareTo(d.maxPerSymbol()) > 0) {
            throw new InvalidSettingException("Max position size", "must not exceed max per symbol "
                    + d.maxPerSymbol().stripTrailingZeros().toPlainString() + " (was "
                    + g.maxPositionNotional().stripTrailingZeros().toPlainString() + ")");
        }
    }

    /** The highest leverage Binance's (bundled) USDⓈ-M brackets allow for {@code symbol} at the smallest notional. */
    public static int maxLeverage(String symbol) {
        return LeverageBrackets.bundled().forSymbol(symbol).maxLeverageFor(BigDecimal.ZERO);
    }

    /** Stores risk events of {@code sessionId} in one transaction (as {@link #record}). */
    public void recordAll(String sessionId, PortfolioMode mode, List<RiskEvent> events) {
        List<PortfolioStore.StoredEvent> rows = new java.util.ArrayList<>();
        for (RiskEvent e : events) {
            long pid = portfolioOf(e);
            rows.add(new PortfolioStore.StoredEvent(0, sessionId, pid, modeOf(pid, mode), e));
        }
        store.events(sessionId, rows);
    }

    private static long portfolioOf(RiskEvent e) {
        return e.scope().startsWith("portfolio:") ? Long.parseLong(e.scope().substring("portfolio:".length())) : 0;
    }

    private PortfolioMode modeOf(long pid, PortfolioMode fallback) {
        if (pid == 0) {
            return fallback;
        }
        try {
            return book.definition(pid).mode();
        } catch (InvalidSettingException gone) {
            return fallback; // deleted meanwhile: keep the session's mode
        }
    }

    /** Stores a risk event of {@code sessionId} (portfolio id from its scope; mode of that portfolio, else {@code mode}). */
    public void record(String sessionId, PortfolioMode mode, RiskEvent e) {
        long pid = portfolioOf(e);
        store.event(sessionId, pid, modeOf(pid, mode), e);
    }

    private PortfolioDefinition get(long id) {
        return store.find(id).map(PortfolioStore.Stored::definition)
                .orElseThrow(() -> new InvalidSettingException("Portfolio", "no portfolio with id " + id));
    }

    private void uniqueName(String name, long self) {
        for (PortfolioStore.Stored s : store.list()) {
            if (s.definition().id() != self && s.definition().name().equalsIgnoreCase(name.strip())) {
                throw new InvalidSettingException("Name", "'" + name.strip() + "' is already used by another portfolio");
            }
        }
    }
}
