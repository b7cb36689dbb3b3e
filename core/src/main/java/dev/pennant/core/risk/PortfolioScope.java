package dev.pennant.core.risk;

import dev.pennant.core.execution.OrderRequest;
import dev.pennant.core.portfolio.Portfolio;

import java.math.BigDecimal;

/**
 * What the risk engine needs to know about portfolios sharing one account (implemented by
 * {@code dev.pennant.core.portfolio.manager.PortfolioBook}): which portfolio an order belongs to, that portfolio's
 * ledger, its governor and its per-symbol budget. Engine thread only.
 */
public interface PortfolioScope {

    /** The portfolio id {@code req} trades for (clientOrderId tag, attached strategy or the active portfolio), or {@code null}. */
    String portfolioOf(OrderRequest req);

    /** The portfolio's own ledger (its cash, positions, P&L, fees). */
    Portfolio ledger(String portfolioId);

    /** The portfolio's governor (its limits and state). */
    RiskGovernor governor(String portfolioId);

    /**
     * The notional the portfolio may still put into {@code symbol}: min(symbol budget, max per symbol) − the position's
     * notional at {@code price}, quote asset; {@code null} = no budget rule; a symbol outside the allocation gets 0.
     */
    BigDecimal budgetLeft(String portfolioId, String symbol, BigDecimal price);

    /** Records that the approved order {@code clientOrderId} belongs to {@code portfolioId} (its fills are booked there). */
    void assign(String clientOrderId, String portfolioId);

    /** The portfolio an approved order was assigned to, or {@code null}. */
    String assigned(String clientOrderId);

    /** The ids of the portfolios whose governors observe their ledgers once per bar. */
    java.util.Collection<String> portfolioIds();

    /**
     * The clientOrderId of an order placed for a portfolio: {@code P<id>.<suffix>} (Binance's pattern allows the dot;
     * ≤ 36 characters). @throws IllegalArgumentException when the result breaks the pattern
     */
    static String tag(String portfolioId, String suffix) {
        String id = "P" + portfolioId + "." + suffix;
        if (!id.matches("^[.A-Z:/a-z0-9_-]{1,36}$")) {
            throw new IllegalArgumentException("clientOrderId '" + id + "' breaks Binance's pattern [.A-Z:/a-z0-9_-]{1,36}");
        }
        return id;
    }

    /** The portfolio id in a tagged clientOrderId ({@code P<id>.…}), or {@code null}. */
    static String portfolioOfTag(String clientOrderId) {
        if (clientOrderId == null || clientOrderId.length() < 3 || clientOrderId.charAt(0) != 'P') {
            return null;
        }
        int dot = clientOrderId.indexOf('.');
        if (dot < 2) {
            return null;
        }
        for (int i = 1; i < dot; i++) {
            if (!Character.isDigit(clientOrderId.charAt(i))) {
                return null;
            }
        }
        return clientOrderId.substring(1, dot);
    }
}
