package dev.pennant.core.execution;

import dev.pennant.core.exchange.ExecutionClient;
import dev.pennant.core.exchange.ExecutionEventHandler;
import dev.pennant.core.exchange.ExecutionReport;
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
import dev.pennant.core.model.TimeInForce;
import dev.pennant.core.portfolio.Portfolio;
import dev.pennant.core.risk.RiskDecision;
import dev.pennant.core.risk.RiskEngine;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

/**
 * The order manager: turns {@link TradingCommand}s into orders and the venue's {@link ExecutionReport}s into booked
 * state. Every order, from a strategy, the AI or a click, passes the {@link RiskEngine} here; nothing reaches a venue
 * any other way. One per engine; not thread-safe (engine thread only).
 *
 * <p>What it does per command:
 * <ul>
 *   <li>SubmitOrder: resolve the instrument; idempotency (a known clientOrderId returns the known order, never a second
 *       order); size when no quantity is given; round quantity down to the lot step and price / stopPrice to the tick;
 *       risk check; emit OrderSubmitted; send.</li>
 *   <li>SubmitBracket: the entry as above; once it is done filling (FILLED, or canceled / expired after a partial
 *       fill), a stop-loss (or trailing stop) and a take-profit for the filled quantity on the other side, linked as one
 *       OCO group: the first fill of either cancels the other (Binance OCO semantics).</li>
 *   <li>ModifyOrder / CancelOrder / CancelAllOrders: checked against the known open orders, then sent.</li>
 * </ul>
 *
 * <p>clientOrderId format: {@code <sessionPrefix>-<n>} (n from 1), within Binance's 36-character limit and pattern
 * {@code ^[.A-Z:/a-z0-9_-]{1,36}$}; bracket exits are {@code <entryId>-sl} / {@code <entryId>-tp}.
 */
public final class ExecutionEngine implements ExecutionEventHandler {

    /** Binance's clientOrderId rule. */
    public static final Pattern CLIENT_ORDER_ID = Pattern.compile("^[.A-Z:/a-z0-9_-]{1,36}$");

    private final ExecutionClient client;
    private final RiskEngine risk;
    private final Portfolio portfolio;
    private final ExecutionListener listener;
    private final LongSupplier clock;
    private final String idPrefix;
    private final Function<String, Instrument> instruments;
    private final Function<String, BigDecimal> refPrices;
    private final Map<String, Order> orders = new LinkedHashMap<>();
    private final Map<String, Order> open = new LinkedHashMap<>();
    private final Map<String, Bracket> brackets = new HashMap<>();
    private final Map<String, List<String>> ocoGroups = new HashMap<>();
    private long nextId = 1;
    private dev.pennant.core.portfolio.margin.LeverageBracketTable leverageBrackets =
            dev.pennant.core.portfolio.margin.LeverageBrackets.bundled();

    /** A pending bracket: exits to place once the entry is done filling. */
    private record Bracket(String listId, BigDecimal stopLoss, BigDecimal takeProfit, BigDecimal trailingPct) {
    }

    /**
     * @param idPrefix    short session prefix for clientOrderIds, e.g. {@code pn-7f3a}
     * @param clock       engine clock, epoch ms UTC
     * @param instruments symbol → instrument (filters, market), {@code null} for an unknown symbol
     * @param refPrices   symbol → last (spot) or mark (futures) price in the quote asset, {@code null} when none yet
     * @throws IllegalArgumentException when the prefix would break Binance's clientOrderId pattern
     */
    public ExecutionEngine(ExecutionClient client, RiskEngine risk, Portfolio portfolio, ExecutionListener listener,
                           LongSupplier clock, String idPrefix, Function<String, Instrument> instruments,
                           Function<String, BigDecimal> refPrices) {
        this.client = Objects.requireNonNull(client, "client");
        this.risk = Objects.requireNonNull(risk, "risk");
        this.portfolio = Objects.requireNonNull(portfolio, "portfolio");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.instruments = Objects.requireNonNull(instruments, "instruments");
        this.refPrices = Objects.requireNonNull(refPrices, "refPrices");
        if (!idPrefix.matches("[.A-Za-z0-9:/_-]{1,20}")) {
            throw new IllegalArgumentException("idPrefix must match [.A-Za-z0-9:/_-]{1,20}, was '" + idPrefix + "'");
        }
        this.idPrefix = idPrefix;
        client.setEventHandler(this);
    }

