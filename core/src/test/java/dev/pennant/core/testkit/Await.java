package dev.pennant.core.testkit;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polling wait for tests that watch other threads: no fake, just a deadline. */
public final class Await {

    private Await() {
    }

    /**
     * Polls {@code condition} every 10 ms until it holds.
     *
     * @throws AssertionError "timed out waiting for: {@code what}" when {@code timeout} passes first
     */
    public static void until(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.sleep(10);
        }
    }

    /**
     * Returns once at least {@code needed} remains in the current calendar minute of the wall clock (sleeping into the
     * next minute if need be). Binance weight windows are fixed minutes, and so are Pennant's {@code WeightGovernor}
     * counters: a test that reads a weight learned from one response must not straddle a minute boundary, or the count
     * starts again from zero.
     */
    public static void clearOfMinuteBoundary(Duration needed) throws InterruptedException {
        long left = 60_000 - Math.floorMod(System.currentTimeMillis(), 60_000L);
        if (left < needed.toMillis()) {
            Thread.sleep(left + 50);
        }
    }
}
