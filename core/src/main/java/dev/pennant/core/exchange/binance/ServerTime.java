package dev.pennant.core.exchange.binance;

import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.LongSupplier;

/**
 * Estimates the offset between Binance's clock and ours, so SIGNED requests carry a {@code timestamp} the server
 * accepts.
 *
 * <p>Source: Binance spot "Timing security": the server accepts a request when
 * {@code timestamp < serverTime + 1000} and {@code serverTime - timestamp <= recvWindow} (recvWindow default 5000 ms,
 * at most 60000 ms); otherwise it answers -1021. Each sample is {@code GET /api/v3/time} (or {@code /fapi/v1/time}):
 * offset = serverTime − midpoint(local send, local receive). Of the recent samples, the one with the shortest round
 * trip wins (its midpoint error is at most RTT/2). Thread-safe. All times epoch ms UTC.
 */
public final class ServerTime {

    /** Binance's default {@code recvWindow}, ms. */
    public static final long DEFAULT_RECV_WINDOW_MS = 5_000;
    /** The largest {@code recvWindow} Binance accepts, ms. */
    public static final long MAX_RECV_WINDOW_MS = 60_000;
    private static final int SAMPLES = 8;

    private final LongSupplier localClock;
    private final long[] offsets = new long[SAMPLES];
    private final long[] rtts = new long[SAMPLES];
    private int count;
    private int next;
    private long bestOffset;
    private long bestRtt = -1;

    /** @param localClock local wall clock, epoch ms (injected for tests) */
    public ServerTime(LongSupplier localClock) {
        this.localClock = Objects.requireNonNull(localClock, "localClock");
    }

    /**
     * Records one time sample.
     *
     * @param localSent     local clock just before the request was sent
     * @param serverTime    the {@code serverTime} in the answer
     * @param localReceived local clock just after the answer arrived
     * @throws IllegalArgumentException when {@code localReceived < localSent}
     */
    public synchronized void record(long localSent, long serverTime, long localReceived) {
        if (localReceived < localSent) throw new IllegalArgumentException("received before sent");
        long rtt = localReceived - localSent;
        long offset = serverTime - (localSent + rtt / 2);
        offsets[next] = offset;
        rtts[next] = rtt;
        next = (next + 1) % SAMPLES;
        count = Math.min(count + 1, SAMPLES);
        int best = -1;
        for (int i = 0; i < count; i++) {
            if (best < 0 || rtts[i] < rtts[best]) best = i;
        }
        bestOffset = offsets[best];
        bestRtt = rtts[best];
    }

    /**
     * Takes one sample by calling {@code fetchServerTime} (which returns {@code serverTime}) between two reads of the
     * local clock.
     *
     * @return the new offset estimate, ms
     * @throws Exception whatever the fetch throws
     */
    public long sync(Callable<Long> fetchServerTime) throws Exception {
        long sent = localClock.getAsLong();
        long server = fetchServerTime.call();
        long received = localClock.getAsLong();
        record(sent, server, received);
        return offsetMillis();
    }

    /** Forgets all samples (after a -1021, before resyncing). */
    public synchronized void reset() {
        count = 0;
        next = 0;
        bestOffset = 0;
        bestRtt = -1;
    }

    /** True once at least one sample was recorded. */
    public synchronized boolean isSynced() {
        return bestRtt >= 0;
    }

    /** server − local, ms (0 before the first sample). */
    public synchronized long offsetMillis() {
        return bestOffset;
    }

    /** Round trip of the sample the estimate comes from, ms; -1 before the first sample. */
    public synchronized long roundTripMillis() {
        return bestRtt;
    }

    /** Estimated Binance time now: the {@code timestamp} to sign. */
    public long serverNow() {
        return localClock.getAsLong() + offsetMillis();
    }

    /**
     * {@code timestamp=...&recvWindow=...} for a SIGNED request.
     *
     * @throws IllegalArgumentException unless 0 < recvWindow ≤ 60000
     */
    public String timestampParams(long recvWindowMs) {
        checkRecvWindow(recvWindowMs);
        return "timestamp=" + serverNow() + "&recvWindow=" + recvWindowMs;
    }

    /**
     * Binance's acceptance rule for {@code timestamp} at {@code serverTime} (see the class comment).
     *
     * @throws IllegalArgumentException unless 0 < recvWindow ≤ 60000
     */
    public static boolean accepted(long timestamp, long serverTime, long recvWindowMs) {
        checkRecvWindow(recvWindowMs);
        return timestamp < serverTime + 1000 && serverTime - timestamp <= recvWindowMs;
    }

    private static void checkRecvWindow(long recvWindowMs) {
        if (recvWindowMs <= 0 || recvWindowMs > MAX_RECV_WINDOW_MS) {
            throw new IllegalArgumentException("recvWindow must be 1.." + MAX_RECV_WINDOW_MS + " ms, was " + recvWindowMs);
        }
    }
}