    /**
     * Executes one command.
     *
     * @return the order the command concerns after it was handled (REJECTED when refused), or {@code null} for
     * CancelAllOrders
     */
    public Order execute(TradingCommand command) {
        return switch (command) {
            case TradingCommand.SubmitOrder s -> submit(s.request());
            case TradingCommand.SubmitBracket b -> submitBracket(b);
            case TradingCommand.ModifyOrder m -> modify(m.clientOrderId(), m.quantity(), m.price());
            case TradingCommand.CancelOrder c -> cancel(c.clientOrderId());
            case TradingCommand.CancelAllOrders a -> {
                cancelAll(a.symbol());
                yield null;
            }
            case TradingCommand.SetLeverage l -> {
                setLeverage(l.symbol(), l.leverage());
                yield null;
            }
            case TradingCommand.SetMarginType m -> {
                client.setMarginMode(m.symbol(), m.marginMode());
                yield null;
            }
        };
    }

    /**
     * Sizes, risk-checks and sends a MARKET order for a signal (spot: BUY enters with the allocation, SELL closes the
     * long; futures: an entry is sized on margin × leverage).
     *
     * @param refPrice expected fill price for sizing (last close), quote asset
     * @param signalId the signal behind it, or {@code null}
     * @return the order as created: NEW when sent, REJECTED when risk denied it
     */
    public Order submitMarket(Side side, Instrument instrument, BigDecimal refPrice, String signalId) {
        return submitMarket(side, instrument, refPrice, signalId, null);
    }

    /**
     * As {@link #submitMarket(Side, Instrument, BigDecimal, String)}, tagged with the strategy that sent it
     * ({@link OrderOptions#strategyId()}), so the portfolio the strategy is attached to owns the order and its fills.
     *
     * @param strategyId the strategy's name, or {@code null} for none
     */
    public Order submitMarket(Side side, Instrument instrument, BigDecimal refPrice, String signalId, String strategyId) {
        OrderRequest req = OrderRequest.market(instrument.market(), instrument.symbol(), side, null).withSignalId(signalId);
        if (strategyId != null) {
            req = req.withOptions(OrderOptions.of(instrument.market()).withStrategyId(strategyId));
        }
        return submit(req, refPrice, false);
    }

    /** Submits {@code req} (see the class doc). @return the order: NEW when sent, REJECTED when refused */
    public Order submit(OrderRequest req) {
        return submit(req, null, false);
    }

    /**
     * The emergency stop's flatten: a MARKET order closing the whole position in {@code symbol} on {@code side}
     * (reduce-only on one-way futures), allowed while the kill switch is engaged. @return the order, or {@code null}
     * when the position is flat
     */
    public Order flatten(String symbol, PositionSide side) {
        Position p = portfolio.position(symbol, side);
        Instrument inst = instruments.apply(symbol);
        if (p.isFlat() || inst == null) {
            return null;
        }
        Side s = p.quantity().signum() > 0 ? Side.SELL : Side.BUY;
        OrderOptions o = OrderOptions.of(inst.market()).withPositionSide(side).withStrategyId("emergency-stop");
        if (inst.market() == Market.USDM_FUTURES && side == PositionSide.BOTH) {
            o = o.withReduceOnly(true);
        }
        return submit(new OrderRequest(symbol, s, OrderType.MARKET, null, p.quantity().abs(), null, o, null, null),
                null, true);
    }

