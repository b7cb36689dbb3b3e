package dev.pennant.core.marketdata.feed;

import dev.pennant.core.marketdata.book.BookDepth;
import dev.pennant.core.model.Instrument;
import dev.pennant.core.model.Market;

import java.util.List;
import java.util.function.Consumer;

/**
 * Market-wide data for the Market Watch, the order book ladder and the status bar: instruments of both markets,
 * 24 h tickers, a synchronised local order book per subscribed symbol, and connection health.
 *
 * <p>Implementations: the live Binance feed (connectors, also pointed at the local simulator) and a feed replaying
 * recorded Binance data. Listeners are called on the feed's own threads, never the FX thread; they must return quickly
 * (the UI coalesces).
 */
public interface MarketFeed extends AutoCloseable {

    /** Instruments of {@code market} known so far (empty until exchangeInfo arrived). Thread-safe. */
    List<Instrument> instruments(Market market);

    /** Adds a listener for batches of updated 24 h tickers (each batch: the tickers that changed). */
    void onTickers(Consumer<List<Ticker24h>> listener);

    /** Adds a listener for connection status changes (weight use, latency, stream health). */
    void onStatus(Consumer<ConnectionStatus> listener);

    /**
     * Subscribes to the synchronised local order book of one symbol.
     *
     * @param levels   levels per side to publish (e.g. 20)
     * @param listener receives the top {@code levels} after every applied update (or batch of updates)
     * @return a handle whose {@link AutoCloseable#close()} unsubscribes
     * @throws IllegalArgumentException when the symbol is unknown in {@code market}
     */
    AutoCloseable subscribeBook(Market market, String symbol, int levels, Consumer<BookDepth> listener);

    /**
     * Subscribes to the futures figures of one USDⓈ-M symbol: mark and index price, funding rate and next funding
     * time, open interest ({@link FuturesFigures}). The listener gets a complete set after every change of any figure;
     * figures the feed cannot deliver are null with the reason in {@link FuturesFigures#notes()}. Never blocks and
     * does no I/O on the caller's thread (requests run on the feed's threads).
     *
     * <p>The default implementation reports every figure as unavailable, once.
     *
     * @return a handle whose {@link AutoCloseable#close()} unsubscribes (and stops any polling for the symbol)
     * @throws IllegalArgumentException when the symbol is not a USDⓈ-M instrument of this feed
     */
    default AutoCloseable subscribeFutures(String symbol, Consumer<FuturesFigures> listener) {
        listener.accept(FuturesFigures.unavailable(symbol, System.currentTimeMillis(),
                "this market feed has no futures figures"));
        return () -> { };
    }

    /** Starts loading instruments and streaming; returns at once. */
    void start();

    /** Stops every stream and thread; idempotent. */
    @Override
    void close();
}
