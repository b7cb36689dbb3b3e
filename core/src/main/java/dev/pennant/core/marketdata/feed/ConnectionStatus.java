package dev.pennant.core.marketdata.feed;

import java.util.List;

/**
 * What the status bar shows about the venue connection.
 *
 * @param venue         e.g. {@code Binance mainnet}, {@code local simulator 127.0.0.1:8090}, {@code recorded data}
 * @param usedWeight    request weight used in the current 1-minute window (from {@code X-MBX-USED-WEIGHT-1M});
 *                      -1 when unknown
 * @param weightLimit   the REQUEST_WEIGHT limit from exchangeInfo {@code rateLimits}; -1 when unknown
 * @param latencyMillis last measured REST round trip in ms; -1 when unknown
 * @param streams       health of every open stream
 */
public record ConnectionStatus(String venue, int usedWeight, int weightLimit, long latencyMillis,
                               List<StreamHealth> streams) {

    /** Copies the stream list. */
    public ConnectionStatus {
        streams = List.copyOf(streams);
    }
}
