package dev.pennant.core.ai.llm;

import java.time.Clock;
import java.time.Duration;

/**
 * Stops calling a failing provider: after {@code failureThreshold} consecutive failed calls (each after its
 * retries) the breaker is OPEN for {@code openFor}; then HALF_OPEN lets one call through: success closes it, failure
 * opens it again. Thread-safe.
 */
public final class CircuitBreaker {

    /** Breaker states. */
    public enum State { CLOSED, OPEN, HALF_OPEN }

    private final int failureThreshold;
    private final Duration openFor;
    private final Clock clock;
    private int failures;
    private long openedAt = -1;
    private boolean trialRunning;

    /**
     * @param failureThreshold consecutive failures that open the breaker, ≥ 1
     * @param openFor          how long it stays open
     * @param clock            time source (tests inject a fixed, advancing clock)
     */
    public CircuitBreaker(int failureThreshold, Duration openFor, Clock clock) {
        if (failureThreshold < 1) throw new IllegalArgumentException("failureThreshold: must be >= 1, was " + failureThreshold);
        this.failureThreshold = failureThreshold;
        this.openFor = openFor;
        this.clock = clock;
    }

    /** The current state. */
    public synchronized State state() {
        if (openedAt < 0) return State.CLOSED;
        return clock.millis() - openedAt >= openFor.toMillis() ? State.HALF_OPEN : State.OPEN;
    }

    /** Whether a call may go out now (in HALF_OPEN only one at a time). */
    public synchronized boolean tryAcquire() {
        State s = state();
        if (s == State.CLOSED) return true;
        if (s == State.HALF_OPEN && !trialRunning) {
            trialRunning = true;
            return true;
        }
        return false;
    }

    /** Milliseconds until an OPEN breaker lets a trial call through (0 when not open). */
    public synchronized long retryInMillis() {
        return state() == State.OPEN ? openFor.toMillis() - (clock.millis() - openedAt) : 0;
    }

    /** A call succeeded: closes the breaker. */
    public synchronized void onSuccess() {
        failures = 0;
        openedAt = -1;
        trialRunning = false;
    }

    /** A call failed (after its retries). */
    public synchronized void onFailure() {
        trialRunning = false;
        failures++;
        if (openedAt >= 0 || failures >= failureThreshold) {
            openedAt = clock.millis();
        }
    }
}
