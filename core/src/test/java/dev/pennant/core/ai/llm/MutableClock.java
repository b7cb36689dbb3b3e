package dev.pennant.core.ai.llm;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock tests move by hand; the matching {@link Sleeper} advances it and records each wait. */
final class MutableClock extends Clock {

    private volatile Instant now;
    final java.util.List<Duration> sleeps = java.util.Collections.synchronizedList(new java.util.ArrayList<>());

    MutableClock(Instant start) {
        this.now = start;
    }

    void advance(Duration d) {
        now = now.plus(d);
    }

    Sleeper sleeper() {
        return d -> {
            sleeps.add(d);
            advance(d);
        };
    }

    @Override public ZoneId getZone() { return ZoneOffset.UTC; }
    @Override public Clock withZone(ZoneId zone) { return this; }
    @Override public Instant instant() { return now; }
}
