package dev.pennant.ui.viewmodel;

import dev.pennant.core.analytics.MetricRow;
import dev.pennant.core.analytics.PerformanceReport;
import dev.pennant.core.analytics.PerformanceTracker;
import dev.pennant.core.analytics.Trade;
import dev.pennant.core.backtest.Backtester;
import dev.pennant.core.backtest.optimize.BarWindow;
import dev.pennant.core.backtest.optimize.EmaCrossRsiObjective;
import dev.pennant.core.backtest.optimize.HeatMap;
import dev.pennant.core.backtest.optimize.Metric;
import dev.pennant.core.backtest.optimize.OptimizationResult;
import dev.pennant.core.backtest.optimize.Optimizer;
import dev.pennant.core.backtest.optimize.ParameterRange;
import dev.pennant.core.backtest.optimize.ParameterSet;
import dev.pennant.core.backtest.optimize.ParameterSpace;
import dev.pennant.core.backtest.optimize.SearchMethod;
import dev.pennant.core.backtest.optimize.StrategyObjective;
import dev.pennant.core.backtest.optimize.Objective;
import dev.pennant.core.backtest.optimize.Trial;
import dev.pennant.core.backtest.optimize.WalkForward;
import dev.pennant.core.engine.EngineConfig;
import dev.pennant.core.engine.EngineListener;
import dev.pennant.core.marketdata.KlineCsvImporter;
import dev.pennant.core.marketdata.KlineImport;
import dev.pennant.core.model.Bar;
import dev.pennant.core.model.EquitySnapshot;
import dev.pennant.core.strategy.EmaCrossRsiStrategy;
import dev.pennant.core.strategy.ParameterSpec;
import dev.pennant.core.strategy.StrategyDefinition;
import dev.pennant.core.strategy.Strategies;
import dev.pennant.core.strategy.rules.RuleParser;
import dev.pennant.core.strategy.rules.RuleSet;
import dev.pennant.core.strategy.rules.RuleStrategy;
import dev.pennant.core.backtest.ReferenceBacktest;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * The Backtest Lab: choose data (symbol, interval, file, date range), costs and a strategy — the legacy EMA-cross +
 * RSI, a built-in of {@link Strategies} with editors from its {@link ParameterSpec}s, or {@code rules} composed in two
 * {@link RuleEditor}s — then run a backtest (any strategy), an optimisation or a walk-forward (EMA-cross + RSI through
 * {@link EmaCrossRsiObjective}; a built-in through {@link StrategyObjective} over its declared parameter ranges; not
 * rules) on a background thread with progress and cancel. Results are
 * plain rows and arrays for the view (the view never sees the engine). Inputs are read on the FX thread when a run
 * starts; every result is published on the FX thread.
 */
public final class BacktestLabViewModel implements AutoCloseable {

    /** What a run does. */
    public enum Mode { BACKTEST, OPTIMIZE, WALK_FORWARD }

    /** A metrics table row. */
    public record MetricLine(String label, String value) { }

    /** A trade list row (times UTC, money in the quote asset); {@code mark} holds the raw figures for the price plot. */
    public record TradeLine(String entry, String exit, String direction, String quantity, String entryPrice,
                            String exitPrice, String pnl, String returnPct, Mark mark) { }

    /**
     * A trade's entry and exit on the price plot.
     *
     * @param entryTime  fill time, epoch ms UTC
     * @param entryPrice average entry fill price, quote asset
     * @param exitTime   exit fill time, epoch ms UTC, or -1 while open
     * @param exitPrice  average exit fill price, or NaN while open
     */
    public record Mark(long entryTime, double entryPrice, long exitTime, double exitPrice) { }

    /**
     * Close prices for the price plot, at most ~1,000 points, and the selected trade (or null).
     *
     * @param times epoch ms UTC (bar open times)
     * @param close quote asset
     */
    public record PriceView(long[] times, double[] close, Mark mark) { }

    /**
     * One editable strategy parameter: its spec and the text the user typed.
     *
     * @param spec  name, type, range, step, default and description from the strategy definition
     * @param value the entered value as text (starts at the default)
     */
    public record ParameterField(ParameterSpec spec, StringProperty value) {

        /** The parameter's name (also the editor's id suffix). */
        public String name() {
            return spec.name();
        }

