package dev.pennant.core.model;

/**
 * USDⓈ-M futures position side, Binance's {@code positionSide} field.
 *
 * <p>In one-way mode every position is {@link #BOTH} (its quantity is signed: &gt; 0 long, &lt; 0 short); in hedge mode
 * ({@code dualSidePosition=true}) a symbol holds a separate {@link #LONG} and {@link #SHORT} position.
 */
public enum PositionSide {
    /** One-way mode: the single, signed position of a symbol. */
    BOTH,
    /** Hedge mode: the long position. */
    LONG,
    /** Hedge mode: the short position. */
    SHORT
}
