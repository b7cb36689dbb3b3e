package dev.pennant.ui.viewmodel;

import dev.pennant.core.engine.EngineListener;
import dev.pennant.core.model.EquitySnapshot;
import dev.pennant.core.portfolio.manager.InvalidSettingException;
import dev.pennant.core.portfolio.manager.PortfolioManager;
import dev.pennant.core.risk.RiskEvent;
import dev.pennant.core.risk.RiskLimits;
import dev.pennant.core.risk.RiskSnapshot;
import dev.pennant.core.risk.RiskState;
import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The risk panel: the account's trading state with its reason, exposure, VaR, correlation matrix and margin ratio
 * (a {@link RiskSnapshot} recomputed on the engine thread after a bar, at most one pending for the FX thread), the
 * risk events as they happen, the limits as editable text fields (validated, each error naming its field) and the
 * actions resume, reduce only and kill switch. The FX thread never waits: engine work goes through
 * {@link RiskPort#onEngine}.
 */
public final class RiskPanelViewModel {

    /** Editable limits, in the order shown: label → field. Percent fields take percent (5 = 5 %). */
    public static final List<String> LIMIT_FIELDS = List.of("Max daily loss %", "Max daily loss USDT",
            "Max drawdown %", "Drawdown cooldown days", "Max open positions", "Max position USDT", "Max leverage",
            "Max gross exposure x", "Max net exposure x", "Max correlation", "Max orders / min");

    private static final int MAX_EVENTS = 300;

    private final Executor fx;
    private final ReadOnlyObjectWrapper<RiskSnapshot> snapshot = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper state = new ReadOnlyStringWrapper("—");
    private final ReadOnlyStringWrapper reason = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper figures = new ReadOnlyStringWrapper("No session yet.");
    private final javafx.beans.property.DoubleProperty marginRatio = new javafx.beans.property.SimpleDoubleProperty(-1);
    private final ObjectProperty<Heatmap> correlation = new SimpleObjectProperty<>(new Heatmap(List.of(), new double[0][0]));
    private final ObjectProperty<Boolean> messageIsError = new SimpleObjectProperty<>(false);
    private final ObservableList<String> events = FXCollections.observableArrayList();
    private final Map<String, StringProperty> limitFields = new LinkedHashMap<>();
    private final ConcurrentLinkedQueue<RiskEvent> inbox = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean snapshotPending = new AtomicBoolean();
    private final FxCoalescer drain;
    private volatile RiskPort port;
    private volatile dev.pennant.core.engine.TradingEngine engine; // touched on the engine thread only
    private volatile RiskLimits limits;
    private volatile String symbol = "BTCUSDT";
    private Consumer<Boolean> killSwitch = on -> { };
    private boolean reduceOnly;

    /** A view-model whose FX work goes through {@code Platform::runLater}. */
    public RiskPanelViewModel() {
        this(Platform::runLater);
    }

    /** @param fx runs work on the FX thread (tests: {@code Runnable::run}) */
    public RiskPanelViewModel(Executor fx) {
        this.fx = fx;
        for (String f : LIMIT_FIELDS) {
            limitFields.put(f, new SimpleStringProperty(""));
        }
        this.drain = new FxCoalescer(fx, this::drainEvents);
    }

    /** What the kill switch button does (the terminal's own kill switch, so toolbar and hotkey agree). */
    public void setKillSwitchAction(Consumer<Boolean> action) {
        this.killSwitch = action;
    }

    /**
     * Follows a new session: its risk events and, after each bar, a recomputed snapshot; fills the limit fields.
     *
     * @param traded the session's symbol (leverage is checked against its exchange bracket)
     */
    public void attach(RiskPort p, String traded) {
        this.port = p;
        this.symbol = traded;
        p.addListener(new EngineListener() {
            @Override
            public void onRiskEvent(RiskEvent event) {
                if (port == p) {
                    inbox.add(event);
                    drain.schedule();
                }
            }

            @Override
            public void onEquity(EquitySnapshot s) {
                var e = engine; // we are on the engine thread: compute here, hand the immutable snapshot over
                if (port == p && e != null && snapshotPending.compareAndSet(false, true)) {
                    RiskSnapshot snap = e.risk().governor().recompute(e.portfolio(), e.clock().nowMillis());
                    fx.execute(() -> {
                        snapshotPending.set(false);
                        show(snap);
                    });
                }
            }
        });
        engine = null;
        p.onEngine(e -> {
            engine = e;
            return e.risk().limits();
        }).thenAccept(l -> {
            limits = l;
            fx.execute(() -> fill(l));
        });
        refresh();
    }

    /** Asks the engine for a fresh snapshot (any thread). */
    public void refresh() {
        RiskPort p = port;
        if (p != null) {
            p.onEngine(e -> e.risk().governor().recompute(e.portfolio(), e.clock().nowMillis()))
                    .thenAccept(s -> fx.execute(() -> show(s)));
        }
    }

    private void show(RiskSnapshot s) {
        snapshot.set(s);
        state.set(s.state().name());
        reason.set(s.state() == RiskState.ACTIVE ? "All limits within bounds." : s.reason());
        figures.set(String.format(Locale.ROOT, "Equity %,.2f USDT · today %+,.2f · drawdown %.2f %%%n"
                        + "Exposure gross %,.2f · net %+,.2f USDT (%d open)%n"
                        + "VaR 1 day (historical): 95 %% %s · 99 %% %s USDT",
                s.equity(), s.dailyPnl(), s.drawdown() * 100, s.grossExposure(), s.netExposure(), s.openPositions(),
                Double.isNaN(s.var95()) ? "—" : String.format(Locale.ROOT, "%,.2f", s.var95()),
                Double.isNaN(s.var99()) ? "—" : String.format(Locale.ROOT, "%,.2f", s.var99())));
        marginRatio.set(Double.isNaN(s.marginRatio()) ? -1 : Math.min(1, s.marginRatio()));
        correlation.set(new Heatmap(s.symbols(), s.correlation()));
    }

    /**
     * The correlation matrix of the open positions for the heat map.
     *
     * @param symbols row / column labels
     * @param values  Pearson correlations (NaN where unknown), symmetric
     */
    public record Heatmap(List<String> symbols, double[][] values) {
    }

    private void drainEvents() {
        List<String> lines = new ArrayList<>();
        RiskEvent e;
        while ((e = inbox.poll()) != null) {
            lines.addFirst(e.describe());
        }
        events.addAll(0, lines);
        if (events.size() > MAX_EVENTS) {
            events.remove(MAX_EVENTS, events.size());
        }
        refresh();
    }

    private void fill(RiskLimits l) {
        RiskLimits.Guards g = l.guards();
        set("Max daily loss %", g.maxDailyLossFraction() * 100);
        limitFields.get("Max daily loss USDT").set(g.maxDailyLoss() == null ? "" : g.maxDailyLoss().toPlainString());
        set("Max drawdown %", l.maxDrawdownHalt() * 100);
        set("Drawdown cooldown days", g.drawdownCooldownMs() / (double) RiskLimits.Guards.DAY_MS);
        set("Max open positions", g.maxOpenPositions());
        limitFields.get("Max position USDT").set(g.maxPositionNotional() == null ? "" : g.maxPositionNotional().toPlainString());
        set("Max leverage", g.maxLeverage());
        set("Max gross exposure x", g.maxGrossExposure());
        set("Max net exposure x", g.maxNetExposure());
        set("Max correlation", g.maxCorrelation());
        set("Max orders / min", g.maxOrdersPerMinute());
    }

    private void set(String field, double v) {
        limitFields.get(field).set(BigDecimal.valueOf(v).stripTrailingZeros().toPlainString());
    }

    /**
     * Parses the fields into limits (the current sizing and breakers kept) and applies them on the engine thread.
     * A field that makes no sense is refused with a message naming it; nothing is applied then. FX thread.
     *
     * @return true when the limits were sent
     */
    public boolean apply() {
        RiskPort p = port;
        if (p == null) {
            error("No session: start one first.");
            return false;
        }
        RiskLimits current = limits;
        if (current == null) {
            error("The session's limits have not arrived yet; try again.");
            return false;
        }
        RiskLimits next;
        try {
            next = parse(current);
        } catch (IllegalArgumentException e) {
            error(e.getMessage());
            return false;
        }
        limits = next;
        p.onEngine(e -> {
            e.risk().setLimits(next);
            return null;
        }).thenRun(() -> fx.execute(() -> {
            messageIsError.set(false);
            message.set("Limits applied.");
        }));
        refresh();
        return true;
    }

    /** The limits the fields describe, on top of {@code base}. @throws InvalidSettingException naming the field */
    RiskLimits parse(RiskLimits base) {
        RiskLimits.Guards g = base.guards();
        double dailyPct = pct("Max daily loss %", 0, 100);
        BigDecimal dailyAbs = money("Max daily loss USDT");
        double dd = pct("Max drawdown %", 0.01, 100);
        double cooldown = number("Drawdown cooldown days", 0, 3650);
        int positions = (int) integer("Max open positions", 0, 10_000);
        BigDecimal posMax = money("Max position USDT");
        int lev = (int) integer("Max leverage", 0, Integer.MAX_VALUE);
        int bracket = PortfolioManager.maxLeverage(symbol);
        if (lev > bracket) {
            throw new InvalidSettingException("Max leverage", lev + "x is above the exchange bracket for " + symbol
                    + " (at most " + bracket + "x)");
        }
        double gross = number("Max gross exposure x", 0, 125);
        double net = number("Max net exposure x", 0, 125);
        if (gross > 0 && net > gross) {
            throw new InvalidSettingException("Max net exposure x", "must not exceed the max gross exposure " + gross
                    + " (was " + net + ")");
        }
        double corr = number("Max correlation", 0, 1);
        int opm = (int) integer("Max orders / min", 0, 100_000);
        RiskLimits.Guards ng = g.withDailyLoss(dailyPct / 100, dailyAbs)
                .withDrawdownCooldownMs((long) (cooldown * RiskLimits.Guards.DAY_MS))
                .withPositions(positions, posMax, lev, g.targetDailyVolatility())
                .withExposure(gross, net, corr)
                .withBreakers(opm, g.maxExchangeErrors(), g.staleDataMs(), g.maxSlippageFraction(), g.breakerCooldownMs(),
                        g.marginRatioReduce());
        return base.withMaxDrawdownHalt(dd / 100).withGuards(ng);
    }

    private String text(String f) {
        return limitFields.get(f).get() == null ? "" : limitFields.get(f).get().strip();
    }

    private double number(String f, double min, double max) {
        String t = text(f);
        if (t.isEmpty()) {
            return 0;
        }
        double v;
        try {
            v = Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new InvalidSettingException(f, "'" + t + "' is not a number");
        }
        if (!(v >= min && v <= max)) {
            throw new InvalidSettingException(f, String.format(Locale.ROOT, "must be within %s..%s (was %s)",
                    fmt(min), fmt(max), t));
        }
        return v;
    }

    private double pct(String f, double min, double max) {
        return number(f, min, max);
    }

    private long integer(String f, long min, long max) {
        double v = number(f, min, max);
        if (v != Math.rint(v)) {
            throw new InvalidSettingException(f, "must be a whole number (was " + text(f) + ")");
        }
        return (long) v;
    }

    private BigDecimal money(String f) {
        String t = text(f);
        if (t.isEmpty()) {
            return null;
        }
        try {
            BigDecimal v = new BigDecimal(t);
            if (v.signum() < 0) {
                throw new InvalidSettingException(f, "must not be negative (was " + t + ")");
            }
            return v.signum() == 0 ? null : v;
        } catch (NumberFormatException e) {
            throw new InvalidSettingException(f, "'" + t + "' is not an amount");
        }
    }

    private static String fmt(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    private void error(String m) {
        messageIsError.set(true);
        message.set(m);
    }

    /** Manual resume: lifts the drawdown, exchange-error and slippage halts (re-bases the peak). */
    public void resume() {
        RiskPort p = port;
        if (p != null) {
            p.onEngine(e -> {
                e.risk().governor().resume(e.clock().nowMillis(), e.portfolio().equity());
                return null;
            }).thenRun(this::refresh);
        }
    }

    /** The user's reduce-only switch. */
    public void setReduceOnly(boolean on) {
        reduceOnly = on;
        RiskPort p = port;
        if (p != null) {
            p.onEngine(e -> {
                e.risk().governor().setReduceOnly(on, e.clock().nowMillis());
                return null;
            }).thenRun(this::refresh);
        }
    }

    /** Whether reduce-only is on. */
    public boolean reduceOnly() {
        return reduceOnly;
    }

    /** Engages the kill switch (cancels every open order; the toolbar's switch). */
    public void killSwitch() {
        killSwitch.accept(true);
    }

    /** The last snapshot (tests). */
    RiskSnapshot snapshot() { return snapshot.get(); }
    public ReadOnlyStringProperty figuresProperty() { return figures.getReadOnlyProperty(); }
    /** Futures margin ratio 0..1 (maintenance / margin balance), −1 without futures positions. */
    public javafx.beans.property.ReadOnlyDoubleProperty marginRatioProperty() { return marginRatio; }
    public ObjectProperty<Heatmap> correlationProperty() { return correlation; }
    public ReadOnlyStringProperty stateProperty() { return state.getReadOnlyProperty(); }
    public ReadOnlyStringProperty reasonProperty() { return reason.getReadOnlyProperty(); }
    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }
    public ObjectProperty<Boolean> messageIsErrorProperty() { return messageIsError; }
    public ObservableList<String> events() { return events; }
    /** The text property of a limit field of {@link #LIMIT_FIELDS}. */
    public StringProperty limitField(String label) { return limitFields.get(label); }
}
