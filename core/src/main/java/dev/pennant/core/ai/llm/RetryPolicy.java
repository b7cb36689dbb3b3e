package dev.pennant.core.ai.llm;

import java.time.Duration;

/**
 * Retries of one analysis call: up to {@code maxAttempts} tries; before try {@code n+1} waits
 * {@code min(maxBackoff, initialBackoff · 2^(n−1))} (exponential backoff, no jitter so tests are exact). Only
 * transient failures are retried (timeouts, HTTP 429, 5xx, connection errors), never an answer that was received.
 *
 * @param maxAttempts    1..10
 * @param initialBackoff wait before the second try
 * @param maxBackoff     cap of each wait
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

    /** @throws IllegalArgumentException naming the field and the rule */
    public RetryPolicy {
        if (maxAttempts < 1 || maxAttempts > 10) {
            throw new IllegalArgumentException("maxAttempts: must be within 1..10, was " + maxAttempts);
        }
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("backoff: need 0 <= initialBackoff <= maxBackoff, was "
                    + initialBackoff + " / " + maxBackoff);
        }
    }

    /** 3 tries, 1 s then 2 s, capped at 8 s. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(8));
    }

    /** The wait before try {@code attempt + 1} (attempt counts from 1). */
    public Duration backoff(int attempt) {
        long ms = initialBackoff.toMillis() << Math.min(20, attempt - 1);
        return Duration.ofMillis(Math.min(ms, maxBackoff.toMillis()));
    }
}
