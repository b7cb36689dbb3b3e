package dev.pennant.core.ai.llm;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * A provider's token and cost use for the current UTC day, counted from the responses' {@code usage}, against the
 * profile's daily budgets. Resets at 00:00 UTC. Thread-safe.
 */
public final class UsageBudget {

    private final ProviderProfile profile;
    private final Clock clock;
    private LocalDate day;
    private long tokens;
    private BigDecimal cost = BigDecimal.ZERO;
    private long calls;

    /** A budget for {@code profile} on {@code clock}'s UTC days. */
    public UsageBudget(ProviderProfile profile, Clock clock) {
        this.profile = profile;
        this.clock = clock;
        this.day = today();
    }

    /**
     * Today's use.
     *
     * @param day          UTC date
     * @param tokens       input + output tokens used
     * @param tokenBudget  the daily token budget
     * @param costUsd      USD spent (profile prices × tokens)
     * @param costBudgetUsd the daily USD budget
     * @param calls        answered calls counted
     */
    public record Usage(LocalDate day, long tokens, long tokenBudget, BigDecimal costUsd, BigDecimal costBudgetUsd,
                        long calls) {
        /** Fraction of the tighter of the two budgets used, 0..1+. */
        public double usedFraction() {
            double t = (double) tokens / tokenBudget;
            double c = costBudgetUsd.signum() == 0 ? (costUsd.signum() > 0 ? 1 : 0)
                    : costUsd.doubleValue() / costBudgetUsd.doubleValue();
            return Math.max(t, c);
        }
    }

    /** Today's use so far. */
    public synchronized Usage usage() {
        roll();
        return new Usage(day, tokens, profile.dailyTokenBudget(), cost, profile.dailyCostBudgetUsd(), calls);
    }

    /**
     * Why a call of about {@code estimatedTokens} (input + output) would break a budget, or {@code null} when it fits.
     * A cost budget of 0 only blocks priced providers.
     */
    public synchronized String refusal(long estimatedTokens, long estimatedInput) {
        roll();
        if (tokens + estimatedTokens > profile.dailyTokenBudget()) {
            return "daily token budget: " + tokens + " used + ~" + estimatedTokens + " for this call > "
                    + profile.dailyTokenBudget() + " (" + profile.name() + ", resets 00:00 UTC)";
        }
        BigDecimal next = cost.add(profile.cost(estimatedInput, estimatedTokens - estimatedInput));
        if (next.signum() > 0 && next.compareTo(profile.dailyCostBudgetUsd()) > 0) {
            return "daily cost budget: " + cost.toPlainString() + " USD used + this call > "
                    + profile.dailyCostBudgetUsd().toPlainString() + " USD (" + profile.name() + ", resets 00:00 UTC)";
        }
        return null;
    }

    /** Counts an answered call's usage; returns its cost in USD. */
    public synchronized BigDecimal add(long inputTokens, long outputTokens) {
        roll();
        BigDecimal c = profile.cost(inputTokens, outputTokens);
        tokens += inputTokens + outputTokens;
        cost = cost.add(c);
        calls++;
        return c;
    }

    /** Restores today's totals (e.g. summed from the decision record at start-up) when they belong to today. */
    public synchronized void restore(LocalDate d, long usedTokens, BigDecimal usedCost, long usedCalls) {
        roll();
        if (d.equals(day)) {
            tokens = usedTokens;
            cost = usedCost;
            calls = usedCalls;
        }
    }

    private void roll() {
        LocalDate t = today();
        if (!t.equals(day)) {
            day = t;
            tokens = 0;
            cost = BigDecimal.ZERO;
            calls = 0;
        }
    }

    private LocalDate today() {
        return clock.instant().atZone(ZoneOffset.UTC).toLocalDate();
    }
}
