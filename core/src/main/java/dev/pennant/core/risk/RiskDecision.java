package dev.pennant.core.risk;

import java.math.BigDecimal;

/**
 * The risk engine's answer to an order request.
 *
 * @param approved true when the order may go to the venue
 * @param quantity the approved base-asset quantity (rounded to the step size); zero when denied
 * @param reason   why it was denied (names the rule and the figures); {@code null} when approved
 */
public record RiskDecision(boolean approved, BigDecimal quantity, String reason) {

    /** Approve {@code quantity}. */
    public static RiskDecision approve(BigDecimal quantity) {
        return new RiskDecision(true, quantity, null);
    }

    /** Deny with {@code reason}. */
    public static RiskDecision deny(String reason) {
        return new RiskDecision(false, BigDecimal.ZERO, reason);
    }
}
