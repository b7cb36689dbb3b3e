package dev.pennant.core.marketdata;

import dev.pennant.core.model.Bar;

/** Receives a source's output. A source calls it from one thread at a time, in time order. */
public interface BarSink {

    /** A closed bar. */
    void onBar(Bar bar);

    /**
     * A closed bar from history (live backfill, gap fill after a reconnect): it must warm up indicators and the chart
     * but never trigger an order, since its prices are already in the past. Defaults to {@link #onBar}.
     */
    default void onWarmupBar(Bar bar) {
        onBar(bar);
    }

    /** A forming bar (live only). */
    default void onBarUpdate(Bar bar) {
    }

    /** The source's state changed. */
    default void onStatus(SourceStatus status) {
    }
}