    private Order submit(OrderRequest req, BigDecimal refOverride, boolean emergency) {
        long now = clock.getAsLong();
        String id = req.clientOrderId();
        if (id != null) {
            Order known = orders.get(id);
            if (known != null) {
                return known; // idempotent resubmission: the order exists, send nothing
            }
            if (!CLIENT_ORDER_ID.matcher(id).matches()) {
                return reject(req, nextId(), now, "clientOrderId '" + id + "' does not match " + CLIENT_ORDER_ID.pattern());
            }
        } else {
            id = nextId();
        }
        Instrument instrument = instruments.apply(req.symbol());
        if (instrument == null) {
            return reject(req, id, now, "unknown symbol " + req.symbol() + " (not an instrument of this engine)");
        }
        BigDecimal ref = refOverride != null ? refOverride : refPrices.apply(req.symbol());
        TimeInForce tif = req.timeInForce();
        if (tif == null && req.type().hasLimitPrice(instrument.market()) && req.type() != OrderType.LIMIT_MAKER) {
            tif = TimeInForce.GTC;
        }
        if (tif == TimeInForce.GTX && instrument.market() == Market.SPOT) {
            return reject(req, id, now, "timeInForce GTX is futures-only (spot post-only is type LIMIT_MAKER)");
        }
        if (tif == TimeInForce.GTD && req.options().goodTillDate() <= now) {
            return reject(req, id, now, "goodTillDate " + req.options().goodTillDate() + " is not after now " + now);
        }
        OrderOptions opts = req.options();
        if (opts.stopPrice() != null) {
            opts = opts.withStopPrice(instrument.filters().roundPrice(opts.stopPrice()));
        }
        BigDecimal price = req.price() == null ? null : instrument.filters().roundPrice(req.price());
        BigDecimal qty = req.quantity();
        if (qty == null && opts.quoteOrderQty() == null && !opts.closePosition()) {
            qty = size(req, instrument, ref);
        }
        if (opts.closePosition()) {
            qty = BigDecimal.ZERO;
        } else if (qty == null) {
            qty = BigDecimal.ZERO;
        } else {
            qty = instrument.roundQuantity(qty, req.type().onTrigger(instrument.market()));
        }
        OrderRequest sized = new OrderRequest(req.symbol(), req.side(), req.type(), tif, qty, price, opts, id,
                req.signalId());
        if (!emergency && instrument.market() == Market.SPOT && req.side() == Side.SELL) {
            BigDecimal held = portfolio.position(req.symbol()).quantity().max(BigDecimal.ZERO);
            BigDecimal reserved = reservedSells(req.symbol(), opts.orderListId());
            if (qty.add(reserved).compareTo(held) > 0) {
                return reject(sized, id, now, "risk: sell quantity " + qty.toPlainString() + " exceeds the long position "
                        + held.toPlainString() + " less " + reserved.toPlainString()
                        + " already reserved by open SELL orders (spot: no shorting)");
            }
        }
        if (!emergency && instrument.market() == Market.USDM_FUTURES) {
            String over = aboveLeverageBracket(sized, instrument, ref);
            if (over != null) {
                return reject(sized, id, now, "risk: " + over);
            }
        }
        int[] counts = openCounts(req.symbol());
        RiskDecision d = risk.checkOrder(sized, qty, instrument, portfolio, ref, counts[0], counts[1], emergency);
        if (!d.approved()) {
            return reject(sized, id, now, "risk: " + d.reason());
        }
        Order order;
        try {
            order = new Order(id, req.symbol(), req.side(), req.type(), tif, qty, price, OrderStatus.NEW,
                    BigDecimal.ZERO, null, now, now, req.signalId(), null, opts, false, null);
        } catch (IllegalArgumentException e) {
            return reject(sized, id, now, e.getMessage());
        }
        orders.put(id, order);
        open.put(id, order);
        listener.onOrderEvent(new OrderEvent.OrderSubmitted(order, now));
        listener.onOrder(order);
        client.submit(order);
        return orders.get(id);
    }

    /**
     * LEVERAGE_BRACKET: a futures order that grows the position beyond the largest notional the symbol's brackets
     * allow at the position's leverage ({@code LeverageBrackets.maxNotionalFor}) is refused, as Binance refuses it
     * with -2027. Notional after the order = |position + order quantity| × price (the limit price, else the stop
     * price, else the reference price), USDT. Reducing orders always pass. @return the reason, or null when it fits
     */
    private String aboveLeverageBracket(OrderRequest req, Instrument inst, BigDecimal ref) {
        OrderOptions o = req.options();
        if (o.reduceOnly() || o.closePosition() || req.quantity() == null || req.quantity().signum() == 0) {
            return null;
        }
        BigDecimal px = req.price() != null ? req.price() : o.stopPrice() != null ? o.stopPrice() : ref;
        if (px == null || px.signum() <= 0) {
            return null;
        }
        BigDecimal held = portfolio.position(req.symbol(), o.positionSide()).quantity();
        BigDecimal after = held.add(req.side() == Side.BUY ? req.quantity() : req.quantity().negate());
        if (after.abs().compareTo(held.abs()) <= 0) {
            return null; // reduces (or flips to a smaller size)
        }
        int lev = portfolio.leverage(req.symbol());
        var table = leverageBrackets.forSymbol(req.symbol());
        BigDecimal notional = after.abs().multiply(px);
        BigDecimal cap;
        try {
            cap = table.maxNotionalFor(lev);
        } catch (IllegalArgumentException e) {
            return "LEVERAGE_BRACKET: " + e.getMessage();
        }
        if (notional.compareTo(cap) <= 0) {
            return null;
        }
        return "LEVERAGE_BRACKET: position notional after this order " + usdt(notional) + " USDT exceeds "
                + usdt(cap) + " USDT, the most " + req.symbol() + " may hold at " + lev + "× leverage (lower the "
                + "leverage or the quantity)";
    }

