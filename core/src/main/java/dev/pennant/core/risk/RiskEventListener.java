package dev.pennant.core.risk;

/** Receives risk events on the engine thread; must return quickly. */
@FunctionalInterface
public interface RiskEventListener {

    /** A veto, halt, resume or reduction. */
    void onRiskEvent(RiskEvent event);
}
