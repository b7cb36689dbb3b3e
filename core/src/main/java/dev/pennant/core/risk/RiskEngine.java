package dev.pennant.core.risk;

import dev.pennant.core.model.FilterViolationException;
import dev.pennant.core.model.Instrument;
import dev.pennant.core.model.OrderType;
import dev.pennant.core.model.Position;
import dev.pennant.core.model.Side;
import dev.pennant.core.portfolio.Portfolio;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/**
 * Sizes signal orders and checks every order before it reaches a venue; it can deny. Spot semantics: no shorting,
 * no leverage. Not thread-safe: owned by the engine thread.
 *
 * <p>Checks, in order: kill switch; drawdown halt (entries only); the instrument's exchange filters for a MARKET
 * order, as Binance applies them ({@link dev.pennant.core.model.SymbolFilters}, Binance "Filters" docs): quantity within
 * {@code MARKET_LOT_SIZE} (or {@code LOT_SIZE} when MARKET_LOT_SIZE has no step) min/max and on its step, notional at
 * the reference price within {@code NOTIONAL}/{@code MIN_NOTIONAL} (when the filter applies to market orders); for
 * BUY, cost incl. fee ≤ free cash and resulting position ≤ maxPositionFraction × equity; for SELL, quantity ≤ the long
 * position held. Signal orders are sized and then rounded down to that step first.
 *
 * <p>The continuous rules (trading state ACTIVE / REDUCING / HALTED, daily loss, drawdown, breakers, exposure,
 * correlation, leverage under volatility, orders per minute, margin-call prevention) live in the account's
 * {@link RiskGovernor} and, for portfolios sharing the account, in each portfolio's governor
 * ({@link PortfolioScope}); every veto and halt goes to the {@link RiskEventListener} given to {@link #attach}.
 */
public final class RiskEngine {

    private RiskLimits limits;
    private volatile boolean killSwitch;
    private final RiskGovernor governor;
    private volatile PortfolioScope portfolios;
    private Portfolio account;
    private java.util.function.LongSupplier clock;
    private java.util.function.Function<dev.pennant.core.execution.TradingCommand, ?> executor;
    private final RiskMonitor monitor = new RiskMonitor(this);
    private long reduceSeq;

    /** A risk engine enforcing {@code limits}. */
    public RiskEngine(RiskLimits limits) {
        this.limits = java.util.Objects.requireNonNull(limits, "limits");
        this.governor = new RiskGovernor("account", limits, null);
    }

    /**
     * Connects the engine's account, clock, event sink and command path (called once by the trading engine).
     * Without it the time-based rules (orders per minute, stale data) and the automatic reduction are off.
     *
     * @param account  the account ledger the continuous rules observe
     * @param clock    engine time, epoch ms (market-data time in backtests)
     * @param sink     receives every veto, halt, resume and reduction
     * @param executor runs the reduce-only orders of the margin-call prevention on the engine thread
     */
    public void attach(Portfolio account, java.util.function.LongSupplier clock, RiskEventListener sink,
                       java.util.function.Function<dev.pennant.core.execution.TradingCommand, ?> executor) {
        this.account = account;
        this.clock = clock;
        this.executor = executor;
        governor.setSink(sink);
    }

    /** The engine listener feeding bars, venue errors and fills to the governors (registered by the trading engine). */
    public RiskMonitor monitor() {
        return monitor;
    }

    /** Portfolios sharing the account ({@code null}: none, the account is one ledger). */
    public void setPortfolios(PortfolioScope scope) {
        this.portfolios = scope;
    }

    /** The portfolios in force, or {@code null}. */
    public PortfolioScope portfolios() {
        return portfolios;
    }

    /** The account's governor (state, latches, snapshot). Engine thread only. */
    public RiskGovernor governor() {
        return governor;
    }

