package dev.pennant.ui.viewmodel;

import dev.pennant.core.engine.EngineListener;
import dev.pennant.core.model.EquitySnapshot;
import dev.pennant.core.persistence.HistoryStore;
import dev.pennant.core.portfolio.manager.InvalidSettingException;
import dev.pennant.core.portfolio.manager.PortfolioBook;
import dev.pennant.core.portfolio.manager.PortfolioDefinition;
import dev.pennant.core.portfolio.manager.PortfolioManager;
import dev.pennant.core.portfolio.manager.PortfolioMode;
import dev.pennant.core.portfolio.manager.PortfolioStore;
import dev.pennant.core.risk.RiskEvent;
import dev.pennant.core.risk.RiskLevel;
import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * The portfolio manager: the stored portfolios with their live ledger figures, a form to create or edit one (name,
 * mode, budgets, allocations, risk level, strategies), archive / delete (typed confirmation) / switch / reset paper,
 * and the reconciliation of the account against the portfolios. Database work runs on the io executor, engine work
 * through {@link RiskPort}; the FX thread only reads properties. Bad input is refused with a message naming the
 * field.
 */
public final class PortfolioManagerViewModel {

    /**
     * One portfolio in the table.
     *
     * @param id id; name, mode, budget (total / per symbol), risk level, strategies as shown; cash, equity, pnl, fees
     *           from its ledger (quote asset, 2 decimals); flags archived / active
     */
    public record Row(long id, String name, String mode, String budget, String riskLevel, String strategies,
                      String allocations, String cash, String equity, String pnl, String fees, boolean archived,
                      boolean active, PortfolioDefinition definition) {
    }

    private final Executor io;
    private final Executor fx;
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final ObjectProperty<Row> selected = new SimpleObjectProperty<>();
    private final StringProperty name = new SimpleStringProperty("");
    private final StringProperty mode = new SimpleStringProperty("PAPER");
    private final StringProperty totalBudget = new SimpleStringProperty("");
    private final StringProperty maxPerSymbol = new SimpleStringProperty("");
    private final StringProperty allocations = new SimpleStringProperty("");
    private final StringProperty riskLevel = new SimpleStringProperty("MEDIUM");
    private final StringProperty strategies = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ObjectProperty<Boolean> messageIsError = new SimpleObjectProperty<>(false);
    private final ReadOnlyStringWrapper reconciliation = new ReadOnlyStringWrapper("");
    private final AtomicBoolean refreshPending = new AtomicBoolean();
    private final AtomicBoolean flushPending = new AtomicBoolean();
    private final java.util.concurrent.ConcurrentLinkedQueue<RiskEvent> pendingEvents = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final ObservableList<String> storedEvents = FXCollections.observableArrayList();
    private volatile PortfolioManager manager;
    private volatile RiskPort port;

    /** On {@code Platform::runLater} and {@code io}. */
    public PortfolioManagerViewModel(Executor io) {
        this(io, Platform::runLater);
    }

    /** @param io database work; @param fx FX-thread work (tests: {@code Runnable::run} for both) */
    public PortfolioManagerViewModel(Executor io, Executor fx) {
        this.io = io;
        this.fx = fx;
        selected.addListener((o, a, r) -> {
            if (r != null) {
                PortfolioDefinition d = r.definition();
                name.set(d.name());
                mode.set(d.mode().name());
                totalBudget.set(plain(d.totalBudget()));
                maxPerSymbol.set(plain(d.maxPerSymbol()));
                allocations.set(d.allocations().entrySet().stream().map(e -> e.getKey() + "=" + plain(e.getValue()))
                        .collect(Collectors.joining(", ")));
                riskLevel.set(d.riskLevel().name());
                strategies.set(String.join(", ", d.strategies()));
            }
        });
    }

    /** Opens the portfolios of the history database (io thread). */
    public void open(HistoryStore store) {
        io.execute(() -> {
            manager = new PortfolioManager(new PortfolioStore(store.dataSource()), new PortfolioBook(null),
                    System::currentTimeMillis);
            RiskPort p = port;
            if (p != null) {
                connect(p);
            }
            reload();
        });
    }

