package dev.pennant.simulator;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The simulator's two clocks: the server (wall) clock that {@code /time}, timestamps and recvWindow use (with a test
 * offset), and the replay clock: milliseconds of recorded market time elapsed since start, {@code speed} × wall time
 * plus any manual {@link #advance(long)}. Thread-safe.
 */
final class ReplayClock {
    private final long startNanos = System.nanoTime();
    private final double speed;
    private final AtomicLong manual = new AtomicLong();
    private volatile long serverOffset;

    ReplayClock(double speed) {
        if (speed < 0 || Double.isNaN(speed)) throw new IllegalArgumentException("speed must be >= 0, was " + speed);
        this.speed = speed;
    }

    /** Server time, epoch ms (wall clock + test offset). */
    long serverTime() {
        return System.currentTimeMillis() + serverOffset;
    }

    void setServerOffset(long ms) {
        serverOffset = ms;
    }

    /** Replay time elapsed since start, ms of market time. */
    long elapsed() {
        return (long) ((System.nanoTime() - startNanos) / 1_000_000.0 * speed) + manual.get();
    }

    /** Jumps the replay forward by {@code ms} of market time. */
    void advance(long ms) {
        manual.addAndGet(ms);
    }

    double speed() {
        return speed;
    }
}
