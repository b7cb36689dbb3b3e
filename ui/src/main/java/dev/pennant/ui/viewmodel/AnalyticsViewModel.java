package dev.pennant.ui.viewmodel;

import dev.pennant.core.analytics.MetricRow;
import dev.pennant.core.analytics.PerformanceReport;
import dev.pennant.core.model.EquitySnapshot;
import dev.pennant.core.model.Fill;
import dev.pennant.core.persistence.HistoryStore;
import dev.pennant.core.persistence.SessionInfo;
import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The analytics dashboard (issue 9): a {@link PerformanceReport} of a stored session or of every session of one
 * strategy name, read from the history database and computed on the {@code pennant-analytics} thread, published to
 * the FX thread as plots (equity, drawdown), a metrics table, the monthly-returns grid, P&amp;L by symbol, and a paper
 * vs live comparison of the strategy's metrics.
 *
 * <p>Slippage is reported as 0: the history stores no bars to take the reference price from.
 */
public final class AnalyticsViewModel implements AutoCloseable {

    /** What the dashboard reports on: a stored session ({@code key} = session id) or a strategy name. */
    public record Scope(Kind kind, String key, String label) {
        @Override
        public String toString() {
            return label;
        }
    }

    /** The kinds of {@link Scope}. */
    public enum Kind { SESSION, STRATEGY }

    /** A metrics table row; {@code value} formatted by {@link MetricRow}. */
    public record MetricLine(String label, String value) { }

    /** A paper vs live row: the same metric of the strategy's PAPER and LIVE sessions ("—" where a mode has none). */
    public record CompareLine(String label, String paper, String live) { }

    /** P&amp;L of one symbol, quote asset, formatted. */
    public record SymbolLine(String symbol, String pnl, double value) { }

    /**
     * The curves of the report shown, thinned to at most ~1,000 points for the plots.
     *
     * @param times           epoch ms UTC, ascending
     * @param equity          quote asset
     * @param drawdownPercent {@code −100 × (peak − equity) / peak}, ≤ 0 (plotted below zero)
     */
    public record Curve(long[] times, double[] equity, double[] drawdownPercent) { }

    /**
     * The monthly returns heat map: {@code values[y][m]} the return fraction of month {@code m} (0 = January) of
     * {@code years.get(y)} (UTC), NaN outside the run.
     */
    public record Heat(List<Integer> years, double[][] values) { }

    private final HistoryStore store;
    private final ObjectProperty<Curve> curve = new SimpleObjectProperty<>();
    private final ObjectProperty<Heat> heat = new SimpleObjectProperty<>();
    private final ExecutorService exec = Executors.newSingleThreadExecutor(r -> Thread.ofPlatform().daemon()
            .name("pennant-analytics").unstarted(r));
    private final ObservableList<Scope> scopes = FXCollections.observableArrayList();
    private final ObservableList<MetricLine> metrics = FXCollections.observableArrayList();
    private final ObservableList<CompareLine> comparison = FXCollections.observableArrayList();
    private final ObservableList<SymbolLine> bySymbol = FXCollections.observableArrayList();
    private final ObjectProperty<PerformanceReport> report = new SimpleObjectProperty<>();
    private final StringProperty status = new SimpleStringProperty("");
    private final StringProperty comparisonNote = new SimpleStringProperty("");

    /** A dashboard over {@code store}; {@code null} when the history database is not open (the dashboard says so). */
    public AnalyticsViewModel(HistoryStore store) {
        this.store = store;
    }

