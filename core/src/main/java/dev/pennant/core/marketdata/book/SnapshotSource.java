package dev.pennant.core.marketdata.book;

import dev.pennant.core.marketdata.parse.DepthSnapshot;

import java.io.IOException;

/**
 * Fetches a REST depth snapshot (spot {@code GET /api/v3/depth?symbol=..&limit=..}, futures
 * {@code GET /fapi/v1/depth}). Injected into {@link DepthSynchronizer} so tests can feed recorded snapshots.
 */
@FunctionalInterface
public interface SnapshotSource {

    /**
     * @param symbol upper-case symbol
     * @return the snapshot, never null
     * @throws IOException when the request fails; the synchronizer stays unsynced and retries on the next event
     */
    DepthSnapshot fetch(String symbol) throws IOException;
}
