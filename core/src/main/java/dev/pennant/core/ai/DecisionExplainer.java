package dev.pennant.core.ai;

import dev.pennant.core.analysis.IndicatorSnapshot;
import dev.pennant.core.model.Position;
import dev.pennant.core.model.Signal;

/**
 * Turns a signal and the indicator values behind it into an {@link Explanation}. Called on the engine thread,
 * so implementations that call out (an LLM) must answer quickly or hand the work elsewhere.
 */
public interface DecisionExplainer {

    /**
     * @param signal     the decision
     * @param indicators indicator values at the signal's bar
     * @param position   the position before the decision's order
     * @return the explanation; never {@code null}
     */
    Explanation explain(Signal signal, IndicatorSnapshot indicators, Position position);
}
