package dev.pennant.core.marketdata;

import dev.pennant.core.model.Bar;

/** Receives a source's output. A source calls it from one thread at a time, in time order. */
public interface BarSink {

    /** A closed bar. */
    void onBar(Bar bar);

    /** A forming bar (live only). */
    default void onBarUpdate(Bar bar) {
    }

    /** The source's state changed. */
    default void onStatus(SourceStatus status) {
    }
}
