package dev.pennant.core.exchange.binance;

import dev.pennant.core.model.Fill;
import dev.pennant.core.model.Market;
import dev.pennant.core.model.Order;
import dev.pennant.core.model.Side;

import java.math.BigDecimal;
import java.util.List;

/**
 * A Binance user-data stream event mapped to Pennant terms ({@link UserDataParser}). Immutable.
 *
 * <p>Sources: Binance spot "User Data Streams" ({@code executionReport}, {@code outboundAccountPosition},
 * {@code balanceUpdate}, {@code listStatus}) and USDⓈ-M "User Data Streams" ({@code ORDER_TRADE_UPDATE},
 * {@code ACCOUNT_UPDATE}, {@code MARGIN_CALL}, {@code TRADE_LITE}). Times epoch ms UTC; amounts as Binance sent them.
 */
public sealed interface UserDataEvent {

    /** Binance's {@code e}, e.g. {@code executionReport}. */
    String eventType();

    /** Binance's {@code E}: when the event was sent, epoch ms. */
    long eventTime();

    /**
     * An order changed ({@code executionReport} / {@code ORDER_TRADE_UPDATE}).
     *
     * @param market           SPOT or USDM_FUTURES
     * @param eventTime        {@code E}
     * @param transactionTime  {@code T}
     * @param orderId          Binance's {@code i}
     * @param executionType    {@code x}: NEW, TRADE, CANCELED, EXPIRED, REJECTED, CALCULATED (liquidation/ADL),
     *                         TRADE_PREVENTION, AMENDMENT …
     * @param venueStatus      {@code X} verbatim (also PENDING_CANCEL, EXPIRED_IN_MATCH, NEW_ADL, NEW_INSURANCE)
     * @param venueType        {@code o} verbatim (STOP_LOSS_LIMIT, TAKE_PROFIT, TRAILING_STOP_MARKET …)
     * @param clientOrderId    Pennant's id: the original {@code C} for cancels (spot), else {@code c}
     * @param order            the Pennant snapshot; {@code null} when Binance reports an order Pennant cannot represent
     *                         (quantity 0, e.g. a futures auto-close), see {@code note}
     * @param fill             the execution for x = TRADE or CALCULATED with a positive last quantity and price,
     *                         else {@code null}; its realised P&L is left 0 for the portfolio to compute
     * @param stopPrice        {@code P} (spot) / {@code sp} (futures), {@code null} when 0 or absent
     * @param rejectReason     {@code r} when not NONE (spot), else {@code null}
     * @param venueRealizedPnl futures {@code rp} (Binance's realised profit of this trade), {@code null} for spot
     * @param positionSide     futures {@code ps} (BOTH, LONG, SHORT), {@code null} for spot
     * @param reduceOnly       futures {@code R}
     * @param note             why {@code order} or {@code fill} is missing although Binance sent something; else null
     */
    record OrderUpdate(Market market, long eventTime, long transactionTime, long orderId, String executionType,
                       String venueStatus, String venueType, String clientOrderId, Order order, Fill fill,
                       BigDecimal stopPrice, String rejectReason, BigDecimal venueRealizedPnl, String positionSide,
                       boolean reduceOnly, String note) implements UserDataEvent {
        @Override
        public String eventType() {
            return market == Market.SPOT ? "executionReport" : "ORDER_TRADE_UPDATE";
        }
    }

    /** One asset's free and locked amounts. */
    record Balance(String asset, BigDecimal free, BigDecimal locked) {
    }

    /** Spot {@code outboundAccountPosition}: the balances that changed. {@code lastUpdateTime} is {@code u}. */
    record AccountPosition(long eventTime, long lastUpdateTime, List<Balance> balances) implements UserDataEvent {
        public AccountPosition {
            balances = List.copyOf(balances);
        }

        @Override
        public String eventType() {
            return "outboundAccountPosition";
        }
    }

    /** Spot {@code balanceUpdate}: a deposit, withdrawal or transfer of {@code delta}; {@code clearTime} is {@code T}. */
    record BalanceUpdate(long eventTime, String asset, BigDecimal delta, long clearTime) implements UserDataEvent {
        @Override
        public String eventType() {
            return "balanceUpdate";
        }
    }

    /** One order of an order list. */
    record ListOrder(String symbol, long orderId, String clientOrderId) {
    }

    /**
     * Spot {@code listStatus} (OCO/OTO lists): {@code g} list id, {@code c} contingency type, {@code l} list status type,
     * {@code L} list order status, {@code r} reject reason, {@code C} list client id, {@code T} transaction time.
     */
    record ListStatus(long eventTime, String symbol, long orderListId, String contingencyType, String listStatusType,
                      String listOrderStatus, String rejectReason, String listClientOrderId, long transactionTime,
                      List<ListOrder> orders) implements UserDataEvent {
        public ListStatus {
            orders = List.copyOf(orders);
        }

        @Override
        public String eventType() {
            return "listStatus";
        }
    }

