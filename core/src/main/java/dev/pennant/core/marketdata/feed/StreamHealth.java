package dev.pennant.core.marketdata.feed;

/**
 * Health of one market-data stream, for the status bar.
 *
 * @param stream          stream name as subscribed, e.g. {@code btcusdt@depth@100ms} or {@code !ticker@arr}
 * @param state           connection / sync state
 * @param lastMessageTime local receive time of the last message, epoch ms UTC; 0 before the first
 * @param detail          plain-language detail for LAGGING/RESYNCING/CLOSED (no secrets), otherwise empty
 */
public record StreamHealth(String stream, State state, long lastMessageTime, String detail) {

    /** Stream state. */
    public enum State { CONNECTING, CONNECTED, LAGGING, RESYNCING, CLOSED }
}