    /** Replaces the limits (risk panel edits); the account governor follows. Engine thread only. */
    public void setLimits(RiskLimits limits) {
        this.limits = java.util.Objects.requireNonNull(limits, "limits");
        governor.setLimits(limits);
    }

    /** Engine time, or {@code Long.MIN_VALUE} when not attached. */
    long now() {
        java.util.function.LongSupplier c = clock;
        return c == null ? Long.MIN_VALUE : c.getAsLong();
    }

    /** The limits in force. */
    public RiskLimits limits() {
        return limits;
    }

    /** Engage or release the kill switch: while engaged every order is denied. Safe from any thread. */
    public void setKillSwitch(boolean engaged) {
        this.killSwitch = engaged;
    }

    /** Whether the kill switch is engaged. */
    public boolean killSwitch() {
        return killSwitch;
    }

    /**
     * Re-evaluates the continuous rules on the attached account at engine time (call once per closed bar; the
     * argument is the account's equity, kept for the callers' shape): daily loss, drawdown, cooldowns, margin ratio;
     * every portfolio's governor on its own ledger; and, when a margin ratio reached the reduction line, halves the
     * futures positions with reduce-only MARKET orders. Without {@link #attach} only a peak is tracked.
     */
    public void observeEquity(BigDecimal equity) {
        Portfolio acc = account;
        if (acc == null) {
            return;
        }
        long now = now();
        if (governor.observe(acc, now)) {
            reduce(acc, governor, now, null);
        }
        PortfolioScope ps = portfolios;
        if (ps != null) {
            for (String id : ps.portfolioIds()) {
                RiskGovernor g = ps.governor(id);
                if (g != null && g.observe(ps.ledger(id), now)) {
                    reduce(ps.ledger(id), g, now, id);
                }
            }
        }
    }

    private void reduce(Portfolio ledger, RiskGovernor g, long now, String portfolioId) {
        var exec = executor;
        if (exec == null) {
            return;
        }
        for (Position p : ledger.openPositions()) {
            if (p.market() != dev.pennant.core.model.Market.USDM_FUTURES) {
                continue;
            }
            BigDecimal half = p.quantity().abs().divide(BigDecimal.valueOf(2), MathContext.DECIMAL64);
            Side s = p.quantity().signum() > 0 ? Side.SELL : Side.BUY;
            dev.pennant.core.model.OrderOptions o = dev.pennant.core.model.OrderOptions.of(p.market())
                    .withPositionSide(p.positionSide()).withStrategyId("risk-reduce");
            if (p.positionSide() == dev.pennant.core.model.PositionSide.BOTH) {
                o = o.withReduceOnly(true);
            }
            String cid = portfolioId == null ? null : PortfolioScope.tag(portfolioId, "r" + (++reduceSeq));
            Object r = exec.apply(new dev.pennant.core.execution.TradingCommand.SubmitOrder(
                    new dev.pennant.core.execution.OrderRequest(p.symbol(), s, OrderType.MARKET, null, half, null, o,
                            cid, null)));
            g.emit(new RiskEvent(now, g.scope(), RiskEvent.Kind.REDUCE, g.state(), "margin_ratio",
                    RiskGovernor.pct(g.lastMarginRatio()), RiskGovernor.pct(g.limits().guards().marginRatioReduce()), "",
                    s + " " + half.stripTrailingZeros().toPlainString() + " " + p.symbol() + " reduce-only MARKET"
                            + (r instanceof dev.pennant.core.model.Order ord ? " (" + ord.clientOrderId() + " "
                            + ord.status() + ")" : "")));
        }
    }

