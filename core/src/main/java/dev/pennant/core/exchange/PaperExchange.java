package dev.pennant.core.exchange;

import dev.pennant.core.model.Bar;
import dev.pennant.core.model.Fill;
import dev.pennant.core.model.LiquiditySide;
import dev.pennant.core.model.Order;
import dev.pennant.core.model.OrderType;
import dev.pennant.core.model.Side;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The simple paper venue of the walking skeleton: MARKET orders fill in full at the <b>next</b> bar's open, as a
 * taker, with a commission of {@code feeRate × notional} charged in the quote asset (default 0.1 %, Binance's
 * spot base rate). A BUY whose cost at that open exceeds the free cash is rejected, as Binance would with -2010
 * "insufficient balance". LIMIT orders are rejected (a later issue adds resting orders).
 * Not thread-safe: driven by the engine thread.
 */
public final class PaperExchange implements ExecutionClient {

    private final BigDecimal feeRate;
    private final String quoteAsset;
    private final Supplier<BigDecimal> freeCash;
    private final List<Order> pending = new ArrayList<>();
    private ExecutionEventHandler handler;
    private long nextTradeId = 1;

    /**
     * @param feeRate    taker fee as a fraction (0.001 = 0.1 %)
     * @param quoteAsset asset commissions are charged in
     * @param freeCash   the account's free quote balance at fill time
     */
    public PaperExchange(BigDecimal feeRate, String quoteAsset, Supplier<BigDecimal> freeCash) {
        this.feeRate = Objects.requireNonNull(feeRate, "feeRate");
        this.quoteAsset = Objects.requireNonNull(quoteAsset, "quoteAsset");
        this.freeCash = Objects.requireNonNull(freeCash, "freeCash");
    }

    @Override
    public void setEventHandler(ExecutionEventHandler handler) {
        this.handler = handler;
    }

    @Override
    public String venue() {
        return "paper";
    }

    @Override
    public void submit(Order order) {
        if (order.type() != OrderType.MARKET) {
            reject(order, "paper exchange fills MARKET orders only (type " + order.type() + ")", order.createdTime());
            return;
        }
        pending.add(order);
        handler.onReport(new ExecutionReport(ExecutionReport.ExecType.NEW, order, null, order.createdTime(), null));
    }

    private void reject(Order o, String reason, long time) {
        handler.onReport(new ExecutionReport(ExecutionReport.ExecType.REJECTED, o.rejected(reason, time), null, time, reason));
    }

    @Override
    public void cancel(String clientOrderId, long time) {
        for (Order o : pending) {
            if (o.clientOrderId().equals(clientOrderId)) {
                pending.remove(o);
                handler.onReport(new ExecutionReport(ExecutionReport.ExecType.CANCELED,
                        o.withStatus(dev.pennant.core.model.OrderStatus.CANCELED, time, null), null, time, null));
                return;
            }
        }
    }

    @Override
    public void modify(String clientOrderId, BigDecimal quantity, BigDecimal price, long time) {
        for (Order o : pending) {
            if (o.clientOrderId().equals(clientOrderId)) {
                handler.onReport(new ExecutionReport(ExecutionReport.ExecType.REQUEST_REJECTED, o, null, time,
                        "-2011 only LIMIT orders can be modified"));
            }
        }
    }

    @Override
    public void onBar(Bar bar) {
        if (pending.isEmpty()) {
            return;
        }
        List<Order> due = new ArrayList<>();
        pending.removeIf(o -> o.symbol().equals(bar.symbol()) && due.add(o));
        for (Order o : due) {
            BigDecimal px = bar.open();
            BigDecimal notional = o.quantity().multiply(px);
            BigDecimal fee = notional.multiply(feeRate).setScale(8, RoundingMode.HALF_UP);
            if (o.side() == Side.BUY && notional.add(fee).compareTo(freeCash.get()) > 0) {
                reject(o, "-2010 insufficient balance: cost " + notional.add(fee).toPlainString()
                        + " " + quoteAsset + " at open " + px.toPlainString() + " exceeds free cash", bar.openTime());
                continue;
            }
            Fill f = new Fill(nextTradeId++, o.clientOrderId(), o.symbol(), o.side(), o.quantity(), px, fee,
                    quoteAsset, LiquiditySide.TAKER, bar.openTime(), BigDecimal.ZERO);
            handler.onReport(new ExecutionReport(ExecutionReport.ExecType.TRADE,
                    o.withFill(o.quantity(), px, bar.openTime()), f, bar.openTime(), null));
        }
    }
}
