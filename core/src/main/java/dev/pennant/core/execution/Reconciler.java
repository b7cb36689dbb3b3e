package dev.pennant.core.execution;

import dev.pennant.core.exchange.ExecutionReport;
import dev.pennant.core.exchange.ExecutionReport.ExecType;
import dev.pennant.core.model.Fill;
import dev.pennant.core.model.Instrument;
import dev.pennant.core.model.Market;
import dev.pennant.core.model.Order;
import dev.pennant.core.model.OrderStatus;
import dev.pennant.core.model.Position;
import dev.pennant.core.model.PositionSide;
import dev.pennant.core.model.Side;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Compares what a venue holds with what the engine knows and repairs the engine (NautilusTrader's execution
 * reconciliation): run at start (after a crash or restart, with the orders and fills of the history store) and after
 * every reconnect of the user-data stream (events may have been missed while it was down).
 *
 * <p>Two steps: {@link #fetch} asks the venue through a {@link VenueQuery} (I/O, any thread but the engine's);
 * {@link #compare} is pure logic over the two states and runs on the engine thread, where the repairs are handed to
 * the {@link dev.pennant.core.exchange.ExecutionEventHandler} in order. {@link #reconcile} does both (start-up,
 * tests).
 *
 * <p>Differences found, each one {@link Difference} in the {@link Result} (never dropped: the summary lists them all):
 * <ul>
 *   <li>{@code ORDER_UNKNOWN_LOCALLY}: the venue has an order (open, or behind a trade) the engine never heard of →
 *       repaired with a NEW report, then its missing trades, then its final status;</li>
 *   <li>{@code FILL_MISSING_LOCALLY}: a venue trade (spot {@code myTrades}, USDⓈ-M {@code userTrades}) the engine did
 *       not book → a TRADE report per ledger fill ({@link FillBooking}), with the order snapshot after it;</li>
 *   <li>{@code ORDER_STATUS_DIFFERS}: after the missing trades the venue's status still differs → CANCELED / EXPIRED /
 *       REJECTED / TRIGGERED report, or NEW when the venue still works an order the engine thinks is closed; a venue
 *       FILLED whose trades are older than the window cannot be repaired and stays unresolved;</li>
 *   <li>{@code ORDER_UNKNOWN_AT_VENUE}: an order open in the engine that the venue does not know (lost before it
 *       arrived) → REJECTED report, so the caller may resubmit it;</li>
 *   <li>{@code FILL_UNKNOWN_AT_VENUE}: a booked fill inside the trade window the venue does not list (unresolved);</li>
 *   <li>{@code POSITION_MISMATCH}: after the repairs the engine's position differs from the venue's — USDⓈ-M
 *       {@code positionAmt}; spot: the base balance's change since {@link LocalState#spotBaseline()} (unresolved: it
 *       takes a human, e.g. a transfer or a trade outside Pennant);</li>
 *   <li>{@code BALANCE_MISMATCH}: spot quote balance change since the baseline ≠ the cash the booked spot fills moved
 *       (unresolved).</li>
 * </ul>
 * A venue answer older than the engine's last change of an order ({@code updatedTime}, both venue times) does not
 * override the engine's status: the stream may have brought news while the venue was being asked. All quantities
 * compare exactly ({@link BigDecimal#compareTo}). Stateless apart from the booking; thread-safe if the booking is.
 */
public final class Reconciler {

    /** The venue calls reconciliation needs; errors are thrown as runtime exceptions (I/O, venue errors). */
    public interface VenueQuery {

        /** Venue time now, epoch ms UTC. */
        long time();

        /** Open orders of one symbol (Binance also its open algo orders). */
        List<OrderStatusReport> openOrders(Market market, String symbol);

        /**
         * One order by client id or venue id (either may be null, not both).
         *
         * @return empty when the venue does not know it (Binance -2013)
         */
        Optional<OrderStatusReport> order(Market market, String symbol, String clientOrderId, String venueOrderId);

        /** The account's trades of one symbol since {@code since} (epoch ms UTC), oldest first. */
        List<FillReport> fills(Market market, String symbol, long since);

        /** USDⓈ-M positions (every symbol, non-zero or not); spot: empty. */
        List<PositionReport> positions(Market market);

        /** Spot: free + locked per asset. */
        Map<String, BigDecimal> balances(Market market);
    }

    /**
     * What to reconcile.
     *
     * @param instruments the instruments in play (symbol, market, base and quote asset)
     * @param fillsSince  start of the trade window, epoch ms UTC (the session's start, or the last reconciliation)
     */
    public record Scope(List<Instrument> instruments, long fillsSince) {
        /** @throws NullPointerException when instruments is null */
        public Scope {
            instruments = List.copyOf(instruments);
        }

        boolean covers(Market market, String symbol) {
            return instruments.stream().anyMatch(i -> i.market() == market && i.symbol().equals(symbol));
        }
    }

    /**
     * What the engine knows (history store, or the running engine).
     *
     * @param orders      every order (open and closed) of the instruments in scope
     * @param fills       every booked ledger fill (bookkeeping entries with negative trade ids included)
     * @param positions   the portfolio's positions
     * @param spotBaseline the venue's spot balances (free + locked) when this ledger started; empty: no spot balance
     *                     check
     */
    public record LocalState(List<Order> orders, List<Fill> fills, List<Position> positions,
                             Map<String, BigDecimal> spotBaseline) {
        /** @throws NullPointerException naming the missing list */
        public LocalState {
            orders = List.copyOf(orders);
            fills = List.copyOf(fills);
            positions = List.copyOf(positions);
            spotBaseline = Map.copyOf(spotBaseline);
        }
    }

    /**
     * What {@link #fetch} learnt from the venue.
     *
     * @param time            venue time of the snapshot, epoch ms UTC
     * @param openOrders      open orders of the symbols in scope
     * @param queried         orders looked up one by one (locally open ones missing from the open list, and the
     *                        orders behind trades nobody knew)
     * @param unknownAtVenue  keys ({@code MARKET:clientOrderId}) of orders the venue answered it does not know
     * @param fills           trades of the window
     * @param positions       USDⓈ-M positions (empty when no futures instrument is in scope)
     * @param spotBalances    spot free + locked per asset (empty unless a spot baseline was given)
     */
    public record VenueState(long time, List<OrderStatusReport> openOrders, List<OrderStatusReport> queried,
                             Set<String> unknownAtVenue, List<FillReport> fills, List<PositionReport> positions,
                             Map<String, BigDecimal> spotBalances) {
        /** @throws NullPointerException naming the missing collection */
        public VenueState {
            openOrders = List.copyOf(openOrders);
            queried = List.copyOf(queried);
            unknownAtVenue = Set.copyOf(unknownAtVenue);
            fills = List.copyOf(fills);
            positions = List.copyOf(positions);
            spotBalances = Map.copyOf(spotBalances);
        }
    }

    /** Kind of difference (see the class comment). */
    public enum Kind {
        ORDER_UNKNOWN_LOCALLY, ORDER_STATUS_DIFFERS, ORDER_UNKNOWN_AT_VENUE, FILL_MISSING_LOCALLY,
        FILL_UNKNOWN_AT_VENUE, POSITION_MISMATCH, BALANCE_MISMATCH
    }

    /**
     * One difference.
     *
     * @param symbol        the symbol, or the asset for BALANCE_MISMATCH
     * @param clientOrderId the order concerned, or {@code null}
     * @param detail        human words with both figures, e.g. {@code "engine NEW, venue CANCELED"}
     * @param order         the venue's order report, or {@code null}
     * @param fill          the venue's trade, or {@code null}
     * @param position      the venue's position, or {@code null}
     * @param repaired      whether {@link Result#repairs()} fixes it
     */
    public record Difference(Kind kind, Market market, String symbol, String clientOrderId, String detail,
                             OrderStatusReport order, FillReport fill, PositionReport position, boolean repaired) {
        @Override
        public String toString() {
            return kind + " " + market + " " + symbol + (clientOrderId == null ? "" : " " + clientOrderId) + ": "
                    + detail + (repaired ? " (repaired)" : " (UNRESOLVED)");
        }
    }

    /**
     * The outcome: every difference, the reports that repair the engine (hand them to its event handler in order, on
     * the engine thread), and a summary for the log and the status bar.
     *
     * @param time        venue time of the snapshot, epoch ms UTC
     * @param failure     why reconciliation could not run (venue unreachable …), or {@code null}
     */
    public record Result(long time, List<Difference> differences, List<ExecutionReport> repairs, String summary,
                         String failure) {
        /** @throws NullPointerException naming the missing field */
        public Result {
            differences = List.copyOf(differences);
            repairs = List.copyOf(repairs);
            Objects.requireNonNull(summary, "summary");
        }

        /** A reconciliation that could not run. */
        public static Result failed(long time, String why) {
            return new Result(time, List.of(), List.of(), "reconciliation FAILED: " + why, why);
        }

        /** True when it ran and found nothing. */
        public boolean clean() {
            return failure == null && differences.isEmpty();
        }

        /** The differences the repairs do not fix. */
        public List<Difference> unresolved() {
            return differences.stream().filter(d -> !d.repaired()).toList();
        }

        /** The differences of one kind. */
        public List<Difference> of(Kind kind) {
            return differences.stream().filter(d -> d.kind() == kind).toList();
        }
    }

    private final FillBooking booking;

    /** @param booking how a venue trade becomes ledger fills (Binance: {@code BinanceFillBooking}) */
    public Reconciler(FillBooking booking) {
        this.booking = Objects.requireNonNull(booking, "booking");
    }

    /**
     * Fetches and compares; a venue failure becomes a {@link Result#failed} result rather than an exception, so the
     * caller always has something to show.
     */
    public Result reconcile(VenueQuery venue, Scope scope, LocalState local) {
        VenueState state;
        try {
            state = fetch(venue, scope, local);
        } catch (RuntimeException e) {
            return Result.failed(0, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        return compare(scope, state, local);
    }

    /**
     * Asks the venue for the state of the instruments in scope. Calls: open orders and trades per instrument; one
     * order query per locally open order missing from the open list and per unknown order behind a trade; futures
     * positions; spot balances when {@code local} has a baseline.
     *
     * @throws RuntimeException whatever the venue query throws
     */
    public static VenueState fetch(VenueQuery venue, Scope scope, LocalState local) {
        long time = venue.time();
        List<OrderStatusReport> open = new ArrayList<>();
        List<FillReport> fills = new ArrayList<>();
        for (Instrument i : scope.instruments()) {
            open.addAll(venue.openOrders(i.market(), i.symbol()));
            fills.addAll(venue.fills(i.market(), i.symbol(), scope.fillsSince()));
        }
        Set<String> known = new HashSet<>();
        Set<String> knownVenueIds = new HashSet<>();
        for (OrderStatusReport r : open) {
            known.add(key(r.market(), r.clientOrderId()));
            if (r.venueOrderId() != null) knownVenueIds.add(venueKey(r.market(), r.symbol(), r.venueOrderId()));
        }
        List<OrderStatusReport> queried = new ArrayList<>();
        Set<String> unknown = new HashSet<>();
        for (Order o : local.orders()) {
            if (o.venueOrderId() != null) knownVenueIds.add(venueKey(o.market(), o.symbol(), o.venueOrderId()));
        }
        for (Order o : local.orders()) {
            String k = key(o.market(), o.clientOrderId());
            if (!o.isOpen() || known.contains(k) || !scope.covers(o.market(), o.symbol())) continue;
            Optional<OrderStatusReport> r = venue.order(o.market(), o.symbol(), o.clientOrderId(), o.venueOrderId());
            if (r.isPresent()) {
                queried.add(r.get());
                known.add(k);
            } else {
                unknown.add(k);
            }
        }
        for (FillReport f : fills) {
            String vk = venueKey(f.market(), f.symbol(), f.venueOrderId());
            if (f.clientOrderId() != null || knownVenueIds.contains(vk)) continue;
            venue.order(f.market(), f.symbol(), null, f.venueOrderId()).ifPresent(r -> {
                queried.add(r);
                knownVenueIds.add(vk);
            });
            knownVenueIds.add(vk); // asked once, found or not
        }
        boolean futures = scope.instruments().stream().anyMatch(i -> i.market() == Market.USDM_FUTURES);
        boolean spot = scope.instruments().stream().anyMatch(i -> i.market() == Market.SPOT);
        List<PositionReport> positions = futures ? venue.positions(Market.USDM_FUTURES) : List.of();
        Map<String, BigDecimal> balances = spot && !local.spotBaseline().isEmpty() ? venue.balances(Market.SPOT)
                : Map.of();
        return new VenueState(time, open, queried, unknown, fills, positions, balances);
    }

    /** Compares the venue's state with the engine's; pure (see the class comment). */
    public Result compare(Scope scope, VenueState venue, LocalState local) {
        List<Difference> diffs = new ArrayList<>();
        List<ExecutionReport> repairs = new ArrayList<>();
        List<Fill> bookedRepairs = new ArrayList<>();

        Map<String, Order> localOrders = new LinkedHashMap<>();
        Map<String, String> localByVenueId = new HashMap<>();
        for (Order o : local.orders()) {
            localOrders.put(key(o.market(), o.clientOrderId()), o);
            if (o.venueOrderId() != null) {
                localByVenueId.put(venueKey(o.market(), o.symbol(), o.venueOrderId()), o.clientOrderId());
            }
        }
        // venue reports, the open list winning over single queries
        Map<String, OrderStatusReport> reports = new LinkedHashMap<>();
        for (OrderStatusReport r : venue.queried()) reports.put(key(r.market(), r.clientOrderId()), r);
        for (OrderStatusReport r : venue.openOrders()) reports.put(key(r.market(), r.clientOrderId()), r);
        Map<String, String> reportByVenueId = new HashMap<>();
        for (OrderStatusReport r : reports.values()) {
            if (r.venueOrderId() != null) {
                reportByVenueId.put(venueKey(r.market(), r.symbol(), r.venueOrderId()), r.clientOrderId());
            }
        }
        Set<String> localTrades = new HashSet<>();
        for (Fill f : local.fills()) {
            if (f.tradeId() >= 0) localTrades.add(FillReport.key(f.market(), f.symbol(), f.tradeId()));
        }

        // venue trades the engine lacks, by order (clientOrderId resolved through the order reports)
        Map<String, List<FillReport>> missing = new LinkedHashMap<>();
        Set<String> venueTrades = new HashSet<>();
        List<FillReport> sorted = new ArrayList<>(venue.fills());
        sorted.sort(Comparator.comparingLong(FillReport::time).thenComparingLong(FillReport::tradeId));
        for (FillReport f : sorted) {
            if (!scope.covers(f.market(), f.symbol())) continue;
            venueTrades.add(f.key());
            if (localTrades.contains(f.key())) continue;
            String vk = venueKey(f.market(), f.symbol(), f.venueOrderId());
            String cid = f.clientOrderId() != null ? f.clientOrderId()
                    : reportByVenueId.getOrDefault(vk, localByVenueId.get(vk));
            if (cid == null) {
                diffs.add(new Difference(Kind.FILL_MISSING_LOCALLY, f.market(), f.symbol(), null,
                        "trade " + f.tradeId() + " of venue order " + f.venueOrderId() + " (" + f.side() + " "
                                + plain(f.quantity()) + " @ " + plain(f.price()) + "): the venue does not name the order",
                        null, f, null, false));
                continue;
            }
            missing.computeIfAbsent(key(f.market(), cid), k -> new ArrayList<>()).add(f.withClientOrderId(cid));
        }

        // orders: venue reports in creation order, then orders with missing trades but no report
        List<OrderStatusReport> byCreation = new ArrayList<>(reports.values());
        byCreation.sort(Comparator.comparingLong(OrderStatusReport::createdTime));
        Set<String> handled = new HashSet<>();
        for (OrderStatusReport r : byCreation) {
            String k = key(r.market(), r.clientOrderId());
            handled.add(k);
            Order known = localOrders.get(k);
            Order snap;
            if (known == null) {
                snap = r.toOrder(OrderStatus.NEW, BigDecimal.ZERO, null, r.createdTime());
                diffs.add(new Difference(Kind.ORDER_UNKNOWN_LOCALLY, r.market(), r.symbol(), r.clientOrderId(),
                        "venue " + r.venueStatus() + " " + r.side() + " " + r.venueType() + " " + plain(r.quantity())
                                + (r.price() == null ? "" : " @ " + plain(r.price())) + ", filled "
                                + plain(r.filledQuantity()), r, null, null, true));
                repairs.add(new ExecutionReport(ExecType.NEW, snap, null, r.createdTime(), null));
            } else {
                snap = known;
            }
            snap = repairFills(snap, missing.remove(k), diffs, repairs, bookedRepairs, r.filledQuantity());
            if (known != null && known.updatedTime() > r.updatedTime()) {
                continue; // the engine heard of a later change (stream) than this venue answer: keep the engine's
            }
            snap = repairStatus(snap, r, diffs, repairs);
        }
        for (Map.Entry<String, List<FillReport>> e : missing.entrySet()) {
            Order known = localOrders.get(e.getKey());
            if (known == null) {
                for (FillReport f : e.getValue()) {
                    diffs.add(new Difference(Kind.FILL_MISSING_LOCALLY, f.market(), f.symbol(), f.clientOrderId(),
                            "trade " + f.tradeId() + " of an order neither the engine nor the venue's order answers "
                                    + "know", null, f, null, false));
                }
                continue;
            }
            handled.add(e.getKey());
            // the engine has the order (closed) but not these trades: book them, the snapshot stays the engine's
            repairFills(known, e.getValue(), diffs, repairs, bookedRepairs, null);
        }
        for (Order o : local.orders()) {
            String k = key(o.market(), o.clientOrderId());
            if (o.isOpen() && venue.unknownAtVenue().contains(k)) {
                String why = "reconciliation: the venue does not know order " + o.clientOrderId()
                        + " (it never arrived); not resubmitted";
                diffs.add(new Difference(Kind.ORDER_UNKNOWN_AT_VENUE, o.market(), o.symbol(), o.clientOrderId(),
                        "engine " + o.status() + ", venue -2013 order does not exist", null, null, null, true));
                repairs.add(new ExecutionReport(ExecType.REJECTED, o.rejected(why, venue.time()), null, venue.time(),
                        why));
            }
        }
        for (Fill f : local.fills()) {
            if (f.tradeId() < 0 || !scope.covers(f.market(), f.symbol())) continue;
            if (f.time() < scope.fillsSince() || f.time() > venue.time()) continue;
            String k = FillReport.key(f.market(), f.symbol(), f.tradeId());
            if (!venueTrades.contains(k)) {
                diffs.add(new Difference(Kind.FILL_UNKNOWN_AT_VENUE, f.market(), f.symbol(), f.clientOrderId(),
                        "booked trade " + f.tradeId() + " (" + f.side() + " " + plain(f.quantity()) + " @ "
                                + plain(f.price()) + ") is not among the venue's trades of the window", null, null,
                        null, false));
            }
        }
        comparePositions(scope, venue, local, bookedRepairs, diffs);
        return new Result(venue.time(), diffs, repairs, summary(venue.time(), diffs, repairs), null);
    }

    /**
     * Books {@code fills}; the snapshot advances by each fill while it stays within {@code venueFilled} (the venue's
     * executed quantity; {@code null}: the engine's snapshot is kept as it is).
     */
    private Order repairFills(Order snap, List<FillReport> fills, List<Difference> diffs, List<ExecutionReport> repairs,
                              List<Fill> bookedRepairs, BigDecimal venueFilled) {
        if (fills == null) return snap;
        for (FillReport f : fills) {
            List<Fill> booked = booking.book(f, snap.clientOrderId());
            if (venueFilled != null && snap.filledQuantity().add(f.quantity()).compareTo(venueFilled) <= 0) {
                if (snap.quantity().signum() == 0) snap = snap.withQuantity(f.quantity(), f.time());
                snap = snap.withFill(f.quantity(), f.price(), f.time());
            }
            for (Fill b : booked) {
                repairs.add(new ExecutionReport(ExecType.TRADE, snap, b, f.time(), null));
                bookedRepairs.add(b);
            }
            diffs.add(new Difference(Kind.FILL_MISSING_LOCALLY, f.market(), f.symbol(), f.clientOrderId(),
                    "trade " + f.tradeId() + " " + f.side() + " " + plain(f.quantity()) + " @ " + plain(f.price())
                            + " fee " + plain(f.commission()) + " " + f.commissionAsset(), null, f, null, true));
        }
        return snap;
    }

    private Order repairStatus(Order snap, OrderStatusReport r, List<Difference> diffs, List<ExecutionReport> repairs) {
        long t = Math.max(r.updatedTime(), snap.updatedTime());
        if (snap.filledQuantity().compareTo(r.filledQuantity()) != 0) {
            diffs.add(new Difference(Kind.ORDER_STATUS_DIFFERS, r.market(), r.symbol(), r.clientOrderId(),
                    "venue filled " + plain(r.filledQuantity()) + ", engine " + plain(snap.filledQuantity())
                            + " after booking the window's trades: the other trades are older than the window",
                    r, null, null, false));
            return snap;
        }
        if (snap.status() == r.status()) {
            if (r.triggered() && !snap.triggered() && snap.isOpen()) {
                Order trig = snap.withTriggered(t);
                repairs.add(new ExecutionReport(ExecType.TRIGGERED, trig, null, t, null));
                diffs.add(new Difference(Kind.ORDER_STATUS_DIFFERS, r.market(), r.symbol(), r.clientOrderId(),
                        "venue triggered, engine not yet", r, null, null, true));
                return trig;
            }
            return snap;
        }
        String detail = "engine " + snap.status() + ", venue " + r.venueStatus();
        ExecType type = switch (r.status()) {
            case CANCELED -> ExecType.CANCELED;
            case EXPIRED, EXPIRED_IN_MATCH -> ExecType.EXPIRED;
            case REJECTED -> ExecType.REJECTED;
            case NEW, PARTIALLY_FILLED, PENDING_CANCEL -> ExecType.NEW;
            case FILLED -> null;
        };
        if (type == null) {
            diffs.add(new Difference(Kind.ORDER_STATUS_DIFFERS, r.market(), r.symbol(), r.clientOrderId(),
                    detail + ": no trade to book", r, null, null, false));
            return snap;
        }
        Order fixed = snap.withStatus(r.status(), t, null);
        if (r.triggered() && !fixed.triggered()) fixed = fixed.withTriggered(t);
        String reason = type == ExecType.NEW ? null : "reconciliation: venue " + r.venueStatus();
        repairs.add(new ExecutionReport(type, type == ExecType.REJECTED ? fixed.rejected(reason, t) : fixed, null, t,
                reason));
        diffs.add(new Difference(Kind.ORDER_STATUS_DIFFERS, r.market(), r.symbol(), r.clientOrderId(),
                detail + (type == ExecType.NEW ? " (the venue still works it: reopened)" : ""), r, null, null, true));
        return fixed;
    }

    private static void comparePositions(Scope scope, VenueState venue, LocalState local, List<Fill> bookedRepairs,
                                         List<Difference> diffs) {
        List<Fill> all = new ArrayList<>(local.fills());
        all.addAll(bookedRepairs);
        // USDⓈ-M: engine position (+ repaired fills) against positionAmt
        Map<String, PositionReport> venuePos = new HashMap<>();
        for (PositionReport p : venue.positions()) venuePos.put(p.symbol() + "/" + p.positionSide(), p);
        for (Instrument i : scope.instruments()) {
            if (i.market() != Market.USDM_FUTURES) continue;
            Map<PositionSide, BigDecimal> engine = new EnumMap<>(PositionSide.class);
            for (Position p : local.positions()) {
                if (p.market() == Market.USDM_FUTURES && p.symbol().equals(i.symbol())) {
                    engine.merge(p.positionSide(), p.quantity(), BigDecimal::add);
                }
            }
            for (Fill f : bookedRepairs) {
                if (f.market() == Market.USDM_FUTURES && f.symbol().equals(i.symbol())) {
                    engine.merge(f.positionSide(), signed(f), BigDecimal::add);
                }
            }
            for (PositionSide ps : PositionSide.values()) {
                PositionReport v = venuePos.get(i.symbol() + "/" + ps);
                BigDecimal venueQty = v == null ? BigDecimal.ZERO : v.quantity();
                BigDecimal engineQty = engine.getOrDefault(ps, BigDecimal.ZERO);
                if (venueQty.compareTo(engineQty) != 0) {
                    diffs.add(new Difference(Kind.POSITION_MISMATCH, Market.USDM_FUTURES, i.symbol(), null,
                            ps + " position: engine " + plain(engineQty) + ", venue " + plain(venueQty), null, null,
                            v, false));
                }
            }
        }
        // spot: balance changes since the baseline against what the booked fills moved
        if (local.spotBaseline().isEmpty() || venue.spotBalances().isEmpty()) return;
        Map<String, BigDecimal> quoteMoves = new TreeMap<>();
        for (Instrument i : scope.instruments()) {
            if (i.market() != Market.SPOT) continue;
            BigDecimal base = BigDecimal.ZERO;
            for (Fill f : all) {
                if (f.market() != Market.SPOT || !f.symbol().equals(i.symbol())) continue;
                base = base.add(signed(f));
                BigDecimal cash = f.side() == Side.BUY ? f.notional().negate() : f.notional();
                if (f.commissionAsset().equals(i.quoteAsset())) cash = cash.subtract(f.commission());
                quoteMoves.merge(i.quoteAsset(), cash, BigDecimal::add);
            }
            BigDecimal venueChange = change(venue.spotBalances(), local.spotBaseline(), i.baseAsset());
            if (venueChange.compareTo(base) != 0) {
                diffs.add(new Difference(Kind.POSITION_MISMATCH, Market.SPOT, i.symbol(), null,
                        i.baseAsset() + " since the baseline: engine fills " + plain(base) + ", venue balance "
                                + plain(venueChange), null, null, null, false));
            }
        }
        for (Map.Entry<String, BigDecimal> q : quoteMoves.entrySet()) {
            BigDecimal venueChange = change(venue.spotBalances(), local.spotBaseline(), q.getKey());
            if (venueChange.compareTo(q.getValue()) != 0) {
                diffs.add(new Difference(Kind.BALANCE_MISMATCH, Market.SPOT, q.getKey(), null,
                        q.getKey() + " since the baseline: engine fills " + plain(q.getValue()) + ", venue balance "
                                + plain(venueChange), null, null, null, false));
            }
        }
    }

    private static BigDecimal change(Map<String, BigDecimal> now, Map<String, BigDecimal> base, String asset) {
        return now.getOrDefault(asset, BigDecimal.ZERO).subtract(base.getOrDefault(asset, BigDecimal.ZERO));
    }

    private static BigDecimal signed(Fill f) {
        return f.side() == Side.BUY ? f.quantity() : f.quantity().negate();
    }

    private static String summary(long time, Collection<Difference> diffs, List<ExecutionReport> repairs) {
        if (diffs.isEmpty()) {
            return "reconciliation at " + java.time.Instant.ofEpochMilli(time) + ": engine and venue agree";
        }
        Map<Kind, Integer> counts = new EnumMap<>(Kind.class);
        long unresolved = 0;
        for (Difference d : diffs) {
            counts.merge(d.kind(), 1, Integer::sum);
            if (!d.repaired()) unresolved++;
        }
        StringBuilder sb = new StringBuilder("reconciliation at ").append(java.time.Instant.ofEpochMilli(time))
                .append(": ").append(diffs.size()).append(" difference(s), ").append(diffs.size() - unresolved)
                .append(" repaired by ").append(repairs.size()).append(" report(s), ").append(unresolved)
                .append(" UNRESOLVED; ");
        counts.forEach((k, n) -> sb.append(k).append(' ').append(n).append(", "));
        sb.setLength(sb.length() - 2);
        for (Difference d : diffs) sb.append("\n  ").append(d);
        return sb.toString();
    }

    private static String plain(BigDecimal d) {
        return d == null ? "null" : d.stripTrailingZeros().toPlainString();
    }

    /** {@code MARKET:clientOrderId}. */
    static String key(Market market, String clientOrderId) {
        return market + ":" + clientOrderId;
    }

    private static String venueKey(Market market, String symbol, String venueOrderId) {
        return market + ":" + symbol + ":" + venueOrderId;
    }
}