    /**
     * Sizes and checks a signal order.
     *
     * @param side       BUY to enter/increase a long, SELL to close it
     * @param instrument filters to round and check against
     * @param portfolio  the account (read only)
     * @param refPrice   the price the order is expected to fill near (last close), quote asset
     * @return approved quantity or a denial naming the rule
     */
    public RiskDecision sizeAndCheck(Side side, Instrument instrument, Portfolio portfolio, BigDecimal refPrice) {
        Position pos = portfolio.position(instrument.symbol());
        BigDecimal qty;
        if (side == Side.BUY) {
            BigDecimal budget = portfolio.cash().multiply(BigDecimal.valueOf(limits.allocationFraction()));
            BigDecimal unitCost = refPrice.multiply(BigDecimal.ONE.add(limits.feeRate()));
            qty = unitCost.signum() > 0 ? budget.divide(unitCost, MathContext.DECIMAL64) : BigDecimal.ZERO;
        } else {
            qty = pos.quantity().max(BigDecimal.ZERO);
        }
        return check(side, instrument.roundQuantity(qty, OrderType.MARKET), instrument, portfolio, refPrice);
    }

    /**
     * Checks an order of a given quantity.
     *
     * @param quantity base-asset quantity, already rounded to the MARKET order's step size
     * @return approval or a denial naming the rule and figures
     */
    public RiskDecision check(Side side, BigDecimal quantity, Instrument instrument, Portfolio portfolio, BigDecimal refPrice) {
        if (killSwitch) {
            return RiskDecision.deny("kill switch engaged: no orders are sent");
        }
        Position pos = portfolio.position(instrument.symbol());
        BigDecimal equity = portfolio.equity();
        if (side == Side.BUY && governor.state() != RiskState.ACTIVE) {
            return RiskDecision.deny(governor.state() + " by " + governor.latches().getFirst().describe()
                    + ": orders that open or increase a position are vetoed");
        }
        if (quantity.signum() <= 0) {
            return RiskDecision.deny("quantity " + quantity.toPlainString() + " is not above zero (LOT_SIZE minQty "
                    + instrument.minQty().toPlainString() + ", step " + instrument.stepSize().toPlainString() + ")");
        }
        try {
            instrument.filters().checkQuantity(instrument.symbol(), quantity, OrderType.MARKET);
            instrument.filters().checkNotional(instrument.symbol(), refPrice, quantity, OrderType.MARKET);
        } catch (FilterViolationException e) {
            return RiskDecision.deny(e.getMessage());
        }
        BigDecimal notional = quantity.multiply(refPrice);
        if (side == Side.BUY) {
            BigDecimal cost = notional.multiply(BigDecimal.ONE.add(limits.feeRate()));
            if (cost.compareTo(portfolio.cash()) > 0) {
                return RiskDecision.deny("cost " + cost.toPlainString() + " exceeds free cash "
                        + portfolio.cash().toPlainString() + " " + instrument.quoteAsset());
            }
            BigDecimal after = pos.quantity().add(quantity).multiply(refPrice);
            BigDecimal cap = equity.multiply(BigDecimal.valueOf(limits.maxPositionFraction()));
            if (after.compareTo(cap) > 0) {
                return RiskDecision.deny("position notional " + after.toPlainString() + " would exceed "
                        + (limits.maxPositionFraction() * 100) + " % of equity " + equity.toPlainString());
            }
        } else if (quantity.compareTo(pos.quantity()) > 0) {
            return RiskDecision.deny("sell quantity " + quantity.toPlainString() + " exceeds the long position "
                    + pos.quantity().toPlainString() + " (spot: no shorting)");
        }
        return RiskDecision.approve(quantity);
    }

