package dev.pennant.core.persistence;

import dev.pennant.core.ai.Explanation;
import dev.pennant.core.model.Signal;

/** A stored signal with the explanation recorded for it. */
public record SignalRecord(Signal signal, Explanation explanation) {
}
