package dev.pennant.core.marketdata;

import dev.pennant.core.model.Bar;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Replays recorded closed bars at a multiple of real time on a daemon thread {@code replay-<symbol>}.
 *
 * <p>At speed {@code s}, one bar of interval {@code I} ms is delivered every {@code I / s} ms; speed 0 delivers as
 * fast as the sink takes them. The first {@code instantBars} bars are delivered at once (chart history and
 * indicator warm-up). Speed can change and the replay can pause while running.
 */
public final class ReplaySource implements MarketDataSource {

    private final List<Bar> bars;
    private final String description;
    private final int instantBars;
    private volatile double speed;
    private volatile boolean paused;
    private volatile boolean closed;
    private volatile SourceStatus status;
    private final CountDownLatch done = new CountDownLatch(1);
    private Thread thread;

    /**
     * @param bars        closed bars in time order (e.g. from {@code KlineCsvImporter})
     * @param description shown in the status bar, e.g. {@code "Replay of BTCUSDT-1m-….csv.gz"}
     * @param speed       multiple of real time, 0 = max
     * @param instantBars bars delivered without delay first
     * @throws IllegalArgumentException when bars is empty or speed negative
     */
    public ReplaySource(List<Bar> bars, String description, double speed, int instantBars) {
        if (bars.isEmpty()) {
            throw new IllegalArgumentException("replay needs at least one bar");
        }
        if (speed < 0) {
            throw new IllegalArgumentException("speed must be >= 0 (0 = max), was " + speed);
        }
        this.bars = List.copyOf(bars);
        this.description = Objects.requireNonNull(description, "description");
        this.speed = speed;
        this.instantBars = Math.max(0, instantBars);
        this.status = new SourceStatus(SourceStatus.Kind.REPLAY, SourceStatus.State.CONNECTING, description, speed, 0,
                bars.size(), "");
    }

    @Override
    public SourceStatus status() {
        return status;
    }

    /** Changes the speed (0 = max) while running. */
    public void setSpeed(double newSpeed) {
        if (newSpeed < 0) {
            throw new IllegalArgumentException("speed must be >= 0 (0 = max), was " + newSpeed);
        }
        this.speed = newSpeed;
    }

    /** Current speed multiple (0 = max). */
    public double speed() {
        return speed;
    }

    /** Pauses or resumes delivery. */
    public void setPaused(boolean pause) {
        this.paused = pause;
        if (!pause && thread != null) {
            LockSupport.unpark(thread);
        }
    }

    @Override
    public synchronized void start(BarSink sink) {
        if (thread != null) {
            throw new IllegalStateException("replay already started");
        }
        thread = Thread.ofPlatform().daemon().name("replay-" + bars.get(0).symbol()).start(() -> run(sink));
    }

    /** Waits until every bar was delivered or the source was closed. @return false on timeout */
    public boolean awaitFinished(long timeout, TimeUnit unit) throws InterruptedException {
        return done.await(timeout, unit);
    }

    private void run(BarSink sink) {
        long delivered = 0;
        try {
            publish(sink, status.with(SourceStatus.State.RUNNING, 0, ""));
            for (int i = 0; i < bars.size() && !closed; i++) {
                if (i >= instantBars) {
                    waitForTurn(sink, bars.get(i), delivered);
                    if (closed) {
                        break;
                    }
                }
                sink.onBar(bars.get(i));
                delivered++;
                if (delivered % 50 == 0 || i == instantBars - 1) {
                    publish(sink, statusNow(SourceStatus.State.RUNNING, delivered));
                }
            }
            publish(sink, statusNow(closed ? SourceStatus.State.PAUSED : SourceStatus.State.FINISHED, delivered));
        } catch (RuntimeException e) {
            publish(sink, statusNow(SourceStatus.State.FAILED, delivered).with(SourceStatus.State.FAILED, delivered,
                    e.getClass().getSimpleName() + ": " + e.getMessage()));
            throw e;
        } finally {
            done.countDown();
        }
    }

    private void waitForTurn(BarSink sink, Bar bar, long delivered) {
        if (paused) {
            publish(sink, statusNow(SourceStatus.State.PAUSED, delivered));
            while (paused && !closed) {
                LockSupport.parkNanos(50_000_000L);
            }
            publish(sink, statusNow(SourceStatus.State.RUNNING, delivered));
        }
        double s = speed;
        if (s <= 0) {
            return;
        }
        long deadline = System.nanoTime() + (long) (bar.interval().millis() * 1_000_000.0 / s);
        long left;
        // Sleep in short slices so a speed change or close takes effect quickly.
        while (!closed && (left = deadline - System.nanoTime()) > 0 && speed == s && !paused) {
            LockSupport.parkNanos(Math.min(left, 50_000_000L));
        }
    }

    private SourceStatus statusNow(SourceStatus.State state, long delivered) {
        return new SourceStatus(SourceStatus.Kind.REPLAY, state, description, speed, delivered, bars.size(), "");
    }

    private void publish(BarSink sink, SourceStatus s) {
        status = s;
        sink.onStatus(s);
    }

    @Override
    public void close() {
        closed = true;
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }
}
