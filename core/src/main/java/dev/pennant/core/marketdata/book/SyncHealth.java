package dev.pennant.core.marketdata.book;

/**
 * Counters of a {@link DepthSynchronizer} for the stream-health display, read at one instant (individual counters
 * are exact; the set is not one atomic cut).
 *
 * @param state              current state
 * @param lastUpdateId       book update id
 * @param eventsApplied      diff events applied to the book
 * @param eventsDropped      diff events discarded as already contained in the snapshot/book ({@code u} too old)
 * @param levelUpdates       individual price-level updates applied (snapshot loads not counted)
 * @param resyncs            gaps detected (each clears the book and refetches the snapshot)
 * @param snapshotsFetched   snapshots received from the {@link SnapshotSource}
 * @param snapshotsRejected  snapshots that could not bridge the buffered events (too old) and were refetched
 * @param snapshotFailures   failed snapshot requests
 * @param lastError          last snapshot failure, or null
 */
public record SyncHealth(SyncState state, long lastUpdateId, long eventsApplied, long eventsDropped, long levelUpdates,
                         long resyncs, long snapshotsFetched, long snapshotsRejected, long snapshotFailures,
                         String lastError) {
}
