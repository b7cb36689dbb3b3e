package dev.pennant.core.exchange.binance;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Keeps Pennant's REST traffic to one Binance market below the limits the exchange announces in exchangeInfo
 * {@code rateLimits}, so it never sees a 429 in normal operation and never a 418 (IP ban).
 *
 * <p>Source: Binance spot "LIMITS" / USDⓈ-M "Limits": weight and order counts are kept per fixed window
 * ({@code intervalNum} × {@code interval}); every response reports the server's count in
 * {@code X-MBX-USED-WEIGHT-(intervalNum)(intervalLetter)} and, for orders, {@code X-MBX-ORDER-COUNT-...}; over the limit
 * the server answers 429 with {@code Retry-After} (seconds), and clients that keep sending after a 429 get 418.
 *
 * <p>How it works: before a request the caller reserves its cost ({@link #tryAcquire}, or the blocking
 * {@link #acquire}). The governor counts reservations per window and takes the larger of its count and the server's
 * header count after each response ({@link #onResponse}), which also catches weight used by other programs on the
 * same IP. Each {@link Priority} may use a share of {@code safety × limit}: orders up to the full safety margin
 * (default 90 %), account calls up to 95 % of that, market data 85 %, background work 60 % — so background work is
 * shed first and market data queues before orders are affected. After a 429/418 nothing at all is let through until
 * {@code Retry-After} has passed.
 *
 * <p>Thread-safe (all state under the instance lock). The clock is injected (epoch ms); so is the sleeper used by
 * {@link #acquire}.
 */
public final class WeightGovernor {

    /** Request priority, highest first. */
    public enum Priority {
        /** Placing and cancelling orders. */
        ORDER(1.0),
        /** Account, balances, positions, listenKey. */
        ACCOUNT(0.95),
        /** Klines backfill, depth snapshots, tickers the UI shows. */
        MARKET_DATA(0.85),
        /** exchangeInfo refreshes, history downloads: shed when the budget is tight. */
        BACKGROUND(0.60);

        private final double share;

        Priority(double share) {
            this.share = share;
        }

        /** Fraction of the safety budget this priority may fill. */
        public double share() {
            return share;
        }
    }

    /**
     * The governor's answer to a reservation.
     *
     * @param kind      GO (reserved: send now), WAIT (try again at {@code retryAt}), SHED (dropped: low priority and
     *                  the budget is tight; the caller should skip or reschedule the work)
     * @param retryAt   for WAIT/SHED, the earliest time the request could go, epoch ms; 0 for GO
     * @param reason    for WAIT/SHED, which limit binds, e.g. {@code REQUEST_WEIGHT 5400/6000 per 1M}
     */
    public record Decision(Kind kind, long retryAt, String reason) {
        /** See {@link Decision}. */
        public enum Kind { GO, WAIT, SHED }

        static final Decision GO = new Decision(Kind.GO, 0, "");

        /** True for GO. */
        public boolean granted() {
            return kind == Kind.GO;
        }
    }

    /** Sleeps until an epoch-ms instant (tests pass one that advances a fake clock). */
    @FunctionalInterface
    public interface Sleeper {
        /** Returns at or after {@code epochMillis} by the governor's clock. */
        void sleepUntil(long epochMillis) throws InterruptedException;
    }

    /** Thrown by {@link #acquire} when a request is shed or cannot go within its time limit. */
    public static final class ThrottledException extends Exception {
        private final Decision decision;

        ThrottledException(Decision decision) {
            super("request not sent (" + decision.kind() + "): " + decision.reason());
            this.decision = decision;
        }

        /** The last decision. */
        public Decision decision() {
            return decision;
        }
    }

    /**
     * Usage of one limit for the status bar.
     *
     * @param limit the limit
     * @param used  weight/orders counted in the current window
     */
    public record Usage(RateLimit limit, int used) {
    }

    private static final class Counter {
        final RateLimit limit;
        long windowStart = Long.MIN_VALUE;
        int used;

        Counter(RateLimit limit) {
            this.limit = limit;
        }

        void roll(long now) {
            long w = limit.windowMillis();
            long start = Math.floorDiv(now, w) * w;
            if (start != windowStart) {
                windowStart = start;
                used = 0;
            }
        }

        long windowEnd() {
            return windowStart + limit.windowMillis();
        }
    }

    private final LongSupplier clock;
    private final Sleeper sleeper;
    private final double safety;
    private final List<Counter> counters = new ArrayList<>();
    private final int[] waiting = new int[Priority.values().length];
    private long backoffUntil;
    private boolean banned;
    private int throttledResponses;

    /**
     * @param limits exchangeInfo {@code rateLimits} of the market
     * @param clock  epoch ms
     * @param sleeper used by {@link #acquire}
     * @param safety fraction of each limit the governor lets Pennant use, e.g. 0.9
     * @throws IllegalArgumentException unless 0 < safety ≤ 1
     */
    public WeightGovernor(List<RateLimit> limits, LongSupplier clock, Sleeper sleeper, double safety) {
        if (!(safety > 0 && safety <= 1)) throw new IllegalArgumentException("safety must be in (0, 1], was " + safety);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.safety = safety;
        setLimits(limits);
    }

    /** With a 90 % safety margin and a real sleeper ({@link Thread#sleep}). */
    public WeightGovernor(List<RateLimit> limits, LongSupplier clock) {
        this(limits, clock, until -> {
            long d = until - clock.getAsLong();
            if (d > 0) Thread.sleep(d);
        }, 0.9);
    }

    /** Replaces the limits (after an exchangeInfo refresh); counts in the current windows are kept where they match. */
    public synchronized void setLimits(List<RateLimit> limits) {
        List<Counter> old = new ArrayList<>(counters);
        counters.clear();
        for (RateLimit l : limits) {
            Counter c = new Counter(l);
            for (Counter o : old) {
                if (o.limit.type().equals(l.type()) && o.limit.windowMillis() == l.windowMillis()) {
                    c.windowStart = o.windowStart;
                    c.used = o.used;
                }
            }
            counters.add(c);
        }
    }

    /** Reserves the documented cost of an endpoint (see {@link EndpointWeights}). */
    public Decision tryAcquire(EndpointWeights.Cost cost, Priority priority) {
        return tryAcquire(cost.weight(), cost.orderCount() > 0, priority);
    }

    /**
     * Reserves {@code weight} (and one order when {@code order}) if the budget of {@code priority} allows it now.
     * Never blocks.
     *
     * @return GO (reserved), WAIT or SHED (nothing reserved)
     */
    public synchronized Decision tryAcquire(int weight, boolean order, Priority priority) {
        long now = clock.getAsLong();
        if (now < backoffUntil) {
            return new Decision(Decision.Kind.WAIT, backoffUntil,
                    (banned ? "IP banned (418)" : "backing off after 429") + " until " + backoffUntil);
        }
        for (Priority p : Priority.values()) {
            if (p.ordinal() < priority.ordinal() && waiting[p.ordinal()] > 0) {
                return new Decision(Decision.Kind.WAIT, now + 1, "a " + p + " request is waiting");
            }
        }
        long retryAt = 0;
        String reason = null;
        for (Counter c : counters) {
            c.roll(now);
            int add = switch (c.limit.type()) {
                case "REQUEST_WEIGHT" -> weight;
                case "ORDERS" -> order ? 1 : 0;
                case "RAW_REQUESTS" -> 1;
                default -> 0;
            };
            if (add == 0) continue;
            double share = c.limit.type().equals("ORDERS") ? 1.0 : priority.share();
            long budget = (long) Math.floor(c.limit.limit() * safety * share);
            if (c.used + add > budget) {
                if (c.windowEnd() > retryAt) {
                    retryAt = c.windowEnd();
                    reason = c.limit.type() + " " + c.used + "/" + c.limit.limit() + " per " + c.limit.headerSuffix()
                            + " (" + priority + " budget " + budget + ")";
                }
            }
        }
        if (reason != null) {
            return new Decision(priority == Priority.BACKGROUND ? Decision.Kind.SHED : Decision.Kind.WAIT, retryAt, reason);
        }
        for (Counter c : counters) {
            c.used += switch (c.limit.type()) {
                case "REQUEST_WEIGHT" -> weight;
                case "ORDERS" -> order ? 1 : 0;
                case "RAW_REQUESTS" -> 1;
                default -> 0;
            };
        }
        return Decision.GO;
    }

    /**
     * Reserves, waiting (with the injected sleeper) while the answer is WAIT; higher priorities that are waiting go
     * first.
     *
     * @param maxWaitMillis give up when the request could not go before now + this
     * @throws ThrottledException   when shed, or when it would have to wait longer than {@code maxWaitMillis}
     * @throws InterruptedException when interrupted while waiting
     */
    public void acquire(int weight, boolean order, Priority priority, long maxWaitMillis)
            throws ThrottledException, InterruptedException {
        long deadline = clock.getAsLong() + maxWaitMillis;
        boolean registered = false;
        try {
            while (true) {
                Decision d;
                synchronized (this) {
                    if (registered) waiting[priority.ordinal()]--;
                    registered = false;
                    d = tryAcquire(weight, order, priority);
                    if (d.kind() == Decision.Kind.WAIT && d.retryAt() <= deadline) {
                        waiting[priority.ordinal()]++;
                        registered = true;
                    }
                }
                if (d.granted()) return;
                if (!registered) throw new ThrottledException(d);
                sleeper.sleepUntil(d.retryAt());
            }
        } finally {
            if (registered) {
                synchronized (this) {
                    waiting[priority.ordinal()]--;
                }
            }
        }
    }

    /**
     * Learns from a response: the usage headers (case-insensitive lookup through {@code header}) and, for 429/418,
     * {@code Retry-After}.
     *
     * @param httpStatus the HTTP status
     * @param header     header name → value, or {@code null} when absent
     */
    public synchronized void onResponse(int httpStatus, Function<String, String> header) {
        long now = clock.getAsLong();
        for (Counter c : counters) {
            String name = c.limit.headerName();
            if (name == null) continue;
            String v = header.apply(name);
            if (v == null) v = header.apply(name.toLowerCase(Locale.ROOT));
            if (v == null) continue;
            try {
                int server = Integer.parseInt(v.trim());
                c.roll(now);
                c.used = Math.max(c.used, server);
            } catch (NumberFormatException ignored) {
                // a malformed header is ignored; local counting still applies
            }
        }
        if (httpStatus == 429 || httpStatus == 418) {
            throttledResponses++;
            banned |= httpStatus == 418;
            long until = 0;
            String ra = header.apply("Retry-After");
            if (ra == null) ra = header.apply("retry-after");
            if (ra != null) {
                try {
                    until = now + Long.parseLong(ra.trim()) * 1000L;
                } catch (NumberFormatException ignored) {
                    // fall back to the end of the weight window below
                }
            }
            if (until == 0) {
                until = now + 60_000;
                for (Counter c : counters) {
                    c.roll(now);
                    if (c.limit.type().equals("REQUEST_WEIGHT")) until = Math.max(until, c.windowEnd());
                }
            }
            backoffUntil = Math.max(backoffUntil, until);
        }
    }

    /** Until when nothing is sent after a 429/418, epoch ms (0 = never throttled). */
    public synchronized long backoffUntil() {
        return backoffUntil;
    }

    /** How many 429/418 answers were reported through {@link #onResponse}. */
    public synchronized int throttledResponses() {
        return throttledResponses;
    }

    /** Usage of every limit in its current window. */
    public synchronized List<Usage> usage() {
        long now = clock.getAsLong();
        List<Usage> out = new ArrayList<>();
        for (Counter c : counters) {
            c.roll(now);
            out.add(new Usage(c.limit, c.used));
        }
        return out;
    }
}
