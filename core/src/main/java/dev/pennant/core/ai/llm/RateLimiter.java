package dev.pennant.core.ai.llm;

import java.time.Clock;

/**
 * A token bucket: {@code perMinute} requests a minute, bursts up to {@code perMinute}. {@link #reserve()} takes a
 * token or says how long to wait for one. Thread-safe.
 */
public final class RateLimiter {

    private final int perMinute;
    private final Clock clock;
    private double tokens;
    private long last;

    /** @param perMinute requests per minute, ≥ 1; @param clock time source */
    public RateLimiter(int perMinute, Clock clock) {
        if (perMinute < 1) throw new IllegalArgumentException("perMinute: must be >= 1, was " + perMinute);
        this.perMinute = perMinute;
        this.clock = clock;
        this.tokens = perMinute;
        this.last = clock.millis();
    }

    /**
     * Takes a token when one is there.
     *
     * @return 0 when taken, else the milliseconds until one will be there (nothing taken)
     */
    public synchronized long reserve() {
        long now = clock.millis();
        tokens = Math.min(perMinute, tokens + (now - last) * perMinute / 60_000.0);
        last = now;
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return (long) Math.ceil((1 - tokens) * 60_000.0 / perMinute);
    }
}
