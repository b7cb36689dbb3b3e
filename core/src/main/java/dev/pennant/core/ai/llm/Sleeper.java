package dev.pennant.core.ai.llm;

import java.time.Duration;

/** Waits between retries. Injected so tests advance a fake clock instead of sleeping. */
@FunctionalInterface
public interface Sleeper {

    /**
     * Waits {@code d}.
     *
     * @throws InterruptedException when the waiting thread is interrupted
     */
    void sleep(Duration d) throws InterruptedException;

    /** {@link Thread#sleep(Duration)}. */
    static Sleeper system() {
        return Thread::sleep;
    }
}