        /** The editor's prompt: {@code min … max}. */
        public String prompt() {
            return fmt(spec.min()) + " … " + fmt(spec.max());
        }

        /** The tooltip: description, type, range, step and default. */
        public String help() {
            return String.format(java.util.Locale.ROOT, "%s%n%s, %s … %s, step %s, default %s", spec.description(),
                    spec.type() == ParameterSpec.Type.INT ? "whole number" : "decimal", fmt(spec.min()), fmt(spec.max()),
                    fmt(spec.step()), fmt(spec.defaultValue()));
        }

        private static String fmt(double v) {
            return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
        }
    }

    /** Picker id of the legacy EMA-cross + RSI strategy (the terminal's default). */
    public static final String LEGACY = "ema-cross-rsi";

    /** Picker id of the composed rules strategy. */
    public static final String RULES = dev.pennant.core.strategy.rules.RuleStrategy.ID;

    /** An optimisation result row. */
    public record TrialLine(int rank, String parameters, String score, String returnPct, String sharpe, String maxDrawdown,
                            int trades) { }

    /** A walk-forward table row. */
    public record WindowLine(int window, String inSample, String outOfSample, String parameters, String isReturn,
                             String oosReturn, String oosSharpe, int oosTrades) { }

    /**
     * Equity and drawdown curves, at most ~1,000 points (evenly thinned).
     *
     * @param times    epoch ms UTC
     * @param equity   quote asset
     * @param drawdown percent below the peak (≥ 0)
     */
    public record Curve(long[] times, double[] equity, double[] drawdown) { }

    /**
     * A parameter heat map.
     *
     * @param values {@code values[yIndex][xIndex]} best score, NaN where no trial ran
     */
    public record Heat(String x, String y, double[] xs, double[] ys, double[][] values, String metric) { }

    private final StringProperty symbol = new SimpleStringProperty();
    private final StringProperty interval = new SimpleStringProperty();
    private final ObjectProperty<Path> file = new SimpleObjectProperty<>();
    private final ObjectProperty<LocalDate> from = new SimpleObjectProperty<>();
    private final ObjectProperty<LocalDate> to = new SimpleObjectProperty<>();
    private final StringProperty cash = new SimpleStringProperty("10000");
    private final StringProperty feePercent = new SimpleStringProperty("0.1");
    private final StringProperty fast = new SimpleStringProperty("9");
    private final StringProperty slow = new SimpleStringProperty("21");
    private final StringProperty rsi = new SimpleStringProperty("14");
    private final StringProperty rsiEntry = new SimpleStringProperty("70");
    private final StringProperty rsiExit = new SimpleStringProperty("80");
    private final ObservableList<String> strategies = FXCollections.observableArrayList();
    private final StringProperty strategy = new SimpleStringProperty(LEGACY);
    private final StringProperty strategyNote = new SimpleStringProperty("");
    private final ObservableList<ParameterField> parameterFields = FXCollections.observableArrayList();
    private final RuleEditor entryRules = new RuleEditor("Entry rule", "RSI(14) < 30 AND close > SMA(200)", false);
    private final RuleEditor exitRules = new RuleEditor("Exit rule", "RSI(14) > 70", true);
    private final ObjectProperty<PriceView> priceView = new SimpleObjectProperty<>();
    private List<Bar> shownBars = List.of();
    private final ObjectProperty<Mode> mode = new SimpleObjectProperty<>(Mode.BACKTEST);
    private final StringProperty method = new SimpleStringProperty("random");
    private final StringProperty trials = new SimpleStringProperty("100");
    private final StringProperty windows = new SimpleStringProperty("4");
    private final StringProperty metric = new SimpleStringProperty("sharpe");
    private final ObservableList<String> heatAxes = FXCollections.observableArrayList();
    private final StringProperty heatX = new SimpleStringProperty();
    private final StringProperty heatY = new SimpleStringProperty();

