package dev.pennant.core.strategy.rules;

/**
 * A trader's rule-based strategy: when to go long, when to leave a long, and optionally the same for shorts
 * (USDⓈ-M). The data model the rule editor edits; {@link RuleStrategy} runs it.
 *
 * @param longEntry  go LONG when flat and this holds (or {@code null}: never)
 * @param longExit   CLOSE a long when this holds (or {@code null}: only brackets / another signal close it)
 * @param shortEntry go SHORT when flat and this holds (or {@code null}: never)
 * @param shortExit  CLOSE a short when this holds (or {@code null})
 */
public record RuleSet(RuleGroup longEntry, RuleGroup longExit, RuleGroup shortEntry, RuleGroup shortExit) {

    /** @throws IllegalArgumentException when there is no entry rule at all */
    public RuleSet {
        if (longEntry == null && shortEntry == null) {
            throw new IllegalArgumentException("a rule set needs a long or a short entry rule");
        }
    }

    /** Long-only rules parsed from text, e.g. {@code ("RSI(14) < 30 AND close > SMA(200)", "RSI(14) > 70")}. */
    public static RuleSet longOnly(String entry, String exit) {
        return new RuleSet(RuleParser.parse(entry), exit == null || exit.isBlank() ? null : RuleParser.parse(exit),
                null, null);
    }
}
