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
}
