package dev.pennant.core.marketdata.book;

/** Where a {@link DepthSynchronizer} is in Binance's local-order-book procedure. */
public enum SyncState {
    /** First sync: buffering diff events and waiting for a snapshot that bridges them. The book is empty. */
    SYNCING,
    /** The book is the exchange's book as of {@link OrderBook#lastUpdateId()}; events are applied as they come. */
    LIVE,
    /** A gap was found in the update ids: the book was cleared and a new snapshot is being fetched and bridged. */
    RESYNCING
}