    /** A futures wallet balance: {@code wb} wallet, {@code cw} cross wallet, {@code bc} change except PnL and fees. */
    record FuturesBalance(String asset, BigDecimal walletBalance, BigDecimal crossWalletBalance,
                          BigDecimal balanceChange) {
    }

    /**
     * A futures position: {@code pa} amount (negative = short), {@code ep} entry price, {@code bep} break-even price,
     * {@code cr} accumulated realised, {@code up} unrealised PnL, {@code mt} margin type, {@code iw} isolated wallet,
     * {@code ps} position side.
     */
    record FuturesPosition(String symbol, BigDecimal positionAmount, BigDecimal entryPrice, BigDecimal breakEvenPrice,
                           BigDecimal accumulatedRealized, BigDecimal unrealizedPnl, String marginType,
                           BigDecimal isolatedWallet, String positionSide) {
    }

    /** Futures {@code ACCOUNT_UPDATE}; {@code reason} is {@code a.m} (ORDER, FUNDING_FEE, DEPOSIT …). */
    record FuturesAccountUpdate(long eventTime, long transactionTime, String reason, List<FuturesBalance> balances,
                                List<FuturesPosition> positions) implements UserDataEvent {
        public FuturesAccountUpdate {
            balances = List.copyOf(balances);
            positions = List.copyOf(positions);
        }

        @Override
        public String eventType() {
            return "ACCOUNT_UPDATE";
        }
    }

    /** A position at risk in a {@code MARGIN_CALL}: {@code mp} mark price, {@code mm} maintenance margin required. */
    record MarginCallPosition(String symbol, String positionSide, BigDecimal positionAmount, String marginType,
                              BigDecimal isolatedWallet, BigDecimal markPrice, BigDecimal unrealizedPnl,
                              BigDecimal maintenanceMargin) {
    }

    /** Futures {@code MARGIN_CALL}: {@code cw} cross wallet balance (null for isolated) and the positions at risk. */
    record MarginCall(long eventTime, BigDecimal crossWalletBalance, List<MarginCallPosition> positions)
            implements UserDataEvent {
        public MarginCall {
            positions = List.copyOf(positions);
        }

        @Override
        public String eventType() {
            return "MARGIN_CALL";
        }
    }

    /**
     * Futures {@code TRADE_LITE}: a low-latency trade notice (no commission; the full {@code ORDER_TRADE_UPDATE}
     * follows). {@code q}/{@code p} original quantity/price, {@code l}/{@code L} last fill, {@code m} maker.
     */
    record TradeLite(long eventTime, long transactionTime, String symbol, String clientOrderId, Side side,
                     BigDecimal originalQuantity, BigDecimal originalPrice, long orderId, BigDecimal lastQuantity,
                     BigDecimal lastPrice, long tradeId, boolean maker) implements UserDataEvent {
        @Override
        public String eventType() {
            return "TRADE_LITE";
        }
    }

    /**
     * USDⓈ-M {@code ALGO_UPDATE}: a conditional order of the Algo Service (since 2025-12-09 STOP, STOP_MARKET,
     * TAKE_PROFIT, TAKE_PROFIT_MARKET and TRAILING_STOP_MARKET live there, placed with {@code POST /fapi/v1/algoOrder}).
     * Source: USDⓈ-M "Event: Algo Order Update".
     *
     * @param clientAlgoId     {@code caid}: Pennant's clientOrderId of the conditional order
     * @param algoId           {@code aid}
     * @param orderType        {@code o}, e.g. STOP_MARKET
     * @param algoStatus       {@code X}: NEW, TRIGGERING, TRIGGERED, FINISHED, CANCELED, REJECTED, EXPIRED
     * @param actualOrderId    {@code ai}: the matching-engine order placed on trigger, {@code null} before
     * @param actualAvgPrice   {@code ap}, {@code null} when 0
     * @param actualFilledQuantity {@code aq}
     * @param triggerPrice     {@code tp}, {@code null} when 0
     * @param price            {@code p}, {@code null} when 0
     * @param triggerTime      {@code tt}, 0 before the trigger
     * @param rejectReason     {@code rm}, {@code null} when empty
     */
    record AlgoUpdate(long eventTime, long transactionTime, String clientAlgoId, long algoId, String orderType,
                      String symbol, Side side, String positionSide, String timeInForce, BigDecimal quantity,
                      String algoStatus, String actualOrderId, BigDecimal actualAvgPrice,
                      BigDecimal actualFilledQuantity, BigDecimal triggerPrice, BigDecimal price,
                      boolean closePosition, boolean reduceOnly, long triggerTime, String rejectReason)
            implements UserDataEvent {
        @Override
        public String eventType() {
            return "ALGO_UPDATE";
        }
    }

    /** Any other event (listenKeyExpired, eventStreamTerminated …), kept by type for logging. */
    record Other(String eventType, long eventTime) implements UserDataEvent {
    }
}