    /** Connects a new session: its risk engine books by portfolio, its risk events are stored. */
    public void attach(RiskPort p) {
        port = p;
        p.addListener(new EngineListener() {
            @Override
            public void onRiskEvent(RiskEvent event) {
                PortfolioManager m = manager;
                if (m != null && port == p) {
                    // batched: a halted fast replay vetoes thousands of signals; one transaction per io turn
                    pendingEvents.add(event);
                    if (flushPending.compareAndSet(false, true)) {
                        PortfolioMode md = "LIVE".equals(p.mode()) ? PortfolioMode.LIVE : PortfolioMode.PAPER;
                        io.execute(() -> {
                            flushPending.set(false);
                            List<RiskEvent> batch = new ArrayList<>();
                            RiskEvent e;
                            while ((e = pendingEvents.poll()) != null) {
                                batch.add(e);
                            }
                            if (!batch.isEmpty()) {
                                m.recordAll(p.id(), md, batch);
                            }
                        });
                    }
                }
            }

            @Override
            public void onEquity(EquitySnapshot s) {
                if (manager != null && port == p && refreshPending.compareAndSet(false, true)) {
                    io.execute(() -> {
                        refreshPending.set(false);
                        reload();
                    });
                }
            }
        });
        if (manager != null) {
            io.execute(() -> connect(p));
        }
    }

    private void connect(RiskPort p) {
        PortfolioBook book = manager.book();
        p.onEngine(e -> {
            e.risk().setPortfolios(book);
            e.addListener(book);
            return null;
        });
    }

    private void reload() {
        PortfolioManager m = manager;
        if (m == null) {
            return;
        }
        PortfolioBook book = m.book();
        Map<Long, PortfolioBook.Summary> figures = new LinkedHashMap<>();
        for (PortfolioBook.Summary s : book.summaries()) {
            figures.put(s.id(), s);
        }
        List<Row> list = new ArrayList<>();
        for (PortfolioStore.Stored st : m.list()) {
            PortfolioDefinition d = st.definition();
            PortfolioBook.Summary f = figures.get(d.id());
            list.add(new Row(d.id(), d.name(), d.mode().name(), plain(d.totalBudget()) + " / " + plain(d.maxPerSymbol()),
                    d.riskLevel().name(), String.join(", ", d.strategies()),
                    d.allocations().isEmpty() ? "any" : String.join(", ", d.allocations().keySet()),
                    f == null ? "—" : money(f.cash()), f == null ? "—" : money(f.equity()),
                    f == null ? "—" : money(f.realizedPnl().add(f.unrealizedPnl())), f == null ? "—" : money(f.fees()),
                    d.archived(), book.active() == d.id(), d));
        }
        RiskPort p = port;
        if (p != null) {
            p.onEngine(e -> book.reconcile(e.portfolio())).thenAccept(lines -> {
                String text = lines.stream().filter(l -> l.unattributed().signum() != 0)
                        .map(l -> l.item() + " " + l.unattributed().setScale(l.item().endsWith("USDT")
                                && l.item().length() > 4 ? 5 : 2, RoundingMode.HALF_UP).toPlainString())
                        .collect(Collectors.joining(" · "));
                fx.execute(() -> reconciliation.set(text.isEmpty() ? "Reconciled: every asset of the account is attributed."
                        : "Unattributed (account − portfolios): " + text));
            });
        }
        List<String> history = new ArrayList<>();
        for (PortfolioMode md : PortfolioMode.values()) {
            for (PortfolioStore.StoredEvent e : m.store().events(md, 50)) {
                if (e.event().kind() != RiskEvent.Kind.VETO) {
                    history.add(md + " " + e.event().describe());
                }
            }
        }
        fx.execute(() -> {
            storedEvents.setAll(history);
            long sel = selected.get() == null ? -1 : selected.get().id();
            rows.setAll(list);
            rows.stream().filter(r -> r.id() == sel).findFirst().ifPresent(selected::set);
        });
    }

    /** Clears the form for a new portfolio. */
    public void newPortfolio() {
        selected.set(null);
        name.set("");
        mode.set("PAPER");
        totalBudget.set("");
        maxPerSymbol.set("");
        allocations.set("");
        riskLevel.set("MEDIUM");
        strategies.set("");
        info("");
    }

    /** Creates a portfolio from the form, or saves the selected one's edits. FX thread. */
    public void save() {
        PortfolioManager m = manager;
        if (m == null) {
            error("History database unavailable: portfolios cannot be stored.");
            return;
        }
        Row sel = selected.get();
        PortfolioDefinition d;
        try {
            d = form(sel == null ? 0 : sel.id(), sel != null && sel.archived());
        } catch (IllegalArgumentException e) {
            error(e.getMessage());
            return;
        }
        run(() -> {
            if (d.id() == 0) {
                m.create(d);
                return "Created '" + d.name() + "'.";
            }
            m.update(d);
            return "Saved '" + d.name() + "'.";
        });
    }

