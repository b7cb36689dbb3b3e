package dev.pennant.core.engine;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The engine's one thread for paper and live sessions: market events from the source's thread and commands from the
 * UI or CLI are queued here and run one at a time, in arrival order, so the {@link TradingEngine} never needs a lock
 * and every listener sees one ordered stream (NautilusTrader's single-threaded kernel). Backtests skip it and call the
 * engine on their own thread.
 *
 * <p>The queue is bounded: a source that outruns the engine (a replay at maximum speed) waits in {@link #post}
 * (back-pressure), while {@link #call} never blocks its caller — the FX thread may use it — and fails when the queue is
 * full. A task that throws is logged; the loop goes on.
 */
public final class EngineLoop implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EngineLoop.class);
    private static final Runnable POISON = () -> { };

    private final BlockingQueue<Runnable> queue;
    private final Thread thread;
    private volatile boolean closed;

    /**
     * Starts the loop's thread.
     *
     * @param name     thread name, e.g. {@code engine-pn-mhx3k2a1}
     * @param capacity queue capacity (tasks), ≥ 1
     * @throws IllegalArgumentException when capacity < 1
     */
    public EngineLoop(String name, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, was " + capacity);
        }
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.thread = Thread.ofPlatform().name(name).daemon(true).start(this::run);
    }

    private void run() {
        while (true) {
            Runnable task;
            try {
                task = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (task == POISON) {
                return;
            }
            try {
                task.run();
            } catch (RuntimeException e) {
                log.error("engine task failed", e);
            }
        }
    }

    /** True when the caller is the loop's own thread. */
    public boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /**
     * Queues a market event, waiting while the queue is full; runs it inline when called from the loop itself.
     * After {@link #close()} the event is dropped (the session is over; a late source callback must not fail).
     */
    public void post(Runnable task) {
        if (inLoop()) {
            task.run();
            return;
        }
        if (closed) {
            log.debug("engine loop closed: event dropped");
            return;
        }
        try {
            queue.put(task);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Queues a command without blocking the caller; the future completes on the loop thread with its result.
     *
     * @return the result; fails with {@link RejectedExecutionException} when the loop is closed or its queue full
     */
    public <T> CompletableFuture<T> call(Supplier<T> command) {
        CompletableFuture<T> f = new CompletableFuture<>();
        Runnable task = () -> {
            try {
                f.complete(command.get());
            } catch (RuntimeException e) {
                f.completeExceptionally(e);
            }
        };
        if (inLoop()) {
            task.run();
        } else if (closed || !queue.offer(task)) {
            f.completeExceptionally(new RejectedExecutionException(closed ? "engine loop closed"
                    : "engine queue full (" + queue.size() + " events waiting); try again"));
        }
        return f;
    }

    /** Runs what is queued, then stops the thread (waits up to 10 s). Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (inLoop()) {
            queue.clear();
            queue.offer(POISON);
            return;
        }
        try {
            queue.put(POISON);
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
