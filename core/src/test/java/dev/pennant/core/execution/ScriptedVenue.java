package dev.pennant.core.execution;

import dev.pennant.core.exchange.ExecutionClient;
import dev.pennant.core.exchange.ExecutionEventHandler;
import dev.pennant.core.exchange.ExecutionReport;
import dev.pennant.core.exchange.ExecutionReport.ExecType;
import dev.pennant.core.model.Fill;
import dev.pennant.core.model.LiquiditySide;
import dev.pennant.core.model.Order;
import dev.pennant.core.model.OrderStatus;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A venue the test drives by hand: it records what the engine sent and answers only when told, so the execution
 * engine's bookkeeping is tested apart from any matching model.
 */
final class ScriptedVenue implements ExecutionClient {

    final List<Order> submitted = new ArrayList<>();
    final List<String> canceled = new ArrayList<>();
    final List<String> modified = new ArrayList<>();
    final Map<String, Order> live = new LinkedHashMap<>();
    boolean autoAccept = true;
    private ExecutionEventHandler handler;
    private long tradeId = 1;

    @Override
    public void setEventHandler(ExecutionEventHandler handler) {
        this.handler = handler;
    }

    @Override
    public void submit(Order order) {
        submitted.add(order);
        live.put(order.clientOrderId(), order);
        if (autoAccept) {
            Order acc = order.accepted("V" + submitted.size(), order.createdTime());
            live.put(order.clientOrderId(), acc);
            handler.onReport(new ExecutionReport(ExecType.NEW, acc, null, order.createdTime(), null));
        }
    }

    @Override
    public void cancel(String clientOrderId, long time) {
        canceled.add(clientOrderId);
        Order o = live.remove(clientOrderId);
        if (o != null) {
            handler.onReport(new ExecutionReport(ExecType.CANCELED, o.withStatus(OrderStatus.CANCELED, time, null),
                    null, time, null));
        }
    }

    @Override
    public void modify(String clientOrderId, BigDecimal quantity, BigDecimal price, long time) {
        modified.add(clientOrderId);
        Order o = live.get(clientOrderId);
        Order m = o.modified(quantity, price, time);
        live.put(clientOrderId, m);
        handler.onReport(new ExecutionReport(ExecType.REPLACED, m, null, time, null));
    }

    @Override
    public String venue() {
        return "scripted";
    }

    /** Fills {@code qty} of {@code id} at {@code px} with fee {@code fee} USDT as TAKER at {@code time}. */
    void fill(String id, String qty, String px, String fee, long time) {
        Order o = live.get(id);
        BigDecimal q = new BigDecimal(qty);
        BigDecimal p = new BigDecimal(px);
        Order after = o.withFill(q, p, time);
        if (after.status().isTerminal()) {
            live.remove(id);
        } else {
            live.put(id, after);
        }
        Fill f = new Fill(tradeId++, id, o.symbol(), o.side(), q, p, new BigDecimal(fee), "USDT", LiquiditySide.TAKER,
                time, BigDecimal.ZERO, o.market(), o.positionSide());
        handler.onReport(new ExecutionReport(ExecType.TRADE, after, f, time, null));
    }

    void reject(String id, String reason, long time) {
        Order o = live.remove(id);
        handler.onReport(new ExecutionReport(ExecType.REJECTED, o.rejected(reason, time), null, time, reason));
    }

    void funding(String symbol, String amount, long time) {
        handler.onFunding(symbol, dev.pennant.core.model.PositionSide.BOTH, new BigDecimal(amount),
                new BigDecimal("0.0001"), time);
    }
}
