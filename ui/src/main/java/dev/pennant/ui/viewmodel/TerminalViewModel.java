package dev.pennant.ui.viewmodel;

import dev.pennant.core.ai.Explanation;
import dev.pennant.core.analysis.IndicatorSnapshot;
import dev.pennant.core.engine.EngineConfig;
import dev.pennant.core.engine.EngineListener;
import dev.pennant.core.engine.PaperSession;
import dev.pennant.core.exchange.binance.BinanceEndpoints;
import dev.pennant.core.execution.TradingCommand;
import dev.pennant.core.exchange.binance.BinanceRestClient;
import dev.pennant.core.exchange.binance.InstrumentChoice;
import dev.pennant.core.exchange.binance.InstrumentSource;
import dev.pennant.core.exchange.binance.RecordedExchangeInfo;
import dev.pennant.core.marketdata.BinanceLiveSource;
import dev.pennant.core.marketdata.feed.BinanceMarketFeed;
import dev.pennant.core.marketdata.KlineCsvImporter;
import dev.pennant.core.marketdata.KlineImport;
import dev.pennant.core.marketdata.ReplaySource;
import dev.pennant.core.marketdata.SourceStatus;
import dev.pennant.core.marketdata.feed.MarketFeed;
import dev.pennant.core.marketdata.feed.RecordedMarketFeed;
import dev.pennant.core.model.Market;
import dev.pennant.core.model.Bar;
import dev.pennant.core.model.Interval;
import dev.pennant.core.model.EquitySnapshot;
import dev.pennant.core.model.Fill;
import dev.pennant.core.model.Order;
import dev.pennant.core.model.Position;
import dev.pennant.core.model.Signal;
import dev.pennant.core.persistence.AuditLogs;
import dev.pennant.core.persistence.HistoryStore;
import dev.pennant.core.vault.AuditEventType;
import dev.pennant.core.persistence.SessionInfo;
import dev.pennant.core.persistence.SignalRecord;
import dev.pennant.ui.TerminalOptions;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The terminal's state for the views, and the only way the views reach the engine.
 *
 * <p>Threading: engine events arrive on the engine (source) thread and go into a bounded inbox; at most one
 * {@code Platform.runLater} drain is pending at a time, which applies everything that arrived since the previous
 * drain (coalescing). I/O (file import, history database, network probe) runs on the {@code pennant-io} thread.
 * Every property and list here is read and changed on the FX thread only.
 */