    /**
     * Checks any order request before it goes to the venue (strategy, AI or click alike).
     *
     * <p>Rules, in order: kill switch; type allowed on the instrument's market; spot is long-only (a SELL may not exceed
     * the long position; no shorting, no borrowing); futures {@code reduceOnly}/{@code closePosition} need a position to
     * reduce; drawdown halt for orders that open or increase exposure; the exchange filters for the working type
     * (PRICE_FILTER tick and range for price and stopPrice, LOT_SIZE / MARKET_LOT_SIZE, NOTIONAL / MIN_NOTIONAL at the
     * limit price or the reference price, PERCENT_PRICE(_BY_SIDE) band around the reference price,
     * MAX_NUM_ORDERS / MAX_NUM_ALGO_ORDERS); spot BUY cost incl. fee within free cash and position cap; futures initial
     * margin (notional / leverage) within the available margin for exposure-increasing orders.
     *
     * @param quantity       base quantity after rounding (zero allowed only for quoteOrderQty / closePosition)
     * @param refPrice       last price (spot) or mark price (futures), quote asset; {@code null} skips price-band checks
     * @param openOrders     open orders of the symbol now
     * @param openAlgoOrders open conditional orders of the symbol now
     * @return approval with the quantity, or a denial naming the rule and the figures
     */
    public RiskDecision checkOrder(dev.pennant.core.execution.OrderRequest req, BigDecimal quantity, Instrument instrument,
                                   Portfolio portfolio, BigDecimal refPrice, int openOrders, int openAlgoOrders) {
        return checkOrder(req, quantity, instrument, portfolio, refPrice, openOrders, openAlgoOrders, false);
    }

    /**
     * As {@link #checkOrder(dev.pennant.core.execution.OrderRequest, BigDecimal, Instrument, Portfolio, BigDecimal, int, int)};
     * with {@code emergencyFlatten} an order that only closes an existing position passes the kill switch and the
     * drawdown halt (the emergency stop's flatten), still subject to the exchange filters. An emergency order that
     * would open or increase exposure is denied.
     */
    public RiskDecision checkOrder(dev.pennant.core.execution.OrderRequest req, BigDecimal quantity, Instrument instrument,
                                   Portfolio portfolio, BigDecimal refPrice, int openOrders, int openAlgoOrders,
                                   boolean emergencyFlatten) {
        long now = now();
        PortfolioScope ps = portfolios;
        String pid = ps == null ? null : ps.portfolioOf(req);
        vetoLimit = "pre_trade";
        vetoValue = null;
        vetoThreshold = null;
        RiskDecision d = checkOrder0(req, quantity, instrument, portfolio, refPrice, openOrders, openAlgoOrders,
                emergencyFlatten, now, ps, pid);
        long t = now == Long.MIN_VALUE ? 0 : now;
        if (!d.approved()) {
            RiskGovernor g = pid != null && ps.governor(pid) != null && vetoScopePortfolio ? ps.governor(pid) : governor;
            g.emit(new RiskEvent(t, g.scope(), RiskEvent.Kind.VETO, g.state(), vetoLimit, vetoValue, vetoThreshold, "",
                    req.side() + " " + quantity.stripTrailingZeros().toPlainString() + " " + req.symbol() + " "
                            + req.type() + (req.clientOrderId() == null ? "" : " " + req.clientOrderId()) + ": "
                            + d.reason()));
        } else if (now != Long.MIN_VALUE) {
            governor.onApproved(req.clientOrderId(), req.side(), refPrice, now);
            if (pid != null) {
                ps.assign(req.clientOrderId(), pid);
                RiskGovernor g = ps.governor(pid);
                if (g != null) {
                    g.onApproved(req.clientOrderId(), req.side(), refPrice, now);
                }
            }
        } else if (pid != null) {
            ps.assign(req.clientOrderId(), pid);
        }
        return d;
    }

    private String vetoLimit;
    private String vetoValue;
    private String vetoThreshold;
    private boolean vetoScopePortfolio;

    private RiskDecision veto(RiskGovernor.Veto v, boolean portfolioScope) {
        vetoLimit = v.limit();
        vetoValue = v.value();
        vetoThreshold = v.threshold();
        vetoScopePortfolio = portfolioScope;
        return RiskDecision.deny(v.reason());
    }

