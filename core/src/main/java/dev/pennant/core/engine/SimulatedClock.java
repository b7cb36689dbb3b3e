package dev.pennant.core.engine;

/** A clock that shows the time of the last event it was given (historical and replayed data). Never goes back. */
public final class SimulatedClock implements Clock {
    private volatile long now;

    @Override
    public long nowMillis() {
        return now;
    }

    @Override
    public void onEvent(long eventTime) {
        if (eventTime > now) {
            now = eventTime;
        }
    }
}