public final class TerminalViewModel implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TerminalViewModel.class);
    /** Candles kept on the chart (same as {@link ChartViewModel#CAPACITY}). */
    public static final int CHART_CAPACITY = ChartViewModel.CAPACITY;
    private static final int TABLE_CAPACITY = 1000;

    private final TerminalOptions options;
    private final ExecutorService io = Executors.newSingleThreadExecutor(r -> Thread.ofPlatform().daemon()
            .name("pennant-io").unstarted(r));

    // --- the per-panel view-models (FX-thread state exposed to views)
    private final ChartViewModel chart;
    private final ReasoningViewModel reasoning = new ReasoningViewModel();
    private final SessionStatusViewModel status;
    private final ReadOnlyObjectWrapper<EquitySnapshot> equity = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper killSwitch = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper mode = new ReadOnlyStringWrapper("PAPER");
    private final ReadOnlyStringWrapper liveText = new ReadOnlyStringWrapper("");
    private volatile GoLiveViewModel.LiveGrant liveGrant; // the running LIVE session's grant (io thread writes)
    private volatile EngineConfig sessionConfig;          // the running session's config (risk limits in force)
    private final java.util.concurrent.atomic.AtomicInteger chartRequests = new java.util.concurrent.atomic.AtomicInteger();
    private BigDecimal startingCash = BigDecimal.ZERO;

    // --- engine-thread inbox (guarded by inboxLock)
    private final Object inboxLock = new Object();
    private final ArrayDeque<ChartPoint> pendingBars = new ArrayDeque<>();
    private final ArrayDeque<Runnable> pendingEvents = new ArrayDeque<>();
    private ChartPoint pendingForming;
    private EquitySnapshot pendingEquity;
    private SourceStatus pendingStatus;
    private final AtomicBoolean drainScheduled = new AtomicBoolean();

    private volatile HistoryStore store;
    private volatile PaperSession session;

    // --- what the session shows; written on the io thread only (mirrored to the chart* properties on the FX thread)
    private Market sessionMarket;
    private String sessionSymbol;
    private Interval sessionInterval;
    private Path replayPath; // the replayed file or folder; null in live mode
    private final AtomicReference<Object> latestChartRequest = new AtomicReference<>();
    private volatile boolean killSwitchEngaged;   // read on the io thread: a new session starts with it applied

    // --- market-wide data (Market Watch, order book, connection segment); fed by one MarketFeed
    private final MarketWatchViewModel marketWatch;
    private final OrderBookViewModel orderBook = new OrderBookViewModel();
    private final FuturesStripViewModel futures = new FuturesStripViewModel();
    private final ConnectionStatusViewModel connection = new ConnectionStatusViewModel();
    // --- the trading panels of the running session (orders/fills/positions tables, order ticket)
    private final OrdersViewModel orders = new OrdersViewModel();
    private final OrderTicketViewModel ticket = new OrderTicketViewModel();
    private final RiskPanelViewModel risk = new RiskPanelViewModel();
    private final PortfolioManagerViewModel portfolios = new PortfolioManagerViewModel(io);
    private final ChartOrders chartOrders = new ChartOrders(ticket);
    private final LadderTradingViewModel ladderTrading = new LadderTradingViewModel(ticket);
    private final AiReasoningViewModel ai = AiReasoningViewModel.forTerminal();
    private volatile MarketFeed marketFeed;
    private volatile BinanceRestClient marketFeedRest; // the live feed's REST client, closed with it
    private InstrumentSource recordedInstruments; // recorded exchangeInfo for replays, each file parsed once (io thread)
    private String filtersProblem = ""; // the banner text of the last session on default filters (io thread)

    /** A view-model for a terminal started with {@code options}; nothing runs until {@link #start()}. */
    public TerminalViewModel(TerminalOptions options) {
        this.options = options;
        this.marketWatch = new MarketWatchViewModel(options.dataDir());
        risk.setKillSwitchAction(this::setKillSwitch);
        marketWatch.selectedProperty().addListener((o, a, row) ->
                orderBook.show(row == null ? null : row.market(), row == null ? null : row.symbol()));
        marketWatch.selectedProperty().addListener((o, a, row) -> futures.show(row == null ? null : row.market(),
                row == null ? null : row.symbol(), row == null ? null : row.baseAsset(),
                row == null ? null : row.quoteAsset()));
        marketWatch.setOnOpenChart(this::openChart);
        sessionMarket = options.market();
        sessionSymbol = options.symbol();
        sessionInterval = options.interval();
        replayPath = options.replay();
        this.chart = new ChartViewModel(options.market(), options.symbol(), options.interval(), this::request);
        mode.addListener((o, was, now) -> ladderTrading.modeChanged()); // one-click never carries over to LIVE
        this.status = new SessionStatusViewModel(() -> session != null && session.source() instanceof ReplaySource r
                ? r : null, options.speed());
    }

    // ------------------------------------------------------------------ commands (FX thread)

    /** Opens history, shows the previous session, then starts replay or live data as the options say. */
    public void start() {
        io.execute(this::startMarketFeedNow);
        io.execute(() -> {
            try {
                HistoryStore s = HistoryStore.open(options.dataDir());
                store = s;
                portfolios.open(s);
                ai.open(options.dataDir()); // after the history's migration: one Flyway run at a time
                loadPreviousSession(s);
                fx(() -> status.setHistoryText("History: " + s.file()));
            } catch (RuntimeException e) {
                log.error("history database unavailable", e);
                fx(() -> status.showProblem("History database unavailable: " + e.getMessage()
                        + " — trades of this session will not be kept."));
            }
            if (options.replay() != null) {
                startReplayNow(options.replay());
            } else {
                startLiveNow();
            }
        });
    }

    /** Replays a kline file or folder (stops the running session first). */
    public void replay(Path fileOrFolder) {
        if (refusedWhileLive("replay recorded klines")) return;
        io.execute(() -> startReplayNow(fileOrFolder));
    }

    /** Connects to live Binance market data (stops the running session first). */
    public void connectLive() {
        if (refusedWhileLive("reconnect the market data")) return;
        io.execute(this::startLiveNow);
    }

    /**
     * Switches the chart and the paper session to {@code symbol} of {@code market}, keeping the chart's interval;
     * returns at once, the work runs on the io thread. Nothing happens when that market and symbol are already on
     * the chart; of several requests ({@link #openChart(Market, String, Interval)} included) made before the io
     * thread gets to them only the last one runs.
     *
     * <p>Live mode: the running session is closed and a new one starts on Binance live data of that market and
     * symbol; when the market's REST endpoint does not answer, the running session stays and {@link SessionStatusViewModel#problemProperty()}
     * says why. Replay of a folder: the folder's klines of that symbol are read first, in the chart's interval or,
     * when the folder has none of it, in the interval of the symbol's first file; then the running session is closed
     * (its orders and fills stay in the history database) and a replay of those klines starts. When the folder holds
     * no klines of that symbol (or of that market, for folders under {@code spot/} or {@code futures-um/}), when
     * the replay is a single file, or when the files cannot be read, nothing switches: the running session stays and
     * {@link SessionStatusViewModel#problemProperty()} says so plainly, naming the symbol that stays on the chart.
     *
     * @param market market of the instrument (as listed in Market Watch)
     * @param symbol symbol, e.g. {@code ETHUSDT}
     * @throws NullPointerException when market or symbol is null
     */
    public void openChart(Market market, String symbol) {
        Objects.requireNonNull(market, "market");
        Objects.requireNonNull(symbol, "symbol");
        request(market, symbol, null);
    }

    /**
     * Switches the chart and the paper session to {@code symbol} of {@code market} in {@code interval} (the chart's
     * interval selector calls it with the chart's market and symbol); returns at once, the work runs on the io
     * thread, as {@link #openChart(Market, String)} describes. {@link ChartViewModel#switchingProperty()} is true until
     * the request is done.
     *
     * <p>Live mode: a new live session at that interval (REST backfill, then the kline stream). Replay of a folder:
     * only klines of exactly that interval are replayed; when the folder has none for the symbol nothing switches, the
     * running session stays and {@link SessionStatusViewModel#problemProperty()} says so, naming the intervals the folder holds, e.g.
     * "No recorded 5m klines for BTCUSDT in …/spot/klines (it holds 1m, 1h, 4h, 1d) — the chart stays on BTCUSDT 1h".
     * A replayed single file cannot switch intervals (also said plainly). {@link ChartViewModel#intervalProperty()} always
     * names the interval actually running.
     *
     * @param market   market of the instrument
     * @param symbol   symbol, e.g. {@code BTCUSDT}
     * @param interval the bar interval wanted
     * @throws NullPointerException when an argument is null
     */
    public void openChart(Market market, String symbol, Interval interval) {
        Objects.requireNonNull(market, "market");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(interval, "interval");
        request(market, symbol, interval);
    }

    /** Queues one chart request; {@code interval} null keeps the chart's interval (with a replay's fallback). */
    private void request(Market market, String symbol, Interval interval) {
        if (refusedWhileLive("open " + symbol + (interval == null ? "" : " " + interval))) return;
        Object request = new Object();
        latestChartRequest.set(request);
        chartRequests.incrementAndGet();
        onFx(() -> chart.setSwitching(chartRequests.get() > 0));
        try {
            io.execute(() -> {
                try {
                    if (latestChartRequest.get() == request) {
                        openChartNow(market, symbol, interval, request);
                    }
                } finally {
                    chartRequests.decrementAndGet();
                    fx(() -> chart.setSwitching(chartRequests.get() > 0));
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            chartRequests.decrementAndGet(); // closed
        }
    }

    /**
     * Engages or releases the kill switch: while engaged the risk engine denies every order; engaging it also cancels
     * every open order ({@code CancelAllOrders(null)}, sent after the switch is set so nothing new slips in). Audited.
     */
    public void setKillSwitch(boolean engaged) {
        if (killSwitch.get() == engaged) {
            return;
        }
        PaperSession s = session;
        if (s != null) {
            s.engine().risk().setKillSwitch(engaged);
            if (engaged) {
                s.submit(new TradingCommand.CancelAllOrders(null)).whenComplete((o, e) -> {
                    if (e != null) {
                        log.warn("kill switch: cancel all orders failed", e);
                    }
                });
            }
        }
        killSwitch.set(engaged);
        killSwitchEngaged = engaged;
        String sessionId = s == null ? "none" : s.id();
        io.execute(() -> {
            try {
                AuditLogs.shared(options.dataDir()).record(AuditEventType.KILL_SWITCH,
                        Map.of("engaged", Boolean.toString(engaged), "session", sessionId, "mode", s == null ? "PAPER" : s.mode()));
            } catch (RuntimeException e) {
                log.error("kill switch change could not be audited", e);
            }
        });
    }

    /** A suggested folder for "Replay from folder…": {@code ../shared/data/binance/spot/klines/<SYMBOL>} if present. */
    public Optional<Path> suggestedReplayFolder() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path p = dir.resolveSibling("shared").resolve("data/binance/spot/klines/" + chart.symbolProperty().get());
            if (Files.isDirectory(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    // ------------------------------------------------------------------ PAPER / LIVE

    /**
     * The "Go LIVE" dialog's view-model for the running session (its market, symbol and risk limits), with the
     * terminal's {@code --exchange-url} (loopback: the simulator only). LIVE is refused while replaying, and without a
     * running session. FX thread.
     *
     * @param vault the unlocked vault, or empty while locked
     */
    public GoLiveViewModel goLiveViewModel(java.util.function.Supplier<Optional<dev.pennant.core.vault.UnlockedVault>> vault) {
        EngineConfig c = sessionConfig;
        Market m = chart.marketProperty().get();
        String sym = chart.symbolProperty().get();
        String blocked = "";
        if (c == null || session == null) {
            blocked = "session: no session is running; LIVE replaces a running PAPER session on live market data";
        } else if (status.replayingProperty().get()) {
            blocked = "market data: this terminal replays recorded klines; LIVE needs live market data "
                    + "(File ▸ Connect to Binance live data)";
        }
        return new GoLiveViewModel(vault, m, sym, c != null ? c.risk() : EngineConfig.defaults(sym, Interval.M1).risk(),
                options.exchangeUrl(), blocked, TerminalViewModel::restrictions);
    }

    /** Mainnet: the key's restrictions from Binance ({@code GET /sapi/v1/account/apiRestrictions}); testnet: none. */
    private static dev.pennant.core.vault.ApiKeyRestrictions restrictions(dev.pennant.core.vault.UnlockedVault v,
            String entryId, dev.pennant.core.execution.LiveAuthorization.Profile profile) throws Exception {
        if (profile != dev.pennant.core.execution.LiveAuthorization.Profile.MAINNET) {
            return null; // testnets have no /sapi endpoints
        }
        char[] key = v.apiKey(entryId);
        char[] secret = v.secret(entryId);
        try {
            return new dev.pennant.core.vault.ApiRestrictionsClient(dev.pennant.core.vault.ApiRestrictionsClient.MAINNET)
                    .fetch(key, secret);
        } finally {
            java.util.Arrays.fill(key, '\0');
            java.util.Arrays.fill(secret, '\0');
        }
    }

    /**
     * Replaces the running PAPER session by a LIVE one on the same market, symbol and interval, whose orders go to
     * {@code grant}'s venue (io thread; returns at once). When the venue or the market data cannot be reached the
     * PAPER session is started again and {@link SessionStatusViewModel#problemProperty()} says why. Audited.
     */
    public void goLive(GoLiveViewModel.LiveGrant grant) {
        Objects.requireNonNull(grant, "grant");
        io.execute(() -> startSessionNow(sessionMarket, sessionSymbol, sessionInterval, grant));
    }

    /**
     * Back to PAPER: the LIVE session is closed and a PAPER one starts on the same symbol and interval. Open orders
     * stay at the venue (the caller lists {@link OrdersViewModel#openOrders()} in its confirmation first). Audited.
     */
    public void goPaper() {
        io.execute(() -> startSessionNow(sessionMarket, sessionSymbol, sessionInterval, null));
    }

    /** True (and the banner says why) when a LIVE session runs: it must be switched to PAPER before {@code what}. */
    private boolean refusedWhileLive(String what) {
        if (liveGrant == null) return false;
        onFx(() -> status.showProblem("LIVE session running: switch to PAPER first (toolbar) to " + what
                + " — its open orders stay at the venue."));
        return true;
    }

    /** Records a mode switch (io thread); a first PAPER session at start-up is not a switch and is not recorded. */
    private void audit(String event, PaperSession s, GoLiveViewModel.LiveGrant g) {
        if (g == null && !wasLive) return;
        wasLive = g != null;
        try {
            AuditLogs.shared(options.dataDir()).record(g != null ? AuditEventType.MODE_SWITCHED_LIVE
                    : AuditEventType.MODE_SWITCHED_PAPER, Map.of("session", s == null ? "none" : s.id(),
                    "venue", g == null ? "paper" : g.endpoints().name(), "account", g == null ? "" : g.accountLabel(),
                    "market", g == null ? "" : g.market().name()));
        } catch (RuntimeException e) {
            log.error("mode change could not be audited", e);
        }
    }

    private boolean wasLive; // io thread
    private boolean firstLiveDataSession = true; // io thread: only the terminal's first session may resume the last one

    @Override
    public void close() {
        ai.close();
        MarketFeed f = marketFeed;
        marketFeed = null;
        if (f != null) {
            f.close();
        }
        BinanceRestClient rest = marketFeedRest;
        if (rest != null) {
            rest.close();
        }
        marketWatch.close();
        PaperSession s = session;
        session = null;
        if (s != null) {
            s.close();
        }
        io.shutdown();
        HistoryStore h = store;
        if (h != null) {
            h.close();
        }
    }

    // ------------------------------------------------------------------ market feed (io thread)

    /**
     * THE place that chooses the {@link MarketFeed} behind Market Watch, order book and connection segment (io
     * thread; may block to probe the venue).
     *
     * <p>Without {@code --replay}: the live {@link BinanceMarketFeed} (public market data, no API key) on Binance's
     * {@code --profile} (mainnet/testnet) or on {@code --exchange-url} (e.g. the local simulator) when its REST
     * endpoint answers. Otherwise — a replay, or live
     * Binance unreachable — the {@link RecordedMarketFeed} over {@code shared/data/binance}, which the status bar
     * names plainly as "recorded data"; null when that folder cannot be found either.
     */
    MarketFeed createMarketFeed() {
        if (options.replay() == null) {
            BinanceEndpoints endpoints = endpoints();
            if (probe(Market.SPOT, endpoints.spotRest()).isEmpty()) {
                BinanceRestClient rest = new BinanceRestClient(endpoints, null, null);
                marketFeedRest = rest;
                return new BinanceMarketFeed(rest);
            }
        }
        return RecordedMarketFeed.locate().map(dir -> (MarketFeed) new RecordedMarketFeed(dir, 1.0)).orElse(null);
    }

    private void startMarketFeedNow() {
        MarketFeed f;
        try {
            f = createMarketFeed();
        } catch (RuntimeException e) {
            log.warn("market feed unavailable", e);
            f = null;
        }
        if (f == null) {
            fx(() -> connection.unavailable("recorded data not found (shared/data/binance) and no live feed"));
            return;
        }
        marketFeed = f;
        marketWatch.attach(f);
        orderBook.attach(f);
        futures.attach(f);
        connection.attach(f);
        f.start();
        if (f instanceof RecordedMarketFeed) {
            // the symbol whose recorded book is busiest, so the order book tab shows a real book at once
            fx(() -> marketWatch.select(Market.SPOT, RecordedMarketFeed.DEMO_BOOK_SYMBOL));
        } else {
            fx(() -> marketWatch.select(options.market(), options.symbol()));
        }
    }

    /**
     * {@code --exchange-url} when given (the local simulator's layout: futures streams under {@code /fstream}),
     * otherwise the endpoints of {@code --profile}.
     */
    private BinanceEndpoints endpoints() {
        return options.exchangeUrl() != null ? BinanceEndpoints.withBase(options.exchangeUrl())
                : BinanceEndpoints.forProfile(options.profile());
    }

    // ------------------------------------------------------------------ session start (io thread)

    /**
     * Replays {@code path}: a file as it is, a folder for the session's symbol (in the options' interval, else
     * another interval of that symbol). Reads first; the running session is closed only when the data is there.
     */
    private void startReplayNow(Path path) {
        try {
            KlineImport data;
            String note = "";
            Market market;
            if (Files.isDirectory(path)) {
                Optional<KlineImport> d = ChartSwitch.readSymbol(path, sessionSymbol, options.interval());
                if (d.isEmpty()) {
                    throw new IOException("no recorded klines for " + sessionSymbol + " in that folder");
                }
                data = d.get();
                if (data.interval() != options.interval()) {
                    note = "no " + options.interval() + " klines recorded, showing " + data.interval();
                }
                market = ChartSwitch.folderMarket(path).orElse(sessionMarket);
            } else {
                data = new KlineCsvImporter().read(path);
                Path parent = path.toAbsolutePath().getParent();
                market = parent == null ? sessionMarket : ChartSwitch.folderMarket(parent).orElse(sessionMarket);
            }
            beginReplay(path, market, data, note);
        } catch (Exception e) {
            log.warn("replay of {} failed to start", path, e);
            fx(() -> status.showProblem("Cannot replay " + path + ": " + e.getMessage()));
        }
    }

    /** Closes the running session and starts a replay of {@code data} (io thread). */
    private void beginReplay(Path path, Market market, KlineImport data, String note) {
        String description = "Replay of " + path.getFileName() + " (" + data.symbol() + " " + data.interval() + ", "
                + data.bars().size() + " bars" + (data.gaps().isEmpty() ? "" : ", " + data.gaps().size() + " gap(s)")
                + (note.isEmpty() ? "" : ", " + note) + ")";
        InstrumentChoice filters = replayInstrument(market, data);
        EngineConfig config = EngineConfig.defaults(filters.instrument(), data.interval());
        stopSessionNow();
        replayPath = path;
        sessionMarket = market;
        sessionSymbol = data.symbol();
        sessionInterval = data.interval();
        PaperSession s = PaperSession.replay(config, data.bars(), description, status.replaySpeed(),
                Math.min(ChartViewModel.CAPACITY / 2, data.bars().size()), store);
        beginSession(s, config, true, market);
        showFilters(filters);
    }

    /** The io-thread half of {@link #openChart}; {@code interval} null keeps the chart's interval. */
    private void openChartNow(Market market, String symbol, Interval interval, Object request) {
        boolean exact = interval != null;
        ChartSwitch.Plan plan = ChartSwitch.plan(replayPath, sessionMarket, sessionSymbol, sessionInterval,
                session != null, market, symbol, exact ? interval : sessionInterval, exact);
        if (latestChartRequest.get() != request) {
            return; // another symbol was asked for while the klines loaded
        }
        switch (plan) {
            case ChartSwitch.Unchanged u -> log.debug("{} {} {} is already on the chart", market, symbol, interval);
            case ChartSwitch.Live live -> startLiveNow(live.market(), live.symbol(), live.interval(), true);
            case ChartSwitch.Replay r -> {
                try {
                    beginReplay(replayPath, r.market(), r.data(), r.note());
                } catch (RuntimeException e) {
                    log.warn("replay of {} failed to start", symbol, e);
                    fx(() -> status.showProblem("Cannot replay " + symbol + " from " + replayPath + ": " + e.getMessage()));
                }
            }
            case ChartSwitch.Refused r -> {
                log.info("open chart {} {} {} refused: {}", market, symbol, interval, r.message());
                fx(() -> status.showChartProblem(r.message()));
            }
        }
    }

    private void startLiveNow() {
        startLiveNow(sessionMarket, sessionSymbol, sessionInterval, false);
    }

    /**
     * Starts a live session on {@code market}/{@code symbol} in {@code interval} (io thread). With
     * {@code keepOnFailure} the running session is closed only once the venue answered (a chart switch); otherwise it
     * is closed first.
     */
    private void startLiveNow(Market market, String symbol, Interval interval, boolean keepOnFailure) {
        startSessionNow(market, symbol, interval, keepOnFailure, null);
    }

    private void startSessionNow(Market market, String symbol, Interval interval, GoLiveViewModel.LiveGrant grant) {
        startSessionNow(market, symbol, interval, false, grant);
    }

    /** A session on live market data: PAPER when {@code grant} is null, else LIVE on its venue (io thread). */
    private void startSessionNow(Market market, String symbol, Interval interval, boolean keepOnFailure,
                                 GoLiveViewModel.LiveGrant grant) {
        if (!keepOnFailure) {
            stopSessionNow();
            replayPath = null;
        }
        // --exchange-url (e.g. the local simulator): REST there, WebSocket ws(s)://same host; else the profile's URLs
        BinanceEndpoints endpoints = endpoints();
        boolean spot = market == Market.SPOT;
        String restUrl = spot ? endpoints.spotRest() : endpoints.futuresRest();
        String wsUrl = spot ? endpoints.spotWs() : endpoints.futuresWs();
        if (!keepOnFailure) {
            fx(() -> status.connecting(restUrl));
        }
        Optional<String> unreachable = probe(market, restUrl);
        if (unreachable.isPresent()) {
            String why = unreachable.get();
            if (keepOnFailure) {
                String stays = session != null ? " — the chart stays on " + sessionSymbol + " " + sessionInterval
                        : " — the chart is unchanged";
                fx(() -> status.showChartProblem(why + " — cannot open " + symbol + " " + interval + stays));
                return;
            }
            fx(() -> status.liveUnreachable(why));
            return;
        }
        stopSessionNow();
        replayPath = null;
        sessionMarket = market;
        sessionSymbol = symbol;
        sessionInterval = interval;
        InstrumentChoice filters = liveInstrument(market, symbol);
        EngineConfig config = EngineConfig.defaults(filters.instrument(), interval); // the chart's interval
        BinanceLiveSource src = new BinanceLiveSource(market, symbol, config.interval(), restUrl, wsUrl, ChartViewModel.CAPACITY);
        if (grant == null) {
            liveGrant = null;
            beginSession(resumeOrNew(config, src, store), config, false, market);
            audit("PAPER", session, null);
        } else {
            PaperSession live;
            try { // ledger from the venue's balance; reconciled at start and after every reconnect
                live = LiveSessions.open(config, src, store, grant, r -> fx(() -> status.showReconciliation(r)));
            } catch (Exception e) {
                log.error("LIVE session could not start on {}", grant.endpoints().name(), e);
                String why = "LIVE not started (" + grant.target().title() + "): " + e.getMessage()
                        + " — back on PAPER.";
                fx(() -> status.showProblem(why));
                startSessionNow(market, symbol, interval, false, null);
                return;
            }
            liveGrant = grant;
            beginSession(live, LiveSessions.asStarted(config, live), false, market);
            audit("LIVE", live, grant);
        }
        showFilters(filters);
    }

    /** The instrument of a replay of {@code data}: the recorded exchangeInfo of {@code market} closest in date. */
    private InstrumentChoice replayInstrument(Market market, KlineImport data) {
        if (recordedInstruments == null) {
            recordedInstruments = RecordedMarketFeed.locate().<InstrumentSource>map(RecordedExchangeInfo::new)
                    .orElse((m, sym, from, to) -> InstrumentChoice.defaults(m, sym,
                            "no recorded exchangeInfo: shared/data/binance not found"));
        }
        return recordedInstruments.choose(market, data.symbol(), data.bars().getFirst().openTime(),
                data.bars().getLast().openTime());
    }

    /** The instrument of a live session: from the exchangeInfo the live market feed keeps (waits for its first load). */
    private InstrumentChoice liveInstrument(Market market, String symbol) {
        long now = System.currentTimeMillis();
        return marketFeed instanceof BinanceMarketFeed f
                ? InstrumentSource.live(f.registry(), Duration.ofSeconds(10)).choose(market, symbol, now, now)
                : InstrumentChoice.defaults(market, symbol, "no live exchangeInfo: the live market feed is not running");
    }

    /** Logs where the session's filters come from; the banner says so plainly when they are the defaults. */
    private void showFilters(InstrumentChoice c) {
        log.info("session filters: {}", c.describe());
        String text = c.usesDefaults() ? "Filters: " + c.describe() + " — orders are rounded and checked with these, not "
                + c.instrument().symbol() + "'s own." : "";
        String previous = filtersProblem;
        filtersProblem = text;
        if (text.isEmpty() && previous.isEmpty()) {
            return;
        }
        fx(() -> status.replaceProblem(previous, text)); // the previous session's fallback no longer applies
    }

    // Start-up probes the venue twice (market feed, then live session): one answer serves both for a few seconds.
    private String probedKey;
    private long probedAt;
    private Optional<String> probed;

    /** {@link BinanceLiveSource#probe} with a 10 s memo; io thread only. */
    private Optional<String> probe(Market market, String restUrl) {
        String key = market + " " + restUrl;
        long now = System.nanoTime();
        if (!key.equals(probedKey) || now - probedAt > 10_000_000_000L) {
            probed = BinanceLiveSource.probe(market, restUrl, Duration.ofSeconds(5));
            probedKey = key;
            probedAt = now;
        }
        return probed;
    }

    private void beginSession(PaperSession s, EngineConfig config, boolean replay, Market market) {
        s.addListener(new Inbox(s));
        ai.attach(s, config);
        SessionPort port = SessionPort.of(s, config.instrument());
        orders.attach(port);
        ticket.attach(port);
        risk.attach(RiskPort.of(s), config.instrument().symbol());
        portfolios.attach(RiskPort.of(s));
        session = s;
        sessionConfig = config;
        GoLiveViewModel.LiveGrant g = "LIVE".equals(s.mode()) ? liveGrant : null;
        if (g == null) liveGrant = null; // a PAPER session (replay included) ends LIVE mode
        String symbol = config.instrument().symbol();
        if (killSwitchEngaged) {
            s.engine().risk().setKillSwitch(true); // before the first bar, not when the FX thread gets to it
        }
        fx(() -> {
            mode.set(s.mode());
            liveText.set(g == null ? "" : "LIVE — orders go to " + g.target().title() + " (" + g.endpoints().spotRest()
                    + ") · account '" + g.accountLabel() + "' · " + g.market() + " " + symbol + " " + config.interval()
                    + " · max drawdown " + pctOf(config.risk().maxDrawdownHalt()) + " %");
            chart.showSession(market, symbol, config.interval(), s.engine().strategy().indicators());
            startingCash = config.startingCash();
            equity.set(null);
            status.showSession(replay, "Session " + s.id() + " · " + s.mode() + " · " + symbol + " " + config.interval()
                    + " · " + ChartSwitch.label(market) + " · EMA-cross+RSI · start " + money(config.startingCash())
                    + " USDT", s.source().status());
            if (killSwitch.get()) {
                s.engine().risk().setKillSwitch(true);
            }
        });
        s.start();
    }

    private void stopSessionNow() {
        PaperSession s = session;
        session = null;
        if (s != null) {
            orders.detach();
            ticket.detach();
            s.close();
            if ("LIVE".equals(s.mode())) {
                liveGrant = null;
                fx(() -> { // no session yet: the window must not go on saying LIVE
                    mode.set("PAPER");
                    liveText.set("");
                    status.clearReconciliation();
                });
            }
        }
    }

    /**
     * The terminal's first paper session on live data resumes the newest stored PAPER session of the same symbol when
     * that one left open orders or positions (its venue, ledger and open orders exactly, see
     * {@code PaperSessionState}); otherwise, or when the state does not fit (another market), a fresh session.
     */
    private PaperSession resumeOrNew(EngineConfig config, dev.pennant.core.marketdata.MarketDataSource src,
                                     HistoryStore store) {
        boolean first = firstLiveDataSession;
        firstLiveDataSession = false;
        if (first && store != null) {
            try {
                Optional<SessionInfo> last = store.sessions("PAPER").stream()
                        .filter(i -> i.symbol().equals(config.instrument().symbol())).findFirst();
                if (last.isPresent()) {
                    Optional<String> json = store.sessionState(last.get().id());
                    if (json.isPresent()) {
                        var state = dev.pennant.core.engine.PaperSessionState.fromJson(json.get());
                        boolean open = !state.openOrders().isEmpty() || state.ledger().positions().stream()
                                .anyMatch(p -> p.quantity().signum() != 0);
                        if (open) {
                            PaperSession s = PaperSession.resume(config, src, store, last.get().id());
                            log.info("resumed paper session {} as {}: {} open orders, positions {}", last.get().id(),
                                    s.id(), state.openOrders().size(), state.ledger().positions().stream()
                                            .filter(p -> p.quantity().signum() != 0).map(p -> p.symbol() + " "
                                                    + p.quantity().toPlainString()).toList());
                            return s;
                        }
                    }
                }
            } catch (RuntimeException e) {
                log.warn("the last paper session could not be resumed ({}); starting a fresh one", e.getMessage());
            }
        }
        return PaperSession.live(config, src, store);
    }

    private void loadPreviousSession(HistoryStore s) {
        Optional<SessionInfo> last = s.latestSession();
        if (last.isEmpty()) {
            fx(() -> status.setPreviousSessionText("No previous session"));
            return;
        }
        SessionInfo info = last.get();
        List<Fill> f = s.fills(info.id());
        List<Order> o = s.orders(info.id());
        List<SignalRecord> sig = s.signals(info.id());
        List<EquitySnapshot> eq = s.equity(info.id());
        fx(() -> {
            for (SignalRecord r : sig) {
                reasoning.addDecision(info.id(), r.signal(), r.explanation());
            }
            for (Order order : o) {
                reasoning.applyOrder(order);
            }
            orders.showHistory(o, tail(f, TABLE_CAPACITY));
            String end = eq.isEmpty() ? "no equity recorded" : "final equity " + money(eq.getLast().equity()) + " USDT ("
                    + pct(eq.getLast().equity(), info.startingCash()) + ")";
            status.setPreviousSessionText("Previous session " + info.id() + " · " + info.symbol() + " " + info.interval() + " · "
                    + f.size() + " fill(s) · " + end + (info.endedAt() == null ? " · did not end cleanly" : ""));
        });
    }

    // ------------------------------------------------------------------ engine thread → inbox

    /** Collects engine events on the engine thread; one drain per FX pulse applies them. */
    private final class Inbox implements EngineListener {
        private final PaperSession owner;

        Inbox(PaperSession owner) {
            this.owner = owner;
        }

        private boolean current() {
            return session == owner;
        }

        @Override
        public void onBar(Bar bar, IndicatorSnapshot indicators) {
            if (!current()) return;
            synchronized (inboxLock) {
                pendingBars.addLast(new ChartPoint(bar, indicators));
                while (pendingBars.size() > ChartViewModel.CAPACITY) {
                    pendingBars.removeFirst();
                }
                pendingForming = null;
            }
            schedule();
        }

        @Override
        public void onBarUpdate(Bar bar) {
            if (!current()) return;
            synchronized (inboxLock) {
                pendingForming = new ChartPoint(bar, null);
            }
            schedule();
        }

        @Override
        public void onSignal(Signal signal, Explanation explanation) {
            if (!current()) return;
            event(() -> reasoning.addDecision(owner.id(), signal, explanation));
        }

        @Override
        public void onOrder(Order order) {
            if (!current()) return;
            event(() -> reasoning.applyOrder(order));
        }

        @Override
        public void onFill(Fill fill, Position position) {
            if (!current()) return;
            event(() -> chart.addFill(fill));
        }

        @Override
        public void onEquity(EquitySnapshot snapshot) {
            if (!current()) return;
            synchronized (inboxLock) {
                pendingEquity = snapshot;
            }
            schedule();
        }

        @Override
        public void onSourceStatus(SourceStatus status) {
            if (!current()) return;
            synchronized (inboxLock) {
                pendingStatus = status;
            }
            schedule();
        }

        private void event(Runnable r) {
            synchronized (inboxLock) {
                pendingEvents.addLast(r);
                while (pendingEvents.size() > 4 * TABLE_CAPACITY) {
                    pendingEvents.removeFirst();
                }
            }
            schedule();
        }
    }

    private void schedule() {
        if (drainScheduled.compareAndSet(false, true)) {
            Platform.runLater(this::drain);
        }
    }

    /** FX thread: applies everything the inbox collected since the previous drain. */
    private void drain() {
        drainScheduled.set(false);
        List<ChartPoint> bars;
        List<Runnable> events;
        ChartPoint forming;
        EquitySnapshot eq;
        SourceStatus st;
        synchronized (inboxLock) {
            bars = new ArrayList<>(pendingBars);
            pendingBars.clear();
            events = new ArrayList<>(pendingEvents);
            pendingEvents.clear();
            forming = pendingForming;
            eq = pendingEquity;
            st = pendingStatus;
            pendingEquity = null;
            pendingStatus = null;
        }
        if (!bars.isEmpty()) {
            chart.appendBars(bars);
            status.barsArrived(chart.points().getLast().bar());
        }
        chart.setForming(forming);
        events.forEach(Runnable::run);
        if (eq != null) {
            equity.set(eq);
        }
        if (st != null) {
            status.applyStatus(st, chart.points().isEmpty());
        }
    }

    // ------------------------------------------------------------------ FX-thread helpers

    private static <T> List<T> tail(List<T> list, int n) {
        return list.size() <= n ? list : list.subList(list.size() - n, list.size());
    }

    private static void fx(Runnable r) {
        Platform.runLater(r);
    }

    /** Runs {@code r} now when on the FX thread, else on it later. */
    private static void onFx(Runnable r) {
        if (Platform.isFxApplicationThread()) {
            r.run();
        } else {
            Platform.runLater(r);
        }
    }

    static String money(BigDecimal v) {
        return v == null ? "—" : String.format(Locale.ROOT, "%,.2f", v.setScale(2, RoundingMode.HALF_EVEN));
    }

    private static String pct(BigDecimal value, BigDecimal base) {
        if (base == null || base.signum() == 0) {
            return "—";
        }
        return String.format(Locale.ROOT, "%+.2f %%", (value.doubleValue() / base.doubleValue() - 1) * 100);
    }

    private static String pctOf(double fraction) {
        return BigDecimal.valueOf(fraction).movePointRight(2).stripTrailingZeros().toPlainString();
    }

    // ------------------------------------------------------------------ read-only views of the state

    /** The price chart panel: candles, markers, indicators, the chart's market, symbol and interval. */
    public ChartViewModel chart() { return chart; }
    /** The AI reasoning panel: the strategy's decisions and what became of their orders. */
    public ReasoningViewModel reasoning() { return reasoning; }
    /** Status bar, session header, problem banner, replay pause and speed. */
    public SessionStatusViewModel status() { return status; }
    /** Open orders, order history, fills and positions of the session (earlier sessions' orders and fills too). */
    public OrdersViewModel orders() { return orders; }
    /** The risk panel. */
    public RiskPanelViewModel risk() { return risk; }
    /** The portfolio manager. */
    public PortfolioManagerViewModel portfolios() { return portfolios; }
    /** The history database, {@code null} until opened (or when it could not be): the analytics dashboard reads it. */
    public HistoryStore history() { return store; }
    /** The order ticket of the session's instrument. */
    public OrderTicketViewModel orderTicket() { return ticket; }
    /** Orders at a price picked on the chart (pre-fill the ticket). */
    public ChartOrders chartOrders() { return chartOrders; }
    /** Orders from the order-book ladder (one-click trading, off by default). */
    public LadderTradingViewModel ladderTrading() { return ladderTrading; }
    /** The AI Reasoning panel's view-model. */
    public AiReasoningViewModel ai() { return ai; }
    /** Latest account snapshot of this session, or null before the first bar. */
    public ReadOnlyObjectProperty<EquitySnapshot> equityProperty() { return equity.getReadOnlyProperty(); }
    /** Starting cash of the current session (quote asset). */
    public BigDecimal startingCash() { return startingCash; }
    /** True while the kill switch is engaged. */
    public ReadOnlyBooleanProperty killSwitchProperty() { return killSwitch.getReadOnlyProperty(); }
    /** {@code PAPER} or {@code LIVE}: the running session's mode. */
    public ReadOnlyStringProperty modeProperty() { return mode.getReadOnlyProperty(); }
    /** The red LIVE banner's text (venue, account, market, symbol, max drawdown); empty while PAPER. */
    public ReadOnlyStringProperty liveTextProperty() { return liveText.getReadOnlyProperty(); }
    /** Market Watch (all instruments of both markets). */
    public MarketWatchViewModel marketWatch() { return marketWatch; }
    /** Order book of the symbol selected in Market Watch. */
    public OrderBookViewModel orderBook() { return orderBook; }
    /** Futures figures (mark, index, funding, open interest) of the selected USDⓈ-M symbol. */
    public FuturesStripViewModel futures() { return futures; }
    /** Market-data connection segment of the status bar. */
    public ConnectionStatusViewModel connection() { return connection; }
    /** Symbol of the chart and session (same as {@code chart().symbolProperty()}). */
    public ReadOnlyStringProperty chartSymbolProperty() { return chart.symbolProperty(); }
    /** Bar interval of the chart and session actually running (same as {@code chart().intervalProperty()}). */
    public ReadOnlyObjectProperty<Interval> chartIntervalProperty() { return chart.intervalProperty(); }
    /** A problem the trader must see, empty when none (same as {@code status().problemProperty()}). */
    public ReadOnlyStringProperty problemProperty() { return status.problemProperty(); }
    /** The options the terminal started with. */
    public TerminalOptions options() { return options; }
}
