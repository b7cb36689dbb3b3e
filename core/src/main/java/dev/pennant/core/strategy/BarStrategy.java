package dev.pennant.core.strategy;

import dev.pennant.core.analysis.IndicatorSnapshot;

/**
 * Strategy API v2: a strategy with typed parameters, a warm-up, and a per-bar callback that sees a
 * {@link StrategyContext} (closed bars so far, the position, the instrument) and answers with a {@link Decision}
 * (LONG / SHORT / CLOSE / HOLD, confidence, suggested entry / stop-loss / take-profit). One instance trades one symbol.
 *
 * <p>No look-ahead by construction: the context only holds bars up to the one that just closed, and the engine sends
 * the decision's orders after that close, so they fill at the next bar's open or later. The engine calls
 * {@link #evaluate} once per closed bar in time order on one thread, and {@link #snapshot} only when someone wants
 * the indicator values (a chart, a signal's reasoning), so a backtest pays for no map per bar.
 */
public interface BarStrategy extends Strategy {

    /** Bars whose decisions are HOLD whatever the rules say (indicators still update). */
    int warmupBars();

    /** The parameters this instance runs with. */
    ParameterSet parameters();

    /** Bars of history the context must keep for this strategy ({@link BarHistory} capacity), at least 2. */
    default int historyBars() {
        return 2;
    }

    /** Consumes the bar that just closed ({@code ctx.bar()}). @return never {@code null} ({@link Decision#HOLD}) */
    Decision evaluate(StrategyContext ctx);

    /** Indicator values after the last {@link #evaluate} (NaN while warming up), keyed as in {@link #indicators()}. */
    IndicatorSnapshot snapshot();
}
