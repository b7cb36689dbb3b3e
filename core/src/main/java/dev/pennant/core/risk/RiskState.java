package dev.pennant.core.risk;

/**
 * Trading state of a risk scope (the account or one portfolio).
 *
 * <ul>
 *   <li>{@code ACTIVE}: every order within the limits passes.</li>
 *   <li>{@code REDUCING}: only orders that reduce or close a position pass; a condition that clears itself (margin
 *       ratio back below the line) or the user's "reduce only".</li>
 *   <li>{@code HALTED}: a breach (daily loss, drawdown, exchange errors, stale data, slippage) latched with a rule
 *       that lifts it; opening orders are vetoed. Exits still pass: a halt never traps an open position.</li>
 * </ul>
 */
public enum RiskState {
    ACTIVE, REDUCING, HALTED
}
