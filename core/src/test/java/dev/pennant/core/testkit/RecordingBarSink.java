package dev.pennant.core.testkit;

import dev.pennant.core.marketdata.BarSink;
import dev.pennant.core.marketdata.SourceStatus;
import dev.pennant.core.model.Bar;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link BarSink} that records what a bar source delivered, on which threads, and whether calls ever overlapped.
 * Warm-up bars are also recorded as closed bars: the series as a whole (warm-up + live) must stay ordered and complete.
 */
public final class RecordingBarSink implements BarSink {
    public final List<Bar> closed = new CopyOnWriteArrayList<>();
    public final List<Bar> warmup = new CopyOnWriteArrayList<>();
    public final List<Bar> updates = new CopyOnWriteArrayList<>();
    public final List<SourceStatus> statuses = new CopyOnWriteArrayList<>();
    public final Set<String> threads = ConcurrentHashMap.newKeySet();
    public final AtomicInteger inside = new AtomicInteger();
    public final AtomicInteger maxConcurrent = new AtomicInteger();
    private final boolean statusIsCall;

    /** @param statusIsCall whether {@link #onStatus} also counts in {@link #threads} and {@link #maxConcurrent} */
    public RecordingBarSink(boolean statusIsCall) {
        this.statusIsCall = statusIsCall;
    }

    private <T> void record(List<T> to, T item) {
        threads.add(Thread.currentThread().getName());
        maxConcurrent.accumulateAndGet(inside.incrementAndGet(), Math::max);
        try {
            to.add(item);
        } finally {
            inside.decrementAndGet();
        }
    }

    @Override
    public void onBar(Bar bar) {
        record(closed, bar);
    }

    @Override
    public void onWarmupBar(Bar bar) {
        warmup.add(bar);
        onBar(bar);
    }

    @Override
    public void onBarUpdate(Bar bar) {
        record(updates, bar);
    }

    @Override
    public void onStatus(SourceStatus status) {
        if (statusIsCall) {
            record(statuses, status);
        } else {
            statuses.add(status);
        }
    }

    /** The state of the latest status, or null before the first. */
    public SourceStatus.State last() {
        return statuses.isEmpty() ? null : statuses.getLast().state();
    }

    /** The open times of {@code bars}, in order. */
    public static List<Long> openTimes(List<Bar> bars) {
        return bars.stream().map(Bar::openTime).toList();
    }
}
