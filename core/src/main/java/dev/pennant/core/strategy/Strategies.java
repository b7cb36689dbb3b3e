package dev.pennant.core.strategy;

import dev.pennant.core.strategy.builtin.BollingerRsiStrategy;
import dev.pennant.core.strategy.builtin.DonchianBreakoutStrategy;
import dev.pennant.core.strategy.builtin.EmaAdxStrategy;
import dev.pennant.core.strategy.builtin.ImbalanceScalpStrategy;
import dev.pennant.core.strategy.builtin.ReferenceStrategy;

import java.util.List;

/**
 * The built-in strategy definitions, by CLI id: {@code reference}, {@code ema-adx}, {@code bollinger-rsi},
 * {@code donchian}, {@code scalp-imbalance}. The rule-based strategy needs its rules:
 * {@link dev.pennant.core.strategy.rules.RuleStrategy#definition}.
 */
public final class Strategies {

    private static final List<StrategyDefinition> BUILT_IN = List.of(ReferenceStrategy.DEFINITION,
            EmaAdxStrategy.DEFINITION, BollingerRsiStrategy.DEFINITION, DonchianBreakoutStrategy.DEFINITION,
            ImbalanceScalpStrategy.DEFINITION);

    private Strategies() {
    }

    /** Every built-in definition, in menu order. */
    public static List<StrategyDefinition> builtIn() {
        return BUILT_IN;
    }

    /** The built-in with {@code id}. @throws IllegalArgumentException naming the id and the known ones */
    public static StrategyDefinition byId(String id) {
        for (StrategyDefinition d : BUILT_IN) {
            if (d.id().equals(id)) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown strategy '" + id + "'; known: "
                + BUILT_IN.stream().map(StrategyDefinition::id).toList() + " and 'rules' (with rule text)");
    }
}
