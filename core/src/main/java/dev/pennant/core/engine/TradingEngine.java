package dev.pennant.core.engine;

import dev.pennant.core.ai.DecisionExplainer;
import dev.pennant.core.ai.Explanation;
import dev.pennant.core.ai.RuleBasedExplainer;
import dev.pennant.core.exchange.ExecutionClient;
import dev.pennant.core.exchange.PaperExchange;
import dev.pennant.core.execution.ExecutionEngine;
import dev.pennant.core.execution.ExecutionListener;
import dev.pennant.core.marketdata.BarSink;
import dev.pennant.core.marketdata.SourceStatus;
import dev.pennant.core.model.Bar;
import dev.pennant.core.model.EquitySnapshot;
import dev.pennant.core.model.Fill;
import dev.pennant.core.model.Instrument;
import dev.pennant.core.model.Order;
import dev.pennant.core.model.Position;
import dev.pennant.core.model.Signal;
import dev.pennant.core.portfolio.Portfolio;
import dev.pennant.core.risk.RiskEngine;
import dev.pennant.core.strategy.EmaCrossRsiStrategy;
import dev.pennant.core.strategy.Strategy;
import dev.pennant.core.strategy.StrategyDecision;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The one engine behind backtest, replay-paper and live: market data → venue matching → strategy → signal →
 * explanation → risk → execution → fill → portfolio → listeners. Only the {@link BarSink} caller (the source)
 * and the {@link Clock} differ between modes.
 *
 * <p>Threading: confined to the thread its source delivers on (sources deliver serially). Listeners run on that
 * thread too; a listener that throws is logged and skipped, so a broken view cannot stop trading.
 *
 * <p>Per closed bar: (1) the clock moves to the bar's close time, (2) the venue matches pending orders against
 * the bar (paper: MARKET orders fill at this bar's open), (3) positions are marked at the close, (4) the strategy
 * sees the bar, (5) a signal is explained, sized and risk-checked and its order sent, (6) equity is published.
 */
public final class TradingEngine implements BarSink {

    private static final Logger log = LoggerFactory.getLogger(TradingEngine.class);

    private final String sessionId;
    private final Instrument instrument;
    private final Strategy strategy;
    private final DecisionExplainer explainer;
    private final RiskEngine risk;
    private final Portfolio portfolio;
    private final Clock clock;
    private final ExecutionEngine execution;
    private final List<EngineListener> listeners = new CopyOnWriteArrayList<>();
    private final EngineListener fanOut = new FanOut();
    private long signalSeq;
    private long barsProcessed;

    /**
     * @param sessionId short id used as the prefix of signal and order ids ([A-Za-z0-9-], ≤ 16 chars)
     */
    public TradingEngine(String sessionId, Instrument instrument, Strategy strategy, DecisionExplainer explainer,
                         RiskEngine risk, ExecutionClient client, Portfolio portfolio, Clock clock) {
        this.sessionId = Objects.requireNonNull(sessionId, "sessionId");
        this.instrument = Objects.requireNonNull(instrument, "instrument");
        this.strategy = Objects.requireNonNull(strategy, "strategy");
        this.explainer = Objects.requireNonNull(explainer, "explainer");
        this.risk = Objects.requireNonNull(risk, "risk");
        this.portfolio = Objects.requireNonNull(portfolio, "portfolio");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.execution = new ExecutionEngine(client, risk, portfolio, fanOut, clock::nowMillis, sessionId);
    }

    /**
     * The standard paper engine: {@link EmaCrossRsiStrategy}, {@link RuleBasedExplainer}, {@link RiskEngine} and a
     * {@link PaperExchange}, all from {@code config}.
     */
    public static TradingEngine paper(String sessionId, EngineConfig config, Clock clock) {
        Portfolio portfolio = new Portfolio(config.instrument().quoteAsset(), config.startingCash());
        PaperExchange venue = new PaperExchange(config.feeRate(), config.instrument().quoteAsset(), portfolio::cash);
        return new TradingEngine(sessionId, config.instrument(), new EmaCrossRsiStrategy(config.strategy()),
                new RuleBasedExplainer(config.strategy()), new RiskEngine(config.risk()), venue, portfolio, clock);
    }

    /** Adds a listener (thread-safe; takes effect from the next event). */
    public void addListener(EngineListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Removes a listener. */
    public void removeListener(EngineListener listener) {
        listeners.remove(listener);
    }

    @Override
    public void onBar(Bar bar) {
        if (!bar.symbol().equals(instrument.symbol())) {
            return;
        }
        clock.onEvent(bar.closeTime());
        execution.client().onBar(bar);
        portfolio.mark(bar.symbol(), bar.close(), bar.closeTime());
        Position before = portfolio.position(bar.symbol());
        StrategyDecision decision = strategy.onBar(bar, before);
        barsProcessed++;
        fanOut.onBar(bar, decision.indicators());
        if (decision.hasSignal()) {
            Signal signal = new Signal(sessionId + "-s" + (++signalSeq), strategy.name(), bar.symbol(), decision.side(),
                    bar.closeTime(), bar.close(), decision.reason(), decision.indicators().values());
            Explanation explanation = explainer.explain(signal, decision.indicators(), before);
            fanOut.onSignal(signal, explanation);
            execution.submitMarket(signal.side(), instrument, bar.close(), signal.id());
        }
        EquitySnapshot eq = portfolio.snapshot(bar.closeTime());
        risk.observeEquity(eq.equity());
        fanOut.onEquity(eq);
    }

    /**
     * A historical bar (live backfill or gap fill): the strategy sees it so its indicators are warm, positions are
     * marked and the chart gets it, but a signal it produces is not traded — acting on past prices would be fiction.
     */
    @Override
    public void onWarmupBar(Bar bar) {
        if (!bar.symbol().equals(instrument.symbol())) {
            return;
        }
        portfolio.mark(bar.symbol(), bar.close(), bar.closeTime());
        StrategyDecision decision = strategy.onBar(bar, portfolio.position(bar.symbol()));
        barsProcessed++;
        fanOut.onBar(bar, decision.indicators());
    }

    @Override
    public void onBarUpdate(Bar bar) {
        if (bar.symbol().equals(instrument.symbol())) {
            fanOut.onBarUpdate(bar);
        }
    }

    @Override
    public void onStatus(SourceStatus status) {
        fanOut.onSourceStatus(status);
    }

    /** Session id (prefix of signal and order ids). */
    public String sessionId() {
        return sessionId;
    }

    /** The instrument traded. */
    public Instrument instrument() {
        return instrument;
    }

    /** The strategy (for its indicator specs). */
    public Strategy strategy() {
        return strategy;
    }

    /** The account. Read it on the engine thread or after the source finished. */
    public Portfolio portfolio() {
        return portfolio;
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
        private void each(java.util.function.Consumer<EngineListener> call) {
            for (EngineListener l : listeners) {
                try {
                    call.accept(l);
                } catch (RuntimeException e) {
                    log.error("engine listener {} failed", l.getClass().getName(), e);
                }
            }
        }

        @Override public void onBar(Bar bar, dev.pennant.core.analysis.IndicatorSnapshot ind) { each(l -> l.onBar(bar, ind)); }
        @Override public void onBarUpdate(Bar bar) { each(l -> l.onBarUpdate(bar)); }
        @Override public void onSignal(Signal s, Explanation e) { each(l -> l.onSignal(s, e)); }
        @Override public void onEquity(EquitySnapshot s) { each(l -> l.onEquity(s)); }
        @Override public void onSourceStatus(SourceStatus s) { each(l -> l.onSourceStatus(s)); }
        @Override public void onOrder(Order o) { each(l -> l.onOrder(o)); }
        @Override public void onFill(Fill f, Position p) { each(l -> l.onFill(f, p)); }
    }
}
