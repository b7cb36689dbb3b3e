package dev.pennant.core.portfolio.manager;

import dev.pennant.core.risk.RiskLevel;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One portfolio's settings. Money in the quote asset.
 *
 * @param id           store id ({@code 0} before it is stored)
 * @param name         1..64 characters, unique among live (not deleted) portfolios
 * @param mode         PAPER or LIVE
 * @param quoteAsset   the asset budgets are in, e.g. {@code USDT}
 * @param totalBudget  most the portfolio may hold at cost, &gt; 0
 * @param maxPerSymbol most one symbol may take, &gt; 0 and ≤ totalBudget
 * @param allocations  symbol → budget (each ≥ 0 and ≤ maxPerSymbol; their sum ≤ totalBudget); empty = any symbol up
 *                     to maxPerSymbol
 * @param riskLevel    presets the limits ({@link RiskLevel#limits})
 * @param strategies   names of the strategies attached (their orders are booked to this portfolio)
 * @param archived     archived portfolios trade no more but stay listed
 * @throws InvalidSettingException naming the field and the rule
 */
public record PortfolioDefinition(long id, String name, PortfolioMode mode, String quoteAsset, BigDecimal totalBudget,
                                  BigDecimal maxPerSymbol, Map<String, BigDecimal> allocations, RiskLevel riskLevel,
                                  List<String> strategies, boolean archived) {

    private static final Pattern SYMBOL = Pattern.compile("[A-Z0-9]{2,32}");

    public PortfolioDefinition {
        if (name == null || name.isBlank()) {
            throw new InvalidSettingException("Name", "must not be empty");
        }
        name = name.strip();
        if (name.length() > 64) {
            throw new InvalidSettingException("Name", "at most 64 characters (was " + name.length() + ")");
        }
        if (mode == null) {
            throw new InvalidSettingException("Mode", "must be PAPER or LIVE");
        }
        if (quoteAsset == null || !SYMBOL.matcher(quoteAsset).matches()) {
            throw new InvalidSettingException("Quote asset", "must be an asset code such as USDT (was " + quoteAsset + ")");
        }
        if (totalBudget == null || totalBudget.signum() <= 0) {
            throw new InvalidSettingException("Total budget", "must be above 0 " + quoteAsset + " (was "
                    + plain(totalBudget) + ")");
        }
        if (maxPerSymbol == null || maxPerSymbol.signum() <= 0) {
            throw new InvalidSettingException("Max per symbol", "must be above 0 " + quoteAsset + " (was "
                    + plain(maxPerSymbol) + ")");
        }
        if (maxPerSymbol.compareTo(totalBudget) > 0) {
            throw new InvalidSettingException("Max per symbol", "must not exceed the total budget "
                    + plain(totalBudget) + " (was " + plain(maxPerSymbol) + ")");
        }
        Map<String, BigDecimal> a = new LinkedHashMap<>();
        BigDecimal sum = BigDecimal.ZERO;
        for (Map.Entry<String, BigDecimal> e : (allocations == null ? Map.<String, BigDecimal>of() : allocations).entrySet()) {
            String s = e.getKey() == null ? "" : e.getKey().strip().toUpperCase(java.util.Locale.ROOT);
            if (!SYMBOL.matcher(s).matches()) {
                throw new InvalidSettingException("Allocation symbol", "must be a Binance symbol such as BTCUSDT (was '"
                        + e.getKey() + "')");
            }
            BigDecimal b = e.getValue();
            if (b == null || b.signum() < 0) {
                throw new InvalidSettingException("Budget of " + s, "must not be negative (was " + plain(b) + ")");
            }
            if (b.compareTo(maxPerSymbol) > 0) {
                throw new InvalidSettingException("Budget of " + s, "must not exceed max per symbol "
                        + plain(maxPerSymbol) + " (was " + plain(b) + ")");
            }
            if (a.put(s, b) != null) {
                throw new InvalidSettingException("Allocation symbol", s + " is listed twice");
            }
            sum = sum.add(b);
        }
        if (sum.compareTo(totalBudget) > 0) {
            throw new InvalidSettingException("Allocations", "their sum " + plain(sum) + " exceeds the total budget "
                    + plain(totalBudget));
        }
        allocations = java.util.Collections.unmodifiableMap(a);
        if (riskLevel == null) {
            throw new InvalidSettingException("Risk level", "must be LOW, MEDIUM or HIGH");
        }
        strategies = strategies == null ? List.of() : strategies.stream().map(String::strip).filter(x -> !x.isEmpty())
                .distinct().toList();
    }

    /** A new PAPER portfolio (id 0) in USDT at MEDIUM risk without allocations or strategies. */
    public static PortfolioDefinition paper(String name, BigDecimal totalBudget, BigDecimal maxPerSymbol) {
        return new PortfolioDefinition(0, name, PortfolioMode.PAPER, "USDT", totalBudget, maxPerSymbol, Map.of(),
                RiskLevel.MEDIUM, List.of(), false);
    }

    /** A copy with another id. */
    public PortfolioDefinition withId(long newId) {
        return new PortfolioDefinition(newId, name, mode, quoteAsset, totalBudget, maxPerSymbol, allocations, riskLevel,
                strategies, archived);
    }

    /** A copy with another name. */
    public PortfolioDefinition withName(String n) {
        return new PortfolioDefinition(id, n, mode, quoteAsset, totalBudget, maxPerSymbol, allocations, riskLevel,
                strategies, archived);
    }

    /** A copy archived or not. */
    public PortfolioDefinition withArchived(boolean a) {
        return new PortfolioDefinition(id, name, mode, quoteAsset, totalBudget, maxPerSymbol, allocations, riskLevel,
                strategies, a);
    }

    /** A copy with other allocations. */
    public PortfolioDefinition withAllocations(Map<String, BigDecimal> a) {
        return new PortfolioDefinition(id, name, mode, quoteAsset, totalBudget, maxPerSymbol, a, riskLevel, strategies,
                archived);
    }

    /** A copy with other strategies. */
    public PortfolioDefinition withStrategies(List<String> s) {
        return new PortfolioDefinition(id, name, mode, quoteAsset, totalBudget, maxPerSymbol, allocations, riskLevel, s,
                archived);
    }

    /** A copy with another risk level. */
    public PortfolioDefinition withRiskLevel(RiskLevel r) {
        return new PortfolioDefinition(id, name, mode, quoteAsset, totalBudget, maxPerSymbol, allocations, r, strategies,
                archived);
    }

    /**
     * The notional {@code symbol} may take: its allocation (when allocations are listed; 0 for a symbol not listed)
     * capped by maxPerSymbol, quote asset.
     */
    public BigDecimal symbolBudget(String symbol) {
        if (allocations.isEmpty()) {
            return maxPerSymbol;
        }
        BigDecimal b = allocations.get(symbol);
        return b == null ? BigDecimal.ZERO : b.min(maxPerSymbol);
    }

    private static String plain(BigDecimal v) {
        return v == null ? "nothing" : v.stripTrailingZeros().toPlainString();
    }
}
