package dev.pennant.core.engine;

import dev.pennant.core.ai.Explanation;
import dev.pennant.core.analysis.IndicatorSnapshot;
import dev.pennant.core.execution.ExecutionListener;
import dev.pennant.core.marketdata.SourceStatus;
import dev.pennant.core.model.Bar;
import dev.pennant.core.model.EquitySnapshot;
import dev.pennant.core.model.Signal;

/**
 * Everything the engine tells the outside world (UI view-models, history recorder, CLI printers, statistics).
 * Called on the engine thread, in event order; implementations must return quickly and hand slow work elsewhere.
 */
public interface EngineListener extends ExecutionListener {

    /** A closed bar and the strategy's indicator values at it. */
    default void onBar(Bar bar, IndicatorSnapshot indicators) {
    }

    /** A still-forming bar (live streams); the strategy does not see it. */
    default void onBarUpdate(Bar bar) {
    }

    /** A strategy signal and its explanation, before its order is sent. */
    default void onSignal(Signal signal, Explanation explanation) {
    }

    /** The account value after a closed bar. */
    default void onEquity(EquitySnapshot snapshot) {
    }

    /** The market-data source changed state (connected, lagging, finished, failed). */
    default void onSourceStatus(SourceStatus status) {
    }

    /** A risk veto, halt, resume or reduction (see {@link dev.pennant.core.risk.RiskEvent}). */
    default void onRiskEvent(dev.pennant.core.risk.RiskEvent event) {
    }
}
