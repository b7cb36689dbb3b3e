package dev.pennant.core.execution;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * Commands into the engine (NautilusTrader's naming): the only way orders are created, changed or canceled. They are
 * executed on the engine thread in the order they arrive, between market events.
 */
public sealed interface TradingCommand {

    /** Submit one order. */
    record SubmitOrder(OrderRequest request) implements TradingCommand {
        /** @throws NullPointerException when request is null */
        public SubmitOrder {
            Objects.requireNonNull(request, "request");
        }
    }

    /**
     * Submit an entry with attached exits: once (part of) the entry fills, a stop-loss and/or take-profit for the
     * filled quantity is placed on the opposite side (reduce-only on futures); the exits are one-cancels-the-other.
     *
     * @param entry              the entry order
     * @param stopLoss           stop-loss trigger price (quote asset), or {@code null}
     * @param takeProfit         take-profit trigger price (quote asset), or {@code null}
     * @param trailingCallbackPct futures: a TRAILING_STOP_MARKET with this callback rate in percent replaces the fixed
     *                           stop-loss; {@code null} for none
     */
    record SubmitBracket(OrderRequest entry, BigDecimal stopLoss, BigDecimal takeProfit,
                         BigDecimal trailingCallbackPct) implements TradingCommand {
        /** @throws IllegalArgumentException when neither exit is given */
        public SubmitBracket {
            Objects.requireNonNull(entry, "entry");
            if (stopLoss == null && takeProfit == null && trailingCallbackPct == null) {
                throw new IllegalArgumentException("a bracket needs a stopLoss, a takeProfit or a trailing stop");
            }
        }
    }

    /**
     * Change an open LIMIT order.
     *
     * @param quantity new total quantity (base asset) or {@code null} to keep
     * @param price    new limit price (quote asset) or {@code null} to keep
     */
    record ModifyOrder(String clientOrderId, BigDecimal quantity, BigDecimal price) implements TradingCommand {
        /** @throws IllegalArgumentException when nothing changes */
        public ModifyOrder {
            Objects.requireNonNull(clientOrderId, "clientOrderId");
            if (quantity == null && price == null) {
                throw new IllegalArgumentException("ModifyOrder needs a quantity or a price");
            }
        }
    }

    /** Cancel one open order. */
    record CancelOrder(String clientOrderId) implements TradingCommand {
        /** @throws NullPointerException when the id is null */
        public CancelOrder {
            Objects.requireNonNull(clientOrderId, "clientOrderId");
        }
    }

    /** Cancel every open order of {@code symbol}, or of every symbol when {@code symbol} is null. */
    record CancelAllOrders(String symbol) implements TradingCommand {
    }

    /**
     * Set a USDⓈ-M symbol's leverage (Binance {@code POST /fapi/v1/leverage}): the venue's and the ledger's.
     *
     * @param leverage 1..125, and within the symbol's leverage bracket for the current position notional
     */
    record SetLeverage(String symbol, int leverage) implements TradingCommand {
        /** @throws IllegalArgumentException outside 1..125 */
        public SetLeverage {
            Objects.requireNonNull(symbol, "symbol");
            if (leverage < 1 || leverage > 125) {
                throw new IllegalArgumentException("leverage must be within 1..125, was " + leverage);
            }
        }
    }

    /** Set a USDⓈ-M symbol's margin mode (Binance {@code POST /fapi/v1/marginType}). */
    record SetMarginType(String symbol, dev.pennant.core.portfolio.margin.MarginMode marginMode) implements TradingCommand {
        /** @throws NullPointerException naming the missing field */
        public SetMarginType {
            Objects.requireNonNull(symbol, "symbol");
            Objects.requireNonNull(marginMode, "marginMode");
        }
    }
}
