package dev.pennant.core.engine;

import dev.pennant.core.ai.DecisionExplainer;
import dev.pennant.core.ai.Explanation;
import dev.pennant.core.ai.RuleBasedExplainer;
import dev.pennant.core.analysis.IndicatorSnapshot;
import dev.pennant.core.exchange.ExecutionClient;
import dev.pennant.core.execution.ExecutionEngine;
import dev.pennant.core.execution.ExecutionListener;
import dev.pennant.core.execution.OrderEvent;
import dev.pennant.core.execution.PositionEvent;
import dev.pennant.core.execution.TradingCommand;
import dev.pennant.core.marketdata.BarSink;
import dev.pennant.core.marketdata.SourceStatus;
import dev.pennant.core.marketdata.book.BookDepth;
import dev.pennant.core.marketdata.feed.MarkPrice;
import dev.pennant.core.marketdata.feed.Trade;
import dev.pennant.core.model.Bar;
import dev.pennant.core.model.EquitySnapshot;
import dev.pennant.core.model.Fill;
import dev.pennant.core.model.Instrument;
import dev.pennant.core.model.Market;
import dev.pennant.core.model.Order;
import dev.pennant.core.model.Position;
import dev.pennant.core.model.PositionSide;
import dev.pennant.core.model.Signal;
import dev.pennant.core.portfolio.Portfolio;
import dev.pennant.core.risk.RiskEngine;
import dev.pennant.core.execution.OrderRequest;
import dev.pennant.core.model.SignalAction;
import dev.pennant.core.strategy.BarHistory;
import dev.pennant.core.strategy.BarStrategy;
import dev.pennant.core.strategy.Decision;
import dev.pennant.core.strategy.EmaCrossRsiStrategy;
import dev.pennant.core.strategy.SignalPipeline;
import dev.pennant.core.strategy.Strategy;
import dev.pennant.core.strategy.StrategyContext;
import dev.pennant.core.strategy.StrategyDecision;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The one engine behind backtest, replay-paper, live-paper and live: many instruments, many strategies, many open
 * orders, one event loop. Only the caller of its event methods (a historical loop, a replay or live source through an
 * {@link EngineLoop}) and the {@link Clock} differ between modes.
 *
 * <p>Inputs, all on the engine thread, in time order:
 * <ul>
 *   <li>market events — {@link #onBar}, {@link #onTrade}, {@link #onBook}, {@link #onMarkPrice}: the clock moves to the
 *       event time, the venue sees the event first (a simulated venue matches resting orders on it), positions are
 *       marked, then the strategies bound to the symbol see closed bars;</li>
 *   <li>commands — {@link #execute(TradingCommand)}: SubmitOrder, SubmitBracket, ModifyOrder, CancelOrder,
 *       CancelAllOrders, handled by the {@link ExecutionEngine} behind the {@link RiskEngine}.</li>
 * </ul>
 * Outputs go to {@link EngineListener}s on the same thread; a listener that throws is logged and skipped, so a broken
 * view cannot stop trading.
 *
 * <p>Per closed bar of symbol S: (1) the clock moves to the bar's close time, (2) the venue matches S's orders against
 * the bar (paper: its intra-bar model), (3) S's positions are marked at the close, (4) every strategy bound to S sees
 * the bar, (5) a signal is explained, sized, risk-checked and its order sent, (6) equity is published.
 */
public final class TradingEngine implements BarSink {

    private static final Logger log = LoggerFactory.getLogger(TradingEngine.class);

    private final String sessionId;
    private final Map<String, InstrumentState> states = new LinkedHashMap<>();
    private final DecisionExplainer explainer;
    private final RiskEngine risk;
    private final Portfolio portfolio;
    private final Clock clock;
    private final ExecutionEngine execution;
    private final List<EngineListener> listeners = new CopyOnWriteArrayList<>();
    private final FanOut fanOut = new FanOut();
    private long signalSeq;
    private long barsProcessed;
    private boolean strategiesHalted;
    private SignalPipeline pipeline = SignalPipeline.passThrough();
    /** Listeners that override {@link EngineListener#onBar}: without any, v2 strategies build no indicator map. */
    private int barListeners;
    /** Listeners that override {@link EngineListener#onSignal}. */
    private int signalListeners;
    /** Ranked pipelines: entries of the current time slice, acted on once the slice is over. */
    private final List<Pending> pendingEntries = new ArrayList<>();
    private long sliceTime = Long.MIN_VALUE;
    private final Map<Strategy, IndicatorSnapshot> legacySnapshots = new java.util.IdentityHashMap<>();

    /** Per-instrument state: the instrument, its last price, the strategies trading it and their bar history. */
    private final class InstrumentState {
        final Instrument instrument;
        final List<Strategy> strategies = new ArrayList<>();
        final Ctx ctx = new Ctx();
        BigDecimal last;
        double bookImbalance = Double.NaN;

        InstrumentState(Instrument instrument) {
            this.instrument = instrument;
            ctx.st = this;
        }
    }

    /** An entry waiting for its slice's ranking, with what is needed to act on it then. */
    private record Pending(SignalPipeline.Candidate candidate, Bar bar) {
    }

    /** The one context object per instrument handed to v2 strategies (reused: no allocation per bar). */
    private final class Ctx implements StrategyContext {
        InstrumentState st;
        BarHistory bars = new BarHistory(2);
        Bar bar;
        Position position;

        void next(Bar b) {
            bar = b;
            position = null;
            bars.add(b);
        }

        @Override public Bar bar() { return bar; }
        @Override public BarHistory bars() { return bars; }
        @Override public Position position() {
            if (position == null) {
                position = portfolio.position(bar.symbol(), PositionSide.BOTH);
            }
            return position;
        }
        @Override public int positionSign() {
            return position != null ? position.quantity().signum() : portfolio.positionSign(bar.symbol(), PositionSide.BOTH);
        }
        @Override public Instrument instrument() { return st.instrument; }
        @Override public double bookImbalance() { return st.bookImbalance; }
    }

    /**
     * An engine with one instrument and one strategy; add more with {@link #addInstrument} / {@link #addStrategy}.
     *
     * @param sessionId short id used as the prefix of signal and order ids ([A-Za-z0-9-], ≤ 16 chars)
     */
    public TradingEngine(String sessionId, Instrument instrument, Strategy strategy, DecisionExplainer explainer,
                         RiskEngine risk, ExecutionClient client, Portfolio portfolio, Clock clock) {
        this(sessionId, explainer, risk, client, portfolio, clock);
        addInstrument(instrument);
        if (strategy != null) {
            addStrategy(instrument.symbol(), strategy);
        }
    }

    /**
     * An engine with no instrument yet.
     *
     * @param sessionId short id used as the prefix of signal and order ids ([A-Za-z0-9-], ≤ 16 chars)
     */
    public TradingEngine(String sessionId, DecisionExplainer explainer, RiskEngine risk, ExecutionClient client,
                         Portfolio portfolio, Clock clock) {
        this.sessionId = Objects.requireNonNull(sessionId, "sessionId");
        this.explainer = Objects.requireNonNull(explainer, "explainer");
        this.risk = Objects.requireNonNull(risk, "risk");
        this.portfolio = Objects.requireNonNull(portfolio, "portfolio");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.execution = new ExecutionEngine(client, risk, portfolio, fanOut, clock::nowMillis, sessionId,
                s -> {
                    InstrumentState st = states.get(s);
                    return st == null ? null : st.instrument;
                },
                s -> {
                    InstrumentState st = states.get(s);
                    return st == null ? null : st.last;
                });
        // continuous risk on engine time; its events reach every listener; it reduces through execute
        risk.attach(portfolio, clock::nowMillis, fanOut::onRiskEvent, this::execute);
        listeners.add(risk.monitor());
    }

    /**
     * The standard paper engine: {@link EmaCrossRsiStrategy}, {@link RuleBasedExplainer}, {@link RiskEngine} and the
     * high-fidelity paper venue ({@link dev.pennant.core.exchange.paper.PaperExchange}, decision 0011), all from
     * {@code config}. The venue's account is funded with {@code startingCash} in the market the instrument trades on
     * (spot quote balance or the USDⓈ-M wallet). Spot fees: {@code config.feeRate()} maker and taker; USDⓈ-M: Binance
     * VIP 0 (0.02 % / 0.05 %); USDⓈ-M maintenance margin and maximum leverage from the bundled leverage brackets
     * ({@link dev.pennant.core.exchange.paper.BracketMarginModel}). Futures start at leverage 1 (a position's notional equals the margin it uses) until a
     * {@link TradingCommand.SetLeverage}.
     */
    public static TradingEngine paper(String sessionId, EngineConfig config, Clock clock) {
        return paper(sessionId, config, clock, new EmaCrossRsiStrategy(config.strategy()));
    }

    /**
     * As {@link #paper(String, EngineConfig, Clock)} with {@code strategy} instead of the configured
     * {@link EmaCrossRsiStrategy} ({@code config.strategy()} then only parameterises the explainer's wording).
     *
     * @param strategy the strategy bound to the instrument, or {@code null} for none
     */
    public static TradingEngine paper(String sessionId, EngineConfig config, Clock clock, Strategy strategy) {
        Instrument inst = config.instrument();
        Portfolio portfolio = new Portfolio(inst.quoteAsset(), config.startingCash());
        var fees = new dev.pennant.core.exchange.paper.PaperExchangeConfig.FeeSchedule(config.feeRate(), config.feeRate(),
                false);
        var venue = new dev.pennant.core.exchange.paper.PaperExchange(
                dev.pennant.core.exchange.paper.PaperExchangeConfig.defaults().withSpotFees(fees).withDefaultLeverage(1),
                List.of(inst), dev.pennant.core.exchange.paper.BracketMarginModel.bundled());
        if (inst.market() == Market.SPOT) {
            venue.deposit(inst.quoteAsset(), config.startingCash());
        } else {
            venue.depositFutures(config.startingCash());
        }
        return new TradingEngine(sessionId, inst, strategy,
                new RuleBasedExplainer(config.strategy()), new RiskEngine(config.risk()), venue, portfolio, clock);
    }

    /**
     * The paper engine of {@link #paper(String, EngineConfig, Clock)} over several instruments of one market and no
     * strategy yet (bind them with {@link #addStrategy}): one account funded with {@code config.startingCash()}, one
     * paper venue knowing every instrument. {@code config.instrument()} only sets the quote asset and the market.
     *
     * @throws IllegalArgumentException when the list is empty, or mixes markets or quote assets
     */
    public static TradingEngine paper(String sessionId, EngineConfig config, Clock clock, List<Instrument> instruments) {
        if (instruments.isEmpty()) {
            throw new IllegalArgumentException("instruments must not be empty");
        }
        Instrument first = instruments.getFirst();
        for (Instrument i : instruments) {
            if (i.market() != first.market() || !i.quoteAsset().equals(first.quoteAsset())) {
                throw new IllegalArgumentException("instruments must share one market and quote asset: " + i.symbol()
                        + " is " + i.market() + "/" + i.quoteAsset() + ", " + first.symbol() + " is " + first.market()
                        + "/" + first.quoteAsset());
            }
        }
        Portfolio portfolio = new Portfolio(first.quoteAsset(), config.startingCash());
        var fees = new dev.pennant.core.exchange.paper.PaperExchangeConfig.FeeSchedule(config.feeRate(), config.feeRate(),
                false);
        var venue = new dev.pennant.core.exchange.paper.PaperExchange(
                dev.pennant.core.exchange.paper.PaperExchangeConfig.defaults().withSpotFees(fees).withDefaultLeverage(1),
                instruments, dev.pennant.core.exchange.paper.BracketMarginModel.bundled());
        if (first.market() == Market.SPOT) {
            venue.deposit(first.quoteAsset(), config.startingCash());
        } else {
            venue.depositFutures(config.startingCash());
        }
        TradingEngine engine = new TradingEngine(sessionId, new RuleBasedExplainer(config.strategy()),
                new RiskEngine(config.risk()), venue, portfolio, clock);
        for (Instrument i : instruments) {
            engine.addInstrument(i);
        }
        return engine;
    }

    /** Adds (or replaces the filters of) an instrument the engine may trade. Engine thread only. */
    public void addInstrument(Instrument instrument) {
        Objects.requireNonNull(instrument, "instrument");
        InstrumentState old = states.get(instrument.symbol());
        InstrumentState st = new InstrumentState(instrument);
        if (old != null) {
            st.strategies.addAll(old.strategies);
            st.last = old.last;
            st.ctx.bars = old.ctx.bars;
        }
        states.put(instrument.symbol(), st);
    }

    /**
     * Binds {@code strategy} to {@code symbol}'s closed bars. Engine thread only.
     *
     * @throws IllegalArgumentException when the symbol is not an instrument of this engine
     */
    public void addStrategy(String symbol, Strategy strategy) {
        InstrumentState st = states.get(symbol);
        if (st == null) {
            throw new IllegalArgumentException("symbol " + symbol + " is not an instrument of this engine; addInstrument first");
        }
        st.strategies.add(Objects.requireNonNull(strategy, "strategy"));
        if (strategy instanceof BarStrategy v2 && v2.historyBars() > st.ctx.bars.capacity()) {
            if (st.ctx.bars.count() > 0) {
                throw new IllegalStateException("add strategies before the first bar of " + symbol
                        + " (the bar history cannot grow afterwards)");
            }
            st.ctx.bars = new BarHistory(v2.historyBars());
        }
    }

    /**
     * Replaces the signal pipeline (filters, combination of several strategies, ranking across symbols). Engine thread
     * only; the default passes every decision straight on.
     */
    public void setSignalPipeline(SignalPipeline pipeline) {
        this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
    }

    /**
     * Ends the current time slice: ranked entries collected for it (see {@link SignalPipeline#ranks()}) are acted on
     * now. The engine does this itself when a bar with a later close time arrives; a backtest calls it after each
     * group of bars closing together so the orders reach the venue before the next bar opens.
     */
    public void endSlice() {
        if (pendingEntries.isEmpty()) {
            return;
        }
        List<SignalPipeline.Candidate> all = new ArrayList<>();
        for (Pending p : pendingEntries) {
            all.add(p.candidate());
        }
        List<SignalPipeline.Candidate> keep = pipeline.rank(all);
        List<Pending> pending = List.copyOf(pendingEntries);
        pendingEntries.clear();
        for (SignalPipeline.Candidate c : keep) {
            for (Pending p : pending) {
                if (p.candidate() == c) {
                    act(states.get(c.symbol()), c, p.bar());
                }
            }
        }
    }

    /** Adds a listener (thread-safe; takes effect from the next event). */
    public void addListener(EngineListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        if (wantsBars(listener)) {
            barListeners++;
        }
        if (overrides(listener, "onSignal", Signal.class, Explanation.class)) {
            signalListeners++;
        }
    }

    /** Removes a listener. */
    public void removeListener(EngineListener listener) {
        if (listeners.remove(listener)) {
            if (wantsBars(listener)) {
                barListeners--;
            }
            if (overrides(listener, "onSignal", Signal.class, Explanation.class)) {
                signalListeners--;
            }
        }
    }

    /** True when {@code l}'s class overrides {@code onBar(Bar, IndicatorSnapshot)} (it wants indicator values). */
    private static boolean wantsBars(EngineListener l) {
        return overrides(l, "onBar", Bar.class, IndicatorSnapshot.class);
    }

    /** True when {@code l}'s class overrides the {@link EngineListener} default method {@code name(types)}. */
    private static boolean overrides(EngineListener l, String name, Class<?>... types) {
        try {
            return l.getClass().getMethod(name, types).getDeclaringClass() != EngineListener.class;
        } catch (NoSuchMethodException e) {
            return true;
        }
    }

    @Override
    public void onBar(Bar bar) {
        InstrumentState st = states.get(bar.symbol());
        if (st == null) {
            return;
        }
        if (bar.closeTime() > sliceTime) {
            endSlice(); // the previous slice is over: its ranked entries go out before this bar is matched
            sliceTime = bar.closeTime();
        }
        clock.onEvent(bar.closeTime());
        execution.client().onTime(clock.nowMillis());
        execution.client().onBar(bar);
        st.last = bar.close();
        portfolio.mark(bar.symbol(), bar.close(), bar.closeTime());
        barsProcessed++;
        if (st.strategies.isEmpty()) {
            fanOut.onBar(bar, new IndicatorSnapshot(bar.closeTime(), Map.of()));
        } else {
            st.ctx.next(bar);
        }
        List<SignalPipeline.Candidate> collected = pipeline.isPassThrough() ? null : new ArrayList<>();
        for (Strategy strategy : st.strategies) {
            if (strategy instanceof BarStrategy v2) {
                Decision d = v2.evaluate(st.ctx);
                if (barListeners > 0) {
                    fanOut.onBar(bar, v2.snapshot());
                }
                if (collected != null) {
                    collected.add(new SignalPipeline.Candidate(bar.symbol(), strategy, d, bar.closeTime(),
                            st.ctx.positionSign()));
                } else if (d.isSignal()) {
                    act(st, new SignalPipeline.Candidate(bar.symbol(), strategy, d, bar.closeTime(),
                            st.ctx.positionSign()), bar);
                }
                continue;
            }
            Position before = portfolio.position(bar.symbol(), PositionSide.BOTH);
            StrategyDecision decision = strategy.onBar(bar, before);
            fanOut.onBar(bar, decision.indicators());
            if (collected != null) {
                Decision d = decision.hasSignal() ? new Decision(decision.side() == dev.pennant.core.model.Side.BUY
                        ? (before.quantity().signum() < 0 ? SignalAction.CLOSE : SignalAction.LONG)
                        : (before.quantity().signum() > 0 ? SignalAction.CLOSE : SignalAction.SHORT),
                        1, decision.reason(), null, null, null) : Decision.HOLD;
                collected.add(new SignalPipeline.Candidate(bar.symbol(), strategy, d, bar.closeTime(),
                        before.quantity().signum()));
                legacySnapshots.put(strategy, decision.indicators());
                continue;
            }
            if (decision.hasSignal()) {
                Signal signal = new Signal(sessionId + "-s" + (++signalSeq), strategy.name(), bar.symbol(),
                        decision.side(), bar.closeTime(), bar.close(), decision.reason(), decision.indicators().values());
                Explanation explanation = explainer.explain(signal, decision.indicators(), before);
                fanOut.onSignal(signal, explanation);
                if (!strategiesHalted) {
                    execution.submitMarket(signal.side(), st.instrument, bar.close(), signal.id(), strategy.name());
                }
            }
        }
        if (collected != null) {
            for (SignalPipeline.Candidate c : pipeline.combine(collected)) {
                if (pipeline.ranks() && c.decision().action().opens() && c.positionSign() == 0) {
                    pendingEntries.add(new Pending(c, bar));
                } else {
                    act(st, c, bar);
                }
            }
        }
        publishEquity(bar.closeTime());
    }

    /**
     * A historical bar (live backfill or gap fill): strategies see it so their indicators are warm, positions are
     * marked and the chart gets it, but a signal it produces is not traded — acting on past prices would be fiction.
     */
    @Override
    public void onWarmupBar(Bar bar) {
        InstrumentState st = states.get(bar.symbol());
        if (st == null) {
            return;
        }
        st.last = bar.close();
        portfolio.mark(bar.symbol(), bar.close(), bar.closeTime());
        barsProcessed++;
        if (!st.strategies.isEmpty()) {
            st.ctx.next(bar);
        }
        for (Strategy strategy : st.strategies) {
            if (strategy instanceof BarStrategy v2) {
                v2.evaluate(st.ctx); // indicators warm up; the decision is not traded
                fanOut.onBar(bar, v2.snapshot());
                continue;
            }
            StrategyDecision decision = strategy.onBar(bar, portfolio.position(bar.symbol()));
            fanOut.onBar(bar, decision.indicators());
        }
    }

    /**
     * Acts on one decision that passed the pipeline: publishes the {@link Signal} (with its explanation) and, unless
     * strategies are halted, sends its orders through risk. LONG/SHORT when flat: a MARKET entry sized by risk, or a
     * bracket ({@link TradingCommand.SubmitBracket}) when the decision suggests a stop-loss or take-profit; in the
     * opposite position: close it, then enter (futures; the entry is sized on the margin available before the close
     * fills). CLOSE: cancel the symbol's open orders (bracket exits) and close at market. A SHORT on spot is recorded
     * but not traded (spot is long-only); a decision that would change nothing (LONG while long…) is dropped.
     */
    private void act(InstrumentState st, SignalPipeline.Candidate c, Bar bar) {
        Decision d = c.decision();
        Position before = portfolio.position(bar.symbol(), PositionSide.BOTH);
        int sign = before.quantity().signum();
        SignalAction a = d.action();
        if ((a == SignalAction.LONG && sign > 0) || (a == SignalAction.SHORT && sign < 0)
                || (a == SignalAction.CLOSE && sign == 0) || a == SignalAction.HOLD) {
            return;
        }
        dev.pennant.core.model.Side side = a == SignalAction.LONG ? dev.pennant.core.model.Side.BUY
                : a == SignalAction.SHORT ? dev.pennant.core.model.Side.SELL
                : sign > 0 ? dev.pennant.core.model.Side.SELL : dev.pennant.core.model.Side.BUY;
        IndicatorSnapshot snap = c.strategy() instanceof BarStrategy v2 ? v2.snapshot()
                : legacySnapshots.getOrDefault(c.strategy(), new IndicatorSnapshot(bar.openTime(), Map.of()));
        Signal signal = new Signal(sessionId + "-s" + (++signalSeq), c.strategy().name(), bar.symbol(), side,
                bar.closeTime(), bar.close(), d.reason(), snap.values(), a, d.confidence(), d.entry(), d.stopLoss(),
                d.takeProfit());
        if (signalListeners > 0) { // the explanation only goes to listeners: a bare backtest skips the wording
            fanOut.onSignal(signal, explainer.explain(signal, snap, before));
        }
        if (strategiesHalted) {
            return;
        }
        Instrument inst = st.instrument;
        boolean spot = inst.market() == Market.SPOT;
        if (a == SignalAction.SHORT && spot && sign == 0) {
            return; // spot is long-only: the signal is on record, nothing is sold short
        }
        if (sign != 0) {
            if (!execution.openOrders().isEmpty()) {
                execution.cancelAll(bar.symbol()); // bracket exits hold the position's quantity
            }
            execution.submitMarket(sign > 0 ? dev.pennant.core.model.Side.SELL : dev.pennant.core.model.Side.BUY,
                    inst, bar.close(), signal.id(), c.strategy().name());
            if (a == SignalAction.CLOSE || spot) {
                return;
            }
        }
        BigDecimal qty = sign != 0 ? risk.sizeFuturesEntry(inst, portfolio, bar.close()) : null;
        OrderRequest entry = OrderRequest.market(inst.market(), bar.symbol(), side, qty).withSignalId(signal.id())
                .withOptions(dev.pennant.core.model.OrderOptions.of(inst.market()).withStrategyId(c.strategy().name()));
        if (d.stopLoss() != null || d.takeProfit() != null) {
            execution.execute(new TradingCommand.SubmitBracket(entry, d.stopLoss(), d.takeProfit(), null));
        } else if (qty == null) {
            execution.submitMarket(side, inst, bar.close(), signal.id(), c.strategy().name());
        } else {
            execution.submit(entry);
        }
    }

    @Override
    public void onBarUpdate(Bar bar) {
        if (states.containsKey(bar.symbol())) {
            fanOut.onBarUpdate(bar);
        }
    }

    /** A public trade of an instrument: venue first (resting limits, stops on last price), then the mark. */
    public void onTrade(Trade trade) {
        InstrumentState st = states.get(trade.symbol());
        if (st == null) {
            return;
        }
        clock.onEvent(trade.time());
        execution.client().onTime(clock.nowMillis());
        execution.client().onTrade(trade);
        st.last = trade.price();
        if (st.instrument.market() == Market.SPOT) {
            portfolio.mark(trade.symbol(), trade.price(), trade.time());
        }
    }

    /** The top of an instrument's book at {@code time} (epoch ms): the venue walks it for taker fills. */
    public void onBook(BookDepth book, long time) {
        InstrumentState bst = states.get(book.symbol());
        if (bst == null) {
            return;
        }
        bst.bookImbalance = imbalance(book);
        clock.onEvent(time);
        execution.client().onTime(clock.nowMillis());
        execution.client().onBook(book, time);
    }

    /** {@code (bidQty - askQty) / (bidQty + askQty)} over the book's levels, NaN for an empty book. */
    private static double imbalance(BookDepth book) {
        double bid = 0;
        double ask = 0;
        for (var l : book.bids()) {
            bid += l.quantity().doubleValue();
        }
        for (var l : book.asks()) {
            ask += l.quantity().doubleValue();
        }
        return bid + ask > 0 ? (bid - ask) / (bid + ask) : Double.NaN;
    }

    /** A futures mark price: the venue triggers MARK_PRICE stops, liquidates, settles funding; positions are marked. */
    public void onMarkPrice(MarkPrice mark) {
        InstrumentState st = states.get(mark.symbol());
        if (st == null) {
            return;
        }
        clock.onEvent(mark.time());
        execution.client().onTime(clock.nowMillis());
        execution.client().onMarkPrice(mark);
        if (st.instrument.market() == Market.USDM_FUTURES) {
            st.last = mark.markPrice();
            portfolio.mark(mark.symbol(), mark.markPrice(), mark.time());
        }
    }

    /**
     * Executes a command on the engine thread (see {@link ExecutionEngine#execute}).
     *
     * @return the order concerned after handling (REJECTED when refused), {@code null} for CancelAllOrders
     */
    public Order execute(TradingCommand command) {
        return execution.execute(command);
    }

    /**
     * The emergency stop (kill switch button and hotkey): engages the kill switch (no new orders from strategies, the
     * AI or clicks), cancels every open order, optionally closes every open position with MARKET orders, and halts
     * the strategies (they keep computing indicators for the chart; their signals are recorded, not traded).
     * Engine thread only.
     *
     * @param flatten also close every open position
     * @return what was done, for the audit log and the status line
     */
    public EmergencyStop emergencyStop(boolean flatten) {
        risk.setKillSwitch(true);
        strategiesHalted = true;
        int canceled = execution.cancelAll(null);
        List<Order> closes = new ArrayList<>();
        if (flatten) {
            for (Position p : portfolio.openPositions()) {
                Order o = execution.flatten(p.symbol(), p.positionSide());
                if (o != null) {
                    closes.add(o);
                }
            }
        }
        log.warn("emergency stop: kill switch engaged, {} open orders canceled, {} positions being closed, strategies halted",
                canceled, closes.size());
        return new EmergencyStop(clock.nowMillis(), canceled, List.copyOf(closes));
    }

    /**
     * Tells every listener about the open orders the engine knows without having seen them happen (a resumed session):
     * one {@code onOrder} per open order, so tables and the history show them. Engine thread only.
     */
    public void announceOpenOrders() {
        for (Order o : execution.openOrders()) {
            fanOut.onOrder(o);
        }
    }

    /** Releases the kill switch and lets strategies trade again. Engine thread only. */
    public void resume() {
        risk.setKillSwitch(false);
        strategiesHalted = false;
    }

    /**
     * Stops strategies from trading (they still compute indicators and record their signals) without engaging the
     * kill switch: manual and AI orders still go through risk. LIVE sessions start this way. Engine thread only.
     */
    public void haltStrategies() {
        strategiesHalted = true;
    }

    /** Lets strategies trade again (the kill switch stays as it is). Engine thread only. */
    public void releaseStrategies() {
        strategiesHalted = false;
    }

    /** True after {@link #emergencyStop} or {@link #haltStrategies} until released. */
    public boolean strategiesHalted() {
        return strategiesHalted;
    }

    /**
     * What an emergency stop did.
     *
     * @param time           engine clock, epoch ms UTC
     * @param ordersCanceled cancels sent
     * @param closeOrders    the MARKET orders sent to close positions (REJECTED ones carry the reason)
     */
    public record EmergencyStop(long time, int ordersCanceled, List<Order> closeOrders) {
    }

    @Override
    public void onStatus(SourceStatus status) {
        fanOut.onSourceStatus(status);
    }

    private void publishEquity(long time) {
        EquitySnapshot eq = portfolio.snapshot(time);
        risk.observeEquity(eq.equity());
        fanOut.onEquity(eq);
    }

    /** Session id (prefix of signal and order ids). */
    public String sessionId() {
        return sessionId;
    }

    /** The first instrument added (the chart's). */
    public Instrument instrument() {
        return states.values().iterator().next().instrument;
    }

    /** Every instrument, in the order added. */
    public Collection<Instrument> instruments() {
        return states.values().stream().map(s -> s.instrument).toList();
    }

    /** The instrument of {@code symbol}, or {@code null}. */
    public Instrument instrument(String symbol) {
        InstrumentState st = states.get(symbol);
        return st == null ? null : st.instrument;
    }

    /** Last price seen for {@code symbol} (trade, close or mark), or {@code null}. */
    public BigDecimal lastPrice(String symbol) {
        InstrumentState st = states.get(symbol);
        return st == null ? null : st.last;
    }

    /** The first instrument's first strategy (for its indicator specs). */
    public Strategy strategy() {
        return states.values().iterator().next().strategies.getFirst();
    }

    /** The strategies bound to {@code symbol}. */
    public List<Strategy> strategies(String symbol) {
        InstrumentState st = states.get(symbol);
        return st == null ? List.of() : List.copyOf(st.strategies);
    }

    /** The account. Read it on the engine thread or after the source finished. */
    public Portfolio portfolio() {
        return portfolio;
    }

    /** The order manager (open orders, order lookup). Engine thread only. */
    public ExecutionEngine execution() {
        return execution;
    }

    /** The engine clock. */
    public Clock clock() {
        return clock;
    }

    /** The risk engine (kill switch is safe from any thread). */
    public RiskEngine risk() {
        return risk;
    }

    /** Closed bars processed so far. */
    public long barsProcessed() {
        return barsProcessed;
    }

    /** Events go to every listener; one that throws is logged and does not stop the others or the engine. */
    private final class FanOut implements EngineListener, ExecutionListener {
        private void each(Consumer<EngineListener> call) {
            for (EngineListener l : listeners) {
                try {
                    call.accept(l);
                } catch (RuntimeException e) {
                    log.error("engine listener {} failed", l.getClass().getName(), e);
                }
            }
        }

        @Override public void onBar(Bar bar, IndicatorSnapshot ind) { each(l -> l.onBar(bar, ind)); }
        @Override public void onBarUpdate(Bar bar) { each(l -> l.onBarUpdate(bar)); }
        @Override public void onSignal(Signal s, Explanation e) { each(l -> l.onSignal(s, e)); }
        @Override public void onEquity(EquitySnapshot s) {
            for (EngineListener l : listeners) { // once per bar: no lambda per call
                try {
                    l.onEquity(s);
                } catch (RuntimeException e) {
                    log.error("engine listener {} failed", l.getClass().getName(), e);
                }
            }
        }
        @Override public void onSourceStatus(SourceStatus s) { each(l -> l.onSourceStatus(s)); }
        @Override public void onRiskEvent(dev.pennant.core.risk.RiskEvent e) { each(l -> l.onRiskEvent(e)); }
        @Override public void onOrder(Order o) { each(l -> l.onOrder(o)); }
        @Override public void onFill(Fill f, Position p) { each(l -> l.onFill(f, p)); }
        @Override public void onOrderEvent(OrderEvent e) { each(l -> l.onOrderEvent(e)); }
        @Override public void onPositionEvent(PositionEvent e) { each(l -> l.onPositionEvent(e)); }
        @Override public void onFunding(String symbol, PositionSide ps, BigDecimal amount, BigDecimal rate, long time) {
            each(l -> l.onFunding(symbol, ps, amount, rate, time));
        }
    }
}
