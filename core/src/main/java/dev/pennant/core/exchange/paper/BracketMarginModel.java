package dev.pennant.core.exchange.paper;

import dev.pennant.core.portfolio.margin.LeverageBracketTable;
import dev.pennant.core.portfolio.margin.LeverageBrackets;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The paper venue's margin rules from Binance's leverage brackets ({@code GET /fapi/v1/leverageBracket}; the bundled
 * table is {@link LeverageBrackets#bundled()}): maintenance margin = notional × maintMarginRatio − cum of the bracket
 * the notional falls in (Binance "maintenance margin" formula), and the first bracket's initial leverage as the
 * highest leverage. A notional above the last bracket's cap is charged at the last bracket (Binance refuses such a
 * position at order time; the paper venue must still be able to mark one).
 */
public final class BracketMarginModel implements MarginModel {

    private final LeverageBracketTable table;

    /** @throws NullPointerException when table is null */
    public BracketMarginModel(LeverageBracketTable table) {
        this.table = Objects.requireNonNull(table, "table");
    }

    /** The bundled brackets. */
    public static BracketMarginModel bundled() {
        return new BracketMarginModel(LeverageBrackets.bundled());
    }

    @Override
    public BigDecimal maintenanceMargin(String symbol, BigDecimal notional) {
        LeverageBrackets b = table.forSymbol(symbol);
        BigDecimal n = notional.min(b.maxNotional());
        return b.maintenanceMargin(n).add(notional.subtract(n)
                .multiply(b.brackets().getLast().maintMarginRatio()));
    }

    @Override
    public int maxLeverage(String symbol) {
        return table.forSymbol(symbol).brackets().getFirst().initialLeverage();
    }
}