    private RiskDecision checkOrder0(dev.pennant.core.execution.OrderRequest req, BigDecimal quantity, Instrument instrument,
                                     Portfolio portfolio, BigDecimal refPrice, int openOrders, int openAlgoOrders,
                                     boolean emergencyFlatten, long now, PortfolioScope ps, String pid) {
        vetoScopePortfolio = false;
        if (killSwitch && !emergencyFlatten) {
            vetoLimit = "kill_switch";
            return RiskDecision.deny("kill switch engaged: no orders are sent");
        }
        dev.pennant.core.model.Market market = instrument.market();
        if (req.market() != market) {
            vetoLimit = "market";
                return RiskDecision.deny("order is for " + req.market() + " but " + instrument.symbol() + " trades on " + market);
        }
        if (!req.type().validFor(market)) {
            vetoLimit = "order_type";
                return RiskDecision.deny("type " + req.type() + " does not exist on " + market);
        }
        dev.pennant.core.model.OrderOptions o = req.options();
        Position pos = portfolio.position(instrument.symbol(), o.positionSide());
        BigDecimal signed = req.side() == Side.BUY ? quantity : quantity.negate();
        boolean reducing;
        if (market == dev.pennant.core.model.Market.SPOT) {
            if (o.reduceOnly() || o.closePosition() || o.positionSide() != dev.pennant.core.model.PositionSide.BOTH) {
                vetoLimit = "order_fields";
                return RiskDecision.deny("reduceOnly, closePosition and positionSide are futures-only fields");
            }
            if (req.side() == Side.SELL && quantity.compareTo(pos.quantity().max(BigDecimal.ZERO)) > 0) {
                vetoLimit = "spot_long_only";
                return RiskDecision.deny("sell quantity " + quantity.toPlainString() + " exceeds the long position "
                        + pos.quantity().toPlainString() + " (spot: no shorting)");
            }
            reducing = req.side() == Side.SELL;
        } else {
            boolean hedge = o.positionSide() != dev.pennant.core.model.PositionSide.BOTH;
            if (hedge) {
                // hedge mode: LONG is opened by BUY and reduced by SELL; SHORT the other way round
                reducing = (o.positionSide() == dev.pennant.core.model.PositionSide.LONG) == (req.side() == Side.SELL);
            } else {
                reducing = pos.quantity().signum() != 0 && pos.quantity().signum() != signed.signum()
                        && quantity.compareTo(pos.quantity().abs()) <= 0;
            }
            if ((o.reduceOnly() || o.closePosition() || (hedge && reducing)) && pos.quantity().signum() == 0
                    && !req.type().isConditional()) {
                vetoLimit = "reduce_only";
                return RiskDecision.deny("reduce-only " + req.side() + " but there is no " + o.positionSide()
                        + " position in " + instrument.symbol() + " to reduce");
            }
            if (o.reduceOnly() && !reducing && !req.type().isConditional()) {
                vetoLimit = "reduce_only";
                return RiskDecision.deny("reduceOnly " + req.side() + " " + quantity.toPlainString()
                        + " would increase or flip the position " + pos.quantity().toPlainString());
            }
        }
        if (emergencyFlatten && !reducing) {
            vetoLimit = "emergency_flatten";
                return RiskDecision.deny("emergency flatten may only close positions; " + req.side() + " "
                    + quantity.toPlainString() + " would open or increase one");
        }
        BigDecimal valuedAt = req.price() != null ? req.price() : o.stopPrice() != null ? o.stopPrice() : refPrice;
        Portfolio ledger = pid == null ? null : ps.ledger(pid);
        if (!emergencyFlatten) {
            RiskGovernor.Veto v = governor.preTrade(req, quantity, valuedAt, instrument, portfolio, reducing, now);
            if (v != null) {
                return veto(v, false);
            }
            if (ledger != null) {
                RiskGovernor pg = ps.governor(pid);
                Position own = ledger.position(instrument.symbol(), o.positionSide());
                boolean ownReducing = market == dev.pennant.core.model.Market.SPOT ? req.side() == Side.SELL
                        : own.quantity().signum() != 0 && own.quantity().signum() != signed.signum()
                        && quantity.compareTo(own.quantity().abs()) <= 0;
                if (reducing && market == dev.pennant.core.model.Market.SPOT
                        && quantity.compareTo(own.quantity().max(BigDecimal.ZERO)) > 0) {
                    return veto(new RiskGovernor.Veto("portfolio_assets", own.quantity().toPlainString(),
                            quantity.toPlainString(), "portfolio " + pid + " holds " + own.quantity().toPlainString()
                            + " " + instrument.symbol() + "; selling " + quantity.toPlainString()
                            + " would consume another portfolio's assets"), true);
                }
                if (pg != null) {
                    v = pg.preTrade(req, quantity, valuedAt, instrument, ledger, ownReducing, now);
                    if (v != null) {
                        return veto(v, true);
                    }
                }
                if (!ownReducing && valuedAt != null) {
                    BigDecimal left = ps.budgetLeft(pid, instrument.symbol(), valuedAt);
                    BigDecimal n = o.quoteOrderQty() != null ? o.quoteOrderQty() : quantity.multiply(valuedAt);
                    if (left != null && n.compareTo(left) > 0) {
                        return veto(new RiskGovernor.Veto("symbol_budget", RiskGovernor.money(n),
                                RiskGovernor.money(left), "portfolio " + pid + " budget for " + instrument.symbol()
                                + ": order notional " + RiskGovernor.money(n) + " exceeds the "
                                + RiskGovernor.money(left) + " left"), true);
                    }
                    if (market == dev.pennant.core.model.Market.SPOT) {
                        BigDecimal cost = n.multiply(BigDecimal.ONE.add(limits.feeRate()));
                        if (cost.compareTo(ledger.cash()) > 0) {
                            return veto(new RiskGovernor.Veto("portfolio_cash", RiskGovernor.money(cost),
                                    RiskGovernor.money(ledger.cash()), "portfolio " + pid + ": cost "
                                    + RiskGovernor.money(cost) + " exceeds its free cash " + RiskGovernor.money(ledger.cash())
                                    + " " + instrument.quoteAsset()), true);
                        }
                    } else {
                        BigDecimal margin = n.divide(BigDecimal.valueOf(ledger.leverage(instrument.symbol())),
                                MathContext.DECIMAL64);
                        if (margin.compareTo(ledger.availableMargin()) > 0) {
                            return veto(new RiskGovernor.Veto("portfolio_margin", RiskGovernor.money(margin),
                                    RiskGovernor.money(ledger.availableMargin()), "portfolio " + pid
                                    + ": initial margin " + RiskGovernor.money(margin) + " exceeds its available margin "
                                    + RiskGovernor.money(ledger.availableMargin())), true);
                        }
                    }
                }
            }
        }
        dev.pennant.core.model.OrderType working = req.type().onTrigger(market);
        try {
            if (o.stopPrice() != null) {
                instrument.filters().checkPrice(instrument.symbol(), o.stopPrice());
            }
            if (quantity.signum() > 0) {
                BigDecimal px = req.price() != null ? req.price() : o.stopPrice() != null ? o.stopPrice() : refPrice;
                instrument.filters().validate(instrument.symbol(), req.side(), working,
                        working == dev.pennant.core.model.OrderType.MARKET ? null : req.price(), quantity,
                        working == dev.pennant.core.model.OrderType.MARKET ? px : refPrice);
            } else if (o.quoteOrderQty() == null && !o.closePosition()) {
                vetoLimit = "lot_size";
                return RiskDecision.deny("quantity " + quantity.toPlainString() + " is not above zero (LOT_SIZE minQty "
                        + instrument.minQty().toPlainString() + ", step " + instrument.stepSize().toPlainString() + ")");
            }
            instrument.filters().checkOpenOrders(instrument.symbol(), req.type(), openOrders, openAlgoOrders);
        } catch (FilterViolationException e) {
            vetoLimit = "exchange_filter";
                return RiskDecision.deny(e.getMessage());
        }
        BigDecimal px = req.price() != null ? req.price() : o.stopPrice() != null ? o.stopPrice() : refPrice;
        if (!reducing && px != null) {
            BigDecimal notional = o.quoteOrderQty() != null ? o.quoteOrderQty() : quantity.multiply(px);
            BigDecimal equity = portfolio.equity();
            if (market == dev.pennant.core.model.Market.SPOT) {
                BigDecimal cost = notional.multiply(BigDecimal.ONE.add(limits.feeRate()));
                if (cost.compareTo(portfolio.cash()) > 0) {
                    vetoLimit = "free_cash";
                return RiskDecision.deny("cost " + cost.toPlainString() + " exceeds free cash "
                            + portfolio.cash().toPlainString() + " " + instrument.quoteAsset());
                }
                BigDecimal after = pos.quantity().multiply(px).add(notional);
                BigDecimal cap = equity.multiply(BigDecimal.valueOf(limits.maxPositionFraction()));
                if (after.compareTo(cap) > 0) {
                    vetoLimit = "max_position_fraction";
                return RiskDecision.deny("position notional " + after.toPlainString() + " would exceed "
                            + (limits.maxPositionFraction() * 100) + " % of equity " + equity.toPlainString());
                }
            } else {
                int lev = portfolio.leverage(instrument.symbol());
                BigDecimal margin = notional.divide(BigDecimal.valueOf(lev), MathContext.DECIMAL64);
                if (margin.compareTo(portfolio.availableMargin()) > 0) {
                    vetoLimit = "available_margin";
                return RiskDecision.deny("initial margin " + margin.setScale(2, java.math.RoundingMode.UP)
                            .toPlainString() + " (notional " + notional.setScale(2, java.math.RoundingMode.HALF_UP)
                            .toPlainString() + " / " + lev + "x) exceeds available margin "
                            + portfolio.availableMargin().setScale(2, java.math.RoundingMode.DOWN).toPlainString()
                            + " " + instrument.quoteAsset());
                }
            }
        }
        return RiskDecision.approve(quantity);
    }

