package dev.pennant.ui.viewmodel;

import dev.pennant.core.engine.EngineListener;
import dev.pennant.core.execution.OrderEvent;
import dev.pennant.core.execution.OrderRequest;
import dev.pennant.core.execution.PositionEvent;
import dev.pennant.core.execution.TradingCommand;
import dev.pennant.core.model.EquitySnapshot;
import dev.pennant.core.model.Fill;
import dev.pennant.core.model.Instrument;
import dev.pennant.core.model.Market;
import dev.pennant.core.model.Order;
import dev.pennant.core.model.OrderOptions;
import dev.pennant.core.model.OrderStatus;
import dev.pennant.core.model.OrderType;
import dev.pennant.core.model.Position;
import dev.pennant.core.model.PositionSide;
import dev.pennant.core.model.Side;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The orders panel: open orders (per-row Cancel, Modify for LIMIT orders, Cancel all), order history (orders that
 * can no longer fill: filled, canceled, rejected, expired), fills, and open positions (per-row Close, and Reverse
 * on futures). Every action is a {@link TradingCommand} sent to the session without blocking.
 *
 * <p>Threading: engine events arrive on the engine thread into a bounded, coalesced inbox — the latest snapshot per
 * clientOrderId, the last {@value #TABLE_CAPACITY} fills, the latest positions — and at most one drain is pending on the
 * FX thread, which applies everything since the previous one. Lists and properties are FX-thread only.
 */
public final class OrdersViewModel {

    /** Rows kept per table (history and fills drop their oldest beyond it). */
    public static final int TABLE_CAPACITY = 1000;

    private final Executor fx;
    private final FxCoalescer coalescer;
    private final ObservableList<Order> openOrders = FXCollections.observableArrayList();
    private final ObservableList<Order> history = FXCollections.observableArrayList();
    private final ObservableList<Fill> fills = FXCollections.observableArrayList();
    private final ObservableList<Position> positions = FXCollections.observableArrayList();
    // one read-only wrapper each, kept (wrappers hold their listeners weakly)
    private final ObservableList<Order> openOrdersView = FXCollections.unmodifiableObservableList(openOrders);
    private final ObservableList<Order> historyView = FXCollections.unmodifiableObservableList(history);
    private final ObservableList<Fill> fillsView = FXCollections.unmodifiableObservableList(fills);
    private final ObservableList<Position> positionsView = FXCollections.unmodifiableObservableList(positions);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper messageIsError = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper futures = new ReadOnlyBooleanWrapper(false);
    private final Map<String, Order> historyIndex = new HashMap<>(); // clientOrderId → row in history (FX thread)

    // engine-thread inbox (guarded by lock)
    private final Object lock = new Object();
    private final LinkedHashMap<String, Order> pendingOrders = new LinkedHashMap<>();
    private final ArrayDeque<Fill> pendingFills = new ArrayDeque<>();
    private final ArrayDeque<Runnable> pendingNotes = new ArrayDeque<>();
    private List<Position> pendingPositions;
    private java.util.Map<String, PositionMargin> pendingMargins;
    private java.util.Map<String, PositionMargin> margins = java.util.Map.of(); // FX thread

    private volatile SessionPort port;
    private Instrument instrument; // FX thread

    /** For the window: drains through {@code Platform.runLater}. */
    public OrdersViewModel() {
        this(Platform::runLater);
    }

    /** @param fx runs drains on the FX thread (tests: {@code Runnable::run}) */
    OrdersViewModel(Executor fx) {
        this.fx = fx;
        this.coalescer = new FxCoalescer(fx, this::drain);
    }

    // ------------------------------------------------------------------ session (io thread)

    /**
     * Follows {@code session} from now on (call before it starts): its events fill the tables; the previous session's
     * open orders move to the history (they ended with it) and its positions go.
     */
    void attach(SessionPort session) {
        Objects.requireNonNull(session, "session");
        session.addListener(new Inbox(session));
        port = session;
        Instrument inst = session.instrument();
        fx.execute(() -> {
            instrument = inst;
            futures.set(inst.market() == Market.USDM_FUTURES);
            for (Order o : List.copyOf(openOrders)) {
                toHistory(o);
            }
            openOrders.clear();
            positions.clear();
            setMessage("", false);
        });
    }

    /** Stops following the running session (it was closed); the tables keep what they show. */
    void detach() {
        port = null;
    }

    /** Shows orders and fills of an earlier session, from the history database (FX thread). */
    void showHistory(List<Order> orders, List<Fill> earlierFills) {
        for (Order o : orders) {
            toHistory(o); // an earlier session's order cannot fill any more, whatever its last status said
        }
        fills.addAll(0, tail(earlierFills, TABLE_CAPACITY - Math.min(fills.size(), TABLE_CAPACITY)));
    }

    // ------------------------------------------------------------------ commands (FX thread)

    /** Cancels one open order ({@code CancelOrder}). */
    public void cancel(Order order) {
        send(new TradingCommand.CancelOrder(order.clientOrderId()), "Cancel " + order.clientOrderId());
    }

    /** Cancels every open order of every symbol ({@code CancelAllOrders(null)}). */
    public void cancelAll() {
        send(new TradingCommand.CancelAllOrders(null), "Cancel all");
    }

    /** True for orders the Modify dialog can change: open LIMIT orders (Binance modifies LIMIT orders only). */
    public boolean canModify(Order order) {
        return order.isOpen() && order.workingType() == OrderType.LIMIT;
    }

    /**
     * Checks a modification typed in the Modify dialog.
     *
     * @param quantityText new total quantity (base asset), blank to keep
     * @param priceText    new limit price (quote asset), blank to keep
     * @return the first broken rule, naming the field (e.g. "Price: must be a multiple of tick 0.01"); empty when fine
     */
    public Optional<String> checkModify(Order order, String quantityText, String priceText) {
        Instrument inst = instrument;
        if (!canModify(order)) {
            return Optional.of("Only open LIMIT orders can be modified (this is " + order.type() + " " + order.status() + ")");
        }
        boolean keepQty = quantityText == null || quantityText.isBlank();
        boolean keepPrice = priceText == null || priceText.isBlank();
        if (keepQty && keepPrice) {
            return Optional.of("Nothing to change: enter a new quantity or price");
        }
        try {
            BigDecimal q = keepQty ? order.quantity() : OrderTicketViewModel.number("Quantity", quantityText);
            BigDecimal p = keepPrice ? order.price() : OrderTicketViewModel.number("Price", priceText);
            if (inst != null) {
                OrderTicketViewModel.checkQuantity(inst, OrderType.LIMIT, q);
                OrderTicketViewModel.checkPrice(inst, "Price", p);
            }
            if (q.compareTo(order.filledQuantity()) <= 0) {
                return Optional.of("Quantity: must be above the filled " + plain(order.filledQuantity()));
            }
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
        return Optional.empty();
    }

    /**
     * Sends {@code ModifyOrder} after {@link #checkModify} passed; does nothing (and says why) otherwise.
     *
     * @return the broken rule, or empty when the command was sent
     */
    public Optional<String> modify(Order order, String quantityText, String priceText) {
        Optional<String> problem = checkModify(order, quantityText, priceText);
        if (problem.isPresent()) {
            setMessage(problem.get(), true);
            return problem;
        }
        BigDecimal q = quantityText == null || quantityText.isBlank() ? null : new BigDecimal(quantityText.trim());
        BigDecimal p = priceText == null || priceText.isBlank() ? null : new BigDecimal(priceText.trim());
        send(new TradingCommand.ModifyOrder(order.clientOrderId(), q, p), "Modify " + order.clientOrderId());
        return Optional.empty();
    }

    /** True when a position can be reversed from its row: futures only (spot cannot go short). */
    public boolean canReverse(Position position) {
        return position.market() == Market.USDM_FUTURES && !position.isFlat();
    }

    /**
     * Closes {@code position}: a MARKET order of its whole quantity on the other side — reduce-only on futures
     * (one-way: {@code reduceOnly}; hedge mode: the position's {@code positionSide}).
     */
    public void close(Position position) {
        if (position.isFlat()) {
            return;
        }
        send(new TradingCommand.SubmitOrder(closing(position, position.quantity().abs())), "Close " + position.symbol());
    }

    /**
     * Reverses a futures position: one-way mode, one MARKET order of twice the quantity on the other side (closes it
     * and opens the same size the other way); hedge mode, a reduce-only close of this side and a MARKET entry of the
     * same quantity on the other positionSide. Spot positions cannot be reversed (no shorting): does nothing.
     */
    public void reverse(Position position) {
        if (!canReverse(position)) {
            return;
        }
        BigDecimal qty = position.quantity().abs();
        Side side = position.quantity().signum() > 0 ? Side.SELL : Side.BUY;
        if (position.positionSide() == PositionSide.BOTH) {
            send(new TradingCommand.SubmitOrder(request(position, side, qty.multiply(BigDecimal.TWO),
                    OrderOptions.of(position.market()))), "Reverse " + position.symbol());
            return;
        }
        PositionSide other = position.positionSide() == PositionSide.LONG ? PositionSide.SHORT : PositionSide.LONG;
        send(new TradingCommand.SubmitOrder(closing(position, qty)), "Reverse (close) " + position.symbol());
        send(new TradingCommand.SubmitOrder(request(position, side, qty,
                OrderOptions.of(position.market()).withPositionSide(other))), "Reverse (open) " + position.symbol());
    }

    private static OrderRequest closing(Position p, BigDecimal qty) {
        Side side = p.quantity().signum() > 0 ? Side.SELL : Side.BUY;
        OrderOptions o = OrderOptions.of(p.market());
        if (p.market() == Market.USDM_FUTURES) {
            o = p.positionSide() == PositionSide.BOTH ? o.withReduceOnly(true) : o.withPositionSide(p.positionSide());
        }
        return request(p, side, qty, o);
    }

    private static OrderRequest request(Position p, Side side, BigDecimal qty, OrderOptions o) {
        return new OrderRequest(p.symbol(), side, OrderType.MARKET, null, qty, null,
                o.withStrategyId(OrderTicketViewModel.MANUAL), null, null);
    }

    private void send(TradingCommand command, String what) {
        SessionPort s = port;
        if (s == null) {
            setMessage(what + ": no session is running", true);
            return;
        }
        CompletableFuture<Order> f;
        try {
            f = s.submit(command);
        } catch (RuntimeException e) {
            setMessage(what + " not sent: " + e.getMessage(), true);
            return;
        }
        setMessage(what + " sent", false);
        f.whenComplete((order, error) -> {
            if (error != null) {
                note(() -> setMessage(what + " not sent: " + rootMessage(error), true));
            } else if (order != null && order.status() == OrderStatus.REJECTED) {
                note(() -> setMessage(what + " rejected — " + order.rejectReason(), true));
            }
        });
    }

    // ------------------------------------------------------------------ engine thread → inbox

    private final class Inbox implements EngineListener {
        private final SessionPort owner;

        Inbox(SessionPort owner) {
            this.owner = owner;
        }

        private boolean current() {
            return port == owner;
        }

        @Override
        public void onOrder(Order order) {
            if (!current()) return;
            synchronized (lock) {
                pendingOrders.remove(order.clientOrderId()); // re-insert: the latest change goes last
                pendingOrders.put(order.clientOrderId(), order);
            }
            coalescer.schedule();
        }

        @Override
        public void onFill(Fill fill, Position position) {
            if (!current()) return;
            List<Position> now = owner.positions(); // engine thread: consistent with the fill
            var m = owner.margins();
            synchronized (lock) {
                pendingMargins = m;
                pendingFills.addLast(fill);
                while (pendingFills.size() > TABLE_CAPACITY) {
                    pendingFills.removeFirst();
                }
                pendingPositions = now;
            }
            coalescer.schedule();
        }

        @Override
        public void onOrderEvent(OrderEvent event) {
            if (!current()) return;
            if (event instanceof OrderEvent.OrderRequestRejected r) {
                String text = "Request on " + r.order().clientOrderId() + " refused — " + r.reason();
                note(() -> setMessage(text, true));
            }
        }

        @Override
        public void onPositionEvent(PositionEvent event) {
            // positions are taken with the fill (onFill) and each bar (onEquity)
        }

        @Override
        public void onEquity(EquitySnapshot snapshot) {
            if (!current()) return;
            List<Position> now = owner.positions();
            var m = owner.margins();
            synchronized (lock) {
                pendingMargins = m;
                pendingPositions = now;
            }
            coalescer.schedule();
        }
    }

    private void note(Runnable r) {
        synchronized (lock) {
            pendingNotes.addLast(r);
            while (pendingNotes.size() > 64) {
                pendingNotes.removeFirst();
            }
        }
        coalescer.schedule();
    }

    /** FX thread: applies everything the inbox collected since the previous drain. */
    private void drain() {
        List<Order> orders;
        List<Fill> newFills;
        List<Runnable> notes;
        List<Position> pos;
        synchronized (lock) {
            orders = new ArrayList<>(pendingOrders.values());
            pendingOrders.clear();
            newFills = new ArrayList<>(pendingFills);
            pendingFills.clear();
            notes = new ArrayList<>(pendingNotes);
            pendingNotes.clear();
            pos = pendingPositions;
            pendingPositions = null;
            if (pendingMargins != null) {
                margins = pendingMargins;
                pendingMargins = null;
            }
        }
        for (Order o : orders) {
            apply(o);
        }
        if (!newFills.isEmpty()) {
            fills.addAll(newFills);
            trim(fills);
        }
        if (pos != null) {
            positions.setAll(pos.stream().filter(p -> !p.isFlat()).toList());
        }
        notes.forEach(Runnable::run);
    }

    private void apply(Order o) {
        int idx = indexOf(openOrders, o.clientOrderId());
        if (o.isOpen()) {
            if (idx >= 0) {
                openOrders.set(idx, o);
            } else {
                openOrders.add(o);
            }
            return;
        }
        if (idx >= 0) {
            openOrders.remove(idx);
        }
        toHistory(o);
    }

    private void toHistory(Order o) {
        Order known = historyIndex.get(o.clientOrderId());
        if (known != null) {
            int i = history.indexOf(known);
            if (i >= 0) {
                history.set(i, o);
                historyIndex.put(o.clientOrderId(), o);
                return;
            }
        }
        history.add(o);
        historyIndex.put(o.clientOrderId(), o);
        if (history.size() > TABLE_CAPACITY) {
            List<Order> gone = List.copyOf(history.subList(0, history.size() - TABLE_CAPACITY));
            history.remove(0, gone.size());
            gone.forEach(g -> historyIndex.remove(g.clientOrderId(), g));
        }
    }

    private static int indexOf(List<Order> list, String id) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).clientOrderId().equals(id)) {
                return i;
            }
        }
        return -1;
    }

    private static <T> void trim(ObservableList<T> list) {
        if (list.size() > TABLE_CAPACITY) {
            list.remove(0, list.size() - TABLE_CAPACITY);
        }
    }

    private static <T> List<T> tail(List<T> list, int n) {
        return list.size() <= n ? list : list.subList(list.size() - n, list.size());
    }

    private void setMessage(String text, boolean error) {
        message.set(text);
        messageIsError.set(error);
    }

    static String rootMessage(Throwable t) {
        while (t.getCause() != null && (t instanceof java.util.concurrent.CompletionException
                || t instanceof java.util.concurrent.ExecutionException)) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    private static String plain(BigDecimal v) {
        return v.stripTrailingZeros().toPlainString();
    }

    // ------------------------------------------------------------------ read-only state (FX thread)

    /** Orders that can still fill (NEW, PARTIALLY_FILLED, PENDING_CANCEL), oldest first. */
    public ObservableList<Order> openOrders() { return openOrdersView; }
    /** Orders that can no longer fill (filled, canceled, rejected, expired; earlier sessions' too), oldest first. */
    public ObservableList<Order> orderHistory() { return historyView; }
    /** Fills, oldest first (earlier sessions' included). */
    public ObservableList<Fill> fills() { return fillsView; }
    /** Open (non-flat) positions of the running session, marked each bar. */
    public ObservableList<Position> positions() { return positionsView; }
    /**
     * Margin, leverage and liquidation price of an open USDⓈ-M position in {@link #positions()}, taken with it; null
     * for spot positions. FX thread.
     */
    public PositionMargin margin(Position p) { return margins.get(PositionMargin.key(p)); }
    /** The outcome of the last row action (e.g. "Close BTCUSDT rejected — risk: …"); empty when none. */
    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }
    /** True when {@link #messageProperty()} reports a failure. */
    public ReadOnlyBooleanProperty messageIsErrorProperty() { return messageIsError.getReadOnlyProperty(); }
    /** True when the running session trades USDⓈ-M futures (Reverse is offered). */
    public ReadOnlyBooleanProperty futuresProperty() { return futures.getReadOnlyProperty(); }
}