    /** Lists the stored sessions and strategy names as scopes (reads off the FX thread). */
    public void refresh() {
        if (store == null) {
            status.set("History database not open: no analytics.");
            return;
        }
        status.set("Loading sessions…");
        exec.execute(() -> {
            try {
                List<SessionInfo> sessions = store.sessions();
                List<Scope> out = new ArrayList<>();
                Set<String> names = new LinkedHashSet<>();
                for (SessionInfo s : sessions) {
                    if (s.strategy() != null) {
                        names.add(s.strategy());
                    }
                }
                for (String n : names) {
                    out.add(new Scope(Kind.STRATEGY, n, "Strategy: " + n));
                }
                for (SessionInfo s : sessions) {
                    out.add(new Scope(Kind.SESSION, s.id(), "Session " + s.mode() + " " + s.symbol() + " "
                            + java.time.Instant.ofEpochMilli(s.startedAt()) + " (" + s.id() + ")"));
                }
                Platform.runLater(() -> {
                    scopes.setAll(out);
                    status.set(out.isEmpty() ? "No stored session yet." : "Pick a scope.");
                });
            } catch (RuntimeException e) {
                Platform.runLater(() -> status.set("Could not read the history: " + e.getMessage()));
            }
        });
    }

    /** Computes and shows the report of {@code scope} (off the FX thread). */
    public void select(Scope scope) {
        if (scope == null || store == null) {
            return;
        }
        status.set("Computing " + scope.label() + "…");
        exec.execute(() -> {
            try {
                List<SessionInfo> all = store.sessions();
                PerformanceReport main;
                PerformanceReport paper = null;
                PerformanceReport live = null;
                String strategy;
                if (scope.kind() == Kind.SESSION) {
                    SessionInfo s = all.stream().filter(x -> x.id().equals(scope.key())).findFirst().orElseThrow(
                            () -> new IllegalArgumentException("no session " + scope.key()));
                    main = report(store, List.of(s));
                    strategy = s.strategy();
                } else {
                    strategy = scope.key();
                    main = null;
                }
                if (strategy != null) {
                    paper = report(store, ofStrategy(all, strategy, "PAPER"));
                    live = report(store, ofStrategy(all, strategy, "LIVE"));
                }
                if (main == null) {
                    main = paper != null ? paper : live;
                }
                PerformanceReport m = main;
                PerformanceReport p = paper;
                PerformanceReport l = live;
                Platform.runLater(() -> publish(scope, strategy, m, p, l));
            } catch (RuntimeException e) {
                Platform.runLater(() -> status.set("Could not compute " + scope.label() + ": " + e.getMessage()));
            }
        });
    }

    private static List<SessionInfo> ofStrategy(List<SessionInfo> all, String strategy, String mode) {
        return all.stream().filter(s -> strategy.equals(s.strategy()) && mode.equals(s.mode()))
                .sorted(java.util.Comparator.comparingLong(SessionInfo::startedAt)).toList();
    }

    /**
     * The report of {@code sessions} (oldest first) from their stored fills and equity: one session as stored; several
     * chained, each later session's equity scaled to start where the previous one ended (returns compounded), the
     * starting equity the first one's starting cash and the bar interval the first one's. Sessions without an equity
     * row are skipped.
     *
     * @return {@code null} when no session has an equity row
     */
    public static PerformanceReport report(HistoryStore store, List<SessionInfo> sessions) {
        List<Long> times = new ArrayList<>();
        List<Double> equity = new ArrayList<>();
        List<Fill> fills = new ArrayList<>();
        double start = Double.NaN;
        long barMillis = 0;
        double carry = Double.NaN;
        for (SessionInfo s : sessions) {
            List<EquitySnapshot> eq = store.equity(s.id());
            if (eq.isEmpty()) {
                continue;
            }
            double cash = s.startingCash().doubleValue();
            double scale = 1;
            if (Double.isNaN(start)) {
                start = cash;
                barMillis = s.interval().millis();
            } else {
                scale = carry / cash;
            }
            long last = times.isEmpty() ? Long.MIN_VALUE : times.getLast();
            for (EquitySnapshot e : eq) {
                long t = Math.max(e.time(), last); // overlapping sessions keep the curve ascending
                times.add(t);
                equity.add(e.equity().doubleValue() * scale);
                last = t;
            }
            carry = equity.getLast();
            fills.addAll(store.fills(s.id()));
        }
        if (times.isEmpty()) {
            return null;
        }
        fills.sort(java.util.Comparator.comparingLong(Fill::time));
        return PerformanceReport.compute(start, times.stream().mapToLong(Long::longValue).toArray(),
                equity.stream().mapToDouble(Double::doubleValue).toArray(), fills, barMillis, null);
    }

