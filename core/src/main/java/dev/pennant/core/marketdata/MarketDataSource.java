package dev.pennant.core.marketdata;

/**
 * A stream of bars for one symbol and interval: live Binance, a replay of recorded files, or history for a
 * backtest. The engine does not know which one it is fed by.
 */
public interface MarketDataSource extends AutoCloseable {

    /** Current status (thread-safe). */
    SourceStatus status();

    /**
     * Starts delivering to {@code sink} on the source's own thread and returns at once. Delivery is serial:
     * the sink is never called concurrently.
     *
     * @throws IllegalStateException when already started
     */
    void start(BarSink sink);

    /** Stops delivery and releases threads and connections; idempotent. */
    @Override
    void close();
}
