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
 * @param message       detail for FAILED/LAGGING states (no secrets); for a RUNNING live source that has not delivered a
 *                      bar yet, why (e.g. the venue returned no klines for the backfill); otherwise empty
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

    /**
     * Why a live source's chart is still empty: the {@link #message()} of a RUNNING live source that has not
     * delivered a closed bar yet (e.g. {@code "The venue returned no 1m klines for BTCUSDT (USD-M futures)"}).
     *
     * @return that message, or empty for any other status
     */
    public String emptyChartReason() {
        return kind == Kind.LIVE && state == State.RUNNING && barsDelivered == 0 ? message : "";
    }

    /** Speed as shown to a trader: {@code "max"} or e.g. {@code "60×"}. */
    public String speedLabel() {
        if (speed <= 0) {
            return "max";
        }
        return (speed == Math.rint(speed) ? String.valueOf((long) speed) : String.valueOf(speed)) + "×";
    }
}
