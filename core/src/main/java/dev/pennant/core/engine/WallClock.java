package dev.pennant.core.engine;

/** The system clock (live sessions). */
public final class WallClock implements Clock {
    @Override
    public long nowMillis() {
        return System.currentTimeMillis();
    }
}
