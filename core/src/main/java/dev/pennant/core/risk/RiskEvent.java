package dev.pennant.core.risk;

import java.time.Instant;
import java.util.Objects;

/**
 * A risk decision worth telling: a veto, a halt, its lifting, an automatic reduction. Stored (table
 * {@code risk_event}) and shown (CLI, risk panel).
 *
 * @param time   engine time (market-data time in backtests), epoch ms UTC
 * @param scope  {@code account} or {@code portfolio:<id>}
 * @param kind   what happened
 * @param state  the scope's state after the event
 * @param limit  the rule, e.g. {@code max_drawdown}, {@code daily_loss}, {@code max_open_positions}
 * @param value  the measured value, e.g. {@code 25.3 %}
 * @param threshold the limit's value, e.g. {@code 25 %}
 * @param lifts  what lifts it (halts), e.g. {@code at 2021-05-20T00:00Z (new UTC day)}; empty for vetoes
 * @param detail the full reason (for vetoes, the order concerned)
 */
public record RiskEvent(long time, String scope, Kind kind, RiskState state, String limit, String value,
                        String threshold, String lifts, String detail) {

    /** Event kinds. */
    public enum Kind {
        /** An order was refused. */
        VETO,
        /** A limit or breaker latched: the scope is HALTED or REDUCING. */
        HALT,
        /** A halt lifted (schedule, condition cleared or manual resume). */
        RESUME,
        /** The engine sent orders to cut exposure (margin-call prevention). */
        REDUCE
    }

    public RiskEvent {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(limit, "limit");
        value = value == null ? "" : value;
        threshold = threshold == null ? "" : threshold;
        lifts = lifts == null ? "" : lifts;
        detail = detail == null ? "" : detail;
    }

    /**
     * One line for the CLI and logs, e.g.
     * {@code risk HALT 2021-05-19T13:05:00Z account max_drawdown 25.4 % >= 25 % -> HALTED; lifts: ...}.
     */
    public String describe() {
        StringBuilder b = new StringBuilder("risk ").append(kind).append(' ').append(Instant.ofEpochMilli(time))
                .append(' ').append(scope).append(' ').append(limit);
        if (!value.isEmpty()) {
            b.append(' ').append(value);
        }
        if (!threshold.isEmpty()) {
            b.append(kind == Kind.RESUME ? " < " : " >= ").append(threshold);
        }
        b.append(" -> ").append(state);
        if (!lifts.isEmpty()) {
            b.append("; lifts: ").append(lifts);
        }
        if (kind == Kind.VETO || kind == Kind.REDUCE) {
            b.append("; ").append(detail);
        }
        return b.toString();
    }
}