    private final BooleanProperty running = new SimpleBooleanProperty();
    private final DoubleProperty progress = new SimpleDoubleProperty();
    private final StringProperty status = new SimpleStringProperty("Choose data and press Run.");
    private final StringProperty error = new SimpleStringProperty("");
    private final ObjectProperty<Curve> curve = new SimpleObjectProperty<>();
    private final ObservableList<MetricLine> metrics = FXCollections.observableArrayList();
    private final ObservableList<TradeLine> trades = FXCollections.observableArrayList();
    private final ObservableList<TrialLine> trialLines = FXCollections.observableArrayList();
    private final ObjectProperty<Heat> heat = new SimpleObjectProperty<>();
    private final ObjectProperty<Trial> bestTrial = new SimpleObjectProperty<>();
    private final ObservableList<WindowLine> windowLines = FXCollections.observableArrayList();
    private final StringProperty walkForwardSummary = new SimpleStringProperty("");
    private final ObservableList<String> symbols = FXCollections.observableArrayList();
    private final ObservableList<String> intervals = FXCollections.observableArrayList();
    private final ObservableList<Path> files = FXCollections.observableArrayList();

    private final Map<String, Map<String, List<Path>>> catalogue = new TreeMap<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "backtest-lab");
        t.setDaemon(true);
        return t;
    });
    private final int threads;
    private final AtomicBoolean cancel = new AtomicBoolean();
    private final AtomicReference<Double> pendingProgress = new AtomicReference<>();
    private final FxCoalescer progressPulse = new FxCoalescer(() -> {
        Double p = pendingProgress.getAndSet(null);
        if (p != null) {
            progress.set(p);
        }
    });

    /**
     * @param klinesRoot folder laid out as {@code shared/data/binance/spot/klines} ({@code <SYMBOL>/<files>}), may be
     *                   {@code null} (then only a chosen file)
     * @param threads    optimiser worker threads (≥ 1)
     */
    public BacktestLabViewModel(Path klinesRoot, int threads) {
        this.threads = threads;
        if (klinesRoot != null && Files.isDirectory(klinesRoot)) {
            scan(klinesRoot);
        }
        symbol.addListener((o, a, s) -> {
            intervals.setAll(s == null ? List.of() : catalogue.getOrDefault(s, Map.of()).keySet());
            interval.set(intervals.contains("1h") ? "1h" : intervals.isEmpty() ? null : intervals.getFirst());
        });
        interval.addListener((o, a, i) -> {
            List<Path> fs = symbol.get() == null || i == null ? List.of()
                    : catalogue.getOrDefault(symbol.get(), Map.of()).getOrDefault(i, List.of());
            files.setAll(fs);
            file.set(fs.isEmpty() ? null : fs.getFirst());
        });
        if (!symbols.isEmpty()) {
            symbol.set(symbols.contains("BTCUSDT") ? "BTCUSDT" : symbols.getFirst());
        }
        strategies.add(LEGACY);
        Strategies.builtIn().forEach(d -> strategies.add(d.id()));
        strategies.add(RuleStrategy.ID);
        strategy.addListener((o, a, id) -> strategyChanged(id));
        strategyChanged(strategy.get());
    }

    /** Rebuilds the parameter editors, heat-map axes and the note for the picked strategy; rules are backtest only. */
    private void strategyChanged(String id) {
        if (id == null || id.equals(LEGACY)) {
            parameterFields.clear();
            axes(List.of("fastPeriod", "slowPeriod", "rsiPeriod", "rsiEntryMax"));
            strategyNote.set("EMA cross + RSI (the terminal's default).");
            return;
        }
        if (id.equals(RuleStrategy.ID)) {
            if (mode.get() != Mode.BACKTEST) {
                mode.set(Mode.BACKTEST);
            }
            parameterFields.clear();
            axes(List.of());
            strategyNote.set("Rules: long when the entry rule holds, close when the exit rule holds; periods are in the "
                    + "rules. Backtest only.");
            return;
        }
        StrategyDefinition d = Strategies.byId(id);
        parameterFields.setAll(d.parameters().stream().map(p -> new ParameterField(p, new SimpleStringProperty(
                num(p.defaultValue())))).toList());
        axes(d.parameters().stream().map(ParameterSpec::name).toList());
        strategyNote.set(d.description() + (d.description().endsWith(".") ? "" : ".")
                + " Optimise and walk-forward search each parameter's declared range.");
    }

    /** Heat-map axis choices; x defaults to the first, y to the second (the first when there is one). */
    private void axes(List<String> names) {
        heatAxes.setAll(names);
        heatX.set(names.isEmpty() ? null : names.getFirst());
        heatY.set(names.isEmpty() ? null : names.get(Math.min(1, names.size() - 1)));
    }

    private static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    /** {@code ../shared/data/binance/spot/klines} beside the working directory or a parent (property {@code pennant.shared.dir} first), or null. */
    public static Path defaultKlinesRoot() {
        String prop = System.getProperty("pennant.shared.dir");
        if (prop != null && Files.isDirectory(Path.of(prop, "data/binance/spot/klines"))) {
            return Path.of(prop, "data/binance/spot/klines");
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            for (Path c : new Path[] {dir.resolve("shared/data/binance/spot/klines"),
                    dir.resolveSibling("shared").resolve("data/binance/spot/klines")}) {
                if (Files.isDirectory(c)) {
                    return c;
                }
            }
        }
        return null;
    }

    /** Files named {@code SYMBOL-INTERVAL-….csv(.gz)} under {@code root/<SYMBOL>/}. */
    private void scan(Path root) {
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path d : dirs.filter(Files::isDirectory).sorted().toList()) {
                try (Stream<Path> fs = Files.list(d)) {
                    for (Path f : fs.filter(Files::isRegularFile).sorted().toList()) {
                        String[] parts = f.getFileName().toString().split("-");
                        if (parts.length >= 3 && f.getFileName().toString().contains(".csv")) {
                            catalogue.computeIfAbsent(parts[0], k -> new TreeMap<>(BacktestLabViewModel::byLength))
                                    .computeIfAbsent(parts[1], k -> new ArrayList<>()).add(f);
                        }
                    }
                }
            }
        } catch (IOException e) {
            error.set("Could not list " + root + ": " + e.getMessage());
        }
        symbols.setAll(catalogue.keySet());
    }

    /** Orders intervals 1m, 5m, 1h, 4h, 1d … (unit, then number). */
    private static int byLength(String a, String b) {
        String units = "smhdwM";
        int c = Integer.compare(units.indexOf(a.charAt(a.length() - 1)), units.indexOf(b.charAt(b.length() - 1)));
        if (c != 0) {
            return c;
        }
        try {
            return Integer.compare(Integer.parseInt(a.substring(0, a.length() - 1)), Integer.parseInt(b.substring(0, b.length() - 1)));
        } catch (NumberFormatException e) {
            return a.compareTo(b);
        }
    }

    /** Starts the run chosen by {@link #modeProperty()} (FX thread). Bad input sets {@link #errorProperty()} and runs nothing. */
    public void run() {
        if (running.get()) {
            return;
        }
        final Inputs in;
        try {
            in = readInputs();
        } catch (IllegalArgumentException e) {
            error.set(e.getMessage());
            return;
        }
        error.set("");
        cancel.set(false);
        running.set(true);
        progress.set(0);
        status.set("Loading " + in.file.getFileName() + " …");
        worker.execute(() -> {
            try {
                execute(in);
            } catch (Exception e) {
                Platform.runLater(() -> {
                    error.set(e.getMessage() == null ? e.toString() : e.getMessage());
                    status.set("Failed.");
                });
            } finally {
                Platform.runLater(() -> running.set(false));
            }
        });
    }

    /** Asks the running job to stop: no further trial starts (any thread). */
    public void cancel() {
        cancel.set(true);
    }

    private record Inputs(Path file, LocalDate from, LocalDate to, BigDecimal cash, BigDecimal fee,
                          EmaCrossRsiStrategy.Parameters parameters, StrategyDefinition definition,
                          dev.pennant.core.strategy.ParameterSet strategyParameters, Mode mode, SearchMethod method, int trials,
                          int windows, Metric metric, String heatX, String heatY) { }

    private Inputs readInputs() {
        if (file.get() == null) {
            throw new IllegalArgumentException("Data: choose a symbol and interval with a recorded file, or a file");
        }
        BigDecimal c = decimal(cash.get(), "Cash");
        if (c.signum() <= 0) {
            throw new IllegalArgumentException("Cash: must be > 0 USDT, was " + cash.get());
        }
        BigDecimal feePct = decimal(feePercent.get(), "Fee");
        if (feePct.signum() < 0 || feePct.compareTo(BigDecimal.TEN) > 0) {
            throw new IllegalArgumentException("Fee: must be within 0..10 %, was " + feePercent.get());
        }
        if (from.get() != null && to.get() != null && to.get().isBefore(from.get())) {
            throw new IllegalArgumentException("To: must not be before From");
        }
        EmaCrossRsiStrategy.Parameters p = new EmaCrossRsiStrategy.Parameters(integer(fast.get(), "Fast EMA"),
                integer(slow.get(), "Slow EMA"), integer(rsi.get(), "RSI period"), decimal(rsiEntry.get(), "RSI entry max").doubleValue(),
                decimal(rsiExit.get(), "RSI exit").doubleValue());
        StrategyDefinition def = null;
        dev.pennant.core.strategy.ParameterSet ps = null;
        if (!LEGACY.equals(strategy.get())) {
            if (RuleStrategy.ID.equals(strategy.get())) {
                if (mode.get() != Mode.BACKTEST) {
                    throw new IllegalArgumentException("Mode: the rules strategy has no parameters to optimise; choose "
                            + "BACKTEST");
                }
                RuleSet rules = new RuleSet(entryRules.group(), exitRules.group(), null, null);
                def = RuleStrategy.definition(rules);
            } else {
                def = Strategies.byId(strategy.get());
            }
            Map<String, Double> values = new java.util.LinkedHashMap<>();
            for (ParameterField f : parameterFields) {
                values.put(f.spec().name(), decimal(f.value().get(), f.spec().name()).doubleValue());
            }
            ps = def.parameters(values); // names the parameter and its range when out of it
            def.create(ps); // cross-rules (fast < slow …) fail here, before the run
        }
        int n = integer(trials.get(), "Trials");
        if (n < 1) {
            throw new IllegalArgumentException("Trials: must be >= 1, was " + n);
        }
        int w = integer(windows.get(), "Windows");
        if (mode.get() == Mode.WALK_FORWARD && w < 1) {
            throw new IllegalArgumentException("Windows: must be >= 1, was " + w);
        }
        return new Inputs(file.get(), from.get(), to.get(), c, feePct.movePointLeft(2), p, def, ps, mode.get(),
                SearchMethod.parse(method.get()), n, w, Metric.parse(metric.get()), heatX.get(), heatY.get());
    }

    static BigDecimal decimal(String s, String field) {
        try {
            return new BigDecimal(s.trim());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(field + ": must be a number, was '" + s + "'");
        }
    }

    static int integer(String s, String field) {
        try {
            return Integer.parseInt(s.trim());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(field + ": must be a whole number, was '" + s + "'");
        }
    }

    private void execute(Inputs in) throws IOException {
        KlineImport data = new KlineCsvImporter().read(in.file);
        List<Bar> bars = BarWindow.between(data.bars(), in.from, in.to);
        EngineConfig d = EngineConfig.defaults(data.symbol(), data.interval());
        EngineConfig config = new EngineConfig(d.instrument(), d.interval(), in.cash, in.fee, in.parameters,
                new dev.pennant.core.risk.RiskLimits(d.risk().allocationFraction(), d.risk().maxPositionFraction(),
                        d.risk().maxDrawdownHalt(), in.fee));
        String what = data.symbol() + " " + data.interval() + ", " + bars.size() + " bars "
                + day(bars.getFirst().openTime()) + " → " + day(bars.getLast().openTime());
        Platform.runLater(() -> status.set("Running on " + what + " …"));
        // a built-in's base: the lab's costs and risk, except the reference's own sizing (as `backtest --strategy
        // reference`: 95 % of cash, no drawdown halt)
        EngineConfig strategyBase = config;
        if (in.definition != null && in.definition.id().equals(dev.pennant.core.strategy.builtin.ReferenceStrategy.ID)) {
            EngineConfig ref = ReferenceBacktest.config(config.instrument(), config.interval());
            strategyBase = new EngineConfig(ref.instrument(), ref.interval(), in.cash, ref.feeRate(), ref.strategy(), ref.risk());
        }
        EmaCrossRsiObjective legacy = new EmaCrossRsiObjective(config);
        StrategyDefinition def = in.definition;
        Objective objective = def == null ? legacy : new StrategyObjective(def, strategyBase);
        ParameterSet chosen = null;
        if (in.mode != Mode.BACKTEST) {
            ParameterSpace space = def == null
                    ? ParameterSpace.emaCrossRsi(List.of(ParameterRange.ofInt("fastPeriod", 3, 30, 1),
                    ParameterRange.ofInt("slowPeriod", 10, 100, 2), ParameterRange.ofInt("rsiPeriod", 7, 28, 1),
                    ParameterRange.ofDouble("rsiEntryMax", 50, 80, 5)))
                    : StrategyObjective.space(def, List.of(), p -> StrategyObjective.accepts(def, p),
                    "accepted by " + def.id());
            Optimizer.Request req = new Optimizer.Request(space, in.method, in.trials, 1, in.metric);
            try (Optimizer optimizer = new Optimizer(threads)) {
                if (in.mode == Mode.WALK_FORWARD) {
                    int total = in.windows * (in.method == SearchMethod.GRID ? space.grid(Optimizer.GRID_LIMIT).size() : in.trials);
                    int[] base = {0};
                    int[] last = {0};
                    WalkForward.Result wf = WalkForward.run(optimizer, req, objective, bars, in.windows, 0.75, (done, t) -> {
                        if (done < last[0]) {
                            base[0] += last[0];
                        }
                        last[0] = done;
                        reportProgress((double) (base[0] + done) / total);
                    }, cancel::get);
                    publishWalkForward(wf);
                }
                OptimizationResult r = optimizer.optimize(req, objective, bars,
                        (done, t) -> reportProgress(in.mode == Mode.WALK_FORWARD ? 1 : (double) done / t), cancel::get);
                publishOptimization(r, in.heatX, in.heatY);
                if (!r.trials().isEmpty()) {
                    chosen = r.best().parameters();
                }
            }
        }
        // the backtest shown: the chosen parameters, or the optimisation's best over the whole range
        EngineConfig shown = def != null ? strategyBase : chosen == null ? config : legacy.config(chosen);
        dev.pennant.core.strategy.ParameterSet shownParameters = def == null ? null
                : chosen == null ? in.strategyParameters : StrategyObjective.parameters(def, chosen);
        PerformanceTracker tracker = new PerformanceTracker(in.cash, shown.interval().millis());
        int total = bars.size();
        int[] seen = {0};
        EngineListener barProgress = new EngineListener() {
            @Override
            public void onEquity(EquitySnapshot snapshot) {
                if (in.mode == Mode.BACKTEST && (++seen[0] & 255) == 0) {
                    reportProgress((double) seen[0] / total);
                }
            }
        };
        if (in.definition == null) {
            Backtester.run(bars, shown, tracker, barProgress);
        } else {
            Backtester.run(bars, shown, def.create(shownParameters), null, tracker, barProgress);
        }
        PerformanceReport report = tracker.report(bars);
        boolean wasCancelled = cancel.get();
        ParameterSet best = chosen;
        Platform.runLater(() -> {
            shownBars = bars;
            publishReport(report);
            priceView.set(price(bars, null));
            progress.set(1);
            status.set((wasCancelled ? "Cancelled — showing what finished. " : "Done. ") + what
                    + (best != null ? "; best: " + best : ""));
        });
    }

    private void reportProgress(double p) {
        pendingProgress.set(Math.min(1, p));
        progressPulse.schedule();
    }

    private void publishReport(PerformanceReport r) {
        metrics.setAll(MetricRow.of(r.metrics()).stream().map(m -> new MetricLine(m.label(), m.display())).toList());
        List<TradeLine> rows = new ArrayList<>();
        for (Trade t : r.trades()) {
            rows.add(new TradeLine(time(t.entryTime()), t.open() ? "open" : time(t.exitTime()), t.direction(),
                    String.format(Locale.ROOT, "%.5f", t.quantity()), money(t.entryPrice()), money(t.exitPrice()),
                    money(t.pnl()), String.format(Locale.ROOT, "%+.2f %%", t.returnFraction() * 100),
                    new Mark(t.entryTime(), t.entryPrice(), t.open() ? -1 : t.exitTime(), t.open() ? Double.NaN : t.exitPrice())));
        }
        trades.setAll(rows);
        int n = r.times().length;
        int step = Math.max(1, n / 1000);
        int m = (n + step - 1) / step;
        long[] t = new long[m];
        double[] e = new double[m];
        double[] dd = new double[m];
        for (int i = 0, j = 0; i < n && j < m; i += step, j++) {
            t[j] = r.times()[i];
            e[j] = r.equity()[i];
            dd[j] = r.drawdown()[i] * 100;
        }
        curve.set(new Curve(t, e, dd));
    }

    /**
     * Shows {@code trade} on the price plot: the bars from 50 before its entry to 50 after its exit (the last bar
     * while open), with the entry and exit marked; {@code null} shows the whole run (FX thread).
     */
    public void selectTrade(TradeLine trade) {
        if (shownBars.isEmpty()) {
            return;
        }
        if (trade == null) {
            priceView.set(price(shownBars, null));
            return;
        }
        Mark m = trade.mark();
        int from = Math.max(0, index(m.entryTime()) - 50);
        int to = m.exitTime() < 0 ? shownBars.size() : Math.min(shownBars.size(), index(m.exitTime()) + 51);
        priceView.set(price(shownBars.subList(from, Math.max(from + 1, to)), m));
    }

    /** First bar whose open time is ≥ {@code time} (binary search; bars are in time order). */
    private int index(long time) {
        int lo = 0;
        int hi = shownBars.size() - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (shownBars.get(mid).openTime() < time) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static PriceView price(List<Bar> bars, Mark mark) {
        int step = Math.max(1, bars.size() / 1000);
        int m = (bars.size() + step - 1) / step;
        long[] t = new long[m];
        double[] c = new double[m];
        for (int i = 0, j = 0; j < m; i += step, j++) {
            t[j] = bars.get(i).openTime();
            c[j] = bars.get(i).close().doubleValue();
        }
        return new PriceView(t, c, mark);
    }

    private void publishOptimization(OptimizationResult r, String x, String y) {
        List<TrialLine> rows = new ArrayList<>();
        for (int i = 0; i < Math.min(50, r.trials().size()); i++) {
            Trial t = r.trials().get(i);
            rows.add(new TrialLine(i + 1, t.parameters().toString(), fmt(t.score()), pct(t.metrics().totalReturn()),
                    fmt(t.metrics().sharpe()), String.format(Locale.ROOT, "%.2f %%", t.metrics().maxDrawdown() * 100),
                    t.metrics().trades()));
        }
        HeatMap h = r.heatMap(x, y);
        Platform.runLater(() -> {
            trialLines.setAll(rows);
            bestTrial.set(r.trials().isEmpty() ? null : r.best());
            heat.set(new Heat(h.x(), h.y(), h.xs(), h.ys(), h.values(), r.metric().name().toLowerCase(Locale.ROOT)));
        });
    }

    private void publishWalkForward(WalkForward.Result wf) {
        List<WindowLine> rows = new ArrayList<>();
        for (WalkForward.Window w : wf.windows()) {
            rows.add(new WindowLine(w.index() + 1, day(w.isFrom()) + " → " + day(w.isTo()), day(w.oosFrom()) + " → "
                    + day(w.oosTo()), w.best().toString(), pct(w.inSample().totalReturn()), pct(w.outOfSample().totalReturn()),
                    fmt(w.outOfSample().sharpe()), w.outOfSample().trades()));
        }
        String summary = String.format(Locale.ROOT, "Out of sample: compounded return %+.2f %%, mean Sharpe %s, "
                + "walk-forward efficiency %s (OOS return per bar / IS return per bar)%s", wf.oosCompoundedReturn() * 100,
                fmt(wf.oosMeanSharpe()), fmt(wf.efficiency()), wf.cancelled() ? " — cancelled" : "");
        Platform.runLater(() -> {
            windowLines.setAll(rows);
            walkForwardSummary.set(summary);
        });
    }

    private static String day(long ms) {
        return Instant.ofEpochMilli(ms).toString().substring(0, 10);
    }

    private static String time(long ms) {
        return Instant.ofEpochMilli(ms).toString().substring(0, 16).replace('T', ' ');
    }

    private static String money(double v) {
        return Double.isNaN(v) ? "—" : String.format(Locale.ROOT, "%,.2f", v);
    }

    private static String pct(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%+.2f %%", v * 100);
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "n/a" : Double.isInfinite(v) ? (v > 0 ? "∞" : "-∞") : String.format(Locale.ROOT, "%.3f", v);
    }

    /** Stops the worker (a running trial finishes in the background). */
    @Override
    public void close() {
        cancel.set(true);
        worker.shutdownNow();
    }

    // properties and lists for the view
    /** Chosen symbol. */ public StringProperty symbolProperty() { return symbol; }
    /** Chosen interval (e.g. {@code 1h}). */ public StringProperty intervalProperty() { return interval; }
    /** The kline file. */ public ObjectProperty<Path> fileProperty() { return file; }
    /** First day (UTC), or null for the file's first bar. */ public ObjectProperty<LocalDate> fromProperty() { return from; }
    /** Last day (UTC, inclusive), or null. */ public ObjectProperty<LocalDate> toProperty() { return to; }
    /** Starting cash, USDT. */ public StringProperty cashProperty() { return cash; }
    /** Taker fee in percent (0.1 = 0.1 %). */ public StringProperty feePercentProperty() { return feePercent; }
    /** Fast EMA bars. */ public StringProperty fastProperty() { return fast; }
    /** Slow EMA bars. */ public StringProperty slowProperty() { return slow; }
    /** RSI bars. */ public StringProperty rsiProperty() { return rsi; }
    /** Enter while RSI below. */ public StringProperty rsiEntryProperty() { return rsiEntry; }
    /** Exit at RSI. */ public StringProperty rsiExitProperty() { return rsiExit; }
    /** Run mode. */ public ObjectProperty<Mode> modeProperty() { return mode; }
    /** Strategy ids: {@link #LEGACY}, the built-ins of {@link Strategies}, {@code rules}. */ public ObservableList<String> strategies() { return strategies; }
    /** Picked strategy id. */ public StringProperty strategyProperty() { return strategy; }
    /** Description of the picked strategy and what its modes allow. */ public StringProperty strategyNoteProperty() { return strategyNote; }
    /** Parameter editors of the picked built-in (empty for the legacy one and for rules). */ public ObservableList<ParameterField> parameterFields() { return parameterFields; }
    /** The rules strategy's long entry rule. */ public RuleEditor entryRules() { return entryRules; }
    /** The rules strategy's long exit rule (empty text: none). */ public RuleEditor exitRules() { return exitRules; }
    /** Price plot of the run shown and the selected trade. */ public ObjectProperty<PriceView> priceViewProperty() { return priceView; }
    /** grid, random or tpe. */ public StringProperty methodProperty() { return method; }
    /** Trials per optimisation. */ public StringProperty trialsProperty() { return trials; }
    /** Walk-forward windows. */ public StringProperty windowsProperty() { return windows; }
    /** Ranked metric. */ public StringProperty metricProperty() { return metric; }
    /** True while a job runs. */ public BooleanProperty runningProperty() { return running; }
    /** 0..1. */ public DoubleProperty progressProperty() { return progress; }
    /** What happened last. */ public StringProperty statusProperty() { return status; }
    /** The last input or run error ("" when none). */ public StringProperty errorProperty() { return error; }
    /** Curves of the run shown. */ public ObjectProperty<Curve> curveProperty() { return curve; }
    /** Metrics of the run shown. */ public ObservableList<MetricLine> metrics() { return metrics; }
    /** Trades of the run shown. */ public ObservableList<TradeLine> trades() { return trades; }
    /** Best 50 trials of the last optimisation. */ public ObservableList<TrialLine> trialLines() { return trialLines; }
    /** Heat map (heat x × heat y) of the last optimisation. */ public ObjectProperty<Heat> heatProperty() { return heat; }
    /** Best trial of the last optimisation (null before one, or when none ran). */ public ObjectProperty<Trial> bestTrialProperty() { return bestTrial; }
    /** Parameter names the heat map can plot for the picked strategy (empty for rules). */ public ObservableList<String> heatAxes() { return heatAxes; }
    /** Heat-map x parameter (default the strategy's first). */ public StringProperty heatXProperty() { return heatX; }
    /** Heat-map y parameter (default the strategy's second). */ public StringProperty heatYProperty() { return heatY; }
    /** Walk-forward windows. */ public ObservableList<WindowLine> windowLines() { return windowLines; }
    /** Walk-forward OOS summary. */ public StringProperty walkForwardSummaryProperty() { return walkForwardSummary; }
    /** Symbols with recorded files. */ public ObservableList<String> symbols() { return symbols; }
    /** Intervals recorded for the symbol. */ public ObservableList<String> intervals() { return intervals; }
    /** Files of the symbol and interval. */ public ObservableList<Path> files() { return files; }
}
