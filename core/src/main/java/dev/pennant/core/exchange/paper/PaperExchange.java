package dev.pennant.core.exchange.paper;

import dev.pennant.core.exchange.ExecutionClient;
import dev.pennant.core.exchange.ExecutionEventHandler;
import dev.pennant.core.exchange.ExecutionReport;
import dev.pennant.core.exchange.ExecutionReport.ExecType;
import dev.pennant.core.marketdata.book.BookDepth;
import dev.pennant.core.marketdata.feed.MarkPrice;
import dev.pennant.core.marketdata.feed.Trade;
import dev.pennant.core.model.Bar;
import dev.pennant.core.model.FilterViolationException;
import dev.pennant.core.model.Fill;
import dev.pennant.core.model.Instrument;
import dev.pennant.core.model.LiquiditySide;
import dev.pennant.core.model.Market;
import dev.pennant.core.model.Order;
import dev.pennant.core.model.OrderOptions;
import dev.pennant.core.model.OrderStatus;
import dev.pennant.core.model.OrderType;
import dev.pennant.core.model.Position;
import dev.pennant.core.model.PositionSide;
import dev.pennant.core.model.Side;
import dev.pennant.core.model.StpMode;
import dev.pennant.core.model.TimeInForce;
import dev.pennant.core.model.WorkingType;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Function;

import static java.math.BigDecimal.ZERO;

/**
 * Pennant's simulated Binance venue. It owns the account the way Binance does — spot balances (free / locked) and a
 * USDⓈ-M wallet with positions, leverage, margin type, liquidation and funding — and fills every Binance order type
 * against the market data the engine passes it: order books (level walk, queue position), public trades and bars (a
 * documented intra-bar path). The engine mirrors the account from the fills it reports.
 *
 * <p><b>Fill model</b> (full rules and reasons: docs/decisions/0011-paper-fill-model.md):
 * <ul>
 *   <li><b>Book</b> ({@link #onBook}): takers walk the latest book level by level, one {@link Fill} per level,
 *       TAKER at the level price; a MARKET order that exhausts the book fills the rest at the last level's price,
 *       a LIMIT stops at its price. Fills take liquidity out of the venue's copy of the book until the next book.</li>
 *   <li><b>Resting limits</b>: queue ahead = quantity shown at the price when the order starts resting; a trade at the
 *       price first reduces the queue, the excess fills the order; a trade (or a book) through the price fills it at
 *       the limit price, capped by the trade's (crossing) quantity. MAKER.</li>
 *   <li><b>Bars</b> ({@link #onBar}) when no book or trade covered the bar: path open → low → high → close (close ≥
 *       open) or open → high → low → close ({@link BarPath}); MARKET fills at the open, a LIMIT marketable at the open
 *       fills there as TAKER, else rests and fills at its price when the path trades strictly through it; stops
 *       trigger when the path reaches them (stop-market fills at the stop ± slippage, or at the open on a gap);
 *       per-order fills per bar ≤ participation × volume.</li>
 *   <li><b>Latency</b>: a request sent at {@code t} is processed at the first event at or after
 *       {@code t + latencyMs} (bars: the next bar); with 0 it is processed inside the call.</li>
 * </ul>
 *
 * <p><b>Reports</b> go to the {@link ExecutionEventHandler} (NEW, REJECTED with Binance's code and words, TRIGGERED,
 * TRADE, EXPIRED, CANCELED, REPLACED, REQUEST_REJECTED) after the event that caused them has been fully applied, so a
 * handler may call back into the venue. Commissions are charged in the quote asset at
 * {@code notional × rate}, rounded half-up to 8 decimals. Spot fills carry {@code realizedPnl 0} (the engine's
 * portfolio computes it); futures fills carry the venue's realised P&L net of the commission.
 *
 * <p><b>Market data keys</b>: {@link Trade} names its market and {@link MarkPrice} is futures-only; {@link Bar} and
 * {@link BookDepth} carry only a symbol, so {@link #onBar(Bar)} / {@link #onBook(BookDepth, long)} apply them to every
 * registered instrument of that symbol; use {@link #onBar(Market, Bar)} / {@link #onBook(Market, BookDepth, long)}
 * when one venue trades both markets of a symbol.
 *
 * <p>Not thread-safe: driven by the engine thread ({@link ExecutionClient}).
 */
public final class PaperExchange implements ExecutionClient {

    /** {@link #venue()}. */
    public static final String VENUE = "paper";
    /** The one USDⓈ-M wallet asset (multi-assets mode is not simulated). */
    public static final String FUTURES_WALLET_ASSET = "USDT";
    /** Binance's minimum lead of a GTD order: goodTillDate must be at least 600 s after the order. */
    public static final long GTD_MIN_LEAD_MS = 600_000;
    /** clientOrderId prefix of the venue's liquidation orders ({@code autoclose-1}, {@code autoclose-2} …). */
    public static final String AUTOCLOSE_PREFIX = "autoclose-";

    /** Binance's words for a spot balance refusal. */
    public static final String INSUFFICIENT_BALANCE = "-2010 Account has insufficient balance for requested action.";
    /** Binance's words for a futures margin refusal. */
    public static final String MARGIN_INSUFFICIENT = "-2019 Margin is insufficient.";
    /** Binance's words for a reduce-only order that would not reduce. */
    public static final String REDUCE_ONLY_REJECTED = "-2022 ReduceOnly Order is rejected.";
    /** Binance's words for a cancel / modify of an order that is not open. */
    public static final String UNKNOWN_ORDER = "-2011 Unknown order sent.";
    /** Binance's words for a LIMIT_MAKER that would take. */
    public static final String WOULD_TAKE = "-2010 Order would immediately match and take.";

    private static final int MONEY_SCALE = 8;
    private static final int ENTRY_SCALE = 12;
    private static final int CLOSED_KEPT = 10_000;
    private static final BigDecimal BPS = new BigDecimal("10000");
    private static final BigDecimal HUNDRED = new BigDecimal("100");

    // ------------------------------------------------------------------------------------------------------------
    // State records (snapshot / restore)
    // ------------------------------------------------------------------------------------------------------------

    /**
     * Everything the venue needs to continue after a restart exactly where it stopped — account, positions, open
     * orders with their queue and trailing state, requests still in flight and the prices triggers and P&L use.
     * Plain data (records, lists, BigDecimal); market books are not part of it (the next {@link #onBook} brings one).
     *
     * @param clock           latest event time seen, epoch ms
     * @param nextTradeId     next Fill.tradeId
     * @param nextOrderId     next venue orderId
     * @param nextAutoCloseId next {@code autoclose-<n>}
     * @param nextSeq         next time-priority sequence number
     * @param hedgeMode       USDⓈ-M position mode
     * @param futuresWallet   USDⓈ-M wallet balance, USDT
     * @param balances        spot balances, by asset
     * @param symbolSettings  leverage and margin type per futures symbol that has one set
     * @param positions       futures positions (flat ones included when they carry realised P&L)
     * @param openOrders      open orders, in venue order
     * @param pendingRequests requests sent but not yet processed (latency), in order
     * @param prices          last / mark price and funding state per instrument
     */
    public record State(long clock, long nextTradeId, long nextOrderId, long nextAutoCloseId, long nextSeq,
                        boolean hedgeMode, BigDecimal futuresWallet, List<AssetBalance> balances,
                        List<SymbolSetting> symbolSettings, List<PositionState> positions,
                        List<OpenOrderState> openOrders, List<PendingRequest> pendingRequests,
                        List<PriceState> prices) {

        /** Copies the lists. @throws NullPointerException naming the missing component */
        public State {
            Objects.requireNonNull(futuresWallet, "futuresWallet");
            balances = List.copyOf(balances);
            symbolSettings = List.copyOf(symbolSettings);
            positions = List.copyOf(positions);
            openOrders = List.copyOf(openOrders);
            pendingRequests = List.copyOf(pendingRequests);
            prices = List.copyOf(prices);
        }
    }

    /** Leverage (1..125) and margin type of one futures symbol. */
    public record SymbolSetting(String symbol, int leverage, MarginType marginType) {
    }

    /**
     * One futures position.
     *
     * @param quantity       signed base quantity (&gt; 0 long)
     * @param entryPrice     average entry price, USDT; 0 when flat
     * @param isolatedMargin margin allotted to an ISOLATED position, USDT; 0 for cross
     * @param realizedPnl    realised P&L net of commissions since the position was first opened, USDT
     * @param updatedTime    last change, epoch ms
     */
    public record PositionState(String symbol, PositionSide positionSide, BigDecimal quantity, BigDecimal entryPrice,
                                BigDecimal isolatedMargin, BigDecimal realizedPnl, long updatedTime) {
    }

    /**
     * One open order and the venue's working state of it.
     *
     * @param order           venue snapshot
     * @param seq             time priority among the venue's own orders
     * @param submittedAt     request time, epoch ms (bars: takes part in bars opening at or after it)
     * @param arrivalAt       submittedAt + latency, epoch ms
     * @param resting         a limit order that has had its first look and rests (maker from now on)
     * @param queueAhead      estimated base quantity ahead of it at its price
     * @param trailingActive  TRAILING_STOP_MARKET: activated
     * @param trailingExtreme TRAILING_STOP_MARKET: highest (SELL) / lowest (BUY) price since activation; null if none
     * @param locked          spot amount this order holds, in {@code lockedAsset}
     * @param lockedAsset     asset of {@code locked}; null when nothing is held
     */
    public record OpenOrderState(Order order, long seq, long submittedAt, long arrivalAt, boolean resting,
                                 BigDecimal queueAhead, boolean trailingActive, BigDecimal trailingExtreme,
                                 BigDecimal locked, String lockedAsset) {
    }

    /**
     * A request still travelling to the venue.
     *
     * @param kind          SUBMIT (order set), CANCEL or MODIFY (clientOrderId set; quantity/price may be null)
     * @param time          when it was sent, epoch ms
     * @param arrival       when it reaches the venue, epoch ms
     */
    public record PendingRequest(Kind kind, Order order, String clientOrderId, BigDecimal quantity, BigDecimal price,
                                 long time, long arrival) {
        /** Request kinds. */
        public enum Kind { SUBMIT, CANCEL, MODIFY }
    }

    /**
     * Price state of one instrument.
     *
     * @param lastPrice          last trade / bar / book-mid price; null before any
     * @param tradeSeen          a public trade has been received (the book mid no longer moves the last price)
     * @param lastTickTime       latest book or trade time (bars covered by ticks are not matched)
     * @param markPrice          last mark price received; null before any (the last price stands in)
     * @param fundingRate        funding rate of that mark event
     * @param nextFundingTime    next funding time of that mark event, epoch ms (0 none)
     * @param settledFundingTime latest funding time already settled
     */
    public record PriceState(Market market, String symbol, BigDecimal lastPrice, boolean tradeSeen, long lastTickTime,
                             BigDecimal markPrice, BigDecimal fundingRate, long nextFundingTime,
                             long settledFundingTime) {
    }

    // ------------------------------------------------------------------------------------------------------------
    // Internal state
    // ------------------------------------------------------------------------------------------------------------

    private record Key(Market market, String symbol) {
    }

    private record PosKey(String symbol, PositionSide side) {
    }

    private static final class SymbolState {
        final Instrument instrument;
        LocalBook book;
        BigDecimal lastPrice;
        boolean tradeSeen;
        long lastTickTime = Long.MIN_VALUE;
        BigDecimal markPrice;
        BigDecimal fundingRate;
        long nextFundingTime;
        long settledFundingTime = Long.MIN_VALUE;

        SymbolState(Instrument instrument) {
            this.instrument = instrument;
        }

        Market market() {
            return instrument.market();
        }

        String symbol() {
            return instrument.symbol();
        }
    }

    private static final class Pos {
        BigDecimal qty = ZERO;
        BigDecimal entry = ZERO;
        BigDecimal isolatedMargin = ZERO;
        BigDecimal realized = ZERO;
        long updated;
    }

    private static final class Bal {
        BigDecimal free = ZERO;
        BigDecimal locked = ZERO;
    }

    private static final class WorkingOrder {
        Order order;
        final SymbolState s;
        long seq;
        final long submittedAt;
        final long arrivalAt;
        boolean resting;
        BigDecimal queueAhead = ZERO;
        boolean trailingActive;
        BigDecimal trailingExtreme;
        BigDecimal locked = ZERO;
        String lockedAsset;

        WorkingOrder(Order order, SymbolState s, long seq, long submittedAt, long arrivalAt) {
            this.order = order;
            this.s = s;
            this.seq = seq;
            this.submittedAt = submittedAt;
            this.arrivalAt = arrivalAt;
        }

        Side side() {
            return order.side();
        }

        String id() {
            return order.clientOrderId();
        }
    }

    private sealed interface Request permits SubmitRequest, CancelRequest, ModifyRequest {
        long time();

        long arrival();
    }

    private record SubmitRequest(Order order, long time, long arrival) implements Request {
    }

    private record CancelRequest(String clientOrderId, long time, long arrival) implements Request {
    }

    private record ModifyRequest(String clientOrderId, BigDecimal quantity, BigDecimal price, long time, long arrival)
            implements Request {
    }

    private sealed interface Out permits ReportOut, FundingOut {
    }

    private record ReportOut(ExecutionReport report) implements Out {
    }

    private record FundingOut(String symbol, PositionSide side, BigDecimal amount, BigDecimal rate, long time)
            implements Out {
    }

