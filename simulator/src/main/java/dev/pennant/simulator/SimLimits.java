package dev.pennant.simulator;

import dev.pennant.core.exchange.binance.RateLimit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Request-weight and order-count accounting of one market, as Binance does it: REQUEST_WEIGHT per IP in fixed
 * windows (the exchangeInfo {@code rateLimits}, or a configured override), ORDERS per account. Over the weight limit
 * the answer is 429 -1003 with {@code Retry-After} (seconds to the end of the window); an IP that sends
 * {@value #HAMMER_LIMIT} more requests before that time is banned: 418 -1003 "banned until", 2 minutes, doubling on
 * each further ban. Thread-safe.
 */
final class SimLimits {
    static final int HAMMER_LIMIT = 3;

    private final String name;
    private final int weightLimit;
    private final long weightWindow;
    private final String weightHeader;
    private final List<RateLimit> orderLimits;
    private final Map<String, Ip> ips = new HashMap<>();
    private final Map<String, long[][]> orders = new HashMap<>(); // account -> per limit {windowStart, count}

    private static final class Ip {
        long windowStart;
        int used;
        long retryUntil;
        int hammer;
        long bannedUntil;
        long banMillis = 120_000;
    }

    SimLimits(String name, List<RateLimit> rateLimits, Integer weightOverride) {
        this.name = name;
        RateLimit w = rateLimits.stream().filter(r -> r.type().equals("REQUEST_WEIGHT")).findFirst()
                .orElse(new RateLimit("REQUEST_WEIGHT", "MINUTE", 1, 6000));
        this.weightLimit = weightOverride != null ? weightOverride : w.limit();
        this.weightWindow = w.windowMillis();
        this.weightHeader = w.headerName();
        List<RateLimit> ol = new ArrayList<>();
        for (RateLimit r : rateLimits) if (r.type().equals("ORDERS")) ol.add(r);
        this.orderLimits = List.copyOf(ol);
    }

    String weightHeader() {
        return weightHeader;
    }

    int weightLimit() {
        return weightLimit;
    }

    /** Adds {@code weight} for {@code ip}; returns the weight used in the window. @throws SimException 429 / 418 */
    synchronized int charge(String ip, int weight, long now) {
        Ip s = ips.computeIfAbsent(ip, k -> new Ip());
        if (now < s.bannedUntil) {
            throw new SimException(418, -1003, "Way too much request weight used; IP banned until " + s.bannedUntil
                    + ". Please use WebSocket Streams for live updates to avoid bans.", secondsUntil(s.bannedUntil, now));
        }
        if (now < s.retryUntil) {
            if (++s.hammer >= HAMMER_LIMIT) {
                s.bannedUntil = now + s.banMillis;
                s.banMillis = Math.min(s.banMillis * 2, 3 * 86_400_000L);
                s.hammer = 0;
                throw new SimException(418, -1003, "Way too much request weight used; IP banned until " + s.bannedUntil
                        + ". Please use WebSocket Streams for live updates to avoid bans.", secondsUntil(s.bannedUntil, now));
            }
        }
        long start = now - Math.floorMod(now, weightWindow);
        if (start != s.windowStart) {
            s.windowStart = start;
            s.used = 0;
        }
        s.used += weight;
        if (s.used > weightLimit) {
            long end = start + weightWindow;
            if (s.retryUntil < end) s.retryUntil = end;
            throw new SimException(429, -1003, "Too much request weight used; current limit is " + weightLimit
                    + " request weight per " + (weightWindow % 60_000 == 0 ? weightWindow / 60_000 + " MINUTE"
                    : weightWindow / 1000 + " SECOND") + ". Please use WebSocket Streams for live"
                    + " updates to avoid polling the API.", secondsUntil(end, now));
        }
        return s.used;
    }

    synchronized int used(String ip, long now) {
        Ip s = ips.get(ip);
        if (s == null || s.windowStart != now - Math.floorMod(now, weightWindow)) return 0;
        return s.used;
    }

    /** Counts one new order of {@code account}; returns header name → count. @throws SimException 429 -1015 */
    synchronized Map<String, Integer> chargeOrder(String account, long now) {
        long[][] w = orders.computeIfAbsent(account, k -> new long[orderLimits.size()][2]);
        Map<String, Integer> headers = new HashMap<>();
        for (int i = 0; i < orderLimits.size(); i++) {
            RateLimit r = orderLimits.get(i);
            long start = now - Math.floorMod(now, r.windowMillis());
            if (w[i][0] != start) {
                w[i][0] = start;
                w[i][1] = 0;
            }
            if (w[i][1] + 1 > r.limit()) {
                throw new SimException(429, -1015, "Too many new orders; current limit is " + r.limit() + " orders per "
                        + r.intervalNum() + " " + r.interval() + ".", secondsUntil(start + r.windowMillis(), now));
            }
        }
        for (int i = 0; i < orderLimits.size(); i++) {
            w[i][1]++;
            headers.put(orderLimits.get(i).headerName(), (int) w[i][1]);
        }
        return headers;
    }

    private static long secondsUntil(long t, long now) {
        return Math.max(1, (t - now + 999) / 1000);
    }

    @Override
    public String toString() {
        return "SimLimits[" + name + ", " + weightLimit + "/" + weightWindow + "ms]";
    }
}
