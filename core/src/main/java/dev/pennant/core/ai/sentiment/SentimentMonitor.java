package dev.pennant.core.ai.sentiment;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Polls every configured {@link SentimentSource} (every 10 minutes by default) on an executor the caller owns,
 * aggregates, detects shifts (change ≥ {@value #SHIFT_THRESHOLD} or a sign flip) and tells its listeners. One failing
 * source never stops the others: it is listed in the snapshot's {@code failedSources}.
 */
public final class SentimentMonitor {

    /** Default poll interval. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(10);
    /** Overall-score change that counts as a shift. */
    public static final double SHIFT_THRESHOLD = 0.3;

    private static final Logger LOG = LoggerFactory.getLogger(SentimentMonitor.class);

    private final List<SentimentSource> sources;
    private final Clock clock;
    private final List<Consumer<SentimentSnapshot>> snapshotListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<Consumer<SentimentShift>> shiftListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile SentimentSnapshot last;
    private ScheduledFuture<?> task;

    /** A monitor of {@code sources} on {@code clock}. */
    public SentimentMonitor(List<SentimentSource> sources, Clock clock) {
        this.sources = List.copyOf(sources);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Called with each new snapshot (on the polling thread). */
    public void onSnapshot(Consumer<SentimentSnapshot> l) {
        snapshotListeners.add(l);
    }

    /** Called with each detected shift (on the polling thread). */
    public void onShift(Consumer<SentimentShift> l) {
        shiftListeners.add(l);
    }

    /** The latest snapshot, or {@code null} before the first poll. */
    public SentimentSnapshot latest() {
        return last;
    }

    /** Polls every source now (blocking) and returns the snapshot. */
    public SentimentSnapshot pollNow() {
        List<SentimentItem> items = new ArrayList<>();
        List<String> ok = new ArrayList<>();
        Map<String, String> failed = new LinkedHashMap<>();
        boolean social = false;
        for (SentimentSource s : sources) {
            social |= s.category() == SentimentCategory.SOCIAL;
            try {
                items.addAll(s.poll(clock.instant()));
                ok.add(s.name());
            } catch (Exception e) {
                failed.put(s.name(), String.valueOf(e.getMessage()));
                LOG.info("sentiment source {} failed: {}", s.name(), e.getMessage());
            }
        }
        SentimentSnapshot snap = SentimentAggregator.aggregate(clock.millis(), items, ok, failed, social);
        SentimentShift shift = SentimentShift.detect(last, snap, SHIFT_THRESHOLD);
        last = snap;
        snapshotListeners.forEach(l -> l.accept(snap));
        if (shift != null) shiftListeners.forEach(l -> l.accept(shift));
        return snap;
    }

    /** Polls now and then every {@code interval} on {@code executor} until {@link #stop()}. */
    public synchronized void start(ScheduledExecutorService executor, Duration interval) {
        if (task != null) throw new IllegalStateException("already started");
        task = executor.scheduleWithFixedDelay(() -> {
            try {
                pollNow();
            } catch (RuntimeException e) {
                LOG.warn("sentiment poll failed", e);
            }
        }, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops polling. */
    public synchronized void stop() {
        if (task != null) task.cancel(false);
        task = null;
    }
}