    /** The form as a definition. @throws InvalidSettingException naming the field */
    PortfolioDefinition form(long id, boolean archived) {
        return new PortfolioDefinition(id, name.get(), enumOf(PortfolioMode.class, "Mode", mode.get()), "USDT",
                amount("Total budget", totalBudget.get()), amount("Max per symbol", maxPerSymbol.get()),
                parseAllocations(allocations.get()), enumOf(RiskLevel.class, "Risk level", riskLevel.get()),
                Arrays.stream((strategies.get() == null ? "" : strategies.get()).split(",")).map(String::strip)
                        .filter(x -> !x.isEmpty()).toList(), archived);
    }

    private static Map<String, BigDecimal> parseAllocations(String text) {
        Map<String, BigDecimal> out = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        for (String part : text.split("[,;\\n]")) {
            String p = part.strip();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            if (eq < 1) {
                throw new InvalidSettingException("Allocations", "write SYMBOL=budget, e.g. BTCUSDT=2500 (was '" + p + "')");
            }
            String sym = p.substring(0, eq).strip().toUpperCase(java.util.Locale.ROOT);
            out.put(sym, amount("Budget of " + sym, p.substring(eq + 1)));
        }
        return out;
    }

    private static BigDecimal amount(String field, String text) {
        String t = text == null ? "" : text.strip().replace("_", "");
        if (t.isEmpty()) {
            throw new InvalidSettingException(field, "must be given");
        }
        try {
            return new BigDecimal(t);
        } catch (NumberFormatException e) {
            throw new InvalidSettingException(field, "'" + t + "' is not an amount");
        }
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, String field, String v) {
        try {
            return Enum.valueOf(type, v == null ? "" : v.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(field, "must be one of " + Arrays.toString(type.getEnumConstants()) + " (was " + v + ")");
        }
    }

    /** Archives or restores the selected portfolio. */
    public void archive() {
        withSelected(r -> {
            manager.archive(r.id(), !r.archived());
            return (r.archived() ? "Restored '" : "Archived '") + r.name() + "'.";
        });
    }

    /** Deletes the selected portfolio when {@code typedName} is its name (history kept). */
    public void delete(String typedName) {
        withSelected(r -> {
            manager.delete(r.id(), typedName);
            fx.execute(() -> selected.set(null));
            return "Deleted '" + r.name() + "' (its fills and risk events stay in the history).";
        });
    }

    /** Makes the selected portfolio active (untagged orders are booked to it). */
    public void switchTo() {
        withSelected(r -> {
            manager.switchTo(r.id());
            return "Active portfolio: '" + r.name() + "'.";
        });
    }

    /** Resets the selected PAPER portfolio's balance to its total budget. */
    public void resetPaper() {
        withSelected(r -> {
            manager.resetPaper(r.id());
            return "Paper balance of '" + r.name() + "' reset to " + plain(r.definition().totalBudget()) + " USDT.";
        });
    }

    private interface Action {
        String run() throws RuntimeException;
    }

    private interface RowAction {
        String run(Row r) throws RuntimeException;
    }

    private void withSelected(RowAction a) {
        Row r = selected.get();
        if (r == null || manager == null) {
            error("Portfolio: select one in the table first.");
            return;
        }
        run(() -> a.run(r));
    }

    private void run(Action a) {
        io.execute(() -> {
            try {
                String done = a.run();
                fx.execute(() -> info(done));
                reload();
            } catch (InvalidSettingException e) {
                fx.execute(() -> error(e.getMessage()));
            } catch (RuntimeException e) {
                fx.execute(() -> error("Portfolio store: " + e.getMessage()));
            }
        });
    }

    private void info(String m) {
        messageIsError.set(false);
        message.set(m);
    }

    private void error(String m) {
        messageIsError.set(true);
        message.set(m);
    }

    private static String plain(BigDecimal v) {
        return v.stripTrailingZeros().toPlainString();
    }

    private static String money(BigDecimal v) {
        return v.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    public ObservableList<Row> rows() { return rows; }
    /** Halts, resumes and reductions stored in the history (latest 50 per mode, PAPER first). */
    public ObservableList<String> storedEvents() { return storedEvents; }
    public ObjectProperty<Row> selectedProperty() { return selected; }
    public StringProperty nameProperty() { return name; }
    public StringProperty modeProperty() { return mode; }
    public StringProperty totalBudgetProperty() { return totalBudget; }
    public StringProperty maxPerSymbolProperty() { return maxPerSymbol; }
    public StringProperty allocationsProperty() { return allocations; }
    public StringProperty riskLevelProperty() { return riskLevel; }
    public StringProperty strategiesProperty() { return strategies; }
    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }
    public ObjectProperty<Boolean> messageIsErrorProperty() { return messageIsError; }
    public ReadOnlyStringProperty reconciliationProperty() { return reconciliation.getReadOnlyProperty(); }
    /** Whether the database is open. */
    public boolean isOpen() { return manager != null; }
}
