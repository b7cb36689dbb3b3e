package dev.pennant.core.portfolio.margin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Leverage brackets of many USDⓈ-M symbols, with an optional fallback table for symbols it does not list (the entry
 * whose symbol is {@value #DEFAULT_SYMBOL}). Immutable and thread-safe.
 */
public final class LeverageBracketTable {

    /** Symbol of the fallback entry in a bracket list or the bundled resource. */
    public static final String DEFAULT_SYMBOL = "DEFAULT";

    private final Map<String, LeverageBrackets> bySymbol;
    private final LeverageBrackets fallback;

    private LeverageBracketTable(Map<String, LeverageBrackets> bySymbol, LeverageBrackets fallback) {
        this.bySymbol = bySymbol;
        this.fallback = fallback;
    }

    /**
     * A table of {@code entries}; the one named {@value #DEFAULT_SYMBOL}, if any, becomes the fallback.
     *
     * @throws IllegalArgumentException when a symbol appears twice
     */
    public static LeverageBracketTable of(List<LeverageBrackets> entries) {
        Map<String, LeverageBrackets> map = new LinkedHashMap<>();
        LeverageBrackets fallback = null;
        for (LeverageBrackets e : entries) {
            if (DEFAULT_SYMBOL.equals(e.symbol())) {
                if (fallback != null) {
                    throw new IllegalArgumentException("symbol " + DEFAULT_SYMBOL + " appears twice");
                }
                fallback = e;
            } else if (map.putIfAbsent(e.symbol(), e) != null) {
                throw new IllegalArgumentException("symbol " + e.symbol() + " appears twice");
            }
        }
        return new LeverageBracketTable(Map.copyOf(map), fallback);
    }

    /**
     * The brackets of {@code symbol}: its own entry, else the {@value #DEFAULT_SYMBOL} table under that symbol.
     *
     * @throws IllegalArgumentException when the symbol is not listed and there is no default table
     */
    public LeverageBrackets forSymbol(String symbol) {
        Objects.requireNonNull(symbol, "symbol");
        LeverageBrackets own = bySymbol.get(symbol);
        if (own != null) {
            return own;
        }
        if (fallback == null) {
            throw new IllegalArgumentException("no leverage brackets for symbol " + symbol + " and no "
                    + DEFAULT_SYMBOL + " table");
        }
        return fallback.withSymbol(symbol);
    }

    /** True when {@code symbol} has its own entry (not the default). */
    public boolean lists(String symbol) {
        return bySymbol.containsKey(symbol);
    }

    /** Symbols with their own entry (the default excluded); unmodifiable. */
    public Set<String> symbols() {
        return bySymbol.keySet();
    }

    /** The {@value #DEFAULT_SYMBOL} table, if any. */
    public Optional<LeverageBrackets> defaultBrackets() {
        return Optional.ofNullable(fallback);
    }
}