    private final PaperExchangeConfig config;
    private final MarginModel marginModel;
    private final Map<Key, SymbolState> symbols = new LinkedHashMap<>();
    private final Map<String, Bal> spot = new TreeMap<>();
    private BigDecimal wallet = ZERO;
    private boolean hedgeMode;
    private final Map<String, Integer> leverage = new TreeMap<>();
    private final Map<String, MarginType> marginTypes = new TreeMap<>();
    private final Map<PosKey, Pos> positions = new LinkedHashMap<>();
    private final LinkedHashMap<String, WorkingOrder> open = new LinkedHashMap<>();
    private final Map<String, Order> closed = new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Order> eldest) {
            return size() > CLOSED_KEPT;
        }
    };
    private final ArrayDeque<Request> inbox = new ArrayDeque<>();
    private final ArrayDeque<Out> outbox = new ArrayDeque<>();
    private ExecutionEventHandler handler;
    private boolean flushing;
    private long clock = Long.MIN_VALUE;
    private long nextTradeId = 1;
    private long nextOrderId = 1;
    private long nextAutoCloseId = 1;
    private long nextSeq = 1;

    // bar in progress: per-order participation cap and use
    private BigDecimal barCap;
    private Map<WorkingOrder, BigDecimal> barUsed;

    /** A venue with {@link MarginModel#DEFAULT}. @see #PaperExchange(PaperExchangeConfig, Collection, MarginModel) */
    public PaperExchange(PaperExchangeConfig config, Collection<Instrument> instruments) {
        this(config, instruments, MarginModel.DEFAULT);
    }

    /**
     * @param config      fees, latency, participation, slippage, default leverage
     * @param instruments the symbols it trades (spot and/or USDⓈ-M; filters are checked against these)
     * @param marginModel maintenance margin, liquidation and funding rules
     * @throws NullPointerException naming the missing argument; IllegalArgumentException as {@link #addInstrument}
     */
    public PaperExchange(PaperExchangeConfig config, Collection<Instrument> instruments, MarginModel marginModel) {
        this.config = Objects.requireNonNull(config, "config");
        this.marginModel = Objects.requireNonNull(marginModel, "marginModel");
        Objects.requireNonNull(instruments, "instruments").forEach(this::addInstrument);
    }

    /**
     * Registers (or replaces the filters of) an instrument.
     *
     * @throws IllegalArgumentException for a USDⓈ-M instrument not quoted in {@value #FUTURES_WALLET_ASSET}
     */
    public void addInstrument(Instrument instrument) {
        Objects.requireNonNull(instrument, "instrument");
        if (instrument.market() == Market.USDM_FUTURES && !FUTURES_WALLET_ASSET.equals(instrument.quoteAsset())) {
            throw new IllegalArgumentException("futures instrument " + instrument.symbol() + " is quoted in "
                    + instrument.quoteAsset() + "; the paper venue has a " + FUTURES_WALLET_ASSET + " wallet only");
        }
        Key k = new Key(instrument.market(), instrument.symbol());
        SymbolState old = symbols.get(k);
        SymbolState s = new SymbolState(instrument);
        if (old != null) {
            copyPrices(old, s);
            for (WorkingOrder w : open.values()) {
                if (w.s == old) {
                    throw new IllegalStateException("cannot replace " + instrument.symbol() + " while it has open orders");
                }
            }
        }
        symbols.put(k, s);
    }

    /** The configuration. */
    public PaperExchangeConfig config() {
        return config;
    }

    /** The margin model. */
    public MarginModel marginModel() {
        return marginModel;
    }

    @Override
    public void setEventHandler(ExecutionEventHandler handler) {
        this.handler = Objects.requireNonNull(handler, "handler");
    }

    @Override
    public String venue() {
        return VENUE;
    }

    // ------------------------------------------------------------------------------------------------------------
    // Account
    // ------------------------------------------------------------------------------------------------------------

    /**
     * Credits {@code amount} of {@code asset} to the spot account (free).
     *
     * @throws IllegalArgumentException when the amount is not positive
     */
    public void deposit(String asset, BigDecimal amount) {
        Objects.requireNonNull(asset, "asset");
        requirePositive("amount", amount);
        Bal b = bal(asset);
        b.free = b.free.add(amount);
    }

    /**
     * Credits {@code amount} USDT to the USDⓈ-M wallet.
     *
     * @throws IllegalArgumentException when the amount is not positive
     */
    public void depositFutures(BigDecimal amount) {
        requirePositive("amount", amount);
        wallet = wallet.add(amount);
    }

    /** Spot balances by asset (every asset ever credited, zero ones included). */
    public List<AssetBalance> balances() {
        List<AssetBalance> out = new ArrayList<>();
        spot.forEach((a, b) -> out.add(new AssetBalance(a, b.free, b.locked)));
        return out;
    }

    /** The spot balance of {@code asset} (zero when never credited). */
    public AssetBalance balance(String asset) {
        Bal b = spot.get(asset);
        return b == null ? new AssetBalance(asset, ZERO, ZERO) : new AssetBalance(asset, b.free, b.locked);
    }

    /** The USDⓈ-M account figures now (marks: last mark price, else last price). */
    public FuturesAccountSummary futuresAccount() {
        BigDecimal upnl = ZERO;
        BigDecimal posIm = ZERO;
        BigDecimal mm = ZERO;
        for (Map.Entry<PosKey, Pos> e : positions.entrySet()) {
            Pos p = e.getValue();
            if (p.qty.signum() == 0) {
                continue;
            }
            BigDecimal mark = markOf(e.getKey().symbol(), p);
            upnl = upnl.add(unrealized(p, mark));
            posIm = posIm.add(positionInitialMargin(e.getKey().symbol(), p, mark));
            mm = mm.add(marginModel.maintenanceMargin(e.getKey().symbol(), p.qty.abs().multiply(mark)));
        }
        BigDecimal ordIm = openOrderInitialMargin();
        return new FuturesAccountSummary(wallet, money(upnl), money(wallet.add(upnl)), money(posIm), money(ordIm),
                money(mm), money(availableBalance()));
    }

    /** Open futures positions (non-zero quantity), marked to the mark price (last price until a mark arrives). */
    public List<Position> positions() {
        List<Position> out = new ArrayList<>();
        positions.forEach((k, p) -> {
            if (p.qty.signum() != 0) {
                out.add(toPosition(k, p));
            }
        });
        return out;
    }

    /** The futures position of {@code symbol} / {@code positionSide} (flat when none). */
    public Position position(String symbol, PositionSide positionSide) {
        Pos p = positions.get(new PosKey(symbol, positionSide));
        return p == null ? Position.flat(symbol, Market.USDM_FUTURES, positionSide) : toPosition(new PosKey(symbol, positionSide), p);
    }

    /** Open orders (venue snapshots), in the order the venue accepted them. */
    public List<Order> openOrders() {
        return open.values().stream().map(w -> w.order).toList();
    }

    /** The latest venue snapshot of an order (open, or one of the last 10,000 closed), or empty. */
    public Optional<Order> order(String clientOrderId) {
        WorkingOrder w = open.get(clientOrderId);
        if (w != null) {
            return Optional.of(w.order);
        }
        return Optional.ofNullable(closed.get(clientOrderId));
    }

    /** The estimated base quantity ahead of a resting order at its price (zero when not resting / unknown). */
    public BigDecimal queueAhead(String clientOrderId) {
        WorkingOrder w = open.get(clientOrderId);
        return w == null ? ZERO : w.queueAhead;
    }

    /**
     * Switches USDⓈ-M between one-way (false, positionSide BOTH) and hedge mode (true, LONG/SHORT).
     *
     * @throws IllegalStateException while a futures position or open futures order exists (Binance -4068 / -4067)
     */
    public void setHedgeMode(boolean hedge) {
        if (hedge == hedgeMode) {
            return;
        }
        if (positions.values().stream().anyMatch(p -> p.qty.signum() != 0)) {
            throw new IllegalStateException("-4068 The position side cannot be changed if there exists position.");
        }
        if (open.values().stream().anyMatch(w -> w.s.market() == Market.USDM_FUTURES)) {
            throw new IllegalStateException("-4067 Position side cannot be changed if there exists open orders.");
        }
        hedgeMode = hedge;
    }

    /** True in hedge mode. */
    public boolean isHedgeMode() {
        return hedgeMode;
    }

    /**
     * Sets the leverage of a futures symbol.
     *
     * @throws IllegalArgumentException for an unknown futures symbol or a leverage outside 1..{@link MarginModel#maxLeverage}
     * @throws IllegalStateException    when the open positions and orders would then need more margin than the account
     *                                  has (Binance -2027 / -2028); the leverage is left unchanged
     */
    public void setLeverage(String symbol, int lev) {
        requireFutures(symbol);
        int max = marginModel.maxLeverage(symbol);
        if (lev < 1 || lev > max) {
            throw new IllegalArgumentException("leverage must be within 1.." + max + " for " + symbol + ", was " + lev);
        }
        Integer before = leverage.get(symbol);
        leverage.put(symbol, lev);
        if (availableBalance().signum() < 0 && (before == null || lev < before)) {
            if (before == null) {
                leverage.remove(symbol);
            } else {
                leverage.put(symbol, before);
            }
            throw new IllegalStateException("-2028 Leverage is smaller than permitted: insufficient margin balance");
        }
    }

    /** Leverage of a futures symbol (the configured default until set). */
    public int leverage(String symbol) {
        return leverage.getOrDefault(symbol, config.defaultLeverage());
    }

    /**
     * Sets CROSSED or ISOLATED margin for a futures symbol.
     *
     * @throws IllegalArgumentException for an unknown futures symbol
     * @throws IllegalStateException    while the symbol has a position (-4048) or open orders (-4047)
     */
    public void setMarginType(String symbol, MarginType type) {
        requireFutures(symbol);
        Objects.requireNonNull(type, "type");
        for (Map.Entry<PosKey, Pos> e : positions.entrySet()) {
            if (e.getKey().symbol().equals(symbol) && e.getValue().qty.signum() != 0) {
                throw new IllegalStateException("-4048 Margin type cannot be changed if there exists position.");
            }
        }
        for (WorkingOrder w : open.values()) {
            if (w.s.market() == Market.USDM_FUTURES && w.s.symbol().equals(symbol)) {
                throw new IllegalStateException("-4047 Margin type cannot be changed if there exists open orders.");
            }
        }
        marginTypes.put(symbol, type);
    }

    /** {@link dev.pennant.core.exchange.ExecutionClient}'s margin-mode setter (same names as {@link MarginType}). */
    @Override
    public void setMarginMode(String symbol, dev.pennant.core.portfolio.margin.MarginMode mode) {
        setMarginType(symbol, MarginType.valueOf(mode.name()));
    }

    /** Margin type of a futures symbol (CROSSED until set). */
    public MarginType marginType(String symbol) {
        return marginTypes.getOrDefault(symbol, MarginType.CROSSED);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Requests
    // ------------------------------------------------------------------------------------------------------------

    /**
     * Sends an order (status NEW); {@code order.createdTime()} is the send time. Answered by NEW or REJECTED and
     * later reports.
     *
     * @throws IllegalStateException when no event handler is set
     */
    @Override
    public void submit(Order order) {
        requireHandler();
        Objects.requireNonNull(order, "order");
        long t = order.createdTime();
        inbox.addLast(new SubmitRequest(order, t, t + config.latencyMs()));
        afterRequest(t);
    }

    /** Asks to cancel an open order; CANCELED, or REQUEST_REJECTED "-2011 Unknown order sent.". */
    @Override
    public void cancel(String clientOrderId, long time) {
        requireHandler();
        Objects.requireNonNull(clientOrderId, "clientOrderId");
        inbox.addLast(new CancelRequest(clientOrderId, time, time + config.latencyMs()));
        afterRequest(time);
    }

    /**
     * Modifies a resting LIMIT (or LIMIT_MAKER) order; REPLACED, or REQUEST_REJECTED with the reason. A price change
     * or a quantity increase sends the order to the back of the queue at its (new) price.
     */
    @Override
    public void modify(String clientOrderId, BigDecimal quantity, BigDecimal price, long time) {
        requireHandler();
        Objects.requireNonNull(clientOrderId, "clientOrderId");
        inbox.addLast(new ModifyRequest(clientOrderId, quantity, price, time, time + config.latencyMs()));
        afterRequest(time);
    }

    private void afterRequest(long t) {
        if (config.latencyMs() == 0) {
            tick(t);
            drainInbox(t);
        }
        flush();
    }

    /** The venue's time moves to {@code t}: the clock, GTD expiries, then the requests that have arrived by then. */
    private void advanceTo(long t) {
        tick(t);
        expireGtd(t);
        drainInbox(t);
    }

    private void drainInbox(long t) {
        while (!inbox.isEmpty() && inbox.peekFirst().arrival() <= t) {
            process(inbox.pollFirst(), t);
        }
    }

    /** Bars: requests sent before the bar opened count as at the venue from its open (sub-bar latency is not seen). */
    private void drainForBar(Bar b) {
        while (!inbox.isEmpty() && inbox.peekFirst().arrival() <= b.closeTime()) {
            Request r = inbox.pollFirst();
            process(r, r.time() <= b.openTime() ? b.openTime() : r.arrival());
        }
    }

    private void process(Request r, long t) {
        switch (r) {
            case SubmitRequest s -> processSubmit(s, t);
            case CancelRequest c -> processCancel(c, t);
            case ModifyRequest m -> processModify(m, t);
        }
    }

    private void processSubmit(SubmitRequest r, long t) {
        Order o = r.order();
        SymbolState s = symbols.get(new Key(o.market(), o.symbol()));
        String reason = validate(o, s, t);
        if (reason != null) {
            Order rej = o.rejected(reason, t);
            closed.put(o.clientOrderId(), rej);
            report(ExecType.REJECTED, rej, null, t, reason);
            return;
        }
        Order accepted = o.accepted(String.valueOf(nextOrderId++), t);
        WorkingOrder w = new WorkingOrder(accepted, s, nextSeq++, r.time(), r.arrival());
        lockFunds(w);
        open.put(w.id(), w);
        report(ExecType.NEW, accepted, null, t, null);
        if (trails(o) && activation(o) == null) {
            w.trailingActive = true;
            w.trailingExtreme = watchPrice(w);
        }
        if (o.type().isConditional()) {
            return;
        }
        if (s.book != null) {
            firstLook(w, new BookLiquidity(s.book), t);
        } else if (postOnly(o) && s.lastPrice != null) {
            // no book: a post-only order is judged against the last price now and, if it would not take, it rests
            // from acceptance (a later gap through it fills it as maker)
            if (wouldTake(s, o.side(), o.price())) {
                expire(w, postOnlyReason(w.order), t);
            } else {
                w.resting = true;
            }
        }
    }

    private void processCancel(CancelRequest r, long t) {
        WorkingOrder w = open.get(r.clientOrderId());
        if (w == null) {
            requestRejected(r.clientOrderId(), UNKNOWN_ORDER, t);
            return;
        }
        finish(w, w.order.withStatus(OrderStatus.CANCELED, t, null));
        report(ExecType.CANCELED, w.order, null, t, null);
    }

    private void processModify(ModifyRequest r, long t) {
        WorkingOrder w = open.get(r.clientOrderId());
        if (w == null) {
            requestRejected(r.clientOrderId(), UNKNOWN_ORDER, t);
            return;
        }
        Order o = w.order;
        if (!limitLike(o) || (o.type().isConditional() && !o.triggered())) {
            report(ExecType.REQUEST_REJECTED, o, null, t, "modify refused: only a resting LIMIT order can be modified, "
                    + o.clientOrderId() + " is " + o.type() + (o.type().isConditional() ? " (not triggered)" : ""));
            return;
        }
        BigDecimal qty = r.quantity() != null ? r.quantity() : o.quantity();
        BigDecimal price = r.price() != null ? r.price() : o.price();
        if (qty.compareTo(o.filledQuantity()) <= 0) {
            report(ExecType.REQUEST_REJECTED, o, null, t, "modify refused: quantity " + plain(qty)
                    + " must exceed the filled quantity " + plain(o.filledQuantity()));
            return;
        }
        Instrument ins = w.s.instrument;
        try {
            ins.validate(o.side(), OrderType.LIMIT, price, qty, referencePrice(w.s));
        } catch (FilterViolationException e) {
            report(ExecType.REQUEST_REJECTED, o, null, t, "-1013 Filter failure: " + e.getMessage());
            return;
        }
        boolean priceChanged = price.compareTo(o.price()) != 0;
        if (priceChanged && postOnly(o) && wouldTake(w.s, o.side(), price)) {
            report(ExecType.REQUEST_REJECTED, o, null, t, o.type() == OrderType.LIMIT_MAKER ? WOULD_TAKE
                    : "-5022 Due to the order could not be executed as maker, the Post Only order will be rejected.");
            return;
        }
        BigDecimal newRemaining = qty.subtract(o.filledQuantity());
        if (o.market() == Market.SPOT) {
            BigDecimal newLock = o.side() == Side.BUY ? price.multiply(newRemaining) : newRemaining;
            BigDecimal extra = newLock.subtract(w.locked);
            Bal b = bal(w.lockedAsset != null ? w.lockedAsset : lockAsset(w));
            // a BUY also needs room for the commission of the extra amount (charged in the quote asset)
            BigDecimal need = o.side() == Side.BUY && extra.signum() > 0
                    ? extra.add(extra.multiply(takerRate(o.market()))) : extra;
            if (need.signum() > 0 && need.compareTo(b.free) > 0) {
                report(ExecType.REQUEST_REJECTED, o, null, t, INSUFFICIENT_BALANCE);
                return;
            }
            b.free = b.free.subtract(extra);
            b.locked = b.locked.add(extra);
            w.locked = newLock;
            w.lockedAsset = lockAsset(w);
        } else {
            BigDecimal lev = BigDecimal.valueOf(leverage(o.symbol()));
            BigDecimal before = increasingQty(o, o.remaining()).multiply(o.price()).divide(lev, 16, RoundingMode.HALF_UP);
            BigDecimal after = increasingQty(o, newRemaining).multiply(price).divide(lev, 16, RoundingMode.HALF_UP);
            if (after.subtract(before).compareTo(availableBalance()) > 0) {
                report(ExecType.REQUEST_REJECTED, o, null, t, MARGIN_INSUFFICIENT);
                return;
            }
        }
        boolean losePriority = priceChanged || qty.compareTo(o.quantity()) > 0;
        w.order = o.modified(qty, price, t);
        report(ExecType.REPLACED, w.order, null, t, null);
        if (losePriority) {
            w.seq = nextSeq++;
            w.queueAhead = w.s.book != null ? w.s.book.qtyAt(o.side(), price) : ZERO;
        }
        if (priceChanged) {
            // a new price may cross: it gets a first look again (now against the book, else at the next price)
            w.resting = false;
            if (w.s.book != null) {
                firstLook(w, new BookLiquidity(w.s.book), t);
            }
        }
    }

    private void requestRejected(String clientOrderId, String reason, long t) {
        Order known = closed.get(clientOrderId);
        Order shown = known != null ? known
                : new Order(clientOrderId, "", Side.BUY, OrderType.MARKET, null, ZERO, null, OrderStatus.REJECTED,
                ZERO, null, t, t, null, reason);
        report(ExecType.REQUEST_REJECTED, shown, null, t, reason);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Validation at the venue
    // ------------------------------------------------------------------------------------------------------------

    private String validate(Order o, SymbolState s, long t) {
        if (s == null) {
            return "-1121 Invalid symbol.";
        }
        Market m = o.market();
        if (o.status() != OrderStatus.NEW) {
            return "-1102 a new order must be in status NEW, was " + o.status();
        }
        if (open.containsKey(o.clientOrderId())) {
            return m == Market.SPOT ? "-2010 Duplicate order sent." : "-4116 ClientOrderId is duplicated.";
        }
        Instrument ins = s.instrument;
        if (!ins.isTrading()) {
            return "-2010 Market is closed.";
        }
        if (!ins.orderTypes().isEmpty() && !ins.orderTypes().contains(o.type().name())) {
            return "-1116 Invalid orderType.";
        }
        OrderOptions op = o.options();
        TimeInForce tif = o.timeInForce();
        boolean limitPriced = o.type().hasLimitPrice(m);
        if (limitPriced && o.type() != OrderType.LIMIT_MAKER && tif == null) {
            return "-1102 Mandatory parameter 'timeInForce' was not sent, was empty/null, or malformed.";
        }
        if (m == Market.SPOT && (tif == TimeInForce.GTX || tif == TimeInForce.GTD)) {
            return "-1115 Invalid timeInForce.";
        }
        if (tif == TimeInForce.GTD && op.goodTillDate() < t + GTD_MIN_LEAD_MS) {
            return "-1102 goodTillDate " + op.goodTillDate() + " must be at least 600 s after the order time " + t;
        }
        if (m == Market.SPOT) {
            if (op.reduceOnly()) {
                return "-1106 Parameter 'reduceOnly' sent when not required.";
            }
            if (op.closePosition()) {
                return "-1106 Parameter 'closePosition' sent when not required.";
            }
            if (op.positionSide() != PositionSide.BOTH) {
                return "-1106 Parameter 'positionSide' sent when not required.";
            }
            if (op.quoteOrderQty() != null && o.type() != OrderType.MARKET) {
                return "-1106 Parameter 'quoteOrderQty' sent when not required.";
            }
        } else {
            if (op.quoteOrderQty() != null) {
                return "-1106 Parameter 'quoteOrderQty' sent when not required.";
            }
            if (hedgeMode == (op.positionSide() == PositionSide.BOTH)) {
                return "-4061 Order's position side does not match user's setting.";
            }
            if (hedgeMode && op.reduceOnly()) {
                return "-1106 Parameter 'reduceOnly' sent when not required.";
            }
            if (op.closePosition()) {
                if (o.type() != OrderType.STOP_MARKET && o.type() != OrderType.TAKE_PROFIT_MARKET) {
                    return "-1106 Parameter 'closePosition' sent when not required.";
                }
                if (op.reduceOnly()) {
                    return "-1106 Parameter 'reduceOnly' sent when not required.";
                }
                if (o.quantity().signum() != 0) {
                    return "-1106 Parameter 'quantity' sent when not required.";
                }
            }
        }
        String filter = checkFilters(o, s);
        if (filter != null) {
            return filter;
        }
        BigDecimal watch = watchPrice(s, o);
        if (o.type().isConditional() && watch != null) {
            boolean immediate;
            if (o.type() == OrderType.TRAILING_STOP_MARKET) {
                BigDecimal act = op.activationPrice();
                immediate = act != null && (o.side() == Side.BUY ? act.compareTo(watch) >= 0 : act.compareTo(watch) <= 0);
            } else if (trails(o)) {
                immediate = activation(o) != null && o.type().triggers(o.side(), activation(o), watch);
            } else {
                immediate = o.type().triggers(o.side(), op.stopPrice(), watch);
            }
            if (immediate) {
                return m == Market.SPOT ? "-2010 Stop price would trigger immediately." : "-2021 Order would immediately trigger.";
            }
        }
        if (o.type() == OrderType.LIMIT_MAKER && wouldTake(s, o.side(), o.price())) {
            return WOULD_TAKE;
        }
        return m == Market.SPOT ? checkSpotBalance(o, s) : checkFuturesMargin(o, s);
    }

    private String checkFilters(Order o, SymbolState s) {
        Instrument ins = s.instrument;
        OrderOptions op = o.options();
        try {
            if (op.stopPrice() != null) {
                ins.filters().checkPrice(ins.symbol(), op.stopPrice());
            }
            if (op.activationPrice() != null) {
                ins.filters().checkPrice(ins.symbol(), op.activationPrice());
            }
            BigDecimal qty = o.quantity();
            if (o.type().hasLimitPrice(o.market())) {
                ins.validate(o.side(), OrderType.LIMIT, o.price(), qty, referencePrice(s));
            } else {
                if (qty.signum() > 0) {
                    ins.filters().checkQuantity(ins.symbol(), qty, OrderType.MARKET);
                }
                if (op.quoteOrderQty() != null) {
                    ins.filters().checkNotional(ins.symbol(), op.quoteOrderQty(), BigDecimal.ONE, OrderType.MARKET);
                } else if (qty.signum() > 0) {
                    BigDecimal est = op.stopPrice() != null ? op.stopPrice() : estimatedTakerPrice(s, o.side());
                    ins.filters().checkNotional(ins.symbol(), est, qty, OrderType.MARKET);
                }
            }
            return null;
        } catch (FilterViolationException e) {
            return "-1013 Filter failure: " + e.getMessage();
        }
    }

    private String checkSpotBalance(Order o, SymbolState s) {
        Instrument ins = s.instrument;
        OrderOptions op = o.options();
        if (o.side() == Side.SELL) {
            Bal base = bal(ins.baseAsset());
            if (o.quantity().signum() > 0) {
                return o.quantity().compareTo(base.free.add(groupLock(o, null))) > 0 ? INSUFFICIENT_BALANCE : null;
            }
            BigDecimal est = estimatedTakerPrice(s, Side.SELL);
            if (base.free.signum() <= 0 || (est != null
                    && op.quoteOrderQty().divide(est, 18, RoundingMode.UP).compareTo(base.free) > 0)) {
                return INSUFFICIENT_BALANCE;
            }
            return null;
        }
        Bal quote = bal(ins.quoteAsset());
        BigDecimal cost;
        if (op.quoteOrderQty() != null) {
            cost = op.quoteOrderQty();
        } else {
            BigDecimal px = o.type().hasLimitPrice(o.market()) ? o.price()
                    : op.stopPrice() != null ? op.stopPrice() : estimatedTakerPrice(s, Side.BUY);
            cost = px == null ? null : px.multiply(o.quantity());
        }
        if (cost != null && cost.add(cost.multiply(takerRate(Market.SPOT))).compareTo(quote.free) > 0) {
            return INSUFFICIENT_BALANCE;
        }
        return null;
    }

    private String checkFuturesMargin(Order o, SymbolState s) {
        if (isReducing(o)) {
            return !o.type().isConditional() && closable(o).signum() == 0 ? REDUCE_ONLY_REJECTED : null;
        }
        if (o.type().isConditional()) {
            return null; // no margin is reserved until the trigger fires (checked then)
        }
        BigDecimal inc = increasingQty(o, o.quantity());
        BigDecimal px = o.price() != null ? o.price() : estimatedTakerPrice(s, o.side());
        if (inc.signum() == 0 || px == null) {
            return null;
        }
        BigDecimal required = inc.multiply(px).divide(BigDecimal.valueOf(leverage(o.symbol())), 16, RoundingMode.HALF_UP);
        return required.compareTo(availableBalance()) > 0 ? MARGIN_INSUFFICIENT : null;
    }

    // ------------------------------------------------------------------------------------------------------------
    // Market data
    // ------------------------------------------------------------------------------------------------------------

    /** A closed bar, applied to every registered instrument of its symbol. Forming bars are ignored. */
    @Override
    public void onBar(Bar bar) {
        Objects.requireNonNull(bar, "bar");
        List<SymbolState> states = new ArrayList<>();
        for (Market m : Market.values()) {
            SymbolState s = symbols.get(new Key(m, bar.symbol()));
            if (s != null) {
                states.add(s);
            }
        }
        bar(states, bar);
    }

    /** A closed bar of {@code market}'s instrument {@code bar.symbol()}. Forming bars are ignored. */
    public void onBar(Market market, Bar bar) {
        Objects.requireNonNull(bar, "bar");
        SymbolState s = symbols.get(new Key(Objects.requireNonNull(market, "market"), bar.symbol()));
        bar(s == null ? List.of() : List.of(s), bar);
    }

    private void bar(List<SymbolState> states, Bar b) {
        if (!b.closed()) {
            return;
        }
        tick(b.closeTime());
        expireGtd(b.openTime());
        drainForBar(b);
        for (SymbolState s : states) {
            if (s.lastTickTime >= b.openTime()) {
                continue; // books or trades covered this bar: they are the finer truth
            }
            runBar(s, b);
        }
        expireGtd(b.closeTime());
        flush();
    }

    /** The latest book of {@code book.symbol()}, applied to every registered instrument of that symbol. */
    @Override
    public void onBook(BookDepth book, long time) {
        Objects.requireNonNull(book, "book");
        for (Market m : Market.values()) {
            if (symbols.containsKey(new Key(m, book.symbol()))) {
                onBook(m, book, time);
            }
        }
    }

    /** The latest book of {@code market}'s instrument {@code book.symbol()} at {@code time} (epoch ms). */
    public void onBook(Market market, BookDepth book, long time) {
        Objects.requireNonNull(book, "book");
        SymbolState s = symbols.get(new Key(Objects.requireNonNull(market, "market"), book.symbol()));
        tick(time);
        expireGtd(time);
        if (s != null) {
            s.book = new LocalBook(book);
            s.lastTickTime = Math.max(s.lastTickTime, time);
            if (!s.tradeSeen) {
                BigDecimal mid = s.book.mid();
                if (mid != null) {
                    s.lastPrice = mid;
                }
            }
            restingAgainstBook(s, time);
        }
        drainInbox(time);
        if (s != null) {
            BookLiquidity liq = new BookLiquidity(s.book);
            if (!s.tradeSeen && s.lastPrice != null) {
                triggersAtPrice(s, s.lastPrice, w -> liq, time, false);
            }
            for (WorkingOrder w : ordersOf(s)) {
                if (isOpen(w) && !w.resting && working(w.order)) {
                    firstLook(w, liq, time);
                }
            }
            if (s.market() == Market.USDM_FUTURES && s.markPrice == null && !s.tradeSeen) {
                checkLiquidation(s, time);
            }
        }
        flush();
    }

    /** A public trade: triggers last-price stops, fills resting limits it reaches, advances queues. */
    @Override
    public void onTrade(Trade trade) {
        Objects.requireNonNull(trade, "trade");
        long t = trade.time();
        advanceTo(t);
        SymbolState s = symbols.get(new Key(trade.market(), trade.symbol()));
        if (s != null) {
            s.lastPrice = trade.price();
            s.tradeSeen = true;
            s.lastTickTime = Math.max(s.lastTickTime, t);
            tradeMatch(s, trade, t);
            if (s.market() == Market.USDM_FUTURES && s.markPrice == null) {
                checkLiquidation(s, t);
            }
        }
        flush();
    }

    /**
     * A USDⓈ-M mark price: settles funding when its time has passed the previous event's {@code nextFundingTime}
     * (with that event's mark price and rate — the last ones known at the funding time), then triggers MARK_PRICE
     * orders and checks liquidation at the new mark.
     */
    @Override
    public void onMarkPrice(MarkPrice mark) {
        Objects.requireNonNull(mark, "mark");
        long t = mark.time();
        advanceTo(t);
        SymbolState s = symbols.get(new Key(Market.USDM_FUTURES, mark.symbol()));
        if (s != null) {
            settleFunding(s, t);
            s.markPrice = mark.markPrice();
            s.fundingRate = mark.lastFundingRate();
            s.nextFundingTime = mark.nextFundingTime();
            BigDecimal fillAt = s.markPrice;
            PointLiquidity point = new PointLiquidity(fillAt, w -> null, (w, q) -> { });
            triggersAtPrice(s, s.markPrice, w -> takerLiquidity(w, point), t, true);
            checkLiquidation(s, t);
        }
        flush();
    }

    /** The engine clock moved: expires GTD orders and delivers requests whose latency has passed. */
    @Override
    public void onTime(long now) {
        advanceTo(now);
        flush();
    }

    private void tick(long t) {
        clock = Math.max(clock, t);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Matching: first look, taker execution, triggers
    // ------------------------------------------------------------------------------------------------------------

    /** Executions a taker can get now, and how they are taken out. */
    private interface Liquidity {
        /** Executions for up to {@code want} base quantity, price-limited by {@code limit} (null: any price). */
        List<Exec> quote(WorkingOrder w, BigDecimal want, BigDecimal limit);

        /** Whether a limit at {@code limit} would take something here now (post-only test), ignoring caps. */
        boolean crosses(Side side, BigDecimal limit);

        /** Base quantity a quoteOrderQty of {@code quote} buys/sells here; null when there is no liquidity now. */
        BigDecimal sizeForQuote(WorkingOrder w, BigDecimal quote);

        void consume(WorkingOrder w, Exec e, BigDecimal qty);
    }

    private record Exec(BigDecimal price, BigDecimal qty) {
    }

    /** Walks the venue's copy of the book. */
    private final class BookLiquidity implements Liquidity {
        private final LocalBook book;

        BookLiquidity(LocalBook book) {
            this.book = book;
        }

        @Override
        public List<Exec> quote(WorkingOrder w, BigDecimal want, BigDecimal limit) {
            Side side = w.side();
            List<LocalBook.Level> levels = book.opposite(side);
            List<Exec> out = new ArrayList<>();
            BigDecimal rest = want;
            for (LocalBook.Level l : levels) {
                if (rest.signum() <= 0) {
                    break;
                }
                if (limit != null && !marketable(side, limit, l.price)) {
                    break;
                }
                BigDecimal q = rest.min(l.qty);
                out.add(new Exec(l.price, q));
                rest = rest.subtract(q);
            }
            if (limit == null && rest.signum() > 0 && !levels.isEmpty()) {
                // a MARKET order that ran through the whole book fills the rest at the last level's price
                BigDecimal last = levels.getLast().price;
                Exec tail = out.getLast();
                out.set(out.size() - 1, new Exec(last, tail.qty().add(rest)));
            }
            return out;
        }

        @Override
        public boolean crosses(Side side, BigDecimal limit) {
            BigDecimal best = book.best(side);
            return best != null && marketable(side, limit, best);
        }

        @Override
        public BigDecimal sizeForQuote(WorkingOrder w, BigDecimal quote) {
            List<LocalBook.Level> levels = book.opposite(w.side());
            if (levels.isEmpty()) {
                return null;
            }
            BigDecimal rem = quote;
            BigDecimal qty = ZERO;
            boolean exhausted = true;
            for (LocalBook.Level l : levels) {
                BigDecimal max = floorQty(w, rem.divide(l.price, 18, RoundingMode.DOWN));
                BigDecimal q = max.min(l.qty);
                qty = qty.add(q);
                rem = rem.subtract(q.multiply(l.price));
                if (q.compareTo(l.qty) < 0) {
                    exhausted = false;
                    break;
                }
            }
            if (exhausted && rem.signum() > 0) {
                qty = qty.add(floorQty(w, rem.divide(levels.getLast().price, 18, RoundingMode.DOWN)));
            }
            return qty;
        }

        @Override
        public void consume(WorkingOrder w, Exec e, BigDecimal qty) {
            book.consume(w.side(), e.price(), qty);
        }
    }

    /** One price with a capacity per order (bars: participation budget; trades: the trade's quantity). */
    private final class PointLiquidity implements Liquidity {
        private final BigDecimal price;
        private final Function<WorkingOrder, BigDecimal> capacity;
        private final BiConsumer<WorkingOrder, BigDecimal> use;

        PointLiquidity(BigDecimal price, Function<WorkingOrder, BigDecimal> capacity,
                       BiConsumer<WorkingOrder, BigDecimal> use) {
            this.price = price;
            this.capacity = capacity;
            this.use = use;
        }

        @Override
        public List<Exec> quote(WorkingOrder w, BigDecimal want, BigDecimal limit) {
            if (limit != null && !marketable(w.side(), limit, price)) {
                return List.of();
            }
            BigDecimal cap = capacity.apply(w);
            BigDecimal q = cap == null ? want : want.min(cap);
            return q.signum() > 0 ? List.of(new Exec(price, q)) : List.of();
        }

        @Override
        public boolean crosses(Side side, BigDecimal limit) {
            return marketable(side, limit, price);
        }

        @Override
        public BigDecimal sizeForQuote(WorkingOrder w, BigDecimal quote) {
            return floorQty(w, quote.divide(price, 18, RoundingMode.DOWN));
        }

        @Override
        public void consume(WorkingOrder w, Exec e, BigDecimal qty) {
            use.accept(w, qty);
        }
    }

    /** The book when it has liquidity on the order's opposite side, else {@code fallback}. */
    private Liquidity takerLiquidity(WorkingOrder w, Liquidity fallback) {
        LocalBook b = w.s.book;
        return b != null && !b.opposite(w.side()).isEmpty() ? new BookLiquidity(b) : fallback;
    }

    /**
     * The first look of a MARKET/LIMIT (or just-triggered) order at some liquidity: post-only orders that would take
     * expire, takers take, limits that remain rest (IOC/FOK expire).
     */
    private void firstLook(WorkingOrder w, Liquidity liq, long t) {
        Order o = w.order;
        boolean market = o.workingType() == OrderType.MARKET;
        if (!market && postOnly(o) && liq.crosses(o.side(), o.price())) {
            expire(w, postOnlyReason(o), t);
            return;
        }
        executeTaker(w, liq, t);
        if (!isOpen(w) || market) {
            return; // a MARKET remainder waits for liquidity (next bar / trade / book)
        }
        TimeInForce tif = w.order.timeInForce();
        if (tif == TimeInForce.IOC || tif == TimeInForce.FOK) {
            expire(w, tif + ": remainder " + plain(w.order.remaining()) + " expired", t);
            return;
        }
        w.resting = true;
        w.queueAhead = w.s.book != null ? w.s.book.qtyAt(o.side(), o.price()) : ZERO;
    }

    private void executeTaker(WorkingOrder w, Liquidity liq, long t) {
        Order o = w.order;
        boolean market = o.workingType() == OrderType.MARKET;
        BigDecimal limit = market ? null : o.price();
        if (o.options().quoteOrderQty() != null && o.quantity().signum() == 0) {
            BigDecimal q = liq.sizeForQuote(w, o.options().quoteOrderQty());
            if (q == null) {
                return;
            }
            if (q.signum() == 0) {
                expire(w, "quoteOrderQty " + plain(o.options().quoteOrderQty()) + " is less than one stepSize", t);
                return;
            }
            o = o.withQuantity(q, t);
            w.order = o;
        }
        BigDecimal want = o.remaining();
        if (want.signum() <= 0) {
            return;
        }
        List<Exec> execs = liq.quote(w, want, limit);
        boolean fok = !market && o.timeInForce() == TimeInForce.FOK;
        if (fok) {
            BigDecimal total = execs.stream().map(Exec::qty).reduce(ZERO, BigDecimal::add);
            if (total.compareTo(want) < 0) {
                expire(w, "FOK: only " + plain(total) + " of " + plain(want) + " fillable now", t);
                return;
            }
            // all or nothing: self-trade prevention is settled over the whole fill range before anything fills
            if (!execs.isEmpty() && selfTradePrevented(w, execs.getLast().price(), t)) {
                return;
            }
        }
        for (Exec e : execs) {
            if (!fok && selfTradePrevented(w, e.price(), t)) {
                return;
            }
            Cap c = cap(w, e.qty(), e.price(), LiquiditySide.TAKER);
            if (c.qty().signum() > 0) {
                liq.consume(w, e, c.qty());
                applyFill(w, c.qty(), e.price(), LiquiditySide.TAKER, t);
            }
            if (c.reason() != null) {
                if (isOpen(w)) {
                    expire(w, c.reason(), t);
                }
                return;
            }
            if (!isOpen(w)) {
                return;
            }
        }
    }

    /** Mode for an order that sets none: spot symbols' current exchangeInfo default, USDⓈ-M "New Order" default. */
    static StpMode defaultStpMode(Market market) {
        return market == Market.SPOT ? StpMode.EXPIRE_MAKER : StpMode.NONE;
    }

    /** The mode taker {@code o} works under; USDⓈ-M ignores STP for FOK and GTX (the STP FAQ). */
    private static StpMode stpMode(Order o) {
        if (o.market() == Market.USDM_FUTURES
                && (o.timeInForce() == TimeInForce.FOK || o.timeInForce() == TimeInForce.GTX)) {
            return StpMode.NONE;
        }
        StpMode m = o.options().selfTradePreventionMode();
        return m != null ? m : defaultStpMode(o.market());
    }

    /**
     * Self-trade prevention before taker {@code w} trades at {@code price}. The venue fills against market data, not
     * against our own orders, so "would match" means: a resting opposite-side order of ours on the same symbol has a
     * limit at or better than {@code price} for the taker (ask ≤ price for a BUY, bid ≥ price for a SELL). In a real
     * book that order would have been matched first. The taker's mode decides (Binance ignores the maker's): makers
     * and/or the taker EXPIRE with status EXPIRED_IN_MATCH and keep what they filled.
     *
     * @return true when the taker is finished (it must not trade at {@code price})
     */
    private boolean selfTradePrevented(WorkingOrder w, BigDecimal price, long t) {
        StpMode mode = stpMode(w.order);
        if (mode == StpMode.NONE) {
            return false;
        }
        List<WorkingOrder> makers = new ArrayList<>();
        for (WorkingOrder m : restingByPriority(w.s)) {
            if (m != w && m.side() != w.side() && isOpen(m) && marketable(w.side(), price, m.order.price())) {
                makers.add(m);
            }
        }
        if (makers.isEmpty()) {
            return false;
        }
        WorkingOrder first = makers.getFirst();
        switch (mode) {
            case EXPIRE_TAKER -> expireInMatch(w, stpReason(mode, w, first), t);
            case EXPIRE_BOTH -> {
                expireInMatch(first, stpReason(mode, w, first), t);
                expireInMatch(w, stpReason(mode, w, first), t);
            }
            default -> makers.forEach(m -> expireInMatch(m, stpReason(mode, w, m), t)); // EXPIRE_MAKER
        }
        return !isOpen(w);
    }

    private static String stpReason(StpMode mode, WorkingOrder taker, WorkingOrder maker) {
        return "self-trade prevention " + mode + ": taker " + taker.id() + " would match maker " + maker.id() + " at "
                + plain(maker.order.price());
    }

    private void expireInMatch(WorkingOrder w, String reason, long t) {
        finish(w, w.order.withStatus(OrderStatus.EXPIRED_IN_MATCH, t, reason));
        report(ExecType.EXPIRED, w.order, null, t, reason);
    }

    private void makerFill(WorkingOrder w, BigDecimal qty, BigDecimal price, long t) {
        if (qty.signum() <= 0) {
            return;
        }
        Cap c = cap(w, qty, price, LiquiditySide.MAKER);
        if (c.qty().signum() > 0) {
            applyFill(w, c.qty(), price, LiquiditySide.MAKER, t);
        }
        if (c.reason() != null && isOpen(w)) {
            expire(w, c.reason(), t);
        }
    }

    private record Cap(BigDecimal qty, String reason) {
    }

    /** Caps a fill by what the account allows now: reduce-only by the position, spot by the balance. */
    private Cap cap(WorkingOrder w, BigDecimal qty, BigDecimal price, LiquiditySide liq) {
        Order o = w.order;
        if (o.market() == Market.USDM_FUTURES) {
            if (isReducing(o)) {
                BigDecimal c = closable(o);
                if (qty.compareTo(c) > 0) {
                    return new Cap(c, REDUCE_ONLY_REJECTED);
                }
            }
            return new Cap(qty, null);
        }
        Instrument ins = w.s.instrument;
        if (o.side() == Side.SELL) {
            BigDecimal avail = bal(ins.baseAsset()).free.add(w.locked).add(groupLock(o, w));
            return qty.compareTo(avail) > 0 ? new Cap(floorQty(w, avail), INSUFFICIENT_BALANCE) : new Cap(qty, null);
        }
        BigDecimal rate = config.spotFees().rate(liq, Market.SPOT);
        BigDecimal avail = bal(ins.quoteAsset()).free.add(w.locked);
        if (cost(qty, price, rate).compareTo(avail) <= 0) {
            return new Cap(qty, null);
        }
        BigDecimal q = floorQty(w, avail.divide(price.multiply(BigDecimal.ONE.add(rate)), 18, RoundingMode.DOWN));
        BigDecimal step = ins.stepSize();
        while (q.signum() > 0 && cost(q, price, rate).compareTo(avail) > 0) {
            q = q.subtract(step).max(ZERO);
        }
        return new Cap(q, INSUFFICIENT_BALANCE);
    }

    private static BigDecimal cost(BigDecimal qty, BigDecimal price, BigDecimal rate) {
        BigDecimal notional = qty.multiply(price);
        return notional.add(commission(notional, rate));
    }

    /**
     * Fires untriggered conditional orders of {@code s} whose trigger is reached at {@code price}.
     *
     * @param markEvent true for a mark price (MARK_PRICE orders only), false for a last price (the others)
     */
    private void triggersAtPrice(SymbolState s, BigDecimal price, Function<WorkingOrder, Liquidity> liquidity,
                                 long t, boolean markEvent) {
        for (WorkingOrder w : ordersOf(s)) {
            Order o = w.order;
            if (!isOpen(w) || !o.type().isConditional() || o.triggered() || watchesMark(w) != markEvent) {
                continue;
            }
            if (trails(o)) {
                BigDecimal stop = trailTick(w, price);
                if (stop != null) {
                    trigger(w, liquidity.apply(w), t, stop);
                }
            } else if (o.type().triggers(o.side(), o.stopPrice(), price)) {
                trigger(w, liquidity.apply(w), t, null);
            }
        }
    }

    /** Moves a trailing stop with a new price; returns its stop price when that price triggers it, else null. */
    private BigDecimal trailTick(WorkingOrder w, BigDecimal price) {
        if (!w.trailingActive) {
            if (activationReached(w, price)) {
                w.trailingActive = true;
                w.trailingExtreme = price;
            }
            return null;
        }
        if (w.trailingExtreme == null || improves(w, price)) {
            w.trailingExtreme = price;
            return null;
        }
        BigDecimal stop = trailingStop(w);
        boolean fire = w.side() == Side.SELL ? price.compareTo(stop) <= 0 : price.compareTo(stop) >= 0;
        return fire ? stop : null;
    }

    private static boolean activationReached(WorkingOrder w, BigDecimal price) {
        BigDecimal act = activation(w.order);
        return act == null || (activatesUp(w.order) ? price.compareTo(act) >= 0 : price.compareTo(act) <= 0);
    }

    /**
     * A trailing stop: USDⓈ-M TRAILING_STOP_MARKET, or a spot STOP_LOSS(_LIMIT) / TAKE_PROFIT(_LIMIT) with a
     * {@code trailingDelta} (here {@code callbackRate} percent = trailingDelta BIPS / 100). Binance's spot trailing-stop
     * FAQ: a SELL triggers after the price falls by the delta from the highest price since submission (or since
     * activation), a BUY after it rises by the delta from the lowest.
     */
    private static boolean trails(Order o) {
        return o.type() == OrderType.TRAILING_STOP_MARKET
                || o.market() == Market.SPOT && o.type().isConditional() && o.options().callbackRate() != null;
    }

    /**
     * Where a trailing stop starts trailing, or null for at once: futures {@code activationPrice}; spot the
     * {@code stopPrice}, reached when the order's own stop condition is (a SELL STOP_LOSS or BUY TAKE_PROFIT as the
     * price falls to it, a BUY STOP_LOSS or SELL TAKE_PROFIT as it rises to it).
     */
    private static BigDecimal activation(Order o) {
        return o.type() == OrderType.TRAILING_STOP_MARKET ? o.options().activationPrice() : o.stopPrice();
    }

    /** True when the activation price is reached from below (the price rises to it). */
    private static boolean activatesUp(Order o) {
        return o.type() == OrderType.TRAILING_STOP_MARKET ? o.side() == Side.SELL
                : (o.side() == Side.BUY) == o.type().isStopLossKind();
    }

    /** SELL trails the highest price, BUY the lowest. */
    private static boolean improves(WorkingOrder w, BigDecimal price) {
        return w.side() == Side.SELL ? price.compareTo(w.trailingExtreme) > 0 : price.compareTo(w.trailingExtreme) < 0;
    }

    /** Binance: SELL triggers at highest × (1 − callbackRate %), BUY at lowest × (1 + callbackRate %); tick-rounded. */
    private static BigDecimal trailingStop(WorkingOrder w) {
        BigDecimal cb = w.order.options().callbackRate().divide(HUNDRED);
        BigDecimal f = w.side() == Side.SELL ? BigDecimal.ONE.subtract(cb) : BigDecimal.ONE.add(cb);
        return w.s.instrument.roundPrice(w.trailingExtreme.multiply(f));
    }

    /**
     * A conditional order fires: reduce-only / closePosition sizing and the futures margin check happen now (Binance
     * reserves nothing for an untriggered order), then TRIGGERED and a first look as MARKET or LIMIT.
     */
    private void trigger(WorkingOrder w, Liquidity liq, long t, BigDecimal trailingStop) {
        Order o = w.order;
        if (o.market() == Market.USDM_FUTURES) {
            if (isReducing(o)) {
                BigDecimal c = closable(o);
                if (c.signum() == 0) {
                    expire(w, REDUCE_ONLY_REJECTED, t);
                    return;
                }
                if (o.options().closePosition()) {
                    o = o.withQuantity(c, t);
                }
            } else {
                BigDecimal px = o.price() != null ? o.price() : trailingStop != null ? trailingStop : o.stopPrice();
                BigDecimal inc = increasingQty(o, o.remaining());
                BigDecimal required = inc.multiply(px).divide(BigDecimal.valueOf(leverage(o.symbol())), 16,
                        RoundingMode.HALF_UP);
                if (required.compareTo(availableBalance()) > 0) {
                    expire(w, MARGIN_INSUFFICIENT, t);
                    return;
                }
            }
        }
        if (trailingStop != null) {
            o = o.withStopPrice(trailingStop, t);
        }
        o = o.withTriggered(t);
        w.order = o;
        report(ExecType.TRIGGERED, o, null, t, null);
        firstLook(w, liq, t);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Trades and books against resting orders
    // ------------------------------------------------------------------------------------------------------------

    private void tradeMatch(SymbolState s, Trade tr, long t) {
        BigDecimal px = tr.price();
        // one pool per side of ours: our BUY orders share the trade's quantity, so do our SELL orders
        BigDecimal[] pool = {tr.qty(), tr.qty()};
        PointLiquidity point = new PointLiquidity(px, w -> pool[sideIdx(w.side())],
                (w, q) -> pool[sideIdx(w.side())] = pool[sideIdx(w.side())].subtract(q));
        triggersAtPrice(s, px, w -> takerLiquidity(w, point), t, false);
        for (WorkingOrder w : ordersOf(s)) {
            if (isOpen(w) && !w.resting && working(w.order)) {
                firstLook(w, takerLiquidity(w, point), t);
            }
        }
        for (WorkingOrder w : restingByPriority(s)) {
            int i = sideIdx(w.side());
            if (!isOpen(w) || pool[i].signum() <= 0) {
                continue;
            }
            BigDecimal p = w.order.price();
            if (through(w.side(), p, px)) {
                w.queueAhead = ZERO;
                BigDecimal q = w.order.remaining().min(pool[i]);
                pool[i] = pool[i].subtract(q);
                makerFill(w, q, p, t);
            } else if (px.compareTo(p) == 0) {
                BigDecimal ahead = w.queueAhead.min(pool[i]);
                w.queueAhead = w.queueAhead.subtract(ahead);
                pool[i] = pool[i].subtract(ahead);
                BigDecimal q = w.order.remaining().min(pool[i]);
                if (q.signum() > 0) {
                    pool[i] = pool[i].subtract(q);
                    makerFill(w, q, p, t);
                }
            }
        }
    }

    /**
     * A new book against resting orders: the queue ahead cannot be longer than the level now shows; a book whose
     * other side reaches our price means our level was swept — fill at our price, capped by the crossing quantity.
     */
    private void restingAgainstBook(SymbolState s, long t) {
        BookLiquidity liq = new BookLiquidity(s.book);
        for (WorkingOrder w : restingByPriority(s)) {
            if (!isOpen(w)) {
                continue;
            }
            Order o = w.order;
            w.queueAhead = w.queueAhead.min(s.book.qtyAt(o.side(), o.price()));
            List<Exec> crossing = liq.quote(w, o.remaining(), o.price());
            if (crossing.isEmpty()) {
                continue;
            }
            w.queueAhead = ZERO;
            BigDecimal total = crossing.stream().map(Exec::qty).reduce(ZERO, BigDecimal::add);
            Cap c = cap(w, total, o.price(), LiquiditySide.MAKER);
            BigDecimal left = c.qty();
            for (Exec e : crossing) {
                BigDecimal q = left.min(e.qty());
                if (q.signum() <= 0) {
                    break;
                }
                liq.consume(w, e, q);
                left = left.subtract(q);
            }
            if (c.qty().signum() > 0) {
                applyFill(w, c.qty(), o.price(), LiquiditySide.MAKER, t);
            }
            if (c.reason() != null && isOpen(w)) {
                expire(w, c.reason(), t);
            }
        }
    }

    /** Resting limits of {@code s}: BUY best (highest) price first, SELL lowest first, then time priority. */
    private List<WorkingOrder> restingByPriority(SymbolState s) {
        List<WorkingOrder> out = new ArrayList<>();
        for (WorkingOrder w : ordersOf(s)) {
            if (w.resting && limitLike(w.order) && working(w.order)) {
                out.add(w);
            }
        }
        out.sort(Comparator.<WorkingOrder, Integer>comparing(w -> sideIdx(w.side()))
                .thenComparing((a, b) -> a.side() == Side.BUY ? b.order.price().compareTo(a.order.price())
                        : a.order.price().compareTo(b.order.price()))
                .thenComparingLong(w -> w.seq));
        return out;
    }

    // ------------------------------------------------------------------------------------------------------------
    // Bars
    // ------------------------------------------------------------------------------------------------------------

    private void runBar(SymbolState s, Bar b) {
        if (open.isEmpty() && s.market() == Market.SPOT) {
            s.lastPrice = b.close(); // nothing can fill or trigger on spot without orders: skip the path walk
            return;
        }
        barCap = floorStep(s.instrument, config.barParticipation().multiply(b.volume()));
        barUsed = new IdentityHashMap<>();
        try {
            List<BigDecimal> pts = BarPath.points(b);
            long[] ts = BarPath.times(b);
            barOpen(s, b, pts.get(0), ts[0]);
            for (int i = 0; i < 3; i++) {
                barSegment(s, b, pts.get(i), pts.get(i + 1), ts[i], ts[i + 1]);
            }
            s.lastPrice = b.close();
        } finally {
            barCap = null;
            barUsed = null;
        }
    }

    private boolean eligible(WorkingOrder w, Bar b) {
        return w.submittedAt <= b.openTime() && w.arrivalAt <= b.closeTime();
    }

    private BigDecimal budget(WorkingOrder w) {
        return barCap.subtract(barUsed.getOrDefault(w, ZERO)).max(ZERO);
    }

    private PointLiquidity barPoint(BigDecimal price) {
        return new PointLiquidity(price, this::budget, (w, q) -> { });
    }

    /** The open: a jump from the previous price; gaps trigger stops and fill resting limits at the open. */
    private void barOpen(SymbolState s, Bar b, BigDecimal open, long t) {
        s.lastPrice = open;
        if (s.market() == Market.USDM_FUTURES && s.markPrice == null) {
            checkLiquidation(s, t);
        }
        Set<WorkingOrder> looked = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        for (WorkingOrder w : ordersOf(s)) {
            Order o = w.order;
            if (!isOpen(w) || !eligible(w, b) || !o.type().isConditional() || o.triggered() || watchesMark(w)) {
                continue;
            }
            if (trails(o)) {
                BigDecimal stop = trailTick(w, open);
                if (stop != null) {
                    looked.add(w);
                    trigger(w, barPoint(stopFill(w, open)), t, stop);
                }
            } else if (o.type().triggers(o.side(), o.stopPrice(), open)) {
                looked.add(w);
                boolean toMarket = o.type().onTrigger(o.market()) == OrderType.MARKET;
                trigger(w, barPoint(toMarket ? stopFill(w, open) : open), t, null);
            }
        }
        for (WorkingOrder w : ordersOf(s)) {
            if (isOpen(w) && eligible(w, b) && !looked.contains(w) && !w.resting && working(w.order)) {
                looked.add(w);
                firstLook(w, barPoint(open), t);
            }
        }
        for (WorkingOrder w : ordersOf(s)) {
            if (isOpen(w) && eligible(w, b) && !looked.contains(w) && w.resting && limitLike(w.order)
                    && working(w.order) && through(w.side(), w.order.price(), open)) {
                makerFill(w, w.order.remaining().min(budget(w)), w.order.price(), t);
            }
        }
    }

    private enum EventKind { LIQUIDATION, TRIGGER, ACTIVATE, TRAIL, LIMIT }

    private record PathEvent(BigDecimal price, EventKind kind, WorkingOrder w, BigDecimal stop) {
    }

    /** One monotone leg of the path: events in the order the price reaches them. */
    private void barSegment(SymbolState s, Bar b, BigDecimal from, BigDecimal to, long tFrom, long tTo) {
        int dir = to.compareTo(from);
        if (dir == 0) {
            return;
        }
        BigDecimal cur = from;
        for (int guard = 0; guard < 1_000_000; guard++) {
            PathEvent best = null;
            for (WorkingOrder w : ordersOf(s)) {
                if (!isOpen(w) || !eligible(w, b)) {
                    continue;
                }
                PathEvent e = candidate(w, cur, to, dir);
                if (e != null && (best == null || earlier(e, best, cur))) {
                    best = e;
                }
            }
            PathEvent liq = liquidationEvent(s, cur, to, dir);
            if (liq != null && (best == null || liq.price().subtract(cur).abs()
                    .compareTo(best.price().subtract(cur).abs()) <= 0)) {
                best = liq;
            }
            if (best == null) {
                break;
            }
            cur = best.price();
            s.lastPrice = cur;
            long t = tFrom + (long) ((tTo - tFrom) * cur.subtract(from).abs()
                    .divide(to.subtract(from).abs(), MathContext.DECIMAL64).doubleValue());
            WorkingOrder w = best.w();
            switch (best.kind()) {
                case LIQUIDATION -> checkLiquidation(s, t);
                case ACTIVATE -> {
                    w.trailingActive = true;
                    w.trailingExtreme = cur;
                }
                case TRIGGER -> {
                    boolean toMarket = w.order.type().onTrigger(w.order.market()) == OrderType.MARKET;
                    trigger(w, barPoint(toMarket ? stopFill(w, cur) : cur), t, null);
                }
                case TRAIL -> trigger(w, barPoint(stopFill(w, cur)), t, best.stop());
                case LIMIT -> makerFill(w, w.order.remaining().min(budget(w)), cur, t);
            }
        }
        for (WorkingOrder w : ordersOf(s)) {
            if (isOpen(w) && eligible(w, b) && trails(w.order) && !w.order.triggered()
                    && w.trailingActive && w.trailingExtreme != null && improves(w, to)) {
                w.trailingExtreme = to;
            }
        }
        s.lastPrice = to;
    }

    private static boolean earlier(PathEvent a, PathEvent b, BigDecimal cur) {
        int c = a.price().subtract(cur).abs().compareTo(b.price().subtract(cur).abs());
        if (c != 0) {
            return c < 0;
        }
        c = a.kind().compareTo(b.kind());
        return c != 0 ? c < 0 : a.w().seq < b.w().seq;
    }

    /** The next point on cur → to (direction dir) where order w reacts, or null. */
    private PathEvent candidate(WorkingOrder w, BigDecimal cur, BigDecimal to, int dir) {
        Order o = w.order;
        if (o.type().isConditional() && !o.triggered()) {
            if (watchesMark(w)) {
                return null;
            }
            if (trails(o)) {
                if (!w.trailingActive) {
                    BigDecimal a = activation(o);
                    if (a == null) {
                        return null;
                    }
                    boolean up = activatesUp(o);
                    return (up ? dir > 0 : dir < 0) && notBehind(a, cur, dir) && notBeyond(a, to, dir)
                            ? new PathEvent(a, EventKind.ACTIVATE, w, null) : null;
                }
                if (w.trailingExtreme == null) {
                    return null;
                }
                BigDecimal stop = trailingStop(w);
                boolean fallsTo = w.side() == Side.SELL; // SELL fires on the way down
                return (fallsTo ? dir < 0 : dir > 0) && notBehind(stop, cur, dir) && notBeyond(stop, to, dir)
                        ? new PathEvent(stop, EventKind.TRAIL, w, stop) : null;
            }
            BigDecimal stop = o.stopPrice();
            boolean up = (o.side() == Side.BUY) == o.type().isStopLossKind();
            return (up ? dir > 0 : dir < 0) && notBehind(stop, cur, dir) && notBeyond(stop, to, dir)
                    ? new PathEvent(stop, EventKind.TRIGGER, w, null) : null;
        }
        if (w.resting && limitLike(o) && budget(w).signum() > 0) {
            BigDecimal p = o.price();
            // fills when the path trades strictly through p: BUY going down below p, SELL going up above p
            if (o.side() == Side.BUY && dir < 0 && p.compareTo(cur) <= 0 && p.compareTo(to) > 0) {
                return new PathEvent(p, EventKind.LIMIT, w, null);
            }
            if (o.side() == Side.SELL && dir > 0 && p.compareTo(cur) >= 0 && p.compareTo(to) < 0) {
                return new PathEvent(p, EventKind.LIMIT, w, null);
            }
        }
        return null;
    }

    /**
     * price lies at or after cur in direction dir. Inclusive: two orders may react at the same price, and every event
     * changes its order's state (triggered, activated, filled), so an order never reacts twice at one point.
     */
    private static boolean notBehind(BigDecimal price, BigDecimal cur, int dir) {
        return dir > 0 ? price.compareTo(cur) >= 0 : price.compareTo(cur) <= 0;
    }

    /** price is reached before or at the leg's end. */
    private static boolean notBeyond(BigDecimal price, BigDecimal to, int dir) {
        return dir > 0 ? price.compareTo(to) <= 0 : price.compareTo(to) >= 0;
    }

    /** Stop-market fill price on bars: the trigger (or gap) price moved by the slippage, against the trader. */
    private BigDecimal stopFill(WorkingOrder w, BigDecimal price) {
        BigDecimal bps = config.stopSlippageBps();
        if (bps.signum() == 0) {
            return price;
        }
        BigDecimal f = bps.divide(BPS);
        boolean buy = w.side() == Side.BUY;
        BigDecimal raw = price.multiply(buy ? BigDecimal.ONE.add(f) : BigDecimal.ONE.subtract(f));
        return roundToTick(w.s.instrument, raw, buy ? RoundingMode.CEILING : RoundingMode.FLOOR);
    }

    /** Where on cur → to the account first reaches liquidation (futures without a mark feed), or null. */
    private PathEvent liquidationEvent(SymbolState s, BigDecimal cur, BigDecimal to, int dir) {
        if (s.market() != Market.USDM_FUTURES || s.markPrice != null || !hasPosition(s.symbol())) {
            return null;
        }
        if (!liquidatableAt(s, to)) {
            return null;
        }
        if (liquidatableAt(s, cur)) {
            return new PathEvent(cur, EventKind.LIQUIDATION, null, null);
        }
        BigDecimal lo = cur;
        BigDecimal hi = to;
        BigDecimal tick = s.instrument.tickSize();
        for (int i = 0; i < 200 && hi.subtract(lo).abs().compareTo(tick) > 0; i++) {
            BigDecimal mid = lo.add(hi).divide(BigDecimal.TWO, 20, RoundingMode.HALF_EVEN);
            if (liquidatableAt(s, mid)) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        // the first tick price on the way at which the account is liquidatable: hi is within a tick past the exact
        // point, so round it back towards cur and step forward
        BigDecimal p = roundToTick(s.instrument, hi, dir > 0 ? RoundingMode.FLOOR : RoundingMode.CEILING);
        BigDecimal step = dir > 0 ? tick : tick.negate();
        for (int i = 0; i < 3 && notBeyond(p, to, dir) && !liquidatableAt(s, p); i++) {
            p = p.add(step);
        }
        if (!notBeyond(p, to, dir) || !liquidatableAt(s, p)) {
            p = to;
        }
        return new PathEvent(p, EventKind.LIQUIDATION, null, null);
    }

    private boolean liquidatableAt(SymbolState s, BigDecimal price) {
        BigDecimal saved = s.lastPrice;
        s.lastPrice = price;
        try {
            return !liquidationSet(s).isEmpty();
        } finally {
            s.lastPrice = saved;
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Fills and the account
    // ------------------------------------------------------------------------------------------------------------

    private void applyFill(WorkingOrder w, BigDecimal qty, BigDecimal price, LiquiditySide liq, long t) {
        Order o = w.order;
        Instrument ins = w.s.instrument;
        Market m = ins.market();
        BigDecimal notional = qty.multiply(price);
        BigDecimal fee = commission(notional, config.fees(m).rate(liq, m));
        BigDecimal realizedNet = ZERO;
        if (m == Market.SPOT) {
            spotFill(w, qty, price, notional, fee);
        } else {
            BigDecimal gross = futuresFill(ins.symbol(), positionKeySide(o), o.side(), qty, price, t);
            wallet = wallet.subtract(fee);
            Pos p = positions.get(new PosKey(ins.symbol(), positionKeySide(o)));
            p.realized = p.realized.subtract(fee);
            realizedNet = money(gross.subtract(fee));
        }
        if (barUsed != null) {
            barUsed.merge(w, qty, BigDecimal::add);
        }
        Fill f = new Fill(nextTradeId++, o.clientOrderId(), o.symbol(), o.side(), qty, price, fee, ins.quoteAsset(),
                liq, t, realizedNet, m, o.positionSide());
        w.order = o.withFill(qty, price, t);
        if (!w.order.isOpen()) {
            finish(w, w.order);
        }
        report(ExecType.TRADE, w.order, f, t, null);
        if (m == Market.USDM_FUTURES) {
            expireStaleReduceOnly(w.s, t);
        }
    }

    private void spotFill(WorkingOrder w, BigDecimal qty, BigDecimal price, BigDecimal notional, BigDecimal fee) {
        Instrument ins = w.s.instrument;
        Bal base = bal(ins.baseAsset());
        Bal quote = bal(ins.quoteAsset());
        if (w.side() == Side.BUY) {
            BigDecimal release = w.order.price() != null ? w.locked.min(w.order.price().multiply(qty)) : ZERO;
            unlock(w, quote, release);
            quote.free = quote.free.subtract(notional).subtract(fee);
            base.free = base.free.add(qty);
        } else {
            BigDecimal own = w.locked.min(qty);
            unlock(w, base, own);
            BigDecimal rest = qty.subtract(own);
            for (WorkingOrder x : groupHolders(w.order, w)) {
                if (rest.signum() <= 0) {
                    break;
                }
                BigDecimal take = x.locked.min(rest);
                unlock(x, base, take);
                rest = rest.subtract(take);
            }
            base.free = base.free.subtract(qty);
            quote.free = quote.free.add(notional).subtract(fee);
        }
    }

    private static void unlock(WorkingOrder w, Bal b, BigDecimal amount) {
        if (amount.signum() <= 0) {
            return;
        }
        b.locked = b.locked.subtract(amount);
        b.free = b.free.add(amount);
        w.locked = w.locked.subtract(amount);
    }

    /** Applies a futures fill to its position; returns the gross realised P&L (commission not included). */
    private BigDecimal futuresFill(String symbol, PositionSide ps, Side side, BigDecimal qty, BigDecimal price, long t) {
        Pos p = positions.computeIfAbsent(new PosKey(symbol, ps), k -> new Pos());
        int sign = side.sign();
        BigDecimal realized = ZERO;
        BigDecimal rest = qty;
        BigDecimal q = p.qty;
        if (q.signum() != 0 && q.signum() != sign) {
            BigDecimal close = rest.min(q.abs());
            realized = close.multiply(price.subtract(p.entry)).multiply(BigDecimal.valueOf(q.signum()));
            if (p.isolatedMargin.signum() != 0) {
                p.isolatedMargin = p.isolatedMargin.subtract(
                        p.isolatedMargin.multiply(close).divide(q.abs(), 16, RoundingMode.HALF_UP));
            }
            q = q.add(close.multiply(BigDecimal.valueOf(sign)));
            rest = rest.subtract(close);
            if (q.signum() == 0) {
                p.entry = ZERO;
                p.isolatedMargin = ZERO;
            }
        }
        if (rest.signum() > 0) {
            BigDecimal absQ = q.abs();
            p.entry = p.entry.multiply(absQ).add(price.multiply(rest))
                    .divide(absQ.add(rest), ENTRY_SCALE, RoundingMode.HALF_EVEN).stripTrailingZeros();
            q = q.add(rest.multiply(BigDecimal.valueOf(sign)));
            if (marginType(symbol) == MarginType.ISOLATED) {
                p.isolatedMargin = p.isolatedMargin.add(rest.multiply(price)
                        .divide(BigDecimal.valueOf(leverage(symbol)), 16, RoundingMode.HALF_UP));
            }
        }
        p.qty = q;
        p.realized = p.realized.add(realized);
        p.updated = t;
        wallet = wallet.add(realized);
        return realized;
    }

    /** Reduce-only orders that can no longer reduce anything (their position closed) expire, as on Binance. */
    private void expireStaleReduceOnly(SymbolState s, long t) {
        for (WorkingOrder w : ordersOf(s)) {
            Order o = w.order;
            if (isOpen(w) && isReducing(o) && !o.options().closePosition()
                    && (!o.type().isConditional() || o.triggered()) && closable(o).signum() == 0) {
                expire(w, REDUCE_ONLY_REJECTED, t);
            }
        }
    }

    private void lockFunds(WorkingOrder w) {
        Order o = w.order;
        if (o.market() != Market.SPOT) {
            return;
        }
        BigDecimal amount;
        if (o.side() == Side.SELL) {
            // an OCO leg shares the base its group already holds: only one leg can execute (Binance order lists)
            amount = o.quantity().subtract(groupLock(o, w)).max(ZERO);
        } else {
            amount = o.price() != null ? o.price().multiply(o.quantity()) : ZERO; // market BUYs hold nothing
        }
        if (amount.signum() <= 0) {
            return;
        }
        String asset = lockAsset(w);
        Bal b = bal(asset);
        b.free = b.free.subtract(amount);
        b.locked = b.locked.add(amount);
        w.locked = amount;
        w.lockedAsset = asset;
    }

    /** Base held by the other open spot SELL legs of {@code o}'s order list (largest lock; 0 outside a list). */
    private BigDecimal groupLock(Order o, WorkingOrder self) {
        BigDecimal m = ZERO;
        for (WorkingOrder x : groupHolders(o, self)) {
            m = m.max(x.locked);
        }
        return m;
    }

    /** The other open spot SELL legs of {@code o}'s order list that hold a lock. */
    private List<WorkingOrder> groupHolders(Order o, WorkingOrder self) {
        String list = o.options().orderListId();
        if (list == null || o.market() != Market.SPOT || o.side() != Side.SELL) {
            return List.of();
        }
        List<WorkingOrder> out = new ArrayList<>();
        for (WorkingOrder x : open.values()) {
            if (x != self && x.order.market() == Market.SPOT && x.side() == Side.SELL && x.locked.signum() > 0
                    && list.equals(x.order.options().orderListId()) && x.order.symbol().equals(o.symbol())) {
                out.add(x);
            }
        }
        return out;
    }

    /** A finished OCO leg passes the base it held to a still-open leg of its list instead of freeing it. */
    private void handOverGroupLock(WorkingOrder w) {
        String list = w.order.options().orderListId();
        if (list == null || w.locked.signum() <= 0 || w.order.market() != Market.SPOT || w.side() != Side.SELL) {
            return;
        }
        for (WorkingOrder x : open.values()) {
            if (x != w && list.equals(x.order.options().orderListId()) && x.side() == Side.SELL
                    && x.order.symbol().equals(w.order.symbol())) {
                BigDecimal need = x.order.remaining().subtract(x.locked).max(ZERO);
                BigDecimal give = need.min(w.locked);
                if (give.signum() > 0) {
                    w.locked = w.locked.subtract(give);
                    x.locked = x.locked.add(give);
                    x.lockedAsset = w.lockedAsset;
                }
            }
        }
    }

    private static String lockAsset(WorkingOrder w) {
        Instrument ins = w.s.instrument;
        return w.side() == Side.SELL ? ins.baseAsset() : ins.quoteAsset();
    }

    private void releaseLocks(WorkingOrder w) {
        if (w.lockedAsset != null && w.locked.signum() > 0) {
            unlock(w, bal(w.lockedAsset), w.locked);
        }
    }

    private void finish(WorkingOrder w, Order terminal) {
        w.order = terminal;
        open.remove(w.id(), w);
        handOverGroupLock(w);
        releaseLocks(w);
        closed.put(w.id(), terminal);
    }

    private void expire(WorkingOrder w, String reason, long t) {
        finish(w, w.order.withStatus(OrderStatus.EXPIRED, t, reason));
        report(ExecType.EXPIRED, w.order, null, t, reason);
    }

    private void expireGtd(long t) {
        if (open.isEmpty()) {
            return; // the common case in a backtest: no copy of an empty map per event
        }
        for (WorkingOrder w : new ArrayList<>(open.values())) {
            Order o = w.order;
            if (isOpen(w) && o.timeInForce() == TimeInForce.GTD && o.options().goodTillDate() <= t) {
                expire(w, "GTD: goodTillDate " + o.options().goodTillDate() + " reached", t);
            }
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Futures margin, liquidation, funding
    // ------------------------------------------------------------------------------------------------------------

    private PositionSide positionKeySide(Order o) {
        return hedgeMode ? o.positionSide() : PositionSide.BOTH;
    }

    /** Reduce-only in effect: one-way reduceOnly/closePosition, or a hedge-mode closing order (SELL LONG, BUY SHORT). */
    private boolean isReducing(Order o) {
        if (o.market() != Market.USDM_FUTURES) {
            return false;
        }
        OrderOptions op = o.options();
        if (op.reduceOnly() || op.closePosition()) {
            return true;
        }
        return hedgeMode && ((o.side() == Side.SELL && o.positionSide() == PositionSide.LONG)
                || (o.side() == Side.BUY && o.positionSide() == PositionSide.SHORT));
    }

    /** Base quantity a reducing order may still close now. */
    private BigDecimal closable(Order o) {
        Pos p = positions.get(new PosKey(o.symbol(), positionKeySide(o)));
        BigDecimal q = p == null ? ZERO : p.qty;
        if (o.side() == Side.SELL) {
            return q.max(ZERO);
        }
        return q.negate().max(ZERO);
    }

    /** The part of {@code qty} that would open or add to a position (what needs initial margin). */
    private BigDecimal increasingQty(Order o, BigDecimal qty) {
        if (isReducing(o)) {
            return ZERO;
        }
        if (hedgeMode) {
            return qty;
        }
        Pos p = positions.get(new PosKey(o.symbol(), PositionSide.BOTH));
        BigDecimal q = p == null ? ZERO : p.qty;
        if (q.signum() == 0 || q.signum() == o.side().sign()) {
            return qty;
        }
        return qty.subtract(q.abs()).max(ZERO);
    }

    private BigDecimal markOf(String symbol, Pos p) {
        SymbolState s = symbols.get(new Key(Market.USDM_FUTURES, symbol));
        BigDecimal m = s == null ? null : mark(s);
        return m != null ? m : p.entry;
    }

    /** Mark price, or the last price until a mark price has arrived. */
    private static BigDecimal mark(SymbolState s) {
        return s.markPrice != null ? s.markPrice : s.lastPrice;
    }

    private static BigDecimal unrealized(Pos p, BigDecimal mark) {
        return p.qty.multiply(mark.subtract(p.entry));
    }

    private BigDecimal positionInitialMargin(String symbol, Pos p, BigDecimal mark) {
        if (marginType(symbol) == MarginType.ISOLATED) {
            return p.isolatedMargin;
        }
        return p.qty.abs().multiply(mark).divide(BigDecimal.valueOf(leverage(symbol)), 16, RoundingMode.HALF_UP);
    }

    private BigDecimal openOrderInitialMargin() {
        BigDecimal sum = ZERO;
        for (WorkingOrder w : open.values()) {
            Order o = w.order;
            if (o.market() != Market.USDM_FUTURES || (o.type().isConditional() && !o.triggered())) {
                continue;
            }
            BigDecimal inc = increasingQty(o, o.remaining());
            BigDecimal px = o.price() != null ? o.price() : estimatedTakerPrice(w.s, o.side());
            if (inc.signum() > 0 && px != null) {
                sum = sum.add(inc.multiply(px).divide(BigDecimal.valueOf(leverage(o.symbol())), 16, RoundingMode.HALF_UP));
            }
        }
        return sum;
    }

    /** wallet + cross unrealised P&L − position initial margin − open-order initial margin. */
    private BigDecimal availableBalance() {
        BigDecimal v = wallet;
        for (Map.Entry<PosKey, Pos> e : positions.entrySet()) {
            Pos p = e.getValue();
            if (p.qty.signum() == 0) {
                continue;
            }
            String sym = e.getKey().symbol();
            BigDecimal mark = markOf(sym, p);
            if (marginType(sym) == MarginType.CROSSED) {
                v = v.add(unrealized(p, mark));
            }
            v = v.subtract(positionInitialMargin(sym, p, mark));
        }
        return v.subtract(openOrderInitialMargin());
    }

    private boolean hasPosition(String symbol) {
        for (Map.Entry<PosKey, Pos> e : positions.entrySet()) {
            if (e.getKey().symbol().equals(symbol) && e.getValue().qty.signum() != 0) {
                return true;
            }
        }
        return false;
    }

    /** Positions to liquidate now: every cross position when the cross account fails, isolated ones of {@code s}. */
    private List<PosKey> liquidationSet(SymbolState s) {
        List<PosKey> out = new ArrayList<>();
        BigDecimal crossMb = wallet;
        BigDecimal crossMm = ZERO;
        List<PosKey> cross = new ArrayList<>();
        for (Map.Entry<PosKey, Pos> e : positions.entrySet()) {
            Pos p = e.getValue();
            if (p.qty.signum() == 0) {
                continue;
            }
            String sym = e.getKey().symbol();
            BigDecimal mark = markOf(sym, p);
            BigDecimal mm = marginModel.maintenanceMargin(sym, p.qty.abs().multiply(mark));
            if (marginType(sym) == MarginType.ISOLATED) {
                crossMb = crossMb.subtract(p.isolatedMargin);
                if (sym.equals(s.symbol()) && marginModel.isLiquidation(p.isolatedMargin.add(unrealized(p, mark)), mm)) {
                    out.add(e.getKey());
                }
            } else {
                crossMb = crossMb.add(unrealized(p, mark));
                crossMm = crossMm.add(mm);
                cross.add(e.getKey());
            }
        }
        if (marginModel.isLiquidation(crossMb, crossMm)) {
            out.addAll(cross);
        }
        return out;
    }

    private void checkLiquidation(SymbolState s, long t) {
        List<PosKey> set = liquidationSet(s);
        if (set.isEmpty()) {
            return;
        }
        // open orders of the liquidated symbols go first (Binance cancels them before closing)
        Set<String> syms = new java.util.TreeSet<>();
        set.forEach(k -> syms.add(k.symbol()));
        for (WorkingOrder w : new ArrayList<>(open.values())) {
            if (w.s.market() == Market.USDM_FUTURES && syms.contains(w.s.symbol())) {
                expire(w, "liquidation: open orders of " + w.s.symbol() + " expired", t);
            }
        }
        for (PosKey k : set) {
            Pos p = positions.get(k);
            if (p == null || p.qty.signum() == 0) {
                continue;
            }
            SymbolState ps = symbols.get(new Key(Market.USDM_FUTURES, k.symbol()));
            BigDecimal price = markOf(k.symbol(), p);
            Side side = p.qty.signum() > 0 ? Side.SELL : Side.BUY;
            BigDecimal qty = p.qty.abs();
            OrderOptions opts = OrderOptions.FUTURES.withPositionSide(k.side()).withReduceOnly(!hedgeMode);
            Order o = new Order(AUTOCLOSE_PREFIX + nextAutoCloseId++, k.symbol(), side, OrderType.MARKET, null, qty,
                    null, OrderStatus.NEW, ZERO, null, t, t, null, null, opts, false, String.valueOf(nextOrderId++));
            BigDecimal fee = commission(qty.multiply(price), config.futuresFees().rate(LiquiditySide.TAKER,
                    Market.USDM_FUTURES));
            BigDecimal gross = futuresFill(k.symbol(), k.side(), side, qty, price, t);
            wallet = wallet.subtract(fee);
            p.realized = p.realized.subtract(fee);
            if (wallet.signum() < 0) {
                wallet = ZERO; // the insurance fund takes a bankrupt account's loss
            }
            Fill f = new Fill(nextTradeId++, o.clientOrderId(), k.symbol(), side, qty, price, fee,
                    ps == null ? FUTURES_WALLET_ASSET : ps.instrument.quoteAsset(), LiquiditySide.TAKER, t,
                    money(gross.subtract(fee)), Market.USDM_FUTURES, k.side());
            Order filled = o.withFill(qty, price, t);
            closed.put(filled.clientOrderId(), filled);
            report(ExecType.TRADE, filled, f, t, null);
        }
    }

    private void settleFunding(SymbolState s, long t) {
        long ft = s.nextFundingTime;
        if (s.markPrice == null || s.fundingRate == null || ft <= 0 || t < ft || s.settledFundingTime >= ft) {
            return;
        }
        s.settledFundingTime = ft;
        for (Map.Entry<PosKey, Pos> e : positions.entrySet()) {
            Pos p = e.getValue();
            if (!e.getKey().symbol().equals(s.symbol()) || p.qty.signum() == 0) {
                continue;
            }
            BigDecimal amount = money(marginModel.fundingPayment(s.symbol(), p.qty, s.markPrice, s.fundingRate));
            wallet = wallet.add(amount);
            outbox.addLast(new FundingOut(s.symbol(), e.getKey().side(), amount, s.fundingRate, ft));
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Snapshot / restore
    // ------------------------------------------------------------------------------------------------------------

    /** The venue's state as plain records (see {@link State}). */
    public State snapshot() {
        List<SymbolSetting> settings = new ArrayList<>();
        java.util.SortedSet<String> syms = new java.util.TreeSet<>(leverage.keySet());
        syms.addAll(marginTypes.keySet());
        for (String sym : syms) {
            settings.add(new SymbolSetting(sym, leverage(sym), marginType(sym)));
        }
        List<PositionState> pos = new ArrayList<>();
        positions.forEach((k, p) -> pos.add(new PositionState(k.symbol(), k.side(), p.qty, p.entry, p.isolatedMargin,
                p.realized, p.updated)));
        List<OpenOrderState> orders = new ArrayList<>();
        for (WorkingOrder w : open.values()) {
            orders.add(new OpenOrderState(w.order, w.seq, w.submittedAt, w.arrivalAt, w.resting, w.queueAhead,
                    w.trailingActive, w.trailingExtreme, w.locked, w.lockedAsset));
        }
        List<PendingRequest> pending = new ArrayList<>();
        for (Request r : inbox) {
            pending.add(switch (r) {
                case SubmitRequest s -> new PendingRequest(PendingRequest.Kind.SUBMIT, s.order(),
                        s.order().clientOrderId(), null, null, s.time(), s.arrival());
                case CancelRequest c -> new PendingRequest(PendingRequest.Kind.CANCEL, null, c.clientOrderId(), null,
                        null, c.time(), c.arrival());
                case ModifyRequest m -> new PendingRequest(PendingRequest.Kind.MODIFY, null, m.clientOrderId(),
                        m.quantity(), m.price(), m.time(), m.arrival());
            });
        }
        List<PriceState> prices = new ArrayList<>();
        symbols.values().stream()
                .sorted(Comparator.comparing((SymbolState s) -> s.market()).thenComparing(SymbolState::symbol))
                .forEach(s -> prices.add(new PriceState(s.market(), s.symbol(), s.lastPrice, s.tradeSeen,
                        s.lastTickTime, s.markPrice, s.fundingRate, s.nextFundingTime, s.settledFundingTime)));
        return new State(clock, nextTradeId, nextOrderId, nextAutoCloseId, nextSeq, hedgeMode, wallet, balances(),
                settings, pos, orders, pending, prices);
    }

    /**
     * Replaces the whole venue state by {@code state} (instruments, configuration and handler stay).
     *
     * @throws IllegalArgumentException when an order or price names an instrument this venue does not know; the venue
     *                                  is then unchanged
     */
    public void restore(State state) {
        Objects.requireNonNull(state, "state");
        for (OpenOrderState os : state.openOrders()) {
            requireKnown(os.order().market(), os.order().symbol(), "open order " + os.order().clientOrderId());
        }
        for (PriceState ps : state.prices()) {
            requireKnown(ps.market(), ps.symbol(), "price state");
        }
        spot.clear();
        for (AssetBalance b : state.balances()) {
            Bal bal = bal(b.asset());
            bal.free = b.free();
            bal.locked = b.locked();
        }
        wallet = state.futuresWallet();
        hedgeMode = state.hedgeMode();
        leverage.clear();
        marginTypes.clear();
        for (SymbolSetting ss : state.symbolSettings()) {
            leverage.put(ss.symbol(), ss.leverage());
            marginTypes.put(ss.symbol(), ss.marginType());
        }
        positions.clear();
        for (PositionState ps : state.positions()) {
            Pos p = new Pos();
            p.qty = ps.quantity();
            p.entry = ps.entryPrice();
            p.isolatedMargin = ps.isolatedMargin();
            p.realized = ps.realizedPnl();
            p.updated = ps.updatedTime();
            positions.put(new PosKey(ps.symbol(), ps.positionSide()), p);
        }
        for (SymbolState s : symbols.values()) {
            s.book = null;
            s.lastPrice = null;
            s.tradeSeen = false;
            s.lastTickTime = Long.MIN_VALUE;
            s.markPrice = null;
            s.fundingRate = null;
            s.nextFundingTime = 0;
            s.settledFundingTime = Long.MIN_VALUE;
        }
        for (PriceState ps : state.prices()) {
            SymbolState s = symbols.get(new Key(ps.market(), ps.symbol()));
            s.lastPrice = ps.lastPrice();
            s.tradeSeen = ps.tradeSeen();
            s.lastTickTime = ps.lastTickTime();
            s.markPrice = ps.markPrice();
            s.fundingRate = ps.fundingRate();
            s.nextFundingTime = ps.nextFundingTime();
            s.settledFundingTime = ps.settledFundingTime();
        }
        open.clear();
        for (OpenOrderState os : state.openOrders()) {
            Order o = os.order();
            SymbolState s = symbols.get(new Key(o.market(), o.symbol()));
            WorkingOrder w = new WorkingOrder(o, s, os.seq(), os.submittedAt(), os.arrivalAt());
            w.resting = os.resting();
            w.queueAhead = os.queueAhead();
            w.trailingActive = os.trailingActive();
            w.trailingExtreme = os.trailingExtreme();
            w.locked = os.locked();
            w.lockedAsset = os.lockedAsset();
            open.put(o.clientOrderId(), w);
        }
        inbox.clear();
        for (PendingRequest r : state.pendingRequests()) {
            inbox.addLast(switch (r.kind()) {
                case SUBMIT -> new SubmitRequest(r.order(), r.time(), r.arrival());
                case CANCEL -> new CancelRequest(r.clientOrderId(), r.time(), r.arrival());
                case MODIFY -> new ModifyRequest(r.clientOrderId(), r.quantity(), r.price(), r.time(), r.arrival());
            });
        }
        closed.clear();
        clock = state.clock();
        nextTradeId = state.nextTradeId();
        nextOrderId = state.nextOrderId();
        nextAutoCloseId = state.nextAutoCloseId();
        nextSeq = state.nextSeq();
    }

    private void requireKnown(Market m, String symbol, String what) {
        if (!symbols.containsKey(new Key(m, symbol))) {
            throw new IllegalArgumentException(what + ": instrument " + m + " " + symbol + " is not registered");
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Helpers
    // ------------------------------------------------------------------------------------------------------------

    private void report(ExecType type, Order o, Fill fill, long t, String reason) {
        outbox.addLast(new ReportOut(new ExecutionReport(type, o, fill, t, reason)));
    }

    /** Delivers queued reports; re-entrant calls from the handler queue theirs behind. */
    private void flush() {
        if (flushing || handler == null) {
            return;
        }
        flushing = true;
        try {
            while (!outbox.isEmpty()) {
                switch (outbox.pollFirst()) {
                    case ReportOut r -> handler.onReport(r.report());
                    case FundingOut f -> handler.onFunding(f.symbol(), f.side(), f.amount(), f.rate(), f.time());
                }
            }
        } finally {
            flushing = false;
        }
    }

    private void requireHandler() {
        if (handler == null) {
            throw new IllegalStateException("setEventHandler must be called before the first request");
        }
    }

    private void requireFutures(String symbol) {
        Objects.requireNonNull(symbol, "symbol");
        if (!symbols.containsKey(new Key(Market.USDM_FUTURES, symbol))) {
            throw new IllegalArgumentException("symbol " + symbol + " is not a registered USDⓈ-M instrument");
        }
    }

    private static void requirePositive(String name, BigDecimal v) {
        Objects.requireNonNull(v, name);
        if (v.signum() <= 0) {
            throw new IllegalArgumentException(name + " must be > 0, was " + v.toPlainString());
        }
    }

    private Bal bal(String asset) {
        return spot.computeIfAbsent(asset, a -> new Bal());
    }

    private boolean isOpen(WorkingOrder w) {
        return open.get(w.id()) == w;
    }

    /** Open orders of {@code s} in time priority (a copy: handlers and fills may change the set). */
    private List<WorkingOrder> ordersOf(SymbolState s) {
        List<WorkingOrder> out = new ArrayList<>();
        for (WorkingOrder w : open.values()) {
            if (w.s == s) {
                out.add(w);
            }
        }
        out.sort(Comparator.comparingLong(w -> w.seq));
        return out;
    }

    /** Works now as MARKET or LIMIT (not a conditional order waiting for its trigger). */
    private static boolean working(Order o) {
        return !o.type().isConditional() || o.triggered();
    }

    private static boolean limitLike(Order o) {
        OrderType t = o.workingType();
        return t == OrderType.LIMIT || t == OrderType.LIMIT_MAKER;
    }

    private static boolean postOnly(Order o) {
        return o.type() == OrderType.LIMIT_MAKER || o.timeInForce() == TimeInForce.GTX;
    }

    private static String postOnlyReason(Order o) {
        return o.type() == OrderType.LIMIT_MAKER ? WOULD_TAKE : "GTX: post-only order would take liquidity";
    }

    private boolean watchesMark(WorkingOrder w) {
        return w.s.market() == Market.USDM_FUTURES && w.order.options().workingType() == WorkingType.MARK_PRICE
                && w.s.markPrice != null;
    }

    private BigDecimal watchPrice(WorkingOrder w) {
        return watchPrice(w.s, w.order);
    }

    private static BigDecimal watchPrice(SymbolState s, Order o) {
        if (s.market() == Market.USDM_FUTURES && o.options().workingType() == WorkingType.MARK_PRICE
                && s.markPrice != null) {
            return s.markPrice;
        }
        return s.lastPrice;
    }

    /** Whether a limit at {@code price} would take liquidity now (book, else last price). */
    private static boolean wouldTake(SymbolState s, Side side, BigDecimal price) {
        if (s.book != null) {
            BigDecimal best = s.book.best(side);
            return best != null && marketable(side, price, best);
        }
        return s.lastPrice != null && marketable(side, price, s.lastPrice);
    }

    /** Average / mark price the filters' PERCENT_PRICE and market notional checks use. */
    private static BigDecimal referencePrice(SymbolState s) {
        if (s.market() == Market.USDM_FUTURES && s.markPrice != null) {
            return s.markPrice;
        }
        if (s.lastPrice != null) {
            return s.lastPrice;
        }
        return s.book == null ? null : s.book.mid();
    }

    /** Expected taker price: best opposite level, else the reference price. */
    private static BigDecimal estimatedTakerPrice(SymbolState s, Side side) {
        if (s.book != null) {
            BigDecimal best = s.book.best(side);
            if (best != null) {
                return best;
            }
        }
        return referencePrice(s);
    }

    private static boolean marketable(Side side, BigDecimal limit, BigDecimal price) {
        return side == Side.BUY ? price.compareTo(limit) <= 0 : price.compareTo(limit) >= 0;
    }

    private static boolean through(Side side, BigDecimal limit, BigDecimal price) {
        return side == Side.BUY ? price.compareTo(limit) < 0 : price.compareTo(limit) > 0;
    }

    private static int sideIdx(Side side) {
        return side == Side.BUY ? 0 : 1;
    }

    private BigDecimal takerRate(Market m) {
        return config.fees(m).rate(LiquiditySide.TAKER, m);
    }

    private static BigDecimal commission(BigDecimal notional, BigDecimal rate) {
        return notional.multiply(rate).setScale(MONEY_SCALE, RoundingMode.HALF_UP);
    }

    private static BigDecimal money(BigDecimal v) {
        return v.setScale(MONEY_SCALE, RoundingMode.HALF_UP);
    }

    private static BigDecimal floorQty(WorkingOrder w, BigDecimal qty) {
        return floorStep(w.s.instrument, qty);
    }

    private static BigDecimal floorStep(Instrument ins, BigDecimal qty) {
        if (qty.signum() <= 0) {
            return ZERO;
        }
        return ins.roundQuantity(qty);
    }

    private static BigDecimal roundToTick(Instrument ins, BigDecimal price, RoundingMode mode) {
        BigDecimal tick = ins.tickSize();
        return price.divide(tick, 0, mode).multiply(tick).stripTrailingZeros();
    }

    private static String plain(BigDecimal v) {
        return v.stripTrailingZeros().toPlainString();
    }

    private Position toPosition(PosKey k, Pos p) {
        BigDecimal mark = markOf(k.symbol(), p);
        return new Position(k.symbol(), p.qty, p.entry, mark, money(p.realized), money(unrealized(p, mark)), p.updated,
                Market.USDM_FUTURES, k.side());
    }

    private static void copyPrices(SymbolState from, SymbolState to) {
        to.book = from.book;
        to.lastPrice = from.lastPrice;
        to.tradeSeen = from.tradeSeen;
        to.lastTickTime = from.lastTickTime;
        to.markPrice = from.markPrice;
        to.fundingRate = from.fundingRate;
        to.nextFundingTime = from.nextFundingTime;
        to.settledFundingTime = from.settledFundingTime;
    }
}
