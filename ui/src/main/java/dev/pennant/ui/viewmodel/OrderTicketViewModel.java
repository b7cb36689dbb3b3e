package dev.pennant.ui.viewmodel;

import dev.pennant.core.engine.EngineListener;
import dev.pennant.core.analysis.IndicatorSnapshot;
import dev.pennant.core.execution.OrderRequest;
import dev.pennant.core.execution.TradingCommand;
import dev.pennant.core.model.Bar;
import dev.pennant.core.model.EquitySnapshot;
import dev.pennant.core.model.Fill;
import dev.pennant.core.model.FilterViolationException;
import dev.pennant.core.model.Instrument;
import dev.pennant.core.model.Market;
import dev.pennant.core.model.Order;
import dev.pennant.core.model.OrderOptions;
import dev.pennant.core.model.OrderStatus;
import dev.pennant.core.model.OrderType;
import dev.pennant.core.model.Position;
import dev.pennant.core.model.PositionSide;
import dev.pennant.core.model.Side;
import dev.pennant.core.model.SymbolFilters;
import dev.pennant.core.model.TimeInForce;
import javafx.application.Platform;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * The order ticket of the session's instrument: side, type (those {@link OrderType#validFor} its market and listed in
 * its exchangeInfo {@code orderTypes}), time in force, quantity and prices with steppers on the instrument's grid
 * (LOT_SIZE / MARKET_LOT_SIZE step, PRICE_FILTER tick), stop price for conditional types, callback rate for
 * TRAILING_STOP_MARKET, "% of balance" sizing, an optional stop-loss / take-profit bracket, and on futures reduceOnly,
 * leverage and margin mode. {@link #review()} checks everything and returns what the confirmation dialog shows;
 * {@link #send(OrderPreview)} sends it without blocking, and {@link #resultProperty()} tells what became of it —
 * a rejected order's reason included.
 *
 * <p>Every rule broken is named with its field, e.g. {@code "Price: must be a multiple of tick 0.01"}. While typing,
 * fields left blank are not reported; {@link #review()} reports them too.
 *
 * <p>Threading: inputs and outputs are FX-thread properties. The account figures the ticket sizes with (last price,
 * free funds, position) are read on the engine thread at each closed bar and fill and reach the FX thread through a
 * coalesced inbox (latest value only, one drain pending at most).
 */
public final class OrderTicketViewModel {

    /** Binance regular-tier spot taker fee, 0.1 % (binance.com/en/fee/schedule), a fraction. */
    public static final BigDecimal SPOT_TAKER_FEE = new BigDecimal("0.001");
    /** Binance regular-tier USDⓈ-M futures taker fee, 0.05 % (binance.com/en/fee/trading), a fraction. */
    public static final BigDecimal FUTURES_TAKER_FEE = new BigDecimal("0.0005");
    /** Highest leverage the paper ledger accepts (Binance's largest bracket; a symbol's own maximum may be lower). */
    public static final int MAX_LEVERAGE = 125;
    /** {@code strategyId} of orders placed by hand. */
    public static final String MANUAL = "manual";
    /** Trailing callback rate bounds, percent (Binance USDⓈ-M New Order: callbackRate within [0.1, 10]). */
    public static final BigDecimal MIN_CALLBACK = new BigDecimal("0.1");
    /** Upper trailing callback rate bound, percent. */
    public static final BigDecimal MAX_CALLBACK = BigDecimal.TEN;

    /** Binance futures {@code marginType}. */
    public enum MarginMode {
        /** Cross margin: the whole wallet backs every position (the paper ledger's model). */
        CROSSED,
        /** Isolated margin per position. */
        ISOLATED
    }

    /** Account figures the ticket sizes with, read on the engine thread. */
    record Account(BigDecimal lastPrice, BigDecimal freeFunds, Position position) {
    }

    private static final MathContext MC = MathContext.DECIMAL64;

    private final Executor fx;
    private final FxCoalescer coalescer;

    // inputs (FX thread)
    private final ObjectProperty<Side> side = new SimpleObjectProperty<>(Side.BUY);
    private final ObjectProperty<OrderType> type = new SimpleObjectProperty<>(OrderType.MARKET);
    private final ObjectProperty<TimeInForce> timeInForce = new SimpleObjectProperty<>(TimeInForce.GTC);
    private final StringProperty quantity = new SimpleStringProperty("");
    private final StringProperty price = new SimpleStringProperty("");
    private final StringProperty stopPrice = new SimpleStringProperty("");
    private final StringProperty callbackRate = new SimpleStringProperty("");
    private final StringProperty stopLoss = new SimpleStringProperty("");
    private final StringProperty takeProfit = new SimpleStringProperty("");
    private final BooleanProperty reduceOnly = new SimpleBooleanProperty(false);
    private final StringProperty leverage = new SimpleStringProperty("1");
    private final ObjectProperty<MarginMode> marginMode = new SimpleObjectProperty<>(MarginMode.CROSSED);
    private final ObservableList<OrderType> types = FXCollections.observableArrayList();
    private final ObservableList<TimeInForce> timeInForces = FXCollections.observableArrayList();
    private final ObservableList<OrderType> typesView = FXCollections.unmodifiableObservableList(types);
    private final ObservableList<TimeInForce> timeInForcesView = FXCollections.unmodifiableObservableList(timeInForces);

    // outputs (FX thread)
    private final ReadOnlyBooleanWrapper ready = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper futures = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper priceApplies = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper stopApplies = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper trailingApplies = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper timeInForceApplies = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper bracketApplies = new ReadOnlyBooleanWrapper(true);
    private final ReadOnlyStringWrapper instrumentText = new ReadOnlyStringWrapper("No session");
    private final ReadOnlyStringWrapper lastPriceText = new ReadOnlyStringWrapper("Last —");
    private final ReadOnlyStringWrapper fundsText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper quantityHint = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper priceHint = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper estimate = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper validation = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper result = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper resultIsError = new ReadOnlyBooleanWrapper(false);

    // session state
    private volatile SessionPort port;
    private Instrument instrument;       // FX thread
    private Account account = new Account(null, null, null); // FX thread
    private int appliedLeverage = 1;     // FX thread: what the ledger was last told for this session
    private String lastSentId;           // FX thread: the order the result line follows
    private final Set<String> sent = ConcurrentHashMap.newKeySet(); // ids whose later events update the result

    // engine-thread inbox (guarded by lock)
    private final Object lock = new Object();
    private Account pendingAccount;
    private final List<Runnable> pendingNotes = new ArrayList<>();

    /** For the window: drains through {@code Platform.runLater}. */
    public OrderTicketViewModel() {
        this(Platform::runLater);
    }

    /** @param fx runs drains on the FX thread (tests: {@code Runnable::run}) */
    OrderTicketViewModel(Executor fx) {
        this.fx = fx;
        this.coalescer = new FxCoalescer(fx, this::drain);
        Observable[] inputs = {side, type, timeInForce, quantity, price, stopPrice, callbackRate, stopLoss, takeProfit,
                reduceOnly, leverage, marginMode};
        for (Observable o : inputs) {
            o.addListener(x -> refresh());
        }
        refresh();
    }

    // ------------------------------------------------------------------ session (io thread)

    /** Trades on {@code session}'s instrument from now on (call before the session starts). */
    void attach(SessionPort session) {
        Objects.requireNonNull(session, "session");
        session.addListener(new Inbox(session));
        port = session;
        Instrument inst = session.instrument();
        fx.execute(() -> show(inst));
    }

    /** The running session was closed: nothing can be sent until the next one. */
    void detach() {
        port = null;
        fx.execute(() -> ready.set(false));
    }

    /** FX thread: the ticket now trades {@code inst}; its numbers are cleared (another symbol's would be wrong). */
    void show(Instrument inst) {
        boolean same = instrument != null && instrument.symbol().equals(inst.symbol())
                && instrument.market() == inst.market();
        instrument = inst;
        account = new Account(null, null, null);
        appliedLeverage = 1;
        Market m = inst.market();
        futures.set(m == Market.USDM_FUTURES);
        List<OrderType> valid = Arrays.stream(OrderType.values()).filter(t -> t.validFor(m))
                .filter(t -> inst.orderTypes().isEmpty() || inst.orderTypes().contains(t.name())).toList();
        types.setAll(valid.isEmpty() ? List.of(OrderType.MARKET) : valid);
        timeInForces.setAll(m == Market.USDM_FUTURES
                ? List.of(TimeInForce.GTC, TimeInForce.IOC, TimeInForce.FOK, TimeInForce.GTX)
                : List.of(TimeInForce.GTC, TimeInForce.IOC, TimeInForce.FOK));
        if (!types.contains(type.get())) {
            type.set(OrderType.MARKET);
        }
        if (!timeInForces.contains(timeInForce.get())) {
            timeInForce.set(TimeInForce.GTC);
        }
        if (!same) {
            for (StringProperty p : List.of(quantity, price, stopPrice, callbackRate, stopLoss, takeProfit)) {
                p.set("");
            }
            leverage.set("1");
            reduceOnly.set(false);
            result.set("");
            resultIsError.set(false);
        }
        SymbolFilters.Notional n = inst.filters().notional();
        instrumentText.set(inst.symbol() + " · " + ChartSwitch.label(m) + " · tick " + plain(tick(inst)) + " · step "
                + plain(lot(inst, OrderType.LIMIT).step) + (n != null && positive(n.minNotional())
                ? " · min notional " + plain(n.minNotional()) + " " + inst.quoteAsset() : ""));
        ready.set(port != null);
        refresh();
    }

    /** FX thread: the account figures changed (tests call it directly). */
    void update(Account a) {
        account = a;
        refresh();
    }

    // ------------------------------------------------------------------ steppers and sizing (FX thread)

    /** Moves the quantity one lot step up ({@code direction} > 0) or down, onto the step grid; blank starts at minQty. */
    public void stepQuantity(int direction) {
        if (instrument == null) return;
        Lot l = lot(instrument, workingType());
        BigDecimal floor = positive(l.min) ? l.min : l.step;
        step(quantity, l.step, positive(l.min) ? l.min : BigDecimal.ZERO, floor, floor, direction);
    }

    /** Moves the limit price one tick; blank starts at the last price on the tick grid. */
    public void stepPrice(int direction) {
        stepTick(price, direction);
    }

    /** Moves the stop price one tick; blank starts at the last price on the tick grid. */
    public void stepStopPrice(int direction) {
        stepTick(stopPrice, direction);
    }

    /** Moves the bracket stop-loss one tick; blank starts at the last price on the tick grid. */
    public void stepStopLoss(int direction) {
        stepTick(stopLoss, direction);
    }

    /** Moves the bracket take-profit one tick; blank starts at the last price on the tick grid. */
    public void stepTakeProfit(int direction) {
        stepTick(takeProfit, direction);
    }

    private void stepTick(StringProperty field, int direction) {
        if (instrument == null) return;
        BigDecimal tick = tick(instrument);
        BigDecimal last = account.lastPrice();
        BigDecimal start = last == null ? tick : floorTo(last, tick, BigDecimal.ZERO).max(tick);
        step(field, tick, BigDecimal.ZERO, tick, start, direction);
    }

    /**
     * {@code value ± increment} on the grid {@code origin + k·increment}; an off-grid value moves to the next grid
     * point in {@code direction}; a blank or unreadable value becomes {@code start}. Never below {@code floor}.
     */
    private static void step(StringProperty field, BigDecimal increment, BigDecimal origin, BigDecimal floor,
                             BigDecimal start, int direction) {
        BigDecimal v = parseOrNull(field.get());
        BigDecimal next;
        if (v == null) {
            next = start;
        } else {
            BigDecimal k = v.subtract(origin).divide(increment, MC);
            BigDecimal whole = k.setScale(0, direction > 0 ? RoundingMode.CEILING : RoundingMode.FLOOR);
            if (whole.compareTo(k) == 0) {
                whole = whole.add(BigDecimal.valueOf(direction > 0 ? 1 : -1));
            }
            next = origin.add(whole.multiply(increment));
        }
        next = next.max(floor);
        field.set(next.setScale(Math.max(0, increment.stripTrailingZeros().scale()), RoundingMode.HALF_UP)
                .toPlainString());
    }

    /**
     * Pre-fills the ticket for an order at {@code atPrice} (from the chart or the order-book ladder): side, type,
     * and the price rounded to the nearest tick — the limit price of LIMIT, the stop price of a stop (and the limit
     * price too when the stop type has one, e.g. spot STOP_LOSS_LIMIT). Quantity, time in force, bracket and futures
     * fields stay as the trader left them. FX thread.
     *
     * @param side    BUY or SELL
     * @param type    LIMIT or a conditional type the ticket lists ({@link #types()})
     * @param atPrice price in the quote asset, positive
     * @return false when no session's instrument is known yet or the instrument does not list {@code type}
     *         ({@link #validationProperty()} then says so); true when the ticket now holds the order
     * @throws NullPointerException when an argument is null
     */
    public boolean prefill(Side side, OrderType type, BigDecimal atPrice) {
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(atPrice, "atPrice");
        if (instrument == null) {
            validation.set("Order: no session yet — wait until the session runs");
            return false;
        }
        if (!types.contains(type)) {
            validation.set("Type: " + instrument.symbol() + " does not list " + type + " (it lists " + types + ")");
            return false;
        }
        String onTick = onTick(atPrice).toPlainString();
        this.side.set(side);
        this.type.set(type);
        if (type.isConditional()) {
            stopPrice.set(onTick);
        }
        if (type.hasLimitPrice(instrument.market())) {
            price.set(onTick);
        }
        return true;
    }

    /** {@code p} rounded to the nearest tick of the instrument (at least one tick); {@code p} itself before a session. */
    BigDecimal onTick(BigDecimal p) {
        if (instrument == null) {
            return p;
        }
        BigDecimal tick = tick(instrument);
        BigDecimal k = p.divide(tick, 0, RoundingMode.HALF_UP).max(BigDecimal.ONE);
        return k.multiply(tick).setScale(Math.max(0, tick.stripTrailingZeros().scale()), RoundingMode.HALF_UP);
    }

    /** The market of the ticket's instrument, or null before the first session. FX thread. */
    Market market() {
        return instrument == null ? null : instrument.market();
    }

    /** The ticket's symbol, or null before the first session. FX thread. */
    String symbol() {
        return instrument == null ? null : instrument.symbol();
    }

    /** The last price the ticket sizes with (quote asset), or null before the first bar. FX thread. */
    BigDecimal lastPrice() {
        return account.lastPrice();
    }

    /**
     * Sizes the quantity to {@code percent} (1..100) of the balance, rounded down to the lot step.
     * When the order would reduce the current position (spot SELL; futures: the side opposite the position) it is
     * that share of the position's quantity; otherwise that share of the free funds: spot
     * {@code q = f·cash / (price·(1 + taker fee))}, futures {@code q = f·availableMargin / (price·(1/leverage + taker fee))}
     * so that cost (spot) or initial margin (futures) plus the taker fee fit. The price is the limit price when the
     * type has one and it is filled in, else the stop price, else the last price.
     *
     * @throws IllegalArgumentException when percent is outside 1..100
     */
    public void percentOfBalance(int percent) {
        if (percent < 1 || percent > 100) {
            throw new IllegalArgumentException("percent must be within 1..100, was " + percent);
        }
        if (instrument == null) return;
        BigDecimal f = BigDecimal.valueOf(percent).movePointLeft(2);
        BigDecimal pos = account.position() == null ? BigDecimal.ZERO : account.position().quantity();
        boolean reduces = pos.signum() != 0 && (side.get() == Side.SELL) == (pos.signum() > 0);
        boolean spot = instrument.market() == Market.SPOT;
        BigDecimal qty;
        if (reduces) {
            qty = pos.abs().multiply(f);
        } else if (spot && side.get() == Side.SELL) {
            validation.set("Quantity: no " + instrument.baseAsset() + " held to sell (spot cannot sell short)");
            return;
        } else {
            BigDecimal px = sizingPrice();
            BigDecimal funds = account.freeFunds();
            if (px == null || funds == null) {
                validation.set("Quantity: no price or balance yet to size from — wait for the first bar");
                return;
            }
            BigDecimal budget = funds.max(BigDecimal.ZERO).multiply(f);
            BigDecimal unit = spot ? px.multiply(BigDecimal.ONE.add(SPOT_TAKER_FEE))
                    : px.multiply(BigDecimal.ONE.divide(BigDecimal.valueOf(leverageOr1()), MC).add(FUTURES_TAKER_FEE));
            qty = budget.divide(unit, MC);
        }
        Lot l = lot(instrument, workingType());
        BigDecimal rounded = floorTo(qty, l.step, positive(l.min) && qty.compareTo(l.min) >= 0 ? l.min : BigDecimal.ZERO);
        quantity.set(rounded.setScale(Math.max(0, l.step.stripTrailingZeros().scale()), RoundingMode.DOWN).toPlainString());
    }

    private BigDecimal sizingPrice() {
        BigDecimal p = priceApplies.get() ? parseOrNull(price.get()) : null;
        if (p == null && stopApplies.get()) {
            p = parseOrNull(stopPrice.get());
        }
        return p != null ? p : account.lastPrice();
    }

    private int leverageOr1() {
        try {
            int l = Integer.parseInt(leverage.get().trim());
            return l >= 1 && l <= MAX_LEVERAGE ? l : 1;
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    // ------------------------------------------------------------------ review and send (FX thread)

    /**
     * Checks every field (blank required ones included) and, when all rules hold, returns what the confirmation
     * dialog shows; otherwise {@link #validationProperty()} names each broken rule and the result is empty.
     */
    public Optional<OrderPreview> review() {
        Checked c = check(true);
        validation.set(String.join("\n", c.errors));
        if (!c.errors.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(c.preview);
    }

    /**
     * Sends a reviewed order (non-blocking). Futures: a changed leverage is given to the ledger first. The result line
     * says "Sent …" at once, then what the engine answered: REJECTED with its reason, later fills, cancels or expiry.
     */
    public void send(OrderPreview preview) {
        SessionPort s = port;
        if (s == null || preview.session() != s) {
            setResult("Not sent — the session changed since the review; review the order again", true);
            return;
        }
        try {
            if (instrument.market() == Market.USDM_FUTURES && preview.leverage() != appliedLeverage) {
                s.setLeverage(preview.leverage());
                appliedLeverage = preview.leverage();
            }
            CompletableFuture<Order> f = s.submit(preview.command());
            lastSentId = null;
            setResult("Sending " + preview.heading() + " …", false);
            f.whenComplete((order, error) -> {
                if (order != null) {
                    sent.add(order.clientOrderId());
                }
                note(() -> {
                    if (error != null) {
                        setResult("Not sent — " + OrdersViewModel.rootMessage(error), true);
                    } else {
                        lastSentId = order.clientOrderId();
                        showOrder(order);
                    }
                });
            });
        } catch (RuntimeException e) {
            setResult("Not sent — " + OrdersViewModel.rootMessage(e), true);
        }
    }

    private void showOrder(Order o) {
        String what = o.side() + " " + plain(o.quantity()) + " " + o.symbol() + " " + o.type();
        switch (o.status()) {
            case REJECTED -> setResult("Rejected " + o.clientOrderId() + " (" + what + ") — " + o.rejectReason(), true);
            case FILLED -> setResult("Filled " + o.clientOrderId() + " · " + o.side() + " " + plain(o.filledQuantity())
                    + " @ " + price(o.averagePrice()), false);
            case PARTIALLY_FILLED -> setResult("Partly filled " + o.clientOrderId() + " · " + plain(o.filledQuantity())
                    + " of " + plain(o.quantity()) + " @ " + price(o.averagePrice()), false);
            case CANCELED, EXPIRED, EXPIRED_IN_MATCH -> setResult(o.status() + " " + o.clientOrderId() + " (" + what + ")"
                    + (o.rejectReason() == null ? "" : " — " + o.rejectReason()), o.filledQuantity().signum() == 0
                    && o.status() != OrderStatus.CANCELED);
            default -> setResult("Sent " + o.clientOrderId() + " · " + what + " · " + o.status(), false);
        }
    }

    private void setResult(String text, boolean error) {
        result.set(text);
        resultIsError.set(error);
    }

    // ------------------------------------------------------------------ checks

    private record Checked(List<String> errors, OrderPreview preview) {
    }

    private void refresh() {
        OrderType t = type.get();
        Market m = instrument == null ? Market.SPOT : instrument.market();
        priceApplies.set(t != null && t.hasLimitPrice(m));
        stopApplies.set(t != null && t.isConditional() && t != OrderType.TRAILING_STOP_MARKET);
        trailingApplies.set(t == OrderType.TRAILING_STOP_MARKET);
        timeInForceApplies.set(t != null && t.hasLimitPrice(m) && t != OrderType.LIMIT_MAKER);
        bracketApplies.set(t == OrderType.MARKET || t == OrderType.LIMIT || t == OrderType.LIMIT_MAKER);
        lastPriceText.set("Last " + price(account.lastPrice()));
        if (instrument != null && account.freeFunds() != null) {
            Position p = account.position();
            fundsText.set((m == Market.SPOT ? "Free cash " : "Available margin ") + money(account.freeFunds()) + " "
                    + instrument.quoteAsset() + " · position " + (p == null || p.isFlat() ? "flat"
                    : plain(p.quantity()) + " " + instrument.baseAsset()));
        } else {
            fundsText.set("");
        }
        if (instrument == null) {
            quantityHint.set("");
            priceHint.set("");
            estimate.set("");
            validation.set("");
            return;
        }
        Lot l = lot(instrument, workingType());
        quantityHint.set(gridHint("step", l.step, positive(l.min) ? l.min : BigDecimal.ZERO, quantity.get(),
                positive(l.min) ? " · min " + plain(l.min) : ""));
        priceHint.set(gridHint("tick", tick(instrument), BigDecimal.ZERO, price.get(), ""));
        Checked c = check(false);
        validation.set(String.join("\n", c.errors));
        estimate.set(c.preview == null ? "" : estimateText(c.preview));
    }

    private String estimateText(OrderPreview p) {
        String q = instrument.quoteAsset();
        return "≈ " + money(p.notional()) + " " + q + " · fee ≈ " + money(p.fee())
                + (p.margin() == null ? "" : " · margin ≈ " + money(p.margin()));
    }

    /** "step 0.00001 · min 0.00001", or for an off-grid value the grid points either side: "… · ▼ 0.00123 ▲ 0.00124". */
    private static String gridHint(String name, BigDecimal inc, BigDecimal origin, String text, String extra) {
        String base = name + " " + plain(inc) + extra;
        BigDecimal v = parseOrNull(text);
        if (v == null || onGrid(v, inc, origin)) {
            return base;
        }
        BigDecimal down = floorTo(v, inc, origin);
        return base + " · ▼ " + plain(down) + " ▲ " + plain(down.add(inc));
    }

    /**
     * Every rule, in the order Binance applies them; with {@code requireAll} false blank fields are skipped and no
     * session is needed (live feedback while typing).
     */
    private Checked check(boolean requireAll) {
        List<String> errors = new ArrayList<>();
        Instrument inst = instrument;
        SessionPort s = port;
        if (requireAll && (s == null || inst == null)) {
            errors.add("No session: start a replay or live market data first");
            return new Checked(errors, null);
        }
        if (inst == null) {
            return new Checked(errors, null);
        }
        Market m = inst.market();
        OrderType t = type.get();
        Side sd = side.get();
        if (t == null || sd == null) {
            errors.add("Type: choose an order type and a side");
            return new Checked(errors, null);
        }
        if (!t.validFor(m)) {
            errors.add("Type: " + t + " does not exist on " + ChartSwitch.label(m));
        }
        OrderType working = t.onTrigger(m);
        BigDecimal last = account.lastPrice();
        BigDecimal qty = field(errors, requireAll, "Quantity", quantity.get(), v -> checkQuantity(inst, working, v));
        BigDecimal px = priceApplies.get() ? field(errors, requireAll, "Price", price.get(), v -> checkPrice(inst, "Price", v)) : null;
        BigDecimal stop = null;
        if (stopApplies.get()) {
            stop = field(errors, requireAll, "Stop price", stopPrice.get(), v -> {
                checkPrice(inst, "Stop price", v);
                checkTrigger(t, sd, v, last);
            });
        }
        BigDecimal callback = null;
        if (trailingApplies.get()) {
            callback = field(errors, requireAll, "Callback rate", callbackRate.get(), v -> {
                if (v.compareTo(MIN_CALLBACK) < 0 || v.compareTo(MAX_CALLBACK) > 0) {
                    throw new IllegalArgumentException("Callback rate: must be within " + plain(MIN_CALLBACK) + " and "
                            + plain(MAX_CALLBACK) + " %");
                }
            });
        }
        // the price the order is expected to trade at: limit price, else trigger, else the last price
        BigDecimal ref = px != null ? px : stop != null ? stop : last;
        if (qty != null && ref != null) {
            try {
                checkNotional(inst, working, qty, ref);
            } catch (IllegalArgumentException e) {
                errors.add(e.getMessage());
            }
        }
        Position pos = account.position();
        if (qty != null && m == Market.SPOT && sd == Side.SELL) {
            BigDecimal held = pos == null ? BigDecimal.ZERO : pos.quantity().max(BigDecimal.ZERO);
            if (qty.compareTo(held) > 0) {
                errors.add("Quantity: " + plain(qty) + " exceeds the " + plain(held) + " " + inst.baseAsset()
                        + " held (spot cannot sell short)");
            }
        }
        BigDecimal sl = null;
        BigDecimal tp = null;
        if (bracketApplies.get()) {
            BigDecimal entry = ref;
            sl = field(errors, false, "Stop-loss", stopLoss.get(), v -> {
                checkPrice(inst, "Stop-loss", v);
                checkExit("Stop-loss", sd, v, entry, true);
            });
            tp = field(errors, false, "Take-profit", takeProfit.get(), v -> {
                checkPrice(inst, "Take-profit", v);
                checkExit("Take-profit", sd, v, entry, false);
            });
        }
        int lev = 1;
        if (m == Market.USDM_FUTURES) {
            String lt = leverage.get() == null ? "" : leverage.get().trim();
            try {
                lev = Integer.parseInt(lt);
                if (lev < 1 || lev > MAX_LEVERAGE) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                if (requireAll || !lt.isEmpty()) {
                    errors.add("Leverage: must be a whole number within 1.." + MAX_LEVERAGE + ", was '" + lt + "'");
                }
                lev = 1;
            }
            if (marginMode.get() == MarginMode.ISOLATED) {
                errors.add("Margin mode: ISOLATED is not modelled by the paper ledger yet (cross margin only)");
            }
        }
        // Binance's own checks (PERCENT_PRICE bands and the like) as a last word
        if (errors.isEmpty() && qty != null && (px != null || !priceApplies.get())) {
            try {
                inst.validate(sd, working, working == OrderType.MARKET ? null : px, qty, last);
            } catch (FilterViolationException e) {
                errors.add(fieldOf(e.filter()) + ": " + e.getMessage());
            }
        }
        if (!errors.isEmpty() || qty == null || ref == null || (priceApplies.get() && px == null)
                || (stopApplies.get() && stop == null) || (trailingApplies.get() && callback == null)) {
            if (requireAll && errors.isEmpty()) {
                errors.add(ref == null ? "Price: no last price yet — wait for the first bar or enter a limit price"
                        : "Order: incomplete");
            }
            return new Checked(errors, null);
        }
        return new Checked(errors, preview(inst, s, sd, t, working, qty, px, stop, callback, sl, tp, ref, lev));
    }

    private OrderPreview preview(Instrument inst, SessionPort s, Side sd, OrderType t, OrderType working, BigDecimal qty,
                                 BigDecimal px, BigDecimal stop, BigDecimal callback, BigDecimal sl, BigDecimal tp,
                                 BigDecimal ref, int lev) {
        Market m = inst.market();
        boolean fut = m == Market.USDM_FUTURES;
        TimeInForce tif = timeInForceApplies.get() ? timeInForce.get() : null;
        OrderOptions o = OrderOptions.of(m).withStrategyId(MANUAL);
        if (stop != null) {
            o = o.withStopPrice(stop);
        }
        if (callback != null) {
            o = o.withTrailing(callback, null);
        }
        if (fut && reduceOnly.get()) {
            o = o.withReduceOnly(true);
        }
        OrderRequest req = new OrderRequest(inst.symbol(), sd, t, tif, qty, px, o, null, null);
        TradingCommand cmd = sl != null || tp != null ? new TradingCommand.SubmitBracket(req, sl, tp, null)
                : new TradingCommand.SubmitOrder(req);
        BigDecimal notional = qty.multiply(ref);
        BigDecimal rate = fut ? FUTURES_TAKER_FEE : SPOT_TAKER_FEE;
        BigDecimal fee = notional.multiply(rate);
        BigDecimal margin = fut ? notional.divide(BigDecimal.valueOf(lev), MC) : null;
        String q = inst.quoteAsset();
        boolean estimated = px == null;
        List<OrderPreview.Line> lines = new ArrayList<>();
        lines.add(new OrderPreview.Line("Instrument", inst.symbol() + " · " + ChartSwitch.label(m)));
        lines.add(new OrderPreview.Line("Side / type", sd + " " + t + (tif == null ? "" : " · " + tif)));
        lines.add(new OrderPreview.Line("Quantity", plain(qty) + " " + inst.baseAsset()));
        lines.add(new OrderPreview.Line("Price", px != null ? price(px) + " " + q
                : "market (last " + price(ref.equals(stop) ? account.lastPrice() : ref) + ")"));
        if (stop != null) {
            lines.add(new OrderPreview.Line("Stop price", price(stop) + " " + q));
        }
        if (callback != null) {
            lines.add(new OrderPreview.Line("Callback rate", plain(callback) + " %"));
        }
        if (sl != null) {
            lines.add(new OrderPreview.Line("Stop-loss", price(sl) + " " + q + " (after the entry fills)"));
        }
        if (tp != null) {
            lines.add(new OrderPreview.Line("Take-profit", price(tp) + " " + q + " (after the entry fills)"));
        }
        lines.add(new OrderPreview.Line("Notional", (estimated ? "≈ " : "") + money(notional) + " " + q));
        lines.add(new OrderPreview.Line("Est. fee", "≈ " + money4(fee) + " " + q + " (taker "
                + plain(rate.movePointRight(2)) + " %)"));
        if (fut) {
            lines.add(new OrderPreview.Line("Margin", "≈ " + money(margin) + " " + q + " (notional / " + lev + "x, "
                    + marginMode.get() + ")"));
            if (reduceOnly.get()) {
                lines.add(new OrderPreview.Line("Reduce only", "yes"));
            }
        }
        lines.add(new OrderPreview.Line("Mode", s.mode()));
        String heading = sd + " " + plain(qty) + " " + inst.symbol() + " · " + t;
        return new OrderPreview(heading, lines, notional, fee, rate, margin, cmd, lev, s);
    }

    @FunctionalInterface
    private interface Rule {
        void check(BigDecimal v);
    }

    /** Parses and checks one field; adds its error. @return the value when it parsed and passed, else null */
    private static BigDecimal field(List<String> errors, boolean required, String name, String text, Rule rule) {
        if (text == null || text.isBlank()) {
            if (required) {
                errors.add(name + ": required");
            }
            return null;
        }
        try {
            BigDecimal v = number(name, text);
            rule.check(v);
            return v;
        } catch (IllegalArgumentException e) {
            errors.add(e.getMessage());
            return null;
        }
    }

    /**
     * A positive decimal typed into {@code field}.
     *
     * @throws IllegalArgumentException naming the field: blank, not a number (commas are refused: "0,5" is ambiguous),
     *                                  or not above 0
     */
    static BigDecimal number(String field, String text) {
        String t = text == null ? "" : text.trim();
        if (t.isEmpty()) {
            throw new IllegalArgumentException(field + ": required");
        }
        if (t.contains(",")) {
            throw new IllegalArgumentException(field + ": '" + t + "' is not a number (use a dot for decimals, "
                    + "no thousands separators)");
        }
        BigDecimal v;
        try {
            v = new BigDecimal(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + ": '" + t + "' is not a number");
        }
        if (v.signum() <= 0) {
            throw new IllegalArgumentException(field + ": must be above 0");
        }
        return v;
    }

    /**
     * LOT_SIZE (or MARKET_LOT_SIZE for market orders): minQty ≤ q ≤ maxQty and (q − minQty) a multiple of the step
     * (Binance "Filters").
     *
     * @throws IllegalArgumentException naming "Quantity" and the rule broken
     */
    static void checkQuantity(Instrument inst, OrderType working, BigDecimal q) {
        Lot l = lot(inst, working);
        if (positive(l.min) && q.compareTo(l.min) < 0) {
            throw new IllegalArgumentException("Quantity: must be at least minQty " + plain(l.min) + " (" + l.name + ")");
        }
        if (positive(l.max) && q.compareTo(l.max) > 0) {
            throw new IllegalArgumentException("Quantity: must be at most maxQty " + plain(l.max) + " (" + l.name + ")");
        }
        if (!onGrid(q, l.step, positive(l.min) ? l.min : BigDecimal.ZERO)) {
            throw new IllegalArgumentException("Quantity: must be a multiple of step " + plain(l.step));
        }
    }

    /**
     * PRICE_FILTER: minPrice ≤ p ≤ maxPrice (zero disables a bound) and p a multiple of the tick.
     *
     * @throws IllegalArgumentException naming {@code field} and the rule broken, e.g. "Price: must be a multiple of
     *                                  tick 0.01"
     */
    static void checkPrice(Instrument inst, String field, BigDecimal p) {
        SymbolFilters.PriceFilter f = inst.filters().price();
        if (f != null && positive(f.minPrice()) && p.compareTo(f.minPrice()) < 0) {
            throw new IllegalArgumentException(field + ": must be at least minPrice " + plain(f.minPrice()));
        }
        if (f != null && positive(f.maxPrice()) && p.compareTo(f.maxPrice()) > 0) {
            throw new IllegalArgumentException(field + ": must be at most maxPrice " + plain(f.maxPrice()));
        }
        BigDecimal tick = tick(inst);
        if (!onGrid(p, tick, BigDecimal.ZERO)) {
            throw new IllegalArgumentException(field + ": must be a multiple of tick " + plain(tick));
        }
    }

    /** NOTIONAL / MIN_NOTIONAL at {@code ref}; for market orders only when the filter applies to them. */
    private static void checkNotional(Instrument inst, OrderType working, BigDecimal qty, BigDecimal ref) {
        SymbolFilters.Notional n = inst.filters().notional();
        if (n == null) {
            return;
        }
        boolean market = working == OrderType.MARKET;
        BigDecimal v = qty.multiply(ref);
        if ((!market || n.applyMinToMarket()) && positive(n.minNotional()) && v.compareTo(n.minNotional()) < 0) {
            throw new IllegalArgumentException("Notional: " + money(v) + " " + inst.quoteAsset() + " is below the minimum "
                    + plain(n.minNotional()) + " " + inst.quoteAsset() + " (" + n.filterType() + ")");
        }
        if ((!market || n.applyMaxToMarket()) && positive(n.maxNotional()) && v.compareTo(n.maxNotional()) > 0) {
            throw new IllegalArgumentException("Notional: " + money(v) + " " + inst.quoteAsset() + " is above the maximum "
                    + plain(n.maxNotional()) + " " + inst.quoteAsset() + " (" + n.filterType() + ")");
        }
    }

    /** A stop that would fire at once is refused (Binance futures: -2021 "Order would immediately trigger"). */
    private static void checkTrigger(OrderType t, Side sd, BigDecimal stop, BigDecimal last) {
        if (last == null || !t.isConditional() || t == OrderType.TRAILING_STOP_MARKET || !t.triggers(sd, stop, last)) {
            return;
        }
        boolean up = (sd == Side.BUY) == t.isStopLossKind();
        throw new IllegalArgumentException("Stop price: must be " + (up ? "above" : "below") + " the last price "
                + price(last) + " (a " + sd + " " + t + " triggers at or " + (up ? "above" : "below")
                + " its stop: this one would trigger at once)");
    }

    /** Bracket exits: a BUY's stop-loss below and take-profit above the entry price; a SELL's the other way round. */
    private static void checkExit(String field, Side sd, BigDecimal v, BigDecimal entry, boolean stopLoss) {
        if (entry == null) {
            return;
        }
        boolean below = (sd == Side.BUY) == stopLoss;
        int c = v.compareTo(entry);
        if (below ? c >= 0 : c <= 0) {
            throw new IllegalArgumentException(field + ": must be " + (below ? "below" : "above") + " the entry price "
                    + price(entry) + " for a " + sd);
        }
    }

    /** The ticket field a Binance filter constrains, for its message. */
    private static String fieldOf(String filter) {
        return switch (filter) {
            case "PRICE_FILTER", "PERCENT_PRICE", "PERCENT_PRICE_BY_SIDE" -> "Price";
            case "LOT_SIZE", "MARKET_LOT_SIZE" -> "Quantity";
            case "NOTIONAL", "MIN_NOTIONAL" -> "Notional";
            default -> "Order";
        };
    }

    /** The lot filter for an order of {@code working} type, with the instrument's own figures as fallback. */
    private record Lot(String name, BigDecimal step, BigDecimal min, BigDecimal max) {
    }

    private static Lot lot(Instrument inst, OrderType working) {
        SymbolFilters f = inst.filters();
        SymbolFilters.LotSize l = f.lotSizeFor(working);
        String name = l != null && l == f.marketLotSize() ? "MARKET_LOT_SIZE" : "LOT_SIZE";
        BigDecimal step = l != null && positive(l.stepSize()) ? l.stepSize() : inst.stepSize();
        BigDecimal min = l != null && l.minQty() != null ? l.minQty() : inst.minQty();
        BigDecimal max = l != null && l.maxQty() != null ? l.maxQty() : inst.maxQty();
        return new Lot(name, step, min, max);
    }

    private static BigDecimal tick(Instrument inst) {
        SymbolFilters.PriceFilter f = inst.filters().price();
        return f != null && positive(f.tickSize()) ? f.tickSize() : inst.tickSize();
    }

    private OrderType workingType() {
        OrderType t = type.get();
        return t == null ? OrderType.MARKET : t.onTrigger(instrument == null ? Market.SPOT : instrument.market());
    }

    private static boolean onGrid(BigDecimal v, BigDecimal inc, BigDecimal origin) {
        return v.subtract(origin).remainder(inc).signum() == 0;
    }

    private static BigDecimal floorTo(BigDecimal v, BigDecimal inc, BigDecimal origin) {
        return origin.add(v.subtract(origin).divide(inc, 0, RoundingMode.FLOOR).multiply(inc));
    }

    private static BigDecimal parseOrNull(String text) {
        if (text == null || text.isBlank() || text.contains(",")) {
            return null;
        }
        try {
            BigDecimal v = new BigDecimal(text.trim());
            return v.signum() > 0 ? v : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static boolean positive(BigDecimal v) {
        return v != null && v.signum() > 0;
    }

    private static String plain(BigDecimal v) {
        return v == null ? "—" : v.stripTrailingZeros().toPlainString();
    }

    private static String price(BigDecimal v) {
        return v == null ? "—" : String.format(Locale.ROOT, "%,." + Math.max(2, Math.min(8, v.stripTrailingZeros().scale()))
                + "f", v);
    }

    private static String money(BigDecimal v) {
        return v == null ? "—" : String.format(Locale.ROOT, "%,.2f", v.setScale(2, RoundingMode.HALF_EVEN));
    }

    private static String money4(BigDecimal v) {
        return String.format(Locale.ROOT, "%,.4f", v.setScale(4, RoundingMode.HALF_EVEN));
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

        private void snapshot() {
            String sym = owner.instrument().symbol();
            Position pos = owner.positions().stream()
                    .filter(p -> p.symbol().equals(sym) && p.positionSide() == PositionSide.BOTH).findFirst().orElse(null);
            Account a = new Account(owner.lastPrice(), owner.freeFunds(), pos);
            synchronized (lock) {
                pendingAccount = a;
            }
            coalescer.schedule();
        }

        @Override
        public void onBar(Bar bar, IndicatorSnapshot indicators) {
            if (current() && bar.symbol().equals(owner.instrument().symbol())) snapshot();
        }

        @Override
        public void onEquity(EquitySnapshot snapshot) {
            if (current()) snapshot();
        }

        @Override
        public void onFill(Fill fill, Position position) {
            if (current()) snapshot();
        }

        @Override
        public void onOrder(Order order) {
            if (!current()) return;
            String id = order.clientOrderId();
            if (sent.contains(id)) {
                note(() -> {
                    if (id.equals(lastSentId)) {
                        showOrder(order);
                    }
                });
            } else if (order.status() == OrderStatus.REJECTED && order.options().parentId() != null
                    && sent.contains(order.options().parentId())) {
                // a bracket exit the venue refused: say so where the entry was sent
                note(() -> setResult("Bracket exit " + id + " of " + order.options().parentId() + " rejected — "
                        + order.rejectReason(), true));
            }
        }
    }

    private void note(Runnable r) {
        synchronized (lock) {
            pendingNotes.add(r);
            if (pendingNotes.size() > 64) {
                pendingNotes.removeFirst();
            }
        }
        coalescer.schedule();
    }

    private void drain() {
        Account a;
        List<Runnable> notes;
        synchronized (lock) {
            a = pendingAccount;
            pendingAccount = null;
            notes = new ArrayList<>(pendingNotes);
            pendingNotes.clear();
        }
        if (a != null) {
            update(a);
        }
        notes.forEach(Runnable::run);
    }

    // ------------------------------------------------------------------ properties

    /** BUY or SELL. */
    public ObjectProperty<Side> sideProperty() { return side; }
    /** The order type; one of {@link #types()}. */
    public ObjectProperty<OrderType> typeProperty() { return type; }
    /** Time in force for priced types; one of {@link #timeInForces()}. */
    public ObjectProperty<TimeInForce> timeInForceProperty() { return timeInForce; }
    /** Quantity text, base asset. */
    public StringProperty quantityProperty() { return quantity; }
    /** Limit price text, quote asset (types with a limit price). */
    public StringProperty priceProperty() { return price; }
    /** Stop (trigger) price text, quote asset (conditional types). */
    public StringProperty stopPriceProperty() { return stopPrice; }
    /** Trailing callback rate text, percent (TRAILING_STOP_MARKET). */
    public StringProperty callbackRateProperty() { return callbackRate; }
    /** Bracket stop-loss trigger text, quote asset; blank for none. */
    public StringProperty stopLossProperty() { return stopLoss; }
    /** Bracket take-profit trigger text, quote asset; blank for none. */
    public StringProperty takeProfitProperty() { return takeProfit; }
    /** Futures reduceOnly. */
    public BooleanProperty reduceOnlyProperty() { return reduceOnly; }
    /** Futures leverage text, 1..{@value #MAX_LEVERAGE}. */
    public StringProperty leverageProperty() { return leverage; }
    /** Futures margin mode. */
    public ObjectProperty<MarginMode> marginModeProperty() { return marginMode; }
    /** Types valid for the instrument's market (and listed in its exchangeInfo). */
    public ObservableList<OrderType> types() { return typesView; }
    /** GTC, IOC, FOK, and GTX on futures. */
    public ObservableList<TimeInForce> timeInForces() { return timeInForcesView; }
    /** True while a session runs (orders can be sent). */
    public ReadOnlyBooleanProperty readyProperty() { return ready.getReadOnlyProperty(); }
    /** True on USDⓈ-M futures: reduceOnly, leverage and margin mode apply. */
    public ReadOnlyBooleanProperty futuresProperty() { return futures.getReadOnlyProperty(); }
    /** True when the type has a limit price. */
    public ReadOnlyBooleanProperty priceAppliesProperty() { return priceApplies.getReadOnlyProperty(); }
    /** True for conditional types with a stop price. */
    public ReadOnlyBooleanProperty stopAppliesProperty() { return stopApplies.getReadOnlyProperty(); }
    /** True for TRAILING_STOP_MARKET. */
    public ReadOnlyBooleanProperty trailingAppliesProperty() { return trailingApplies.getReadOnlyProperty(); }
    /** True when a time in force applies (priced types except LIMIT_MAKER). */
    public ReadOnlyBooleanProperty timeInForceAppliesProperty() { return timeInForceApplies.getReadOnlyProperty(); }
    /** True when a stop-loss / take-profit bracket can be attached (MARKET, LIMIT, LIMIT_MAKER entries). */
    public ReadOnlyBooleanProperty bracketAppliesProperty() { return bracketApplies.getReadOnlyProperty(); }
    /** "BTCUSDT · spot · tick 0.01 · step 0.00001 · min notional 5 USDT". */
    public ReadOnlyStringProperty instrumentTextProperty() { return instrumentText.getReadOnlyProperty(); }
    /** "Last 48,280.63". */
    public ReadOnlyStringProperty lastPriceTextProperty() { return lastPriceText.getReadOnlyProperty(); }
    /** "Free cash 10,000.00 USDT · position flat". */
    public ReadOnlyStringProperty fundsTextProperty() { return fundsText.getReadOnlyProperty(); }
    /** The lot step and minimum, and for an off-grid quantity the valid values either side. */
    public ReadOnlyStringProperty quantityHintProperty() { return quantityHint.getReadOnlyProperty(); }
    /** The tick, and for an off-grid price the valid values either side. */
    public ReadOnlyStringProperty priceHintProperty() { return priceHint.getReadOnlyProperty(); }
    /** Notional, fee and (futures) margin of what the fields say, when they make an order. */
    public ReadOnlyStringProperty estimateProperty() { return estimate.getReadOnlyProperty(); }
    /** Broken rules, one per line, each naming its field; empty when none. */
    public ReadOnlyStringProperty validationProperty() { return validation.getReadOnlyProperty(); }
    /** What became of the last order sent (a rejection with its reason); empty before the first. */
    public ReadOnlyStringProperty resultProperty() { return result.getReadOnlyProperty(); }
    /** True when {@link #resultProperty()} reports a rejection or failure. */
    public ReadOnlyBooleanProperty resultIsErrorProperty() { return resultIsError.getReadOnlyProperty(); }
}
