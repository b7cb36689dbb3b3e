package dev.pennant.core.model;

/**
 * What a strategy wants for one symbol after a closed bar.
 *
 * <ul>
 *   <li>{@link #LONG}: be long (enter, or reverse a short; futures and spot);</li>
 *   <li>{@link #SHORT}: be short (enter, or reverse a long; USDⓈ-M futures only — on spot it is recorded, not traded);</li>
 *   <li>{@link #CLOSE}: be flat (close whatever position is open);</li>
 *   <li>{@link #HOLD}: change nothing.</li>
 * </ul>
 */
public enum SignalAction {
    LONG, SHORT, CLOSE, HOLD;

    /** True for LONG and SHORT (an order that opens exposure). */
    public boolean opens() {
        return this == LONG || this == SHORT;
    }
}
