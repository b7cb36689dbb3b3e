package dev.pennant.core.strategy;

import dev.pennant.core.model.SignalAction;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A strategy's verdict at one bar (API v2).
 *
 * @param action     LONG, SHORT, CLOSE or HOLD
 * @param confidence in [0, 1]
 * @param reason     machine-readable reason, e.g. {@code EMA_CROSS_UP}; {@code null} for HOLD
 * @param entry      suggested entry price (quote asset), {@code null} for "at market"
 * @param stopLoss   suggested stop-loss trigger (quote asset), or {@code null}; with it (or a take-profit) an entry
 *                   is sent as a bracket
 * @param takeProfit suggested take-profit trigger (quote asset), or {@code null}
 */
public record Decision(SignalAction action, double confidence, String reason, BigDecimal entry, BigDecimal stopLoss,
                       BigDecimal takeProfit) {

    /** Nothing to do (one shared instance: no allocation on the hot path). */
    public static final Decision HOLD = new Decision(SignalAction.HOLD, 0, null, null, null, null);

    /** @throws IllegalArgumentException when confidence is outside [0, 1] or a non-HOLD decision has no reason */
    public Decision {
        Objects.requireNonNull(action, "action");
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("confidence must be in [0, 1], was " + confidence);
        }
        if (action != SignalAction.HOLD && reason == null) {
            throw new IllegalArgumentException("a " + action + " decision needs a reason");
        }
    }

    /** Go long at market, confidence 1. */
    public static Decision goLong(String reason) {
        return new Decision(SignalAction.LONG, 1, reason, null, null, null);
    }

    /** Go short at market, confidence 1. */
    public static Decision goShort(String reason) {
        return new Decision(SignalAction.SHORT, 1, reason, null, null, null);
    }

    /** Close the position at market, confidence 1. */
    public static Decision close(String reason) {
        return new Decision(SignalAction.CLOSE, 1, reason, null, null, null);
    }

    /** The same decision with another confidence. */
    public Decision withConfidence(double c) {
        return new Decision(action, c, reason, entry, stopLoss, takeProfit);
    }

    /** The same decision with suggested stop-loss / take-profit triggers (quote asset; either may be null). */
    public Decision withExits(BigDecimal sl, BigDecimal tp) {
        return new Decision(action, confidence, reason, entry, sl, tp);
    }

    /** True unless HOLD. */
    public boolean isSignal() {
        return action != SignalAction.HOLD;
    }
}