    /**
     * Sizes a futures entry with the sizing rule of the limits ({@link PositionSizer}) on the account.
     * @return base quantity, ≥ 0, rounded down to the MARKET lot step
     */
    public BigDecimal sizeFuturesEntry(Instrument instrument, Portfolio portfolio, BigDecimal refPrice) {
        return PositionSizer.size(limits, instrument, portfolio, refPrice, governor.series(instrument.symbol()).atr(), null);
    }

    /**
     * Sizes an entry (spot BUY or a futures order opening or increasing a position) that came without a quantity:
     * the sizing rule of the limits ({@link PositionSizer}) on the ledger the order trades for (its portfolio's when
     * it belongs to one, capped by the portfolio's per-symbol budget, its limits' rule), else the account.
     *
     * @param refPrice expected fill price, quote asset
     * @return base quantity ≥ 0 rounded down to the MARKET lot step
     */
    public BigDecimal sizeEntry(dev.pennant.core.execution.OrderRequest req, Instrument instrument, Portfolio account,
                                BigDecimal refPrice) {
        PortfolioScope ps = portfolios;
        String pid = ps == null ? null : ps.portfolioOf(req);
        double atr = governor.series(instrument.symbol()).atr();
        if (pid == null || ps.ledger(pid) == null) {
            return PositionSizer.size(limits, instrument, account, refPrice, atr, null);
        }
        RiskGovernor g = ps.governor(pid);
        return PositionSizer.size(g == null ? limits : g.limits(), instrument, ps.ledger(pid), refPrice, atr,
                ps.budgetLeft(pid, instrument.symbol(), refPrice));
    }
}
