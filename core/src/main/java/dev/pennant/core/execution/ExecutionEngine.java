package dev.pennant.core.execution;

import dev.pennant.core.exchange.ExecutionClient;
import dev.pennant.core.exchange.ExecutionEventHandler;
import dev.pennant.core.model.Fill;
import dev.pennant.core.model.Instrument;
import dev.pennant.core.model.Order;
import dev.pennant.core.model.Side;
import dev.pennant.core.portfolio.Portfolio;
import dev.pennant.core.risk.RiskDecision;
import dev.pennant.core.risk.RiskEngine;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Turns order requests into orders: risk check (which may deny), a unique clientOrderId, the venue; and books the
 * venue's answers: order state, fills into the portfolio, events to the listener. One per engine; not thread-safe.
 *
 * <p>clientOrderId format: {@code <sessionPrefix>-<n>} (n from 1), within Binance's 36-character limit and
 * pattern {@code ^[.A-Z:/a-z0-9_-]{1,36}$}.
 */
public final class ExecutionEngine implements ExecutionEventHandler {

    private final ExecutionClient client;
    private final RiskEngine risk;
    private final Portfolio portfolio;
    private final ExecutionListener listener;
    private final LongSupplier clock;
    private final String idPrefix;
    private final Map<String, Order> orders = new LinkedHashMap<>();
    private long nextId = 1;

    /**
     * @param idPrefix short session prefix for clientOrderIds, e.g. {@code pn-7f3a}
     * @param clock    engine clock, epoch ms UTC
     * @throws IllegalArgumentException when the prefix would break Binance's clientOrderId pattern
     */
    public ExecutionEngine(ExecutionClient client, RiskEngine risk, Portfolio portfolio, ExecutionListener listener,
                           LongSupplier clock, String idPrefix) {
        this.client = Objects.requireNonNull(client, "client");
        this.risk = Objects.requireNonNull(risk, "risk");
        this.portfolio = Objects.requireNonNull(portfolio, "portfolio");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (!idPrefix.matches("[.A-Za-z0-9:/_-]{1,20}")) {
            throw new IllegalArgumentException("idPrefix must match [.A-Za-z0-9:/_-]{1,20}, was '" + idPrefix + "'");
        }
        this.idPrefix = idPrefix;
        client.setEventHandler(this);
    }

    /**
     * Sizes, risk-checks and sends a MARKET order for a signal.
     *
     * @param side       BUY or SELL
     * @param instrument the instrument (filters)
     * @param refPrice   expected fill price for sizing (last close), quote asset
     * @param signalId   the signal behind it, or {@code null}
     * @return the order as created: NEW when sent, REJECTED when risk denied it
     */
    public Order submitMarket(Side side, Instrument instrument, BigDecimal refPrice, String signalId) {
        long now = clock.getAsLong();
        String id = idPrefix + "-" + nextId++;
        RiskDecision d = risk.sizeAndCheck(side, instrument, portfolio, refPrice);
        if (!d.approved()) {
            Order rejected = new Order(id, instrument.symbol(), side, dev.pennant.core.model.OrderType.MARKET, null,
                    BigDecimal.ZERO, null, dev.pennant.core.model.OrderStatus.REJECTED, BigDecimal.ZERO, null,
                    now, now, signalId, "risk: " + d.reason());
            orders.put(id, rejected);
            listener.onOrder(rejected);
            return rejected;
        }
        Order order = Order.market(id, instrument.symbol(), side, d.quantity(), now, signalId);
        orders.put(id, order);
        client.submit(order);
        return orders.get(id);
    }

    /** The latest snapshot of {@code clientOrderId}, or {@code null}. */
    public Order order(String clientOrderId) {
        return orders.get(clientOrderId);
    }

    /** True while any order is NEW or PARTIALLY_FILLED. */
    public boolean hasOpenOrders() {
        return orders.values().stream().anyMatch(o -> !o.status().isTerminal());
    }

    /** The venue. */
    public ExecutionClient client() {
        return client;
    }

    @Override
    public void onReport(dev.pennant.core.exchange.ExecutionReport r) {
        switch (r.execType()) {
            case NEW -> onAccepted(r.order());
            case REJECTED -> onRejected(r.order().clientOrderId(), r.reason(), r.time());
            case TRADE -> onFill(r.fill());
            default -> {
                orders.put(r.order().clientOrderId(), r.order());
                listener.onOrder(r.order());
            }
        }
    }

    private void onAccepted(Order order) {
        orders.put(order.clientOrderId(), order);
        listener.onOrder(order);
    }

    private void onRejected(String clientOrderId, String reason, long time) {
        Order o = orders.get(clientOrderId);
        if (o == null) {
            return;
        }
        Order r = o.rejected("venue: " + reason, time);
        orders.put(clientOrderId, r);
        listener.onOrder(r);
    }

    private void onFill(Fill fill) {
        Order o = orders.get(fill.clientOrderId());
        Fill booked = portfolio.apply(fill);
        if (o != null) {
            Order updated = o.withFill(fill.quantity(), fill.price(), fill.time());
            orders.put(o.clientOrderId(), updated);
            listener.onOrder(updated);
        }
        listener.onFill(booked, portfolio.position(fill.symbol()));
    }
}