    private void publish(Scope scope, String strategy, PerformanceReport main, PerformanceReport paper,
                         PerformanceReport live) {
        report.set(main);
        curve.set(main == null ? null : curve(main));
        heat.set(main == null ? null : new Heat(main.monthlyGrid().years(), main.monthlyGrid().values()));
        if (main == null) {
            metrics.clear();
            bySymbol.clear();
            status.set(scope.label() + ": no equity stored yet.");
        } else {
            metrics.setAll(MetricRow.of(main.metrics()).stream().map(r -> new MetricLine(r.label(), r.display())).toList());
            bySymbol.setAll(main.bySymbol().stream().map(b -> new SymbolLine(b.symbol(),
                    String.format(Locale.ROOT, "%,.2f", b.realizedPnl()), b.realizedPnl())).toList());
            status.set(scope.label() + ": " + main.trades().size() + " trades, " + (main.times().length - 1)
                    + " equity samples.");
        }
        List<CompareLine> rows = new ArrayList<>();
        if (paper != null || live != null) {
            List<MetricRow> pr = paper == null ? null : MetricRow.of(paper.metrics());
            List<MetricRow> lr = live == null ? null : MetricRow.of(live.metrics());
            List<MetricRow> any = pr != null ? pr : lr;
            for (int i = 0; i < any.size(); i++) {
                rows.add(new CompareLine(any.get(i).label(), pr == null ? "—" : pr.get(i).display(),
                        lr == null ? "—" : lr.get(i).display()));
            }
        }
        comparison.setAll(rows);
        if (strategy == null) {
            comparisonNote.set("The session names no strategy: no paper vs live comparison.");
        } else if (paper == null && live == null) {
            comparisonNote.set("Strategy '" + strategy + "' has no stored equity in PAPER or LIVE.");
        } else if (paper == null || live == null) {
            comparisonNote.set("Strategy '" + strategy + "' has no " + (paper == null ? "PAPER" : "LIVE")
                    + " session: only " + (paper == null ? "LIVE" : "PAPER") + " is shown.");
        } else {
            comparisonNote.set("Strategy '" + strategy + "': all PAPER sessions vs all LIVE sessions.");
        }
    }

    private static Curve curve(PerformanceReport r) {
        int n = r.times().length;
        int step = Math.max(1, n / 1000);
        int m = (n + step - 1) / step;
        long[] t = new long[m];
        double[] e = new double[m];
        double[] d = new double[m];
        for (int i = 0, j = 0; j < m; i += step, j++) {
            t[j] = r.times()[i];
            e[j] = r.equity()[i];
            d[j] = -r.drawdown()[i] * 100;
        }
        return new Curve(t, e, d);
    }

    /** The plotted curves; {@code null} before a report. */ public ObjectProperty<Curve> curveProperty() { return curve; }
    /** The monthly heat map; {@code null} before a report. */ public ObjectProperty<Heat> heatProperty() { return heat; }
    /** Scopes to pick from (FX thread). */ public ObservableList<Scope> scopes() { return scopes; }
    /** Metrics of the report shown. */ public ObservableList<MetricLine> metrics() { return metrics; }
    /** Paper vs live rows of the strategy. */ public ObservableList<CompareLine> comparison() { return comparison; }
    /** P&amp;L by symbol of the report shown. */ public ObservableList<SymbolLine> bySymbol() { return bySymbol; }
    /** The report shown (curves, monthly grid); {@code null} before one. */ public ObjectProperty<PerformanceReport> reportProperty() { return report; }
    /** One-line status. */ public StringProperty statusProperty() { return status; }
    /** Why the comparison is partial or empty. */ public StringProperty comparisonNoteProperty() { return comparisonNote; }

    /** Stops the analytics thread. */
    @Override
    public void close() {
        exec.shutdownNow();
    }
}