    private static String usdt(BigDecimal v) {
        return v.setScale(2, java.math.RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    private BigDecimal size(OrderRequest req, Instrument instrument, BigDecimal ref) {
        if (ref == null || ref.signum() <= 0) {
            return BigDecimal.ZERO;
        }
        Position pos = portfolio.position(req.symbol(), req.options().positionSide());
        if (instrument.market() == Market.SPOT) {
            if (req.side() == Side.SELL) {
                return pos.quantity().max(BigDecimal.ZERO);
            }
            return risk.sizeEntry(req, instrument, portfolio, ref);
        }
        BigDecimal signed = pos.quantity();
        boolean closing = signed.signum() != 0 && (signed.signum() > 0) == (req.side() == Side.SELL);
        return closing ? signed.abs() : risk.sizeEntry(req, instrument, portfolio, ref);
    }

    private Order reject(OrderRequest req, String id, long now, String reason) {
        BigDecimal qty = req.quantity() == null ? BigDecimal.ZERO : req.quantity();
        Order rejected = new Order(id, req.symbol(), req.side(), req.type(), req.timeInForce(), qty, req.price(),
                OrderStatus.REJECTED, BigDecimal.ZERO, null, now, now, req.signalId(), reason, req.options(), false, null);
        orders.put(id, rejected);
        listener.onOrderEvent(new OrderEvent.OrderRejected(rejected, now, reason));
        listener.onOrder(rejected);
        return rejected;
    }

    private String nextId() {
        String id;
        do {
            id = idPrefix + "-" + nextId++;
        } while (orders.containsKey(id));
        return id;
    }

    /**
     * Base quantity open spot SELL orders may still sell: their remaining quantity, counting each OCO group once (only
     * one of its legs can execute).
     */
    private BigDecimal reservedSells(String symbol, String ownGroup) {
        BigDecimal sum = BigDecimal.ZERO;
        Map<String, BigDecimal> groups = new HashMap<>();
        for (Order o : open.values()) {
            if (o.symbol().equals(symbol) && o.side() == Side.SELL) {
                String g = o.options().orderListId();
                if (g != null && g.equals(ownGroup)) {
                    continue; // a leg of the same OCO group as the new order: only one of them can execute
                }
                if (g == null) {
                    sum = sum.add(o.remaining());
                } else {
                    groups.merge(g, o.remaining(), BigDecimal::max);
                }
            }
        }
        for (BigDecimal v : groups.values()) {
            sum = sum.add(v);
        }
        return sum;
    }

    private int[] openCounts(String symbol) {
        int all = 0;
        int algo = 0;
        for (Order o : open.values()) {
            if (o.symbol().equals(symbol)) {
                all++;
                if (o.type().isAlgo() && !o.triggered()) {
                    algo++;
                }
            }
        }
        return new int[]{all, algo};
    }

    private Order submitBracket(TradingCommand.SubmitBracket b) {
        OrderRequest e = b.entry();
        String id = e.clientOrderId() != null ? e.clientOrderId() : nextId();
        String listId = id + "-oco";
        Order entry = submit(e.withClientOrderId(id).withOptions(e.options().withContingency(null, null)));
        if (entry.status() != OrderStatus.REJECTED) {
            brackets.put(id, new Bracket(listId, b.stopLoss(), b.takeProfit(), b.trailingCallbackPct()));
            if (entry.status() == OrderStatus.FILLED) {
                placeExits(entry);
            }
        }
        return orders.get(id);
    }

    private void placeExits(Order entry) {
        Bracket b = brackets.remove(entry.clientOrderId());
        if (b == null || entry.filledQuantity().signum() <= 0) {
            return;
        }
        Market market = entry.market();
        Side exit = entry.side().opposite();
        BigDecimal qty = entry.filledQuantity();
        PositionSide ps = entry.positionSide();
        OrderOptions base = OrderOptions.of(market).withPositionSide(ps).withContingency(b.listId(), entry.clientOrderId())
                .withStrategyId(entry.options().strategyId());
        if (market == Market.USDM_FUTURES && ps == PositionSide.BOTH) {
            base = base.withReduceOnly(true);
        }
        List<String> group = new ArrayList<>();
        ocoGroups.put(b.listId(), group);
        if (b.trailingPct() != null && market == Market.USDM_FUTURES) {
            group.add(id(submit(new OrderRequest(entry.symbol(), exit, OrderType.TRAILING_STOP_MARKET, null, qty, null,
                    base.withTrailing(b.trailingPct(), null), entry.clientOrderId() + "-ts", entry.signalId()))));
        } else if (b.stopLoss() != null) {
            group.add(id(submit(exitRequest(entry, exit, qty, true, b.stopLoss(), base, "-sl"))));
        }
        if (b.takeProfit() != null) {
            group.add(id(submit(exitRequest(entry, exit, qty, false, b.takeProfit(), base, "-tp"))));
        }
    }

    /** Allowance below (SELL) / above (BUY) the trigger for a spot stop-limit exit when the market type is not listed. */
    private static final BigDecimal STOP_LIMIT_ALLOWANCE = new BigDecimal("0.005");

    /**
     * A bracket exit: futures STOP_MARKET / TAKE_PROFIT_MARKET; spot STOP_LOSS / TAKE_PROFIT, or — when the symbol's
     * exchangeInfo {@code orderTypes} lacks them (BTCUSDT lists only the *_LIMIT forms) — STOP_LOSS_LIMIT /
     * TAKE_PROFIT_LIMIT with a limit price 0.5 % beyond the trigger, so a fast market still fills it.
     */
    private OrderRequest exitRequest(Order entry, Side exit, BigDecimal qty, boolean stopLoss, BigDecimal trigger,
                                     OrderOptions base, String suffix) {
        Market market = entry.market();
        String id = entry.clientOrderId() + suffix;
        if (market == Market.USDM_FUTURES) {
            OrderType t = stopLoss ? OrderType.STOP_MARKET : OrderType.TAKE_PROFIT_MARKET;
            return new OrderRequest(entry.symbol(), exit, t, null, qty, null, base.withStopPrice(trigger), id, entry.signalId());
        }
        OrderType t = stopLoss ? OrderType.STOP_LOSS : OrderType.TAKE_PROFIT;
        Instrument inst = instruments.apply(entry.symbol());
        List<String> listed = inst == null ? List.of() : inst.orderTypes();
        if (listed.isEmpty() || listed.contains(t.name())) {
            return new OrderRequest(entry.symbol(), exit, t, null, qty, null, base.withStopPrice(trigger), id, entry.signalId());
        }
        OrderType lt = stopLoss ? OrderType.STOP_LOSS_LIMIT : OrderType.TAKE_PROFIT_LIMIT;
        BigDecimal f = exit == Side.SELL ? BigDecimal.ONE.subtract(STOP_LIMIT_ALLOWANCE) : BigDecimal.ONE.add(STOP_LIMIT_ALLOWANCE);
        BigDecimal limit = stopLoss ? inst.filters().roundPrice(trigger.multiply(f)) : trigger;
        return new OrderRequest(entry.symbol(), exit, lt, TimeInForce.GTC, qty, limit, base.withStopPrice(trigger), id,
                entry.signalId());
    }

    private static String id(Order o) {
        return o.clientOrderId();
    }

    /**
     * The USDⓈ-M leverage brackets the order manager checks leverage and position size against (default: the
     * bundled tables, {@link dev.pennant.core.portfolio.margin.LeverageBrackets#bundled()}; a live session may give
     * the account's own {@code /fapi/v1/leverageBracket}). Engine thread.
     *
     * @throws NullPointerException when table is null
     */
    public void useLeverageBrackets(dev.pennant.core.portfolio.margin.LeverageBracketTable table) {
        this.leverageBrackets = Objects.requireNonNull(table, "table");
    }

    /**
     * Sets leverage on the venue and in the ledger. Refused when the leverage is above what the symbol's leverage
     * bracket allows for the position it holds now (notional = Σ |quantity| × mark price over both hedge sides,
     * USDT): Binance's {@code POST /fapi/v1/leverage} answers such a request with -2027 "Exceeded the maximum
     * allowable position at current leverage".
     *
     * @throws IllegalArgumentException naming the rule ({@code LEVERAGE_BRACKET} with the bracket and the leverage
     *                                  allowed) when the symbol is not a futures instrument, the leverage is above
     *                                  the bracket's, or the venue refuses
     */
    public void setLeverage(String symbol, int leverage) {
        Instrument inst = instruments.apply(symbol);
        if (inst == null || inst.market() != Market.USDM_FUTURES) {
            throw new IllegalArgumentException("leverage: " + symbol + " is not a USDⓈ-M instrument of this engine");
        }
        if (leverage < 1) {
            throw new IllegalArgumentException("leverage: must be at least 1, was " + leverage);
        }
        var table = leverageBrackets.forSymbol(symbol);
        BigDecimal notional = BigDecimal.ZERO;
        for (PositionSide side : PositionSide.values()) {
            Position p = portfolio.position(symbol, side);
            BigDecimal mark = p.lastPrice().signum() > 0 ? p.lastPrice() : p.averageEntryPrice();
            notional = notional.add(p.quantity().abs().multiply(mark));
        }
        var bracket = table.bracketOrLast(notional);
        if (leverage > bracket.initialLeverage()) {
            throw new IllegalArgumentException("leverage: LEVERAGE_BRACKET: " + symbol + " allows at most "
                    + bracket.initialLeverage() + "× for a position notional of " + usdt(notional) + " USDT (bracket "
                    + bracket.bracket() + ", notional " + usdt(bracket.notionalFloor()) + "–" + usdt(bracket.notionalCap())
                    + " USDT); asked " + leverage + "×");
        }
        try {
            client.setLeverage(symbol, leverage);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new IllegalArgumentException("leverage: " + e.getMessage(), e);
        }
        portfolio.setLeverage(symbol, leverage);
    }

    /** Asks the venue to change an open LIMIT order. @return the order (unchanged until the venue answers) */
    public Order modify(String clientOrderId, BigDecimal quantity, BigDecimal price) {
        long now = clock.getAsLong();
        Order o = open.get(clientOrderId);
        if (o == null) {
            return refuse(clientOrderId, now, "-2011 Unknown order sent (not open): " + clientOrderId);
        }
        if (o.workingType() != OrderType.LIMIT) {
            return refuse(clientOrderId, now, "only LIMIT orders can be modified (this is " + o.workingType() + ")");
        }
        Instrument inst = instruments.apply(o.symbol());
        BigDecimal q = quantity == null ? o.quantity() : inst.roundQuantity(quantity, OrderType.LIMIT);
        BigDecimal p = price == null ? o.price() : inst.filters().roundPrice(price);
        if (q.compareTo(o.filledQuantity()) <= 0) {
            return refuse(clientOrderId, now, "quantity " + q.toPlainString() + " is not above the filled "
                    + o.filledQuantity().toPlainString());
        }
        try {
            inst.validate(o.side(), OrderType.LIMIT, p, q, refPrices.apply(o.symbol()));
        } catch (dev.pennant.core.model.FilterViolationException e) {
            return refuse(clientOrderId, now, e.getMessage());
        }
        client.modify(clientOrderId, q, p, now);
        return orders.get(clientOrderId);
    }

    /** Asks the venue to cancel an open order. @return the order after the request */
    public Order cancel(String clientOrderId) {
        long now = clock.getAsLong();
        if (!open.containsKey(clientOrderId)) {
            return refuse(clientOrderId, now, "-2011 Unknown order sent (not open): " + clientOrderId);
        }
        brackets.remove(clientOrderId);
        client.cancel(clientOrderId, now);
        return orders.get(clientOrderId);
    }

    /** Cancels every open order of {@code symbol} (all symbols when null). @return how many cancels were sent */
    public int cancelAll(String symbol) {
        List<String> ids = open.values().stream().filter(o -> symbol == null || o.symbol().equals(symbol))
                .map(Order::clientOrderId).toList();
        ids.forEach(this::cancel);
        return ids.size();
    }

    private Order refuse(String clientOrderId, long now, String reason) {
        Order o = orders.get(clientOrderId);
        if (o != null) {
            listener.onOrderEvent(new OrderEvent.OrderRequestRejected(o, now, reason));
        }
        return o;
    }

    /** The latest snapshot of {@code clientOrderId}, or {@code null}. */
    public Order order(String clientOrderId) {
        return orders.get(clientOrderId);
    }

    /** Every order this engine knows, in creation order (snapshot copy). */
    public List<Order> orders() {
        return List.copyOf(orders.values());
    }

    /** Open orders (NEW, PARTIALLY_FILLED, PENDING_CANCEL), in creation order (snapshot copy). */
    public List<Order> openOrders() {
        return List.copyOf(open.values());
    }

    /** True while any order is open. */
    public boolean hasOpenOrders() {
        return !open.isEmpty();
    }

    /** The venue. */
    public ExecutionClient client() {
        return client;
    }

    /**
     * A bracket whose entry has not finished filling yet: the exits to place once it has (what
     * {@link TradingCommand.SubmitBracket} asked for). Stored with a paper session's state so a restart keeps them.
     *
     * @param entryClientOrderId the entry order's clientOrderId
     * @param listId             the OCO group id its exits will share
     * @param stopLoss           stop-loss trigger price, quote asset, or null
     * @param takeProfit         take-profit trigger price, quote asset, or null
     * @param trailingPct        trailing stop callback, percent, or null
     */
    public record PendingBracket(String entryClientOrderId, String listId, BigDecimal stopLoss, BigDecimal takeProfit,
                                 BigDecimal trailingPct) {
        /** @throws NullPointerException when an id is null */
        public PendingBracket {
            Objects.requireNonNull(entryClientOrderId, "entryClientOrderId");
            Objects.requireNonNull(listId, "listId");
        }
    }

    /** The brackets whose entries are still open (engine thread), in no particular order. */
    public List<PendingBracket> pendingBrackets() {
        List<PendingBracket> out = new ArrayList<>();
        brackets.forEach((id, b) -> out.add(new PendingBracket(id, b.listId(), b.stopLoss(), b.takeProfit(),
                b.trailingPct())));
        out.sort(java.util.Comparator.comparing(PendingBracket::entryClientOrderId));
        return out;
    }

    /**
     * Restores pending brackets (a restart, after {@link #restore} of their entries): when an entry fills, its exits
     * are placed as if the engine had never stopped. Brackets of entries that are not open are ignored. Engine thread.
     */
    public void restoreBrackets(Collection<PendingBracket> pending) {
        for (PendingBracket p : pending) {
            if (open.containsKey(p.entryClientOrderId())) {
                brackets.put(p.entryClientOrderId(), new Bracket(p.listId(), p.stopLoss(), p.takeProfit(),
                        p.trailingPct()));
            }
        }
    }

    /**
     * Restores orders known from history (restart, reconciliation) without sending anything.
     */
    public void restore(Collection<Order> known) {
        for (Order o : known) {
            orders.put(o.clientOrderId(), o);
            if (o.isOpen()) {
                open.put(o.clientOrderId(), o);
                String list = o.options().orderListId();
                if (list != null) {
                    // OCO legs stay linked: the first fill of one still cancels the others
                    ocoGroups.computeIfAbsent(list, k -> new ArrayList<>()).add(o.clientOrderId());
                }
            } else {
                open.remove(o.clientOrderId());
            }
            if (o.clientOrderId().startsWith(idPrefix + "-")) {
                try {
                    long n = Long.parseLong(o.clientOrderId().substring(idPrefix.length() + 1));
                    nextId = Math.max(nextId, n + 1);
                } catch (NumberFormatException ignored) {
                    // bracket exits and caller ids carry suffixes
                }
            }
        }
    }

    @Override
    public void onReport(ExecutionReport r) {
        Order venue = r.order();
        String id = venue.clientOrderId();
        Order known = orders.get(id);
        Order snap = known == null ? venue : merge(known, venue);
        store(snap);
        long t = r.time();
        switch (r.execType()) {
            case NEW -> {
                listener.onOrderEvent(new OrderEvent.OrderAccepted(snap, t));
                listener.onOrder(snap);
            }
            case REJECTED -> {
                String reason = "venue: " + r.reason();
                Order rej = snap.rejected(reason, t);
                store(rej);
                listener.onOrderEvent(new OrderEvent.OrderRejected(rej, t, reason));
                listener.onOrder(rej);
                cancelSiblings(rej);
            }
            case TRADE -> onTrade(snap, r.fill(), t);
            case CANCELED -> {
                listener.onOrderEvent(new OrderEvent.OrderCanceled(snap, t));
                listener.onOrder(snap);
                if (brackets.containsKey(id)) {
                    placeExits(snap);
                }
            }
            case EXPIRED -> {
                listener.onOrderEvent(new OrderEvent.OrderExpired(snap, t, r.reason()));
                listener.onOrder(snap);
                if (brackets.containsKey(id)) {
                    placeExits(snap);
                }
            }
            case TRIGGERED -> {
                listener.onOrderEvent(new OrderEvent.OrderTriggered(snap, t));
                listener.onOrder(snap);
            }
            case REPLACED -> {
                listener.onOrderEvent(new OrderEvent.OrderUpdated(snap, t));
                listener.onOrder(snap);
            }
            case REQUEST_REJECTED -> listener.onOrderEvent(new OrderEvent.OrderRequestRejected(snap, t, r.reason()));
        }
    }

    /** Venue fields win for state; ours (signal id, reject reason, options) are kept. */
    private static Order merge(Order ours, Order venue) {
        return new Order(ours.clientOrderId(), ours.symbol(), ours.side(), ours.type(), ours.timeInForce(),
                venue.quantity(), venue.price(), venue.status(), venue.filledQuantity(), venue.averagePrice(),
                ours.createdTime(), venue.updatedTime(), ours.signalId(),
                venue.rejectReason() != null ? venue.rejectReason() : ours.rejectReason(),
                ours.options().withStopPrice(venue.stopPrice() != null ? venue.stopPrice() : ours.stopPrice()),
                venue.triggered() || ours.triggered(), venue.venueOrderId() != null ? venue.venueOrderId()
                : ours.venueOrderId());
    }

    private void store(Order o) {
        orders.put(o.clientOrderId(), o);
        if (o.isOpen()) {
            open.put(o.clientOrderId(), o);
        } else {
            open.remove(o.clientOrderId());
        }
    }

    private void onTrade(Order snap, Fill fill, long t) {
        Position before = portfolio.position(fill.symbol(), fill.positionSide());
        Fill booked = portfolio.apply(fill);
        Position after = portfolio.position(fill.symbol(), fill.positionSide());
        listener.onOrderEvent(new OrderEvent.OrderFilled(snap, t, booked));
        listener.onOrder(snap);
        listener.onFill(booked, after);
        String cid = snap.clientOrderId();
        if (before.isFlat() && !after.isFlat()) {
            listener.onPositionEvent(new PositionEvent.PositionOpened(after, fill.time(), cid));
        } else if (!before.isFlat() && after.isFlat()) {
            listener.onPositionEvent(new PositionEvent.PositionClosed(after, fill.time(), cid));
        } else {
            listener.onPositionEvent(new PositionEvent.PositionChanged(after, fill.time(), cid));
        }
        cancelSiblings(snap);
        if (snap.status() == OrderStatus.FILLED && brackets.containsKey(cid)) {
            placeExits(snap);
        }
    }

    /** OCO: the first fill (or rejection) of one exit cancels the others of its group. */
    private void cancelSiblings(Order o) {
        String list = o.options().orderListId();
        if (list == null) {
            return;
        }
        List<String> group = ocoGroups.remove(list);
        if (group == null) {
            return;
        }
        for (String sib : group) {
            if (!sib.equals(o.clientOrderId()) && open.containsKey(sib)) {
                client.cancel(sib, clock.getAsLong());
            }
        }
    }

    @Override
    public void onFunding(String symbol, PositionSide positionSide, BigDecimal amount, BigDecimal rate, long time) {
        portfolio.applyFunding(symbol, positionSide, amount, time);
        listener.onFunding(symbol, positionSide, amount, rate, time);
    }
}
