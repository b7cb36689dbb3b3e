package dev.pennant.core.marketdata;

/**
 * Where bars come from and how that is going, for the status bar.
 *
 * @param kind          LIVE (Binance streams), REPLAY (recorded data at a chosen speed) or HISTORICAL (backtest)
 * @param state         connection/progress state
 * @param description   e.g. {@code "Live Binance spot BTCUSDT 1m"} or {@code "Replay of BTCUSDT-1m-….csv.gz"}
 * @param speed         replay speed multiple of real time; {@code 0} means as fast as possible; {@code 1} for live
 * @param barsDelivered closed bars handed to the engine so far
 * @param barsTotal     bars available in a replay, {@code -1} for live
 * @param message       detail for FAILED/LAGGING states (no secrets), otherwise empty
 */
public record SourceStatus(Kind kind, State state, String description, double speed, long barsDelivered,
                           long barsTotal, String message) {

    /** Source kind. */
    public enum Kind { LIVE, REPLAY, HISTORICAL }

    /** Source state. */
    public enum State { CONNECTING, RUNNING, LAGGING, PAUSED, FINISHED, FAILED }

    /** The same status in another state with a message. */
    public SourceStatus with(State newState, long delivered, String msg) {
        return new SourceStatus(kind, newState, description, speed, delivered, barsTotal, msg == null ? "" : msg);
    }

    /** Speed as shown to a trader: {@code "max"} or e.g. {@code "60×"}. */
    public String speedLabel() {
        if (speed <= 0) {
            return "max";
        }
        return (speed == Math.rint(speed) ? String.valueOf((long) speed) : String.valueOf(speed)) + "×";
    }
}
